#include "app/mail_outbox.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace markaz::app {
namespace {

/// After the first try: the waits before the second and the third.
constexpr std::array<std::chrono::seconds, 2> kRetries{std::chrono::seconds{30},
                                                       std::chrono::seconds{120}};

}  // namespace

MailOutbox::MailOutbox(mail::SmtpSettings settings, Log log, Send send)
    : settings_(std::move(settings)), log_(std::move(log)), send_(std::move(send)) {
    thread_ = std::thread([this] { run(); });
}

MailOutbox::~MailOutbox() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void MailOutbox::post(mail::MailMessage message, WallTime at) {
    message.from = settings_.from;
    {
        std::lock_guard lock(mutex_);
        // The Message-ID: the time it tells of, then a count.
        const std::string id =
            fmt::format("markaz-{}-{}", at.time_since_epoch().count(), next_id_++);
        letters_.push_back({std::move(message), at, id, 0, std::chrono::steady_clock::now()});
    }
    wake_.notify_all();
}

void MailOutbox::run() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
        if (letters_.empty()) {
            wake_.wait(lock);
            continue;
        }
        auto next =
            std::min_element(letters_.begin(), letters_.end(),
                             [](const Letter& a, const Letter& b) { return a.due < b.due; });
        if (next->due > std::chrono::steady_clock::now()) {
            wake_.wait_until(lock, next->due);
            continue;
        }
        Letter letter = std::move(*next);
        letters_.erase(next);
        lock.unlock();
        auto sent = send_(settings_, letter.message, letter.at, letter.id);
        std::string to;
        for (const std::string& address : letter.message.to) {
            to += (to.empty() ? "" : ", ") + address;
        }
        const auto attempt = static_cast<std::size_t>(letter.attempts);
        if (sent) {
            log_(fmt::format("mail: sent to {}", to));
        } else if (attempt < kRetries.size()) {
            log_(fmt::format("mail: to {} failed, tried again in {} s: {}", to,
                             kRetries[attempt].count(), sent.error().message));
            letter.due = std::chrono::steady_clock::now() + kRetries[attempt];
            ++letter.attempts;
            lock.lock();
            letters_.push_back(std::move(letter));
            continue;
        } else {
            log_(fmt::format("mail: to {} given up after {} tries: {}", to, attempt + 1,
                             sent.error().message));
        }
        lock.lock();
    }
}

}  // namespace markaz::app
