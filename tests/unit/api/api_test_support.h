#pragma once

// The API's tests talk to a real ApiServer on 127.0.0.1 (port chosen by the kernel) through
// real sockets, with Beast clients. The centre behind it is a real acd::Router with real
// stats::LiveStats on the real clock: no canned answers.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "acd/router.h"
#include "api/api_server.h"
#include "api/audit.h"
#include "api/call_book.h"
#include "api/center.h"
#include "api/users.h"
#include "stats/interval_series.h"
#include "stats/live_stats.h"
#include "support/http_client.h"

namespace markaz::api::testing {

using integration::Browser;
using integration::Headers;
using integration::http_raw;
using integration::http_send;
using integration::Json;
using integration::LiveClient;
using integration::log_in;
using integration::Reply;
using namespace std::chrono_literals;

/// A Center over a real Router, LiveStats and CallBook, on the real clock. A mutex stands in
/// for the core loop. Listeners are called with the lock held, as on the core loop.
class TestCenter final : public Center {
public:
    explicit TestCenter(acd::RouterConfig config);

    Result<void> command(const acd::Command& command) override;
    /// The router's HoldCall / ResumeCall (the media is the switchboard's, tested there).
    Result<void> hold(const CallId& call, bool on_hold, const std::string& by) override;
    /// As the switchboard: a connected call's recording, refused when already so.
    Result<void> pause_recording(const CallId& call, bool paused, const std::string& by) override;
    /// Records the request (the switchboard's own checks are tested in tests/unit/app).
    Result<void> monitor(const CallId& call, const std::string& extension, MonitorMode mode,
                         const std::string& by) override;
    stats::LiveSnapshot live() const override;
    std::vector<LiveCall> calls() const override;
    std::vector<acd::AgentSnapshot> agents() const override;
    acd::RouterConfig router_config() const override;
    Result<std::vector<acd::Event>> call_events(const CallId& call) const override;
    std::shared_ptr<void> subscribe(std::function<void(const acd::Event&)> listener) override;
    /// A new router with the new configuration (live state is lost: enough for the API).
    Result<void> reconfigure(acd::RouterConfig config) override;
    Result<TodayIntervals> today_intervals() const override;
    std::vector<ReadinessCheck> readiness() const override;
    Result<std::vector<alerts::AlertEntry>> alerts() const override;
    Result<alerts::AlertEntry> acknowledge_alert(std::uint64_t id, const std::string& by) override;
    /// Keeps the rules handed over, for the test to read (the core loop's part is tested on
    /// the built server: tests/integration/live_figures_test.cpp).
    Result<void> replace_alert_rules(std::vector<alerts::AlertRule> rules) override {
        evaluated_rules = std::move(rules);
        return {};
    }
    std::vector<alerts::AlertRule> evaluated_rules;
    /// Keeps the QA marks handed over, by evaluation id, as the core loop's view would.
    void note_qa_marks(std::map<std::int64_t, std::optional<alerts::QaMark>> marks) override {
        for (auto& [id, mark] : marks) {
            qa_marks[id] = std::move(mark);
        }
    }
    std::map<std::int64_t, std::optional<alerts::QaMark>> qa_marks;

    /// Test controls.
    /// Records alert changes as the core loop's evaluator would make them.
    void record_alerts(const std::vector<alerts::AlertChange>& changes,
                       const std::vector<alerts::AlertRule>& rules);
    void set_readiness(std::vector<ReadinessCheck> checks);
    std::vector<acd::Command> commands() const;
    /// A copy of the last command the API sent (tests keep it in a local to look inside).
    acd::Command last_command() const;
    struct MonitorRequest {
        CallId call;
        std::string extension;
        MonitorMode mode;
        std::string by;
    };
    std::vector<MonitorRequest> monitor_requests() const;
    /// Applies a command that must succeed (setting up calls and logins).
    void must(const acd::Command& command);
    /// What the call flow tells the live calls without the router (a call ending).
    void apply_flow(const FlowEvent& event);

private:
    Now now() const;
    void publish(const std::vector<acd::Event>& events);

    mutable std::mutex mutex_;
    acd::RouterConfig config_;
    std::unique_ptr<acd::Router> router_;
    std::unique_ptr<stats::LiveStats> stats_;
    std::unique_ptr<stats::IntervalSeries> series_;
    CallBook book_;
    std::vector<acd::Event> log_;
    std::vector<acd::Command> commands_;
    std::vector<MonitorRequest> monitor_requests_;
    std::map<int, std::function<void(const acd::Event&)>> listeners_;
    int next_listener_ = 1;
    std::vector<ReadinessCheck> readiness_{{"core", "ok"}};
    alerts::AlertBook alert_book_;
};

/// Queues sales, support, vip; agents a1001 (sales), a1002 (sales 0, support 1), a1003
/// (support), a1004 (vip).
acd::RouterConfig test_routing();

/// Users (password "demo-" + name): manager; supervisor (team: sales); lead (supervisor of
/// support who is also agent a1002); qa; a1001 and a1003 (agents, extensions 1001, 1003).
void add_test_users(UserDirectory& users, const acd::RouterConfig& routing);

/// The live server with the test centre and users.
class ApiHarness {
public:
    explicit ApiHarness(std::function<void(ApiOptions&)> adjust = {});
    ~ApiHarness();

    unsigned short port() const { return server->port(); }
    Browser browser(const std::string& username) const { return Browser(port(), username); }
    /// Headers for a WebSocket of `browser`: cookies and this server's Origin.
    Headers live_headers(const Browser& browser) const;
    std::string origin() const;
    /// What the server reported to its log (ApiOptions::log_error), a line each.
    std::string logged() const;

    acd::RouterConfig routing = test_routing();
    TestCenter center{routing};
    UserDirectory users;
    AuditLog audit;
    std::unique_ptr<ApiServer> server;

private:
    mutable std::mutex log_mutex_;
    std::string log_;
};

}  // namespace markaz::api::testing
