#include "api/call_steering.h"

#include "api/objects_json.h"
#include "api/scope.h"
#include "api/stats_json.h"

namespace markaz::api {

/// {"at_ms", "call"} as the call is now (or as it was, if it has already ended).
HttpResponse call_reply(RequestContext& c, const LiveCall& before) {
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadCalls, c.deps.now());
    const LiveCall* now = read.call(before.id);
    const LiveCall& call = now ? *now : before;
    const bool listeners = Scope(c.user(), read.config).sees_listeners_of(call);
    return json_reply(200,
                      Json{{"at_ms", ms(read.at)}, {"call", call_json(call, read.at, listeners)}});
}

/// The connected call named in the path, for its own agent or a supervisor in scope (the
/// agent's desk controls): 404, 403, then 409.
ApiResult<LiveCall> find_talking_call(const RequestContext& c, const CenterRead& read) {
    const CallId id{c.param("id")};
    const LiveCall* call = read.call(id);
    if (call == nullptr) {
        return ApiError::not_found("no live call '" + id.str() + "'", "call");
    }
    const bool own = c.user().agent && call->agent == *c.user().agent;
    if (!own && !Scope(c.user(), read.config).may_steer_call(*call)) {
        return ApiError::forbidden("call '" + id.str() + "' is outside your scope", "call");
    }
    if (call->state != LiveCall::State::Connected && call->state != LiveCall::State::OnHold) {
        return ApiError::conflict("call '" + id.str() + "' is not connected to an agent");
    }
    return *call;
}

}  // namespace markaz::api
