// Live calls and call histories (docs/api.md "Calls"): supervisors steer the calls of their
// team's queues; agents see the call they are on; every change names the user as `by`.

#include <algorithm>

#include "api/call_steering.h"
#include "api/center_read.h"
#include "api/endpoint.h"
#include "api/objects_json.h"
#include "api/stats_json.h"

namespace markaz::api {
namespace {

/// The live call named in the path, within the reader's scope: 404, then 403.
ApiResult<LiveCall> find_call(const RequestContext& c, const CenterRead& read, bool steer) {
    const CallId id{c.param("id")};
    const LiveCall* call = read.call(id);
    if (call == nullptr) {
        return ApiError::not_found("no live call '" + id.str() + "'", "call");
    }
    const Scope scope(c.user(), read.config);
    if (steer ? !scope.may_steer_call(*call) : !scope.may_read_call(*call)) {
        return ApiError::forbidden("call '" + id.str() + "' is outside your scope", "call");
    }
    return *call;
}

HttpResponse list_calls(RequestContext& c) {
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadCalls, c.now);
    std::optional<QueueId> only;
    if (auto queue = c.request.query_param("queue")) {
        only = QueueId{*queue};
        if (read.queue_config(*only) == nullptr) {
            return error_response(
                ApiError::invalid_value("queue", "unknown queue '" + *queue + "'"));
        }
    }
    const Scope scope(c.user(), read.config);
    Json calls = Json::array();
    for (const LiveCall& call : read.calls) {
        if ((!only || call.queue == *only) && scope.may_read_call(call)) {
            calls.push_back(call_json(call, read.at, scope.sees_listeners_of(call)));
        }
    }
    return json_reply(200, Json{{"at_ms", ms(read.at)}, {"calls", std::move(calls)}});
}

HttpResponse get_call(RequestContext& c) {
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadCalls, c.now);
    auto call = find_call(c, read, false);
    if (!call) {
        return error_response(call.error());
    }
    const bool listeners = Scope(c.user(), read.config).sees_listeners_of(*call);
    return json_reply(200,
                      Json{{"at_ms", ms(read.at)}, {"call", call_json(*call, read.at, listeners)}});
}

HttpResponse move_call(RequestContext& c) {
    static const std::vector<FieldRule> rules{
        {"agent", JsonKind::String, true, false, length(1, 64), {}},
    };
    if (auto refused = check_fields(c.body, rules)) {
        return error_response(*refused);
    }
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadCalls, c.now);
    auto call = find_call(c, read, true);
    if (!call) {
        return error_response(call.error());
    }
    const AgentId agent{c.body["agent"].get<std::string>()};
    if (read.agent_config(agent) == nullptr) {
        return error_response(ApiError::not_found("no agent '" + agent.str() + "'", "agent"));
    }
    if (!Scope(c.user(), read.config).may_steer_agent(agent)) {
        return error_response(
            ApiError::forbidden("agent '" + agent.str() + "' is outside your scope", "agent"));
    }
    if (auto refused = run(c, acd::MoveCallToAgent{call->id, agent, c.by()})) {
        return error_response(*refused);
    }
    audit(c, "call-move", call->id.str(), c.body);
    return call_reply(c, *call);
}

HttpResponse reprioritise_call(RequestContext& c) {
    static const std::vector<FieldRule> rules{
        {"priority", JsonKind::Integer, true, false, in_range(-1000, 1000), {}},
    };
    if (auto refused = check_fields(c.body, rules)) {
        return error_response(*refused);
    }
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadCalls, c.now);
    auto call = find_call(c, read, true);
    if (!call) {
        return error_response(call.error());
    }
    const int priority = c.body["priority"].get<int>();
    if (priority == call->priority) {
        return error_response(ApiError::conflict(
            "call '" + call->id.str() + "' already has priority " + std::to_string(priority)));
    }
    if (auto refused = run(c, acd::SetCallPriority{call->id, priority, c.by()})) {
        return error_response(*refused);
    }
    audit(c, "call-priority", call->id.str(), c.body);
    return call_reply(c, *call);
}

HttpResponse hang_up_call(RequestContext& c) {
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadCalls, c.now);
    auto call = find_call(c, read, true);
    if (!call) {
        return error_response(call.error());
    }
    const bool connected =
        call->state == LiveCall::State::Connected || call->state == LiveCall::State::OnHold;
    // A connected call is ended on both sides, as if the agent hung up; anything still in line
    // is taken out of the queue (the caller hears the exit announcement).
    const acd::Command command = connected ? acd::Command{acd::HangUp{call->id, acd::Party::Agent}}
                                           : acd::Command{acd::RemoveCall{call->id, c.by()}};
    if (auto refused = run(c, command)) {
        return error_response(*refused);
    }
    audit(c, "call-hangup", call->id.str(),
          Json{{"state", call_state_name(*call).value_or("")}, {"queue", call->queue.str()}});
    return no_content();
}

