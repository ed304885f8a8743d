#pragma once

// The JSON of the API's objects (docs/api.md "Objects"): Agent, Call, Member, User, Token.
// Every member listed there is always present, null where the type allows.

#include <optional>
#include <string>

#include "api/api_tokens.h"
#include "api/center.h"
#include "api/center_read.h"
#include "api/json_body.h"
#include "api/users.h"

namespace markaz::api {

/// The Agent object of `config`'s agent at `read.at` (read with kReadAll).
Json agent_json(const CenterRead& read, const acd::AgentConfig& config);

/// "waiting", "ringing", "on-call", "on-hold", "callback-waiting", "callback-dialing";
/// nullopt for a call still in the IVR (not listed).
std::optional<std::string> call_state_name(const LiveCall& call);
Json call_json(const LiveCall& call, WallTime at, bool with_listeners);

Json member_json(const QueueId& queue, const AgentId& agent, int penalty, bool logged_in);
/// The Member objects of `queue` in configured (agent) order.
Json members_json(const CenterRead& read, const QueueId& queue);

Json user_json(const User& user);
/// A Token; `role` is the role of its user now (the user may be gone: then "agent").
Json token_json(const ApiToken& token, std::optional<Role> role);

}  // namespace markaz::api
