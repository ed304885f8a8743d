#pragma once

// The running centre as the HTTP API sees it (api::Center): commands and reads are posted to
// the core loop, which owns the router and the CenterView, and the HTTP thread waits for the
// answer; a call's history is read from the store's SQLite file.
//
// Reads are answered from the copy the core loop made last while nothing has happened since
// (no router event, no command) and the copy is younger than kFreshness: a wallboard polled by
// thousands of clients costs the core loop a few reads a second, not one per request, and a
// client still reads its own change at once.

#include <atomic>
#include <mutex>
#include <optional>

#include "api/center.h"
#include "app/core_loop.h"
#include "config/server_config_loader.h"
#include "store/sqlite_store.h"

namespace markaz::app {

/// Thread: any (the API's HTTP threads). `loop` must be running (CoreLoop::run succeeded)
/// and outlive this; stop the API before stopping the loop.
class LiveCenter final : public api::Center {
public:
    LiveCenter(CoreLoop& loop, const config::ServerConfig& config);
    /// How old a copy may be when nothing has happened: durations shown (time in state, wait)
    /// run on by at most this much.
    static constexpr Duration kFreshness = std::chrono::milliseconds(50);

    Result<void> command(const acd::Command& command) override;
    Result<void> hold(const CallId& call, bool on_hold, const std::string& by) override;
    Result<void> pause_recording(const CallId& call, bool paused, const std::string& by) override;
    Result<void> monitor(const CallId& call, const std::string& extension, api::MonitorMode mode,
                         const std::string& by) override;
    stats::LiveSnapshot live() const override;
    std::vector<api::LiveCall> calls() const override;
    std::vector<acd::AgentSnapshot> agents() const override;
    acd::RouterConfig router_config() const override;
    /// From the store: events the store worker has not written yet (a few milliseconds'
    /// worth) are not in it yet.
    Result<std::vector<acd::Event>> call_events(const CallId& call) const override;
    std::shared_ptr<void> subscribe(std::function<void(const acd::Event&)> listener) override;
    std::shared_ptr<void> watch_calls(std::function<void(const CallId&)> listener) override;
    Result<api::TodayIntervals> today_intervals() const override;
    Result<std::vector<alerts::AlertEntry>> alerts() const override;
    Result<alerts::AlertEntry> acknowledge_alert(std::uint64_t id, const std::string& by) override;
    Result<void> replace_alert_rules(std::vector<alerts::AlertRule> rules) override;
    void note_qa_marks(std::map<std::int64_t, std::optional<alerts::QaMark>> marks) override;
    /// "core": the loop answers within a second; "store": the SQLite file opens.
    std::vector<api::ReadinessCheck> readiness() const override;

private:
    /// Runs `work` on the core loop and waits up to `patience` for its answer; Unavailable
    /// when the loop is stopping or too busy to answer.
    template <class T>
    Result<T> ask(std::function<T(Switchboard&, Now)> work, Duration patience) const;
    /// ask() for the reads that have no error to give: a failure becomes an exception, which
    /// the HTTP server answers with 500.
    template <class T>
    T must_ask(std::function<T(Switchboard&, Now)> work) const;
    Result<store::SqliteStore*> store() const;

    /// A copy the core loop made, kept for reads while it is current.
    template <class T>
    struct Copy {
        std::mutex mutex;
        std::optional<T> value;
        std::uint64_t generation = 0;  ///< generation_ when it was asked for
        std::chrono::steady_clock::time_point taken{};
    };
    /// The copy in `copy` while current, else a new one from `work` on the core loop.
    template <class T>
    T current(Copy<T>& copy, std::function<T(Switchboard&, Now)> work) const;

    CoreLoop& loop_;
    const config::ServerConfig& config_;
    mutable std::mutex store_mutex_;
    mutable std::optional<store::SqliteStore> store_;  ///< opened on first use

    /// Counts what happened (router events, commands): a copy from an older count is stale.
    std::atomic<std::uint64_t> generation_{0};
    mutable Copy<stats::LiveSnapshot> live_;
    mutable Copy<std::vector<api::LiveCall>> calls_;
    mutable Copy<std::vector<acd::AgentSnapshot>> agents_;
    std::shared_ptr<void> events_;        ///< the subscription that counts router events
    std::shared_ptr<void> call_changes_;  ///< and the one that counts the flow's own changes
};

}  // namespace markaz::app
