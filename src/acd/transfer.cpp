// Blind transfer: the agent's conversation ends and the caller, keeping what they arrived with,
// waits in a queue again: offered as a new arrival there, or straight to one free colleague.

#include "acd/engine.h"

namespace markaz::acd::detail {

Result<void> Engine::on(const TransferCall& c) {
    auto found = find_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    auto to = queue_index_.find(c.queue);
    if (to == queue_index_.end()) {
        return fail(Errc::NotFound, "unknown queue '" + c.queue.str() + "'");
    }
    CallRec& call = calls_[*found];
    if (call.stage != Stage::Connected) {
        return fail(Errc::Conflict, "call '" + c.call.str() + "' is not connected to an agent");
    }
    std::optional<AgentIdx> target;
    if (c.agent) {
        auto agent = find_agent(*c.agent);
        if (!agent) {
            return fail(agent.error());
        }
        if (*agent == call.agent) {
            return fail(Errc::Conflict,
                        "agent '" + c.agent->str() + "' is the one on call '" + c.call.str() + "'");
        }
        if (agents_[*agent].state != AgentState::Available) {
            return fail(Errc::Conflict,
                        "agent '" + c.agent->str() + "' is not free (" +
                            std::string(kAgentStateNames.name(agents_[*agent].state)) + ")");
        }
        target = *agent;
    } else if (std::optional<BlockReason> blocked = join_block(to->second)) {
        // Checked before the conversation ends: a refused transfer leaves the call as it was
        // instead of dropping the caller.
        return fail(Errc::Conflict, "queue '" + c.queue.str() + "' takes no callers now (" +
                                        std::string(kBlockReasonNames.name(*blocked)) + ")");
    }
    // The caller keeps what they arrived with: priority, skills and number.
    const int priority = call.priority;
    const int skill_set = call.skill_set;
    std::vector<int> skills = call.skills;
    std::string caller = call.caller;
    const ConversationEnd end = end_conversation(*found);
    emit(CallTransferred{c.call, end.queue, end.agent, c.queue, end.talk, end.hold, c.by,
                         c.agent.value_or(AgentId{})});
    start_wrap_up(end);
    CallIdx next = new_call(c.call);
    calls_[next].priority = priority;
    calls_[next].skill_set = skill_set;
    calls_[next].skills = std::move(skills);
    calls_[next].caller = std::move(caller);
    if (target) {
        // In line like any caller, so an unanswered offer puts them back at their place.
        join_line(next, to->second);
        offer(next, {*target}, c.by);
    } else {
        enqueue(next, to->second);
    }
    return {};
}

}  // namespace markaz::acd::detail