/// Hold or resume from the desk: the agent of the call, or a supervisor in scope.
HttpResponse hold_or_resume(RequestContext& c, bool on_hold) {
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadCalls, c.now);
    auto call = find_talking_call(c, read);
    if (!call) {
        return error_response(call.error());
    }
    if (auto done = c.deps.center.hold(call->id, on_hold, c.by()); !done) {
        return error_response(from_engine(done.error()));
    }
    audit(c, on_hold ? "call-hold" : "call-resume", call->id.str(), Json::object());
    return call_reply(c, *call);
}

/// Pause the recording while the customer gives card details, or resume it: the agent of the
/// call, or a supervisor in scope (docs/api.md).
HttpResponse pause_or_resume_recording(RequestContext& c, bool paused) {
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadCalls, c.now);
    auto call = find_talking_call(c, read);
    if (!call) {
        return error_response(call.error());
    }
    if (auto done = c.deps.center.pause_recording(call->id, paused, c.by()); !done) {
        return error_response(from_engine(done.error()));
    }
    audit(c, paused ? "recording-paused" : "recording-resumed", call->id.str(), Json::object());
    call->recording_paused = paused;
    return call_reply(c, *call);
}

HttpResponse pause_recording(RequestContext& c) {
    return pause_or_resume_recording(c, true);
}

HttpResponse resume_recording(RequestContext& c) {
    return pause_or_resume_recording(c, false);
}

/// Where a call may be transferred, for the desk's Transfer lists: every queue's name (not its
/// figures: an agent may pass a caller to a department they do not work in) and every
/// logged-in agent with their name and whether they are free now (as a phone's busy lamps do).
HttpResponse transfer_targets(RequestContext& c) {
    const CenterRead read =
        read_center(c.deps.center, c.deps.notes, kReadConfig | kReadAgents, c.now);
    Json queues = Json::array();
    for (const acd::QueueConfig& queue : read.config.queues) {
        queues.push_back(Json{{"name", queue.id.str()}});
    }
    Json agents = Json::array();
    for (const acd::AgentConfig& config : read.config.agents) {
        const acd::AgentSnapshot* agent = read.agent(config.id);
        if (agent != nullptr && agent->state != acd::AgentState::LoggedOut) {
            agents.push_back(Json{{"id", config.id.str()},
                                  {"name", config.name},
                                  {"free", agent->state == acd::AgentState::Available}});
        }
    }
    return json_reply(200, Json{{"queues", std::move(queues)}, {"agents", std::move(agents)}});
}

/// Blind transfer to a queue or to a free colleague: the agent's conversation ends and the
/// caller waits in the queue with their priority and data, or rings the colleague at once
/// (docs/api.md).
HttpResponse transfer_call(RequestContext& c) {
    static const std::vector<FieldRule> rules{
        {"queue", JsonKind::String, false, false, length(1, 64), {}},
        {"agent", JsonKind::String, false, false, length(1, 64), {}},
        {"number", JsonKind::String, false, false, length(1, 32), {}},
    };
    if (auto refused = check_fields(c.body, rules)) {
        return error_response(*refused);
    }
    const bool outward = c.body.contains("number");
    if (outward && (c.body.contains("queue") || c.body.contains("agent"))) {
        return error_response(
            ApiError::invalid_value("number", "a number goes alone: not with a queue or an agent"));
    }
    if (!outward && !c.body.contains("queue") && !c.body.contains("agent")) {
        return error_response(ApiError::missing_field("queue"));
    }
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadCalls, c.now);
    auto call = find_talking_call(c, read);
    if (!call) {
        return error_response(call.error());
    }
    if (outward) {
        // Where the agent's own phone could call (its class of service): the call flow checks.
        const std::string number = c.body["number"].get<std::string>();
        if (auto refused =
                run(c, acd::TransferCall{call->id, QueueId{}, c.by(), std::nullopt, number})) {
            return error_response(*refused);
        }
        audit(c, "call-transfer", call->id.str(),
              Json{{"number", number},
                   {"from_queue", call->queue.str()},
                   {"agent", call->agent ? call->agent->str() : ""}});
        return call_reply(c, *call);
    }
    // To a colleague alone: they take the call in the queue it came from.
    const QueueId queue{c.body.value("queue", call->queue.str())};
    if (read.queue_config(queue) == nullptr) {
        return error_response(ApiError::not_found("no queue '" + queue.str() + "'", "queue"));
    }
    std::optional<AgentId> agent;
    if (c.body.contains("agent")) {
        agent = AgentId{c.body["agent"].get<std::string>()};
        if (read.agent_config(*agent) == nullptr) {
            return error_response(ApiError::not_found("no agent '" + agent->str() + "'", "agent"));
        }
    }
    if (auto refused = run(c, acd::TransferCall{call->id, queue, c.by(), agent})) {
        return error_response(*refused);
    }
    audit(c, "call-transfer", call->id.str(),
          Json{{"queue", queue.str()},
               {"to_agent", agent ? agent->str() : ""},
               {"from_queue", call->queue.str()},
               {"agent", call->agent ? call->agent->str() : ""}});
    return call_reply(c, *call);
}

