#include "app/outbox.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace markaz::app {
namespace {

/// After the first try: the waits before the second and the third.
constexpr std::array<std::chrono::seconds, 2> kRetries{std::chrono::seconds{30},
                                                       std::chrono::seconds{120}};

}  // namespace

Outbox::Outbox(Log log) : log_(std::move(log)) {
    thread_ = std::thread([this] { run(); });
}

Outbox::~Outbox() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Outbox::post(std::string what, Attempt attempt) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(
            {std::move(what), std::move(attempt), 0, std::chrono::steady_clock::now()});
    }
    wake_.notify_all();
}

void Outbox::run() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
        if (queue_.empty()) {
            wake_.wait(lock);
            continue;
        }
        auto next = std::min_element(queue_.begin(), queue_.end(),
                                     [](const auto& a, const auto& b) { return a.due < b.due; });
        if (next->due > std::chrono::steady_clock::now()) {
            wake_.wait_until(lock, next->due);
            continue;
        }
        Delivery delivery = std::move(*next);
        queue_.erase(next);
        lock.unlock();
        auto done = delivery.attempt();
        const auto attempt = static_cast<std::size_t>(delivery.attempts);
        if (done) {
            log_(fmt::format("{}: sent", delivery.what));
        } else if (attempt < kRetries.size()) {
            log_(fmt::format("{}: failed, tried again in {} s: {}", delivery.what,
                             kRetries[attempt].count(), done.error().message));
            delivery.due = std::chrono::steady_clock::now() + kRetries[attempt];
            ++delivery.attempts;
            lock.lock();
            queue_.push_back(std::move(delivery));
            continue;
        } else {
            log_(fmt::format("{}: given up after {} tries: {}", delivery.what, attempt + 1,
                             done.error().message));
        }
        lock.lock();
    }
}

}  // namespace markaz::app
