// Transfers. Blind: the agent's conversation ends and the caller, keeping what they arrived
// with, waits in a queue again: offered as a new arrival there, or straight to one free
// colleague. Attended: the agent first consults a free colleague while the caller holds, may
// make it a three-way conference, and then hands the caller over (CompleteTransfer) or lets
// the colleague go (EndConsult).

#include "acd/engine.h"

namespace markaz::acd::detail {

Result<void> Engine::on(const TransferCall& c) {
    auto found = find_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    auto to = queue_index_.find(c.queue);
    if (to == queue_index_.end() && c.number.empty()) {
        return fail(Errc::NotFound, "unknown queue '" + c.queue.str() + "'");
    }
    CallRec& call = calls_[*found];
    if (call.stage != Stage::Connected) {
        return fail(Errc::Conflict, "call '" + c.call.str() + "' is not connected to an agent");
    }
    if (call.consulting()) {
        return fail(Errc::Conflict, "call '" + c.call.str() + "' has a consult with " +
                                        consulted(call) + " going on: complete or cancel it first");
    }
    if (!c.number.empty()) {
        // Out of the queues: the agent's part ends as in any transfer, and the router is
        // done with the caller, whom the call flow connects with that number.
        const ConversationEnd end = end_conversation(*found);
        emit(CallTransferred{c.call, end.queue, end.agent, QueueId{}, end.talk, end.hold, c.by,
                             AgentId{}, false, c.number});
        start_wrap_up(end);
        return {};
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
    const CallRec before = call;  // what the caller arrived with, kept for the next queue
    const ConversationEnd end = end_conversation(*found);
    emit(CallTransferred{c.call, end.queue, end.agent, c.queue, end.talk, end.hold, c.by,
                         c.agent.value_or(AgentId{})});
    start_wrap_up(end);
    CallIdx next = renew_call(before);
    if (target) {
        // In line like any caller, so an unanswered offer puts them back at their place.
        join_line(next, to->second);
        offer(next, {*target}, c.by);
    } else {
        enqueue(next, to->second);
    }
    return {};
}

std::string Engine::consulted(const CallRec& call) const {
    return call.consult != kNone ? "agent '" + agents_[call.consult].id.str() + "'"
                                 : "'" + call.consult_number + "'";
}

void Engine::take_off_hold(CallRec& call) {
    if (call.held_since) {
        Duration held = now_.mono - *call.held_since;
        call.hold += held;
        call.held_since.reset();
        emit(CallResumed{call.id, agents_[call.agent].id, held});
    }
}

Result<void> Engine::on(const ConsultAgent& c) {
    auto found = find_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    auto agent = c.number.empty() ? find_agent(c.agent) : Result<AgentIdx>(kNone);
    if (!agent) {
        return fail(agent.error());
    }
    CallRec& call = calls_[*found];
    if (call.stage != Stage::Connected) {
        return fail(Errc::Conflict, "call '" + c.call.str() + "' is not connected to an agent");
    }
    if (call.consulting()) {
        return fail(Errc::Conflict, "call '" + c.call.str() + "' has a consult with " +
                                        consulted(call) + " going on already");
    }
    if (c.number.empty()) {
        if (*agent == call.agent) {
            return fail(Errc::Conflict,
                        "agent '" + c.agent.str() + "' is the one on call '" + c.call.str() + "'");
        }
        if (agents_[*agent].state != AgentState::Available) {
            return fail(Errc::Conflict,
                        "agent '" + c.agent.str() + "' is not free (" +
                            std::string(kAgentStateNames.name(agents_[*agent].state)) + ")");
        }
    }
    call.consult = *agent;
    call.consult_number = c.number;
    call.consult_since = now_.mono;
    call.consult_joined = false;
    if (!call.held_since) {
        call.held_since = now_.mono;  // the caller holds while the agent consults
        emit(CallHeld{call.id, agents_[call.agent].id});
    }
    if (!c.number.empty()) {
        emit(ConsultStarted{call.id, queue_id(call.queue), agents_[call.agent].id, AgentId{}, "",
                            c.by, c.number});
        return {};
    }
    AgentRec& colleague = agents_[*agent];
    colleague.call = *found;
    emit(ConsultStarted{call.id, queue_id(call.queue), agents_[call.agent].id, colleague.id,
                        colleague.extension, c.by});
    set_state(*agent, AgentState::OnCall, "consult", c.by);
    return {};
}

Result<CallIdx> Engine::consulting_call(const CallId& id) const {
    auto found = find_call(id);
    if (!found) {
        return fail(found.error());
    }
    const CallRec& call = calls_[*found];
    if (call.stage != Stage::Connected || !call.consulting()) {
        return fail(Errc::Conflict, "call '" + id.str() + "' has no consult going on");
    }
    return *found;
}

Result<void> Engine::on(const JoinConsult& c) {
    auto found = consulting_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    CallRec& call = calls_[*found];
    if (call.consult_joined) {
        return fail(Errc::Conflict, "call '" + c.call.str() + "' is a conference already");
    }
    call.consult_joined = true;
    take_off_hold(call);
    emit(
        ConsultJoined{call.id, call.consult != kNone ? agents_[call.consult].id : AgentId{}, c.by});
    return {};
}

void Engine::release_consult(CallIdx c, const std::string& by) {
    CallRec& call = calls_[c];
    const AgentIdx colleague = call.consult;
    call.consult = kNone;
    call.consult_number.clear();
    call.consult_joined = false;
    if (colleague == kNone) {
        emit(ConsultEnded{call.id, AgentId{}, now_.mono - call.consult_since, by});
        return;
    }
    agents_[colleague].call = kNone;
    emit(ConsultEnded{call.id, agents_[colleague].id, now_.mono - call.consult_since, by});
    finish_work(colleague);  // a pause asked for meanwhile, or free for the next call
}

Result<void> Engine::on(const EndConsult& c) {
    auto found = consulting_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    release_consult(*found, c.by);
    take_off_hold(calls_[*found]);  // the caller is back with the agent
    return {};
}

Result<void> Engine::on(const CompleteTransfer& c) {
    auto found = consulting_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    const CallRec before = calls_[*found];
    const AgentIdx colleague = before.consult;
    const ConversationEnd end = end_conversation(*found);
    if (colleague == kNone) {
        // A number consulted: the caller stays with it, out of the queues.
        emit(CallTransferred{c.call, end.queue, end.agent, QueueId{}, end.talk, end.hold, c.by,
                             AgentId{}, /*attended=*/true, before.consult_number});
        start_wrap_up(end);
        return {};
    }
    emit(CallTransferred{c.call, end.queue, end.agent, end.queue, end.talk, end.hold, c.by,
                         agents_[colleague].id, /*attended=*/true});
    start_wrap_up(end);
    // The colleague is on the line already: the caller joins the same queue and is theirs at
    // once, so the queue counts the call offered and answered again as a blind transfer does.
    CallIdx next = renew_call(before);
    join_line(next, before.queue);
    connect(next, colleague);
    return {};
}

CallIdx Engine::renew_call(const CallRec& before) {
    CallIdx next = new_call(before.id);
    CallRec& call = calls_[next];
    call.priority = before.priority;
    call.skill_set = before.skill_set;
    call.skills = before.skills;
    call.caller = before.caller;
    return next;
}

}  // namespace markaz::acd::detail
