#include "app/store_worker.h"

#include <filesystem>

#include <fmt/format.h>

namespace markaz::app {

namespace {

constexpr auto kFirstRetention = std::chrono::minutes(1);
constexpr auto kRetentionEvery = std::chrono::hours(24);
/// How often the reports' quarter hour in progress is written: how far behind now a report of
/// today may be.
constexpr auto kOpenRollupsEvery = std::chrono::seconds(5);

WallTime wall_now() {
    return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

}  // namespace

Result<std::unique_ptr<StoreWorker>> StoreWorker::start(const std::string& path, Log log,
                                                        config::RetentionSettings retention,
                                                        std::optional<stats::StatsConfig> reports) {
    auto events = store::SqliteStore::open(path);
    if (!events) {
        return fail(events.error());
    }
    std::unique_ptr<store::RollupWriter> rollups;
    if (reports) {
        const auto started = std::chrono::steady_clock::now();
        auto writer = store::RollupWriter::open(path, *events, std::move(*reports));
        if (!writer) {
            return fail(writer.error());
        }
        rollups = std::move(*writer);
        // Today's report right away, not 5 s after the start.
        if (auto written = rollups->write_open(wall_now()); !written) {
            return fail(written.error());
        }
        const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - started);
        if (took > std::chrono::seconds(1)) {
            log(fmt::format("store: reports' rollups caught up with the event log in {} ms",
                            took.count()));
        }
    }
    auto calls = store::CallLog::open(path);
    if (!calls) {
        return fail(calls.error());
    }
    auto closed = calls->close_open();
    if (!closed) {
        return fail(closed.error());
    }
    if (*closed > 0) {
        log(fmt::format("store: {} call record(s) left open by the last run closed", *closed));
    }
    return std::unique_ptr<StoreWorker>(new StoreWorker(std::move(*events), std::move(*calls),
                                                        std::move(rollups), std::move(log),
                                                        std::move(retention)));
}

StoreWorker::StoreWorker(store::SqliteStore events, store::CallLog calls,
                         std::unique_ptr<store::RollupWriter> rollups, Log log,
                         config::RetentionSettings retention)
    : events_(std::move(events)),
      calls_(std::move(calls)),
      rollups_(std::move(rollups)),
      log_(std::move(log)),
      retention_(std::move(retention)),
      next_retention_(std::chrono::steady_clock::now() + kFirstRetention),
      next_open_rollups_(std::chrono::steady_clock::now() + kOpenRollupsEvery) {
    thread_ = std::thread([this] { run(); });
}

StoreWorker::~StoreWorker() {
    {
        std::lock_guard lock{mutex_};
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void StoreWorker::post(Job job, std::vector<acd::Event> events) {
    {
        std::lock_guard lock{mutex_};
        if (job) {
            jobs_.push_back(std::move(job));
        }
        pending_events_.insert(pending_events_.end(), std::make_move_iterator(events.begin()),
                               std::make_move_iterator(events.end()));
    }
    wake_.notify_one();
}

void StoreWorker::run() {
    std::unique_lock lock{mutex_};
    auto has_work = [this] { return stop_ || !jobs_.empty() || !pending_events_.empty(); };
    for (;;) {
        if (!retention_.expires() && !rollups_) {
            wake_.wait(lock, has_work);
        } else {
            auto next = std::chrono::steady_clock::time_point::max();
            if (retention_.expires()) {
                next = next_retention_;
            }
            if (rollups_) {
                next = std::min(next, next_open_rollups_);
            }
            if (!wake_.wait_until(lock, next, has_work)) {
                lock.unlock();
                run_timers();
                lock.lock();
                continue;
            }
        }
        if (jobs_.empty() && pending_events_.empty()) {
            return;  // stopping, and everything is written
        }
        std::deque<Job> jobs;
        std::vector<acd::Event> events;
        jobs.swap(jobs_);
        events.swap(pending_events_);
        busy_ = true;
        lock.unlock();
        // Events first: a record or a callback refers to events that are then on disk too.
        if (auto ok = events_.append(events); !ok) {
            log_("store: " + ok.error().message);
        } else if (rollups_ && !events.empty()) {
            fold_into_rollups(events);
        }
        std::vector<Completion> completions;
        Result<void> committed =
            jobs.empty() ? Result<void>{} : calls_.in_transaction([&]() -> Result<void> {
                for (Job& job : jobs) {
                    if (Completion done = job(calls_)) {
                        completions.push_back(std::move(done));
                    }
                }
                return {};
            });
        if (!committed) {
            log_("store: " + committed.error().message);
        }
        for (Completion& done : completions) {
            done(committed);
        }
        lock.lock();
        busy_ = false;
        idle_.notify_all();
    }
}

void StoreWorker::fold_into_rollups(const std::vector<acd::Event>& events) {
    auto last = events_.last_seq();
    auto folded = last ? rollups_->apply(events, *last) : Result<void>(fail(last.error()));
    if (!folded) {
        // The events are safe in the log; the next start folds them again from there.
        log_("store: reports: " + folded.error().message);
    }
}

void StoreWorker::run_timers() {
    const auto now = std::chrono::steady_clock::now();
    if (rollups_ && now >= next_open_rollups_) {
        next_open_rollups_ = now + kOpenRollupsEvery;
        if (auto written = rollups_->write_open(wall_now()); !written) {
            log_("store: reports: " + written.error().message);
        }
    }
    if (retention_.expires() && now >= next_retention_) {
        next_retention_ += kRetentionEvery;
        expire_recordings(wall_now());
    }
}

void StoreWorker::expire_recordings(WallTime now) {
    post([this, now](store::CallLog& log) -> Completion {
        auto expired = log.expired_recordings(now, retention_);
        if (!expired) {
            log_("retention: " + expired.error().message);
            return {};
        }
        int deleted = 0;
        for (const auto& recording : *expired) {
            std::error_code ec;
            std::filesystem::remove(recording.file, ec);  // already gone: forgotten too
            if (ec) {
                log_(fmt::format("retention: cannot delete {} of call {}: {}", recording.file,
                                 recording.call, ec.message()));
                continue;
            }
            if (auto ok = log.forget_recording(recording.call); !ok) {
                log_("retention: " + ok.error().message);
                continue;
            }
            ++deleted;
        }
        if (!expired->empty()) {
            log_(fmt::format("retention: {} of {} expired recording(s) deleted", deleted,
                             expired->size()));
        }
        return {};
    });
}

void StoreWorker::flush() {
    std::unique_lock lock{mutex_};
    idle_.wait(lock, [this] { return jobs_.empty() && pending_events_.empty() && !busy_; });
}

void StoreWorker::append(std::vector<acd::Event> events) {
    if (!events.empty()) {
        post({}, std::move(events));
    }
}

void StoreWorker::save(store::CallRecord record) {
    post([this, record = std::move(record)](store::CallLog& log) -> Completion {
        if (auto ok = log.save(record); !ok) {
            log_("store: " + ok.error().message);
        }
        return {};
    });
}

void StoreWorker::save_open(store::CallRecord record) {
    post([this, record = std::move(record)](store::CallLog& log) -> Completion {
        if (auto ok = log.save_open(record); !ok) {
            log_("store: " + ok.error().message);
        }
        return {};
    });
}

void StoreWorker::set_wrap(std::string call, Duration wrap) {
    post([this, call = std::move(call), wrap](store::CallLog& log) -> Completion {
        if (auto ok = log.set_wrap(call, wrap); !ok) {
            log_("store: " + ok.error().message);
        }
        return {};
    });
}

void StoreWorker::book_callback(store::CallbackRequest request, Done done) {
    post([request = std::move(request), done = std::move(done)](store::CallLog& log) -> Completion {
        Result<void> booked = log.book_callback(request);
        // The caller hears "booked" only once the batch holding it is committed.
        return
            [done, booked](const Result<void>& committed) { done(!booked ? booked : committed); };
    });
}

void StoreWorker::callback_attempted(std::string call, int attempts, WallTime at) {
    post([this, call = std::move(call), attempts, at](store::CallLog& log) -> Completion {
        if (auto ok = log.callback_attempted(call, attempts, at); !ok) {
            log_("store: " + ok.error().message);
        }
        return {};
    });
}

void StoreWorker::close_callback(std::string call, std::string state, WallTime at) {
    post([this, call = std::move(call), state = std::move(state),
          at](store::CallLog& log) -> Completion {
        if (auto ok = log.close_callback(call, state, at); !ok) {
            log_("store: " + ok.error().message);
        }
        return {};
    });
}

Result<std::vector<store::CallbackRequest>> StoreWorker::pending_callbacks() {
    flush();
    std::lock_guard lock{mutex_};  // the worker is idle and waits for this lock to wake
    return calls_.pending_callbacks();
}

void StoreWorker::save_alert(alerts::AlertEntry entry) {
    post([this, entry = std::move(entry)](store::CallLog& log) -> Completion {
        if (auto ok = log.save_alert(entry); !ok) {
            log_("store: " + ok.error().message);
        }
        return {};
    });
}

Result<std::vector<alerts::AlertEntry>> StoreWorker::recent_alerts(std::size_t limit) {
    flush();
    std::lock_guard lock{mutex_};
    return calls_.recent_alerts(limit);
}

Result<std::vector<acd::Event>> StoreWorker::events_since(WallTime from) {
    flush();
    std::lock_guard lock{mutex_};
    return events_.events_between(from, WallTime::max());
}

}  // namespace markaz::app
