// Agents (docs/api.md "Agents", "Pause reasons"): reading them within scope, logging them in
// and changing their state. An agent's own request becomes the agent's own command (`by`
// empty); anyone else's becomes ForceAgentState with `by` = their user name.

#include <algorithm>

#include "api/center_read.h"
#include "api/endpoint.h"
#include "api/objects_json.h"
#include "api/stats_json.h"

namespace markaz::api {
namespace {

Scope scope_of(const RequestContext& c, const CenterRead& read) {
    return Scope(c.user(), read.config);
}

/// 404 for an unknown agent, 403 outside the scope (steer: may change it; else may read it).
std::optional<ApiError> find_agent(const RequestContext& c, const CenterRead& read,
                                   const AgentId& id, bool steer) {
    if (read.agent_config(id) == nullptr) {
        return ApiError::not_found("no agent '" + id.str() + "'", "agent");
    }
    const Scope scope = scope_of(c, read);
    if (steer ? !scope.may_steer_agent(id) : !scope.may_read_agent(id)) {
        return ApiError::forbidden("agent '" + id.str() + "' is outside your scope", "agent");
    }
    return std::nullopt;
}

/// {"at_ms", "agent"} as the agent is now.
HttpResponse agent_reply(RequestContext& c, const AgentId& id) {
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadAll, c.deps.now());
    const acd::AgentConfig* config = read.agent_config(id);
    return json_reply(200, Json{{"at_ms", ms(read.at)}, {"agent", agent_json(read, *config)}});
}

/// The reason rules shared by login and state: required for paused, a configured reason,
/// and not given for other states.
std::optional<ApiError> check_reason(const Json& body, const std::string& state,
                                     const acd::RouterConfig& config) {
    const bool paused = state == "paused";
    if (!body.contains("reason")) {
        if (paused) {
            ApiError error = ApiError::missing_field("reason");
            error.message = "reason: required when state is 'paused'";
            return error;
        }
        return std::nullopt;
    }
    const std::string reason = body["reason"].get<std::string>();
    if (!paused) {
        return ApiError::invalid_value("reason", "only with state 'paused'");
    }
    const auto& reasons = config.pause_reasons;
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
        std::string listed;
        for (const std::string& r : reasons) {
            listed += (listed.empty() ? "" : ", ") + r;
        }
        return ApiError::invalid_value(
            "reason", "'" + reason + "' is not a pause reason (expected one of: " + listed + ")");
    }
    return std::nullopt;
}

HttpResponse pause_reasons(RequestContext& c) {
    const acd::RouterConfig config = c.deps.center.router_config();
    return json_reply(200, Json{{"pause_reasons", config.pause_reasons},
                                {"system_reasons", {std::string(acd::kNoAnswerPauseReason)}}});
}

HttpResponse list_agents(RequestContext& c) {
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadAll, c.now);
    const Scope scope = scope_of(c, read);
    std::vector<const acd::AgentConfig*> agents;
    for (const acd::AgentConfig& agent : read.config.agents) {
        if (scope.may_read_agent(agent.id)) {
            agents.push_back(&agent);
        }
    }
    std::sort(agents.begin(), agents.end(),
              [](const auto* a, const auto* b) { return a->id < b->id; });
    Json out = Json::array();
    for (const acd::AgentConfig* agent : agents) {
        out.push_back(agent_json(read, *agent));
    }
    return json_reply(200, Json{{"at_ms", ms(read.at)}, {"agents", std::move(out)}});
}

HttpResponse get_agent(RequestContext& c) {
    const AgentId id{c.param("id")};
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadAll, c.now);
    if (auto refused = find_agent(c, read, id, false)) {
        return error_response(*refused);
    }
    return json_reply(
        200, Json{{"at_ms", ms(read.at)}, {"agent", agent_json(read, *read.agent_config(id))}});
}

/// The queues of a login body: each a configured membership of the agent (400 naming it).
ApiResult<std::vector<QueueId>> login_queues(const Json& body, const acd::AgentConfig& agent) {
    std::vector<QueueId> out;
    const Json queues = body.value("queues", Json::array());
    for (std::size_t i = 0; i < queues.size(); ++i) {
        const QueueId queue{queues[i].get<std::string>()};
        const bool member = std::any_of(agent.queues.begin(), agent.queues.end(),
                                        [&queue](const auto& m) { return m.queue == queue; });
        if (!member) {
            return ApiError::invalid_value(
                "queues[" + std::to_string(i) + "]",
                "agent '" + agent.id.str() + "' is not a member of queue '" + queue.str() + "'");
        }
        out.push_back(queue);
    }
    return out;
}

/// The phone to log in on: the body's, else the agent's user's, else the configured one.
ApiResult<std::string> login_extension(const RequestContext& c, const acd::AgentConfig& agent) {
    if (c.body.contains("extension")) {
        return c.body["extension"].get<std::string>();
    }
    if (auto user = c.deps.users.find_by_agent(agent.id); user && user->extension) {
        return *user->extension;
    }
    if (!agent.extension.empty()) {
        return agent.extension;
    }
    ApiError error = ApiError::missing_field("extension");
    error.message = "extension: required (agent '" + agent.id.str() + "' has no default phone)";
    return error;
}

