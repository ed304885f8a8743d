#include "app/live_center.h"

#include <future>
#include <stdexcept>

namespace markaz::app {
namespace {

constexpr Duration kPatience = std::chrono::seconds(5);

}  // namespace

LiveCenter::LiveCenter(CoreLoop& loop, const config::ServerConfig& config)
    : loop_(loop),
      config_(config),
      events_(loop.view().subscribe([this](const acd::Event&) { ++generation_; })),
      call_changes_(loop.view().watch_calls([this](const CallId&) { ++generation_; })) {}

template <class T>
T LiveCenter::current(Copy<T>& copy, std::function<T(Switchboard&, Now)> work) const {
    // The count is read before asking: an event that lands while the copy is made leaves the
    // copy older than the count, so the next read asks again.
    const std::uint64_t generation = generation_.load();
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(copy.mutex);
        if (copy.value && copy.generation == generation && now - copy.taken < kFreshness) {
            return *copy.value;
        }
    }
    T fresh = must_ask<T>(std::move(work));
    std::lock_guard lock(copy.mutex);
    copy.value = fresh;
    copy.generation = generation;
    copy.taken = now;
    return fresh;
}

template <class T>
Result<T> LiveCenter::ask(std::function<T(Switchboard&, Now)> work, Duration patience) const {
    // Only the job holds the promise: a job dropped by a stopping loop breaks it, and the
    // future says so at once instead of waiting out `patience`.
    auto promise = std::make_shared<std::promise<T>>();
    std::future<T> answer = promise->get_future();
    loop_.post([promise = std::move(promise), work = std::move(work)](
                   Switchboard& board, Now now) mutable { promise->set_value(work(board, now)); });
    if (answer.wait_for(patience) != std::future_status::ready) {
        return fail(Errc::Unavailable, "the core loop did not answer in time");
    }
    try {
        return answer.get();
    } catch (const std::future_error&) {
        return fail(Errc::Unavailable, "the server is stopping");
    }
}

template <class T>
T LiveCenter::must_ask(std::function<T(Switchboard&, Now)> work) const {
    auto answer = ask<T>(std::move(work), kPatience);
    if (!answer) {
        throw std::runtime_error(answer.error().message);
    }
    return std::move(*answer);
}

Result<void> LiveCenter::command(const acd::Command& command) {
    auto done = ask<Result<void>>(
        [command](Switchboard& board, Now now) { return board.command(command, now); }, kPatience);
    ++generation_;  // even a refused command: the next read asks the core loop
    if (!done) {
        return fail(done.error());
    }
    return *done;
}

Result<void> LiveCenter::hold(const CallId& call, bool on_hold, const std::string& by) {
    auto done = ask<Result<void>>(
        [call, on_hold, by](Switchboard& board, Now now) {
            return board.hold_call(call, on_hold, by, now);
        },
        kPatience);
    ++generation_;
    if (!done) {
        return fail(done.error());
    }
    return *done;
}

Result<void> LiveCenter::pause_recording(const CallId& call, bool paused, const std::string& by) {
    auto done = ask<Result<void>>(
        [call, paused, by](Switchboard& board, Now now) {
            return board.pause_recording(call, paused, by, now);
        },
        kPatience);
    ++generation_;
    if (!done) {
        return fail(done.error());
    }
    return *done;
}

Result<void> LiveCenter::monitor(const CallId& call, const std::string& extension,
                                 api::MonitorMode mode, const std::string& by) {
    auto done = ask<Result<void>>(
        [call, extension, mode, by](Switchboard& board, Now now) {
            return board.monitor(call, extension, mode, by, now);
        },
        kPatience);
    if (!done) {
        return fail(done.error());
    }
    return *done;
}

stats::LiveSnapshot LiveCenter::live() const {
    return current<stats::LiveSnapshot>(
        live_, [](Switchboard& board, Now now) { return board.view().live(now.wall); });
}

std::vector<api::LiveCall> LiveCenter::calls() const {
    return current<std::vector<api::LiveCall>>(
        calls_, [](Switchboard& board, Now) { return board.view().book().calls(board.router()); });
}