HttpResponse hold_call(RequestContext& c) {
    return hold_or_resume(c, true);
}

HttpResponse resume_call(RequestContext& c) {
    return hold_or_resume(c, false);
}

/// Listen, whisper or barge: Markaz rings the user's own phone and joins it to the call in
/// that mode; asked again while monitoring, the mode changes at once (docs/api.md).
HttpResponse monitor_call(RequestContext& c) {
    static const std::vector<FieldRule> rules{
        {"mode", JsonKind::String, true, false, one_of(kMonitorModeNames), {}},
    };
    if (auto refused = check_fields(c.body, rules)) {
        return error_response(*refused);
    }
    const std::optional<std::string>& extension = c.user().extension;
    if (!extension || extension->empty()) {
        return error_response(ApiError::conflict("user '" + c.user().username +
                                                 "' has no extension: monitoring rings the "
                                                 "supervisor's own phone"));
    }
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadCalls, c.now);
    auto call = find_call(c, read, true);
    if (!call) {
        return error_response(call.error());
    }
    if (call->state != LiveCall::State::Connected && call->state != LiveCall::State::OnHold) {
        return error_response(
            ApiError::conflict("call '" + call->id.str() + "' is not connected to an agent"));
    }
    const MonitorMode mode = *kMonitorModeNames.parse(c.body["mode"].get<std::string>());
    if (auto done = c.deps.center.monitor(call->id, *extension, mode, c.by()); !done) {
        return error_response(from_engine(done.error()));
    }
    audit(c, "call-monitor", call->id.str(),
          Json{{"mode", std::string(kMonitorModeNames.name(mode))}, {"extension", *extension}});
    return json_reply(202, Json{{"call", call->id.str()},
                                {"mode", std::string(kMonitorModeNames.name(mode))},
                                {"extension", *extension}});
}

/// The fallback form of an event when no encoder was given: its type, time and ids.
Json bare_event_json(const acd::Event& event) {
    Json out{{"type", std::string(acd::event_name(event.body))}, {"at_ms", ms(event.at)}};
    std::visit(
        [&out](const auto& e) {
            if constexpr (requires { e.call; }) {
                out["call"] = e.call.str();
            }
            if constexpr (requires { e.queue; }) {
                out["queue"] = e.queue.str();
            }
            if constexpr (requires { e.agent; }) {
                out["agent"] = e.agent.str();
            }
        },
        event.body);
    return out;
}

HttpResponse call_history(RequestContext& c) {
    const CallId id{c.param("id")};
    auto events = c.deps.center.call_events(id);
    if (!events) {
        if (events.error().code == Errc::NotFound) {
            return error_response(ApiError::not_found("no call '" + id.str() + "'", "call"));
        }
        return error_response(from_engine(events.error()));
    }
    const acd::RouterConfig config = c.deps.center.router_config();
    if (!Scope(c.user(), config).may_read_history(*events)) {
        return error_response(
            ApiError::forbidden("call '" + id.str() + "' is outside your scope", "call"));
    }
    Json out = Json::array();
    const auto& encode = c.deps.options.event_json;
    for (const acd::Event& event : *events) {
        out.push_back(encode ? Json::parse(encode(event)) : bare_event_json(event));
    }
    return json_reply(200, Json{{"call", id.str()}, {"events", std::move(out)}});
}

}  // namespace

void add_call_endpoints(std::vector<Endpoint>& out) {
    const unsigned live_readers = kManager | kSupervisor | kAgent;
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/calls",
                   .roles = live_readers,
                   .self_agents = true,
                   .handler = list_calls});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/calls/{id}",
                   .roles = live_readers,
                   .self_agents = true,
                   .handler = get_call});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/calls/{id}/move",
                   .roles = kManager | kSupervisor,
                   .takes_body = true,
                   .handler = move_call});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/calls/{id}/priority",
                   .roles = kManager | kSupervisor,
                   .takes_body = true,
                   .handler = reprioritise_call});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/calls/{id}/hangup",
                   .roles = kManager | kSupervisor,
                   .handler = hang_up_call});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/calls/{id}/hold",
                   .roles = live_readers,
                   .self_agents = true,
                   .handler = hold_call});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/calls/{id}/resume",
                   .roles = live_readers,
                   .self_agents = true,
                   .handler = resume_call});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/calls/{id}/recording/pause",
                   .roles = live_readers,
                   .self_agents = true,
                   .handler = pause_recording});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/calls/{id}/recording/resume",
                   .roles = live_readers,
                   .self_agents = true,
                   .handler = resume_recording});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/transfer-targets",
                   .roles = live_readers,
                   .handler = transfer_targets});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/calls/{id}/transfer",
                   .roles = live_readers,
                   .self_agents = true,
                   .takes_body = true,
                   .handler = transfer_call});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/calls/{id}/monitor",
                   .roles = kManager | kSupervisor,
                   .takes_body = true,
                   .handler = monitor_call});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/calls/{id}/events",
                   .roles = kAnyRole,
                   .handler = call_history});
}

}  // namespace markaz::api
