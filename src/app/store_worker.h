#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "acd/events.h"
#include "app/ports.h"
#include "common/result.h"
#include "config/retention.h"
#include "stats/stats_config.h"
#include "store/call_log.h"
#include "store/rollup_writer.h"
#include "store/sqlite_store.h"

namespace markaz::app {

/// The core loop's writer: appends events and saves call records and callback requests on
/// its own thread, so the core loop never waits for a disk. Jobs run in the order given;
/// events queued together go to disk in one transaction, and so do the call log's writes
/// queued together (group commit: one fsync for a batch, not one per write). A job with a
/// completion gets it called (on the store thread) once its write is on disk or has failed.
class StoreWorker final : public CallStore {
public:
    using Log = std::function<void(const std::string&)>;

    /// Opens (creating if needed) the SQLite file, closes the records of calls a stopped
    /// server left open (logged), and starts the thread. With a `retention` that expires
    /// recordings, they are cleaned up a minute after the start and then once a day.
    /// With `reports` (the queues' policies), the reports' quarter-hour rollups are written as
    /// events are appended (store::RollupWriter; caught up with the log first), and the one in
    /// progress every 5 s.
    static Result<std::unique_ptr<StoreWorker>> start(
        const std::string& path, Log log, config::RetentionSettings retention = {},
        std::optional<stats::StatsConfig> reports = std::nullopt);
    ~StoreWorker() override;  ///< writes everything queued, then stops

    void append(std::vector<acd::Event> events) override;
    void save(store::CallRecord record) override;
    /// A call in progress, as known so far (CallLog::save_open).
    void save_open(store::CallRecord record) override;
    void set_wrap(std::string call, Duration wrap) override;
    void book_callback(store::CallbackRequest request, Done done) override;
    void callback_attempted(std::string call, int attempts, WallTime at) override;
    void close_callback(std::string call, std::string state, WallTime at) override;
    void save_alert(alerts::AlertEntry entry) override;

    /// Reads, before the core loop starts (the thread may be running: SQLite serialises).
    Result<std::vector<store::CallbackRequest>> pending_callbacks();
    /// The events stored at or after `from`, in order; read like pending_callbacks().
    Result<std::vector<acd::Event>> events_since(WallTime from);
    /// The latest `limit` alerts and every one still up, the latest first (at start).
    Result<std::vector<alerts::AlertEntry>> recent_alerts(std::size_t limit);
    /// Deletes the recordings whose retention is over at `now` (not those on legal hold): the
    /// file first, then the record's mention of it, so a stop in between leaves no file
    /// behind that the store forgot. Logged. Queued like a write.
    void expire_recordings(WallTime now);
    /// Waits until everything queued so far is written (tests, shutdown).
    void flush();

private:
    /// What a job does once the batch it was in is on disk (or failed to get there).
    using Completion = std::function<void(const Result<void>& committed)>;
    /// A write; jobs queued together run in one transaction (group commit), and their
    /// completions run after its commit, so nobody hears "done" before it is on disk.
    using Job = std::function<Completion(store::CallLog&)>;
    StoreWorker(store::SqliteStore events, store::CallLog calls,
                std::unique_ptr<store::RollupWriter> rollups, Log log,
                config::RetentionSettings retention);
    void fold_into_rollups(const std::vector<acd::Event>& events);
    /// The daily retention job and the reports' quarter hour in progress, when due.
    void run_timers();
    void post(Job job, std::vector<acd::Event> events = {});
    void run();

    store::SqliteStore events_;
    store::CallLog calls_;
    std::unique_ptr<store::RollupWriter> rollups_;
    Log log_;
    config::RetentionSettings retention_;
    std::chrono::steady_clock::time_point next_retention_;
    std::chrono::steady_clock::time_point next_open_rollups_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::deque<Job> jobs_;
    std::vector<acd::Event> pending_events_;
    bool busy_ = false;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace markaz::app