std::vector<acd::AgentSnapshot> LiveCenter::agents() const {
    return current<std::vector<acd::AgentSnapshot>>(agents_, [](Switchboard& board, Now) {
        std::vector<acd::AgentSnapshot> out;
        for (const acd::AgentConfig& agent : board.router().config().agents) {
            if (auto snapshot = board.router().agent(agent.id)) {
                out.push_back(*snapshot);
            }
        }
        return out;
    });
}

acd::RouterConfig LiveCenter::router_config() const {
    return config_.router;  // fixed for the server's life: reconfigure() is not offered
}

Result<store::SqliteStore*> LiveCenter::store() const {
    if (!store_) {
        auto opened = store::SqliteStore::open(config_.store);
        if (!opened) {
            return fail(opened.error());
        }
        store_.emplace(std::move(*opened));
    }
    return &*store_;
}

Result<std::vector<acd::Event>> LiveCenter::call_events(const CallId& call) const {
    std::lock_guard lock(store_mutex_);
    auto db = store();
    if (!db) {
        return fail(db.error());
    }
    auto events = (*db)->events_of_call(call);
    if (!events) {
        return fail(events.error());
    }
    if (events->empty()) {
        return fail(Errc::NotFound, "call '" + call.str() + "' is unknown");
    }
    return events;
}

std::shared_ptr<void> LiveCenter::subscribe(std::function<void(const acd::Event&)> listener) {
    return loop_.view().subscribe(std::move(listener));
}

std::shared_ptr<void> LiveCenter::watch_calls(std::function<void(const CallId&)> listener) {
    return loop_.view().watch_calls(std::move(listener));
}

Result<api::TodayIntervals> LiveCenter::today_intervals() const {
    return ask<api::TodayIntervals>(
        [](Switchboard& board, Now now) { return board.view().today(now.wall); }, kPatience);
}

Result<std::vector<alerts::AlertEntry>> LiveCenter::alerts() const {
    return ask<std::vector<alerts::AlertEntry>>(
        [](Switchboard& board, Now) {
            const auto& entries = board.view().alert_book().entries();
            return std::vector<alerts::AlertEntry>(entries.begin(), entries.end());
        },
        kPatience);
}

Result<alerts::AlertEntry> LiveCenter::acknowledge_alert(std::uint64_t id, const std::string& by) {
    auto done = ask<Result<alerts::AlertEntry>>(
        [id, by](Switchboard& board, Now now) {
            auto done = board.view().acknowledge_alert(id, by, now.wall);
            if (done) {
                board.keep_alert(*done);
            }
            return done;
        },
        kPatience);
    if (!done) {
        return fail(done.error());
    }
    return std::move(*done);
}

void LiveCenter::note_qa_marks(std::map<std::int64_t, std::optional<alerts::QaMark>> marks) {
    // Waited for, so a rule evaluated after the API's answer counts the evaluation.
    (void)ask<bool>(
        [marks = std::move(marks)](Switchboard& board, Now) {
            board.view().note_qa_marks(marks);
            return true;
        },
        kPatience);
}

Result<void> LiveCenter::replace_alert_rules(std::vector<alerts::AlertRule> rules) {
    auto done = ask<bool>(
        [rules = std::move(rules)](Switchboard& board, Now now) mutable {
            board.view().replace_alert_rules(std::move(rules), now.wall);
            for (const alerts::AlertEntry& e : board.view().alerts_touched()) {
                board.keep_alert(e);
            }
            return true;
        },
        kPatience);
    if (!done) {
        return fail(done.error());
    }
    return {};
}

std::vector<api::ReadinessCheck> LiveCenter::readiness() const {
    std::vector<api::ReadinessCheck> checks;
    auto core = ask<bool>([](Switchboard&, Now) { return true; }, std::chrono::seconds(1));
    checks.push_back({"core", core ? "ok" : "fail: " + core.error().message});
    std::lock_guard lock(store_mutex_);
    auto db = store();
    checks.push_back({"store", db ? "ok" : "fail: " + db.error().message});
    return checks;
}

}  // namespace markaz::app
