#pragma once

// Who is asking, and what they may see and steer (docs/api.md "Roles and what each may do").
// Every read filters through a Scope and every change asks it first.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "acd/config.h"
#include "acd/events.h"
#include "api/center.h"
#include "api/users.h"

namespace markaz::api {

enum class AuthVia { Session, Token };

/// The authenticated user of a request or WebSocket.
struct Principal {
    User user;
    AuthVia via = AuthVia::Session;
    std::string session_key;  ///< Session: names the session (sessions.h)
    std::string csrf_token;   ///< Session: the token bound to it
    std::string token_id;     ///< Token: which API token
};

/// What one user may see and steer, computed from their role, team and agent id against the
/// configuration of the moment. A value: cheap to copy, never refers back.
///  - manager: everything.
///  - supervisor: the queues of their team, the agents who are members of those queues and the
///    calls in those queues, plus the centre's totals.
///  - qa: reads every queue and agent, the totals and every call's history; no live calls.
///  - agent: themselves, the queues they are a member of, and the call they are on.
/// A user of any role with an agent id also has the agent's self rules for that agent.
class Scope {
public:
    Scope(const User& user, const acd::RouterConfig& config);

    Role role() const { return role_; }
    const std::optional<AgentId>& self() const { return self_; }
    bool everything() const { return role_ == Role::Manager; }

    bool may_read_queue(const QueueId& queue) const;
    bool may_read_agent(const AgentId& agent) const;
    /// Change the agent's state or log them in.
    bool may_steer_agent(const AgentId& agent) const;
    bool may_read_call(const LiveCall& call) const;
    /// Move, reprioritise or hang up the call.
    bool may_steer_call(const LiveCall& call) const;
    /// Read a call's event history (live or ended).
    bool may_read_history(const std::vector<acd::Event>& events) const;
    bool sees_totals() const { return role_ != Role::Agent; }
    bool sees_live_calls() const { return role_ != Role::Qa || self_.has_value(); }
    /// A supervisor who only listens is not shown to the agent on the call, whatever the
    /// agent's role (as with ChanSpy's listen mode); one who whispers or barges in is heard,
    /// so is shown to everyone.
    bool sees_listeners_of(const LiveCall& call) const { return !self_ || call.agent != self_; }

    /// Finished calls and their recordings: managers and QA every call, supervisors the calls
    /// that joined one of their team's queues. Agents none (yet: a centre may want agents to
    /// hear their own calls).
    bool may_read_record(const std::vector<std::string>& queues) const;
    /// The queues a search of finished calls is limited to: nullopt for every call.
    std::optional<std::vector<std::string>> record_queues() const;

private:
    bool in_team(const QueueId& queue) const { return team_queues_.contains(queue); }

    Role role_;
    std::optional<AgentId> self_;
    std::set<QueueId> team_queues_;    ///< supervisor: their queues
    std::set<AgentId> team_agents_;    ///< supervisor: members of those queues
    std::set<QueueId> member_queues_;  ///< the self agent's configured queues
};

}  // namespace markaz::api
