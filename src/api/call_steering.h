#pragma once

// What the desk's call controls share (hold, transfer, consult): finding the connected call a
// request may steer, and answering with the call as it is after the change.

#include "api/center_read.h"
#include "api/endpoint.h"

namespace markaz::api {

/// The connected call named in the path, for its own agent or a supervisor in scope (the
/// agent's desk controls): 404, 403, then 409.
ApiResult<LiveCall> find_talking_call(const RequestContext& c, const CenterRead& read);

/// {"at_ms", "call"} as the call is now (or as it was, if it has already ended).
HttpResponse call_reply(RequestContext& c, const LiveCall& before);

}  // namespace markaz::api
