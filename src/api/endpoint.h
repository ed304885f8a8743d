#pragma once

// Internal to the API: what a handler gets (RequestContext), what the service shares with all
// handlers (ApiDeps), and how an endpoint is declared (Endpoint). Handlers live in
// handlers_<resource>.cpp, one file per resource, each adding its endpoints to the table.

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/agent_notes.h"
#include "api/api_options.h"
#include "api/api_tokens.h"
#include "api/audit.h"
#include "api/center.h"
#include "api/http_message.h"
#include "api/json_body.h"
#include "api/login_limiter.h"
#include "api/route_table.h"
#include "api/running_counters.h"
#include "api/scope.h"
#include "api/server_counters.h"
#include "api/sessions.h"
#include "api/users.h"

namespace markaz::api {

/// What handlers may ask of the open WebSockets (live_feed.h implements it).
class LiveSockets {
public:
    virtual ~LiveSockets() = default;
    virtual void close_session(const std::string& session_key, std::uint16_t code) = 0;
    virtual void close_token(const std::string& token_id, std::uint16_t code) = 0;
    virtual void close_user(const std::string& username, std::uint16_t code) = 0;
    /// Everyone gets a fresh snapshot (the configuration changed).
    virtual void resync_all() = 0;
};

/// WebSocket close codes of docs/api.md.
inline constexpr std::uint16_t kCloseSessionEnded = 4401;
inline constexpr std::uint16_t kCloseScopeChanged = 4403;
inline constexpr std::uint16_t kCloseTooSlow = 4408;

/// Everything the handlers share; owned by ApiServer. Thread: every member is safe to use
/// from any HTTP thread.
struct ApiDeps {
    Center& center;
    UserDirectory& users;
    AuditLog& audit;
    SessionStore& sessions;
    TokenStore& tokens;
    LoginLimiter& limiter;
    AgentNotes& notes;
    ServerCounters& counters;
    RunningCounters& running;
    LiveSockets& sockets;
    const ApiOptions& options;
    std::string openapi_text;  ///< docs/openapi.json's content, read at start
    /// Serialises read-modify-write of the routing configuration (queue PATCH, members).
    std::mutex config_mutex;

    WallTime now() const;
};

struct RequestContext {
    const HttpRequest& request;
    ApiDeps& deps;
    PathParams params;
    std::optional<Principal> principal;  ///< set unless the endpoint is public
    Json body = Json::object();          ///< the checked JSON object, or {} without a body
    WallTime now{};

    const User& user() const { return principal->user; }
    /// A command's `by`: the caller's user name.
    const std::string& by() const { return principal->user.username; }
    const std::string& param(const std::string& name) const { return params.find(name)->second; }
};

using Handler = std::function<HttpResponse(RequestContext&)>;

/// Roles as a bit set, for the role table of docs/api.md.
enum RoleBit : unsigned {
    kManager = 1U << 0,
    kSupervisor = 1U << 1,
    kQa = 1U << 2,
    kAgent = 1U << 3,
    kAnyRole = kManager | kSupervisor | kQa | kAgent,
};
unsigned role_bit(Role role);

struct Endpoint {
    Method method = Method::Get;
    std::string pattern;
    unsigned roles = 0;        ///< who passes the role check (step 5)
    bool is_public = false;    ///< skips authentication, CSRF and the role check
    bool self_agents = false;  ///< a user of another role passes too when they have an agent id
    bool takes_body = false;   ///< a JSON object body is required
    /// Refuse a foreign Origin at the role check's place (login, which has no session for CSRF).
    bool same_origin = false;
    Handler handler;
};

// The endpoints of each resource (handlers_*.cpp).
void add_session_endpoints(std::vector<Endpoint>& out);
void add_user_endpoints(std::vector<Endpoint>& out);
void add_token_endpoints(std::vector<Endpoint>& out);
void add_agent_endpoints(std::vector<Endpoint>& out);
void add_queue_endpoints(std::vector<Endpoint>& out);
void add_call_endpoints(std::vector<Endpoint>& out);
void add_consult_endpoints(std::vector<Endpoint>& out);
void add_stats_endpoints(std::vector<Endpoint>& out);
void add_record_endpoints(std::vector<Endpoint>& out);
void add_scorecard_endpoints(std::vector<Endpoint>& out);
void add_evaluation_endpoints(std::vector<Endpoint>& out);
void add_evaluation_list_endpoint(std::vector<Endpoint>& out);  ///< by add_evaluation_endpoints
void add_quality_report_endpoints(std::vector<Endpoint>& out);
void add_report_endpoints(std::vector<Endpoint>& out);
void add_report_schedule_endpoints(std::vector<Endpoint>& out);
void add_attendance_endpoints(std::vector<Endpoint>& out);
void add_alert_endpoints(std::vector<Endpoint>& out);
void add_alert_rule_endpoints(std::vector<Endpoint>& out);
void add_service_endpoints(std::vector<Endpoint>& out);

// Answers shared by the handlers (respond.cpp).
HttpResponse json_reply(unsigned status, const Json& body);
HttpResponse no_content();
/// Records an audit entry for the request's user (detail: the request's fields, no secrets).
void audit(RequestContext& context, std::string action, std::string target, Json detail);
/// An integer query parameter in [min, max]; nullopt when absent, 400 invalid_value naming it
/// when it does not parse or fit.
ApiResult<std::optional<std::int64_t>> integer_param(const HttpRequest& request,
                                                     const std::string& name, std::int64_t min,
                                                     std::int64_t max);
/// A text query parameter of 1..max_length characters; nullopt when absent.
ApiResult<std::optional<std::string>> text_param(const HttpRequest& request,
                                                 const std::string& name, std::size_t max_length);
/// `true` or `false`; nullopt when absent.
ApiResult<std::optional<bool>> boolean_param(const HttpRequest& request, const std::string& name);
/// The largest from_ms/to_ms a query takes (a date in the year 37,600).
inline constexpr std::int64_t kMaxEpochMs = std::int64_t{1} << 50;
/// A time a query parameter gives in milliseconds since the epoch; nullopt when absent.
ApiResult<std::optional<WallTime>> time_param(const HttpRequest& request, const std::string& name);
struct Period {
    WallTime from{};
    WallTime to{};
};
/// from_ms and to_ms: `to` defaults to `now`, `from` to `span` before `to`; 400 naming from_ms
/// when it is after to_ms.
ApiResult<Period> period_param(const HttpRequest& request, WallTime now, Duration span);
/// The same for `username` (a failed login has no user yet: the name tried).
void audit_as(RequestContext& context, std::string username, std::string action, std::string target,
              Json detail);
/// Runs `command` on the centre; the engine's refusal as an ApiError.
std::optional<ApiError> run(RequestContext& context, const acd::Command& command);

}  // namespace markaz::api