HttpResponse log_agent_in(RequestContext& c) {
    static const std::vector<FieldRule> rules{
        {"extension", JsonKind::String, false, false, length(1, 64), {}},
        {"queues", JsonKind::StringArray, false, false, length(1, 64), {}},
        {"state", JsonKind::String, false, false, one_of({"available", "paused", "not-ready"}), {}},
        {"reason", JsonKind::String, false, false, {}, {}},
    };
    if (auto refused = check_fields(c.body, rules)) {
        return error_response(*refused);
    }
    const std::string state = c.body.value("state", "available");
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadConfig, c.now);
    if (auto refused = check_reason(c.body, state, read.config)) {
        return error_response(*refused);
    }
    const AgentId id{c.param("id")};
    if (auto refused = find_agent(c, read, id, true)) {
        return error_response(*refused);
    }
    const acd::AgentConfig& config = *read.agent_config(id);
    auto queues = login_queues(c.body, config);
    if (!queues) {
        return error_response(queues.error());
    }
    auto extension = login_extension(c, config);
    if (!extension) {
        return error_response(extension.error());
    }
    const acd::AgentLogin login{id,
                                *extension,
                                *queues,
                                *acd::kAgentStateNames.parse(state),
                                c.body.value("reason", ""),
                                c.user().agent == id ? "" : c.by()};
    if (auto refused = run(c, login)) {
        return error_response(*refused);
    }
    audit(c, "agent-login", id.str(), c.body);
    return agent_reply(c, id);
}

/// The command for a state change: the agent's own one when they ask themselves.
acd::Command state_command(const RequestContext& c, const AgentId& id, acd::AgentState to,
                           const std::string& reason) {
    if (c.user().agent != id) {
        return acd::ForceAgentState{id, to, reason, c.by()};
    }
    switch (to) {
        case acd::AgentState::Paused:
            return acd::AgentPause{id, reason, ""};
        case acd::AgentState::NotReady:
            return acd::AgentNotReady{id, ""};
        case acd::AgentState::LoggedOut:
            return acd::AgentLogout{id, ""};
        default:
            return acd::AgentReady{id, ""};
    }
}

HttpResponse change_agent_state(RequestContext& c) {
    static const std::vector<FieldRule> rules{
        {"state",
         JsonKind::String,
         true,
         false,
         one_of({"available", "paused", "not-ready", "logged-out"}),
         {}},
        {"reason", JsonKind::String, false, false, {}, {}},
    };
    if (auto refused = check_fields(c.body, rules)) {
        return error_response(*refused);
    }
    const std::string state_name = c.body["state"].get<std::string>();
    const CenterRead read =
        read_center(c.deps.center, c.deps.notes, kReadConfig | kReadAgents, c.now);
    if (auto refused = check_reason(c.body, state_name, read.config)) {
        return error_response(*refused);
    }
    const AgentId id{c.param("id")};
    if (auto refused = find_agent(c, read, id, true)) {
        return error_response(*refused);
    }
    const acd::AgentState to = *acd::kAgentStateNames.parse(state_name);
    const std::string reason = c.body.value("reason", "");
    const acd::AgentSnapshot* now = read.agent(id);
    if (now == nullptr || now->state == acd::AgentState::LoggedOut) {
        return error_response(
            ApiError::conflict("agent '" + id.str() + "' is logged out (use /login)"));
    }
    if (now->state == to && !now->pending &&
        (to != acd::AgentState::Paused || now->reason == reason)) {
        return error_response(
            ApiError::conflict("agent '" + id.str() + "' is already " + state_name));
    }
    if (auto refused = run(c, state_command(c, id, to, reason))) {
        return error_response(*refused);
    }
    if (to == acd::AgentState::Paused) {
        // Kept for the Agent object while the pause waits for the call's work to end.
        c.deps.notes.set_pending_reason(id, reason);
    }
    audit(c, "agent-state", id.str(), c.body);
    return agent_reply(c, id);
}

}  // namespace

void add_agent_endpoints(std::vector<Endpoint>& out) {
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/pause-reasons",
                   .roles = kAnyRole,
                   .handler = pause_reasons});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/agents",
                   .roles = kAnyRole,
                   .handler = list_agents});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/agents/{id}",
                   .roles = kAnyRole,
                   .handler = get_agent});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/agents/{id}/login",
                   .roles = kManager | kSupervisor | kAgent,
                   .self_agents = true,
                   .takes_body = true,
                   .handler = log_agent_in});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/agents/{id}/state",
                   .roles = kManager | kSupervisor | kAgent,
                   .self_agents = true,
                   .takes_body = true,
                   .handler = change_agent_state});
}

}  // namespace markaz::api
