// Attended transfer and conference from the agent's desk (docs/api.md "Consult a colleague"):
// the agent rings a free colleague while the caller holds, then hands the caller over, makes
// it a three-way conference, or lets the colleague go. The agent of the call or a supervisor
// in scope; every step in the audit log.

#include "api/call_steering.h"
#include "api/center_read.h"
#include "api/endpoint.h"

namespace markaz::api {
namespace {

HttpResponse consult_colleague(RequestContext& c) {
    static const std::vector<FieldRule> rules{
        {"agent", JsonKind::String, false, false, length(1, 64), {}},
        {"number", JsonKind::String, false, false, length(1, 32), {}},
    };
    if (auto refused = check_fields(c.body, rules)) {
        return error_response(*refused);
    }
    const bool number = c.body.contains("number");
    if (number == c.body.contains("agent")) {
        return error_response(
            number ? ApiError::invalid_value("number", "a number or an agent, not both")
                   : ApiError::missing_field("agent"));
    }
    const CenterRead read =
        read_center(c.deps.center, c.deps.notes, kReadCalls | kReadConfig, c.now);
    auto call = find_talking_call(c, read);
    if (!call) {
        return error_response(call.error());
    }
    // A number: where the agent's own phone may call (the call flow checks its class).
    const std::string to_number = number ? c.body["number"].get<std::string>() : "";
    const AgentId agent{number ? "" : c.body["agent"].get<std::string>()};
    if (!number && read.agent_config(agent) == nullptr) {
        return error_response(ApiError::not_found("no agent '" + agent.str() + "'", "agent"));
    }
    if (auto refused = run(c, acd::ConsultAgent{call->id, agent, c.by(), to_number})) {
        return error_response(*refused);
    }
    audit(c, "call-consult", call->id.str(),
          Json{{"to_agent", agent.str()},
               {"number", to_number},
               {"queue", call->queue.str()},
               {"agent", call->agent ? call->agent->str() : ""}});
    return call_reply(c, *call);
}

/// One step of a consult going on: conference, complete (attended transfer) or cancel.
HttpResponse consult_step(RequestContext& c, const std::function<acd::Command(const CallId&)>& step,
                          const char* action) {
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadCalls, c.now);
    auto call = find_talking_call(c, read);
    if (!call) {
        return error_response(call.error());
    }
    if (!call->consult) {
        return error_response(
            ApiError::conflict("call '" + call->id.str() + "' has no consult going on"));
    }
    if (auto refused = run(c, step(call->id))) {
        return error_response(*refused);
    }
    audit(c, action, call->id.str(),
          Json{{"to_agent", call->consult->agent.str()},
               {"number", call->consult->number},
               {"queue", call->queue.str()},
               {"agent", call->agent ? call->agent->str() : ""}});
    return call_reply(c, *call);
}

HttpResponse join_consult(RequestContext& c) {
    return consult_step(
        c,
        [&](const CallId& id) {
            return acd::JoinConsult{id, c.by()};
        },
        "call-conference");
}

HttpResponse complete_consult(RequestContext& c) {
    return consult_step(
        c,
        [&](const CallId& id) {
            return acd::CompleteTransfer{id, c.by()};
        },
        "call-transfer-attended");
}

HttpResponse cancel_consult(RequestContext& c) {
    return consult_step(
        c,
        [&](const CallId& id) {
            return acd::EndConsult{id, c.by()};
        },
        "call-consult-cancel");
}

}  // namespace

void add_consult_endpoints(std::vector<Endpoint>& out) {
    const unsigned desk = kManager | kSupervisor | kAgent;  // agents: their own call only
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/calls/{id}/consult",
                   .roles = desk,
                   .self_agents = true,
                   .takes_body = true,
                   .handler = consult_colleague});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/calls/{id}/consult/conference",
                   .roles = desk,
                   .self_agents = true,
                   .handler = join_consult});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/calls/{id}/consult/complete",
                   .roles = desk,
                   .self_agents = true,
                   .handler = complete_consult});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/calls/{id}/consult/cancel",
                   .roles = desk,
                   .self_agents = true,
                   .handler = cancel_consult});
}

}  // namespace markaz::api
