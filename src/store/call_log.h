#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "alerts/alert_book.h"
#include "common/result.h"
#include "config/retention.h"
#include "store/call_record.h"

namespace markaz::store {

/// The call records and the booked callback requests, in the same SQLite file as the
/// events (its own connection). Every write is one transaction on disk when it returns, unless
/// it is made inside in_transaction(), whose commit puts them all on disk at once (DESIGN rule
/// 5: a finished call's record and a booked callback survive `kill -9`).
/// Thread: one thread at a time (the call flow's store worker).
class CallLog {
public:
    /// Opens or creates the database at `path`, bringing its schema up to date.
    [[nodiscard]] static Result<CallLog> open(const std::string& path);
    CallLog(CallLog&&) noexcept;
    CallLog& operator=(CallLog&&) noexcept;
    ~CallLog();

    /// Runs `body` as one transaction: the writes it makes are on disk together when this
    /// returns, or none of them is (group commit; see app::StoreWorker).
    [[nodiscard]] Result<void> in_transaction(const std::function<Result<void>()>& body);

    /// Stores a finished call's record (a record with the same id is replaced).
    [[nodiscard]] Result<void> save(const CallRecord& record);
    /// Stores what is known of a call in progress (at its start, at its answer): left out of
    /// records_between() until save() replaces it, or close_open() closes it.
    [[nodiscard]] Result<void> save_open(const CallRecord& record);
    /// Closes the records of calls the server stopped during (kill -9, a crash, a power cut):
    /// ended at the call's last stored event, by "system", cause "server stopped". Run at
    /// start, before any call; returns how many there were.
    [[nodiscard]] Result<int> close_open();
    /// Sets the wrap-up time of a stored record (its agent's after-call work ended).
    [[nodiscard]] Result<void> set_wrap(const std::string& call, Duration wrap);
    /// A KPI alert as it now stands (store/alert_log.h).
    [[nodiscard]] Result<void> save_alert(const alerts::AlertEntry& entry);
    /// The latest `limit` alerts and every one still up, the latest first.
    [[nodiscard]] Result<std::vector<alerts::AlertEntry>> recent_alerts(std::size_t limit);
    struct ExpiredRecording {
        std::string call;
        std::string file;
    };
    /// Recordings of finished calls, not on legal hold, kept as long as `retention` says by
    /// `now`: oldest first.
    [[nodiscard]] Result<std::vector<ExpiredRecording>> expired_recordings(
        WallTime now, const config::RetentionSettings& retention);
    /// The call's recording file is gone: its record keeps the call, without the recording.
    [[nodiscard]] Result<void> forget_recording(const std::string& call);
    /// Records of finished calls started in [from, to), oldest first.
    [[nodiscard]] Result<std::vector<CallRecord>> records_between(WallTime from, WallTime to);

    /// Books a callback request: on disk when this returns.
    [[nodiscard]] Result<void> book_callback(const CallbackRequest& request);
    /// The request was dialled once more and failed (`attempts` so far).
    [[nodiscard]] Result<void> callback_attempted(const std::string& call, int attempts,
                                                  WallTime at);
    /// The request is over: "answered", "failed" or "removed".
    [[nodiscard]] Result<void> close_callback(const std::string& call, const std::string& state,
                                              WallTime at);
    /// Requests booked and not yet over, oldest first: what a restarted server dials.
    [[nodiscard]] Result<std::vector<CallbackRequest>> pending_callbacks();

private:
    Result<void> write(const CallRecord& record, bool open);
    /// The record's agents and queues in call_parties, for the searches by agent or queue.
    Result<void> write_parties(const CallRecord& record);
    struct Impl;
    explicit CallLog(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace markaz::store
