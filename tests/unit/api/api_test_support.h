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

namespace markaz::api::testing {

using Json = nlohmann::ordered_json;
using namespace std::chrono_literals;

/// A Center over a real Router, LiveStats and CallBook, on the real clock. A mutex stands in
/// for the core loop. Listeners are called with the lock held, as on the core loop.
class TestCenter final : public Center {
public:
    explicit TestCenter(acd::RouterConfig config);

    Result<void> command(const acd::Command& command) override;
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

    /// Test controls.
    void set_readiness(std::vector<ReadinessCheck> checks);
    std::vector<acd::Command> commands() const;
    /// A copy of the last command the API sent (tests keep it in a local to look inside).
    acd::Command last_command() const;
    /// Applies a command that must succeed (setting up calls and logins).
    void must(const acd::Command& command);

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
    std::map<int, std::function<void(const acd::Event&)>> listeners_;
    int next_listener_ = 1;
    std::vector<ReadinessCheck> readiness_{{"core", "ok"}};
};

/// Queues sales, support, vip; agents a1001 (sales), a1002 (sales 0, support 1), a1003
/// (support), a1004 (vip).
acd::RouterConfig test_routing();

/// Users (password "demo-" + name): manager; supervisor (team: sales); lead (supervisor of
/// support who is also agent a1002); qa; a1001 and a1003 (agents, extensions 1001, 1003).
void add_test_users(UserDirectory& users, const acd::RouterConfig& routing);

struct Reply {
    unsigned status = 0;
    std::vector<std::pair<std::string, std::string>> headers;  ///< names lower case
    std::string body;

    Json json() const;
    std::string header(const std::string& lower_name) const;
    std::vector<std::string> all(const std::string& lower_name) const;
    /// "code" of an error body, "" when none.
    std::string code() const;
    std::string field() const;  ///< "field" of an error body; "<null>" for null
};

using Headers = std::vector<std::pair<std::string, std::string>>;

/// One HTTP exchange on a fresh connection, bounded by 5 s.
Reply http_send(unsigned short port, const std::string& method, const std::string& target,
                const std::string& body = {}, const Headers& headers = {});
/// Raw bytes in, the response out (for requests Beast's writer would not make).
Reply http_raw(unsigned short port, const std::string& request);

/// A logged-in browser: the session and CSRF cookies, sent back on every request.
class Browser {
public:
    Browser(unsigned short port, const std::string& username);
    Browser(unsigned short port, std::string session, std::string csrf);

    Reply get(const std::string& target) const;
    Reply post(const std::string& target, const Json& body = Json()) const;
    Reply put(const std::string& target, const Json& body) const;
    Reply patch(const std::string& target, const Json& body) const;
    Reply del(const std::string& target) const;
    /// Any request, with cookies and CSRF header; `body` sent as is with JSON content type
    /// when not empty.
    Reply send(const std::string& method, const std::string& target, const std::string& body,
               Headers extra = {}) const;

    Headers cookie_headers() const;
    const std::string& session() const { return session_; }
    const std::string& csrf() const { return csrf_; }

private:
    unsigned short port_;
    std::string session_;
    std::string csrf_;
};

/// Logs `username` in; the reply of POST /api/v1/session.
Reply log_in(unsigned short port, const std::string& username, const std::string& password);

/// A WebSocket client of /api/v1/events.
class LiveClient {
public:
    /// Opens the feed; nullopt and `refusal` filled when the server answers with HTTP.
    static std::unique_ptr<LiveClient> open(unsigned short port, const std::string& target,
                                            const Headers& headers, Reply* refusal = nullptr);
    ~LiveClient();

    /// The next text frame, parsed; nullopt after `timeout` or when the server closed.
    std::optional<Json> next(std::chrono::milliseconds timeout = 3s);
    /// The next frame of `type` within `timeout`, skipping others.
    std::optional<Json> next_of(const std::string& type, std::chrono::milliseconds timeout = 3s);
    /// Waits for the server to close; its close code, or nullopt after `timeout`.
    std::optional<std::uint16_t> close_code(std::chrono::milliseconds timeout = 3s);
    void send_text(const std::string& text);

    struct Impl;

private:
    explicit LiveClient(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

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

    acd::RouterConfig routing = test_routing();
    TestCenter center{routing};
    UserDirectory users;
    AuditLog audit;
    std::unique_ptr<ApiServer> server;
};

}  // namespace markaz::api::testing
