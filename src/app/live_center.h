#pragma once

// The running centre as the HTTP API sees it (api::Center): commands and reads are posted to
// the core loop, which owns the router and the CenterView, and the HTTP thread waits for the
// answer; a call's history is read from the store's SQLite file.

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

    Result<void> command(const acd::Command& command) override;
    stats::LiveSnapshot live() const override;
    std::vector<api::LiveCall> calls() const override;
    std::vector<acd::AgentSnapshot> agents() const override;
    acd::RouterConfig router_config() const override;
    /// From the store: events the store worker has not written yet (a few milliseconds'
    /// worth) are not in it yet.
    Result<std::vector<acd::Event>> call_events(const CallId& call) const override;
    std::shared_ptr<void> subscribe(std::function<void(const acd::Event&)> listener) override;
    Result<api::TodayIntervals> today_intervals() const override;
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

    CoreLoop& loop_;
    const config::ServerConfig& config_;
    mutable std::mutex store_mutex_;
    mutable std::optional<store::SqliteStore> store_;  ///< opened on first use
};

}  // namespace markaz::app
