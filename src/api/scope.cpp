#include "api/scope.h"

#include <algorithm>

namespace markaz::api {

Scope::Scope(const User& user, const acd::RouterConfig& config)
    : role_(user.role), self_(user.agent) {
    if (role_ == Role::Supervisor) {
        team_queues_.insert(user.queues.begin(), user.queues.end());
    }
    for (const acd::AgentConfig& agent : config.agents) {
        for (const acd::Membership& membership : agent.queues) {
            if (team_queues_.contains(membership.queue)) {
                team_agents_.insert(agent.id);
            }
            if (self_ && agent.id == *self_) {
                member_queues_.insert(membership.queue);
            }
        }
    }
}

bool Scope::may_read_queue(const QueueId& queue) const {
    return role_ == Role::Manager || role_ == Role::Qa || in_team(queue) ||
           member_queues_.contains(queue);
}

bool Scope::may_read_agent(const AgentId& agent) const {
    return role_ == Role::Manager || role_ == Role::Qa || team_agents_.contains(agent) ||
           self_ == agent;
}

bool Scope::may_steer_agent(const AgentId& agent) const {
    return role_ == Role::Manager || team_agents_.contains(agent) || self_ == agent;
}

bool Scope::may_read_call(const LiveCall& call) const {
    // An agent reads the call they are on, and one whose agent consults them.
    const bool consulted = call.consult && call.consult->agent == self_;
    return role_ == Role::Manager || in_team(call.queue) ||
           (self_ && (call.agent == self_ || consulted));
}

bool Scope::may_steer_call(const LiveCall& call) const {
    return role_ == Role::Manager || in_team(call.queue);
}

bool Scope::may_read_history(const std::vector<acd::Event>& events) const {
    if (role_ == Role::Manager || role_ == Role::Qa) {
        return true;
    }
    for (const acd::Event& event : events) {
        const bool allowed = std::visit(
            [this](const auto& e) {
                if constexpr (requires { e.queue; }) {
                    if (in_team(e.queue)) {
                        return true;
                    }
                }
                if constexpr (requires { e.agent; }) {
                    // The agent's rule: calls that were offered to them (or dialled for them).
                    return self_ && e.agent == *self_;
                }
                return false;
            },
            event.body);
        if (allowed) {
            return true;
        }
    }
    return false;
}

bool Scope::may_read_record(const std::vector<std::string>& queues) const {
    if (role_ == Role::Manager || role_ == Role::Qa) {
        return true;
    }
    return std::any_of(queues.begin(), queues.end(),
                       [this](const std::string& queue) { return in_team(QueueId{queue}); });
}

std::optional<std::vector<std::string>> Scope::record_queues() const {
    if (role_ == Role::Manager || role_ == Role::Qa) {
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (const QueueId& queue : team_queues_) {
        out.push_back(queue.str());
    }
    return out;
}

}  // namespace markaz::api
