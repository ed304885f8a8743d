// Call commands: arrival, abandon, offers, answer, hang-up, hold, supervisor actions.

#include <algorithm>

#include "acd/engine.h"

namespace markaz::acd::detail {
namespace {

std::string not_waiting(const CallRec& call) {
    static constexpr EnumTable<Stage, 5> kStageNames{{{
        {Stage::Waiting, "waiting"},
        {Stage::Offering, "ringing an agent"},
        {Stage::Callback, "a callback request"},
        {Stage::CallbackDialing, "a callback being dialled"},
        {Stage::Connected, "connected"},
    }}};
    return "call '" + call.id.str() + "' is " + std::string(kStageNames.name(call.stage));
}

}  // namespace

bool Engine::queue_is_empty(QueueIdx q, EmptyRule rule) const {
    switch (rule) {
        case EmptyRule::Never:
            return false;
        case EmptyRule::NoAgentsLoggedIn:
            return queues_[q].logged_in == 0;
        case EmptyRule::NoAgentsReady:
            return queues_[q].ready == 0;
    }
    return false;
}

int Engine::position(CallIdx c) const {
    const CallRec& call = calls_[c];
    const auto& line = queues_[call.queue].line;
    return static_cast<int>(line.order_of_key(LineKey{-call.priority, call.seq, c})) + 1;
}

void Engine::leave_line(CallIdx c) {
    from_bucket(c);
    CallRec& call = calls_[c];
    queues_[call.queue].line.erase(LineKey{-call.priority, call.seq, c});
}

// Puts call `c` (already filled in) in line at queue `q`, or blocks it by the join rules.
std::optional<BlockReason> Engine::join_block(QueueIdx q) const {
    const QueueRec& queue = queues_[q];
    if (queue.config.max_length > 0 && queue.line.size() >= queue.config.max_length) {
        return BlockReason::QueueFull;
    }
    if (queue_is_empty(q, queue.config.join_empty)) {
        return BlockReason::NoAgents;
    }
    return std::nullopt;
}

void Engine::enqueue(CallIdx c, QueueIdx q) {
    if (std::optional<BlockReason> blocked = join_block(q)) {
        emit(CallBlocked{calls_[c].id, queues_[q].config.id, *blocked, calls_[c].caller});
        free_call(c);
        return;
    }
    join_line(c, q);
    dispatch_call(c);
}

void Engine::join_line(CallIdx c, QueueIdx q) {
    CallRec& call = calls_[c];
    QueueRec& queue = queues_[q];
    call.queue = q;
    call.seq = next_seq_++;
    call.joined = now_.mono;
    call.stage = Stage::Waiting;
    call.offers_made = 0;
    call.callback_offer_sent = false;
    queue.line.insert(LineKey{-call.priority, call.seq, c});
    emit(CallEnqueued{call.id, queue.config.id, call.priority, position(c), call.caller});
    if (queue.config.max_wait) {
        schedule(call.joined + *queue.config.max_wait, TimerKind::MaxWait, c, call.serial);
    }
    if (queue.config.callback.enabled && queue.config.callback_threshold) {
        schedule(call.joined + *queue.config.callback_threshold, TimerKind::CallbackOffer, c,
                 call.serial);
    }
    to_bucket(c);
}

// Ends every offer of `c` for the call's sake; the agents are released by release_agents()
// once the call's own change is done, so they cannot be offered this call again.
std::vector<AgentIdx> Engine::withdraw_offers(CallIdx c, OfferEnd reason) {
    CallRec& call = calls_[c];
    std::vector<AgentIdx> agents;
    agents.swap(call.offers);
    if (call.stage == Stage::CallbackDialing && call.agent != kNone) {
        agents.push_back(call.agent);  // the agent reserved for this callback
        call.agent = kNone;
    }
    for (AgentIdx a : agents) {
        emit(OfferEnded{call.id, queue_id(call.queue), agents_[a].id, reason,
                        now_.mono - call.offer_started});
        agents_[a].call = kNone;
    }
    return agents;
}

void Engine::release_agents(const std::vector<AgentIdx>& agents) {
    for (AgentIdx a : agents) {
        become_available(a, Duration::zero());
    }
}

// The agent's phone did not take the offer: next agent for the call, a strike for the agent.
void Engine::offer_failed(CallIdx c, AgentIdx a, OfferEnd reason) {
    CallRec& call = calls_[c];
    AgentRec& agent = agents_[a];
    call.offers.erase(std::find(call.offers.begin(), call.offers.end(), a));
    emit(OfferEnded{call.id, queue_id(call.queue), agent.id, reason,
                    now_.mono - call.offer_started});
    agent.call = kNone;
    if (call.offers.empty()) {
        return_to_line(c);
    }
    Duration rest = agent.config->no_answer_delay;
    if (reason == OfferEnd::Rejected) {
        rest = agent.config->reject_delay;
    } else if (reason == OfferEnd::Busy) {
        rest = agent.config->busy_delay;
    } else if (++agent.no_answers >= agent.config->max_no_answer) {
        apply_agent_target(a, AgentState::Paused, std::string(kNoAnswerPauseReason), "");
        return;
    }
    become_available(a, rest);
}

void Engine::return_to_line(CallIdx c) {
    CallRec& call = calls_[c];
    call.stage = call.live ? Stage::Waiting : Stage::Callback;
    call.retry_at = now_.mono + queues_[call.queue].config.retry_delay;
    if (call.retry_at > now_.mono) {
        schedule(call.retry_at, TimerKind::RetryReady, c, call.serial);
        return;
    }
    to_bucket(c);
    dispatch_call(c);
}

void Engine::connect(CallIdx c, AgentIdx a) {
    CallRec& call = calls_[c];
    AgentRec& agent = agents_[a];
    int pos = position(c);
    leave_line(c);
    call.stage = Stage::Connected;
    call.agent = a;
    call.answered_at = now_.mono;
    agent.call = c;
    ++agent.calls_answered;
    agent.no_answers = 0;
    if (agent.state != AgentState::OnCall) {
        set_state(a, AgentState::OnCall, "", "");
    }
    Duration wait = now_.mono - (call.callback ? call.requested_at : call.joined);
    emit(CallAnswered{call.id, queue_id(call.queue), agent.id, wait, pos, call.callback});
}

void Engine::time_out(CallIdx c, TimeoutReason reason) {
    CallRec& call = calls_[c];
    const QueueConfig& config = queues_[call.queue].config;
    ExitAction exit = reason == TimeoutReason::MaxWait ? config.on_max_wait : ExitAction{};
    auto released = withdraw_offers(c, OfferEnd::Withdrawn);
    if (exit.kind == ExitKind::Callback && !call.caller.empty()) {
        make_callback(c, call.caller, /*by_exit=*/true);
        release_agents(released);
        return;
    }
    if (exit.kind == ExitKind::Callback) {
        exit = ExitAction{.kind = ExitKind::Hangup, .announcement = exit.announcement};
    }
    int pos = position(c);
    leave_line(c);
    emit(CallTimedOut{call.id, config.id, now_.mono - call.joined, pos, reason, exit});
    if (exit.kind == ExitKind::Queue) {
        enqueue(c, queue_index_.at(exit.queue));
    } else {
        free_call(c);
    }
    release_agents(released);
}

Result<void> Engine::on(const EnqueueCall& c) {
    auto q = queue_index_.find(c.queue);
    if (q == queue_index_.end()) {
        return fail(Errc::NotFound, "unknown queue '" + c.queue.str() + "'");
    }
    if (call_index_.contains(c.call)) {
        return fail(Errc::Conflict, "call '" + c.call.str() + "' is already queued");
    }
    std::vector<int> skills;
    for (const auto& skill : c.skills) {
        int number = skill_number(skill);
        if (number < 0) {
            return fail(Errc::InvalidArgument, "skills: no agent has skill '" + skill + "'");
        }
        skills.push_back(number);
    }
    std::sort(skills.begin(), skills.end());
    skills.erase(std::unique(skills.begin(), skills.end()), skills.end());

    CallIdx call = new_call(c.call);
    calls_[call].priority = c.priority;
    calls_[call].skill_set = skill_set_number(skills);
    calls_[call].skills = std::move(skills);
    calls_[call].caller = c.caller;
    enqueue(call, q->second);
    return {};
}

Result<void> Engine::on(const AbandonCall& c) {
    auto found = find_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    CallIdx idx = *found;
    CallRec& call = calls_[idx];
    if (!call.live || (call.stage != Stage::Waiting && call.stage != Stage::Offering)) {
        return fail(Errc::Conflict, not_waiting(call));
    }
    int pos = position(idx);
    Duration wait = now_.mono - call.joined;
    auto released = withdraw_offers(idx, OfferEnd::CallerGone);
    leave_line(idx);
    if (call.callback) {
        // The customer we called back hung up before an agent took them: the request ends.
        emit(CallbackAttemptFailed{call.id, queue_id(call.queue), call.dial_attempts,
                                   DialOutcome::Failed, false});
        emit(CallbackFailed{call.id, queue_id(call.queue), call.dial_attempts});
    } else {
        bool short_abandon = wait < queues_[call.queue].config.short_abandon;
        emit(CallAbandoned{call.id, queue_id(call.queue), wait, pos, short_abandon});
    }
    free_call(idx);
    release_agents(released);
    return {};
}

Result<void> Engine::on(const OfferAnswered& c) {
    auto found = find_call(c.call);
    auto agent = find_agent(c.agent);
    if (!found || !agent) {
        return fail(found ? agent.error() : found.error());
    }
    CallRec& call = calls_[*found];
    if (call.stage != Stage::Offering ||
        std::find(call.offers.begin(), call.offers.end(), *agent) == call.offers.end()) {
        return fail(Errc::Conflict, "call '" + c.call.str() + "' is not being offered to agent '" +
                                        c.agent.str() + "'");
    }
    std::vector<AgentIdx> others;
    for (AgentIdx a : call.offers) {
        if (a != *agent) {
            emit(OfferEnded{call.id, queue_id(call.queue), agents_[a].id,
                            OfferEnd::AnsweredElsewhere, now_.mono - call.offer_started});
            agents_[a].call = kNone;
            others.push_back(a);
        }
    }
    call.offers.clear();
    if (call.callback && !call.live) {
        // Agent-first callback: the agent is on the line; now dial the customer.
        agents_[*agent].call = *found;
        set_state(*agent, AgentState::OnCall, "", "");
        dial(*found, *agent);
    } else {
        connect(*found, *agent);
    }
    release_agents(others);
    return {};
}

Result<void> Engine::on(const OfferFailed& c) {
    auto found = find_call(c.call);
    auto agent = find_agent(c.agent);
    if (!found || !agent) {
        return fail(found ? agent.error() : found.error());
    }
    const CallRec& call = calls_[*found];
    if (call.stage != Stage::Offering ||
        std::find(call.offers.begin(), call.offers.end(), *agent) == call.offers.end()) {
        return fail(Errc::Conflict, "call '" + c.call.str() + "' is not being offered to agent '" +
                                        c.agent.str() + "'");
    }
    static constexpr OfferEnd kEnds[] = {OfferEnd::NoAnswer, OfferEnd::Rejected, OfferEnd::Busy,
                                         OfferEnd::Unreachable};
    offer_failed(*found, *agent, kEnds[static_cast<int>(c.failure)]);
    return {};
}

Result<void> Engine::on(const HangUp& c) {
    auto found = find_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    CallRec& call = calls_[*found];
    if (call.stage != Stage::Connected) {
        return fail(Errc::Conflict, not_waiting(call) + ", not connected");
    }
    if (call.consulting()) {
        release_consult(*found, "");  // the colleague consulted is let go with the call
    }
    const ConversationEnd end = end_conversation(*found);
    emit(CallCompleted{c.call, end.queue, end.agent, end.talk, end.hold, c.side, end.callback});
    start_wrap_up(end);
    return {};
}

Engine::ConversationEnd Engine::end_conversation(CallIdx idx) {
    CallRec& call = calls_[idx];
    AgentIdx a = call.agent;
    AgentRec& agent = agents_[a];
    if (call.held_since) {
        call.hold += now_.mono - *call.held_since;
    }
    Duration talk = now_.mono - call.answered_at - call.hold;
    agent.talk += talk;
    agent.idle_since = now_.mono;
    agent.had_call = true;
    agent.call = kNone;
    ConversationEnd end{a, agent.id, queue_id(call.queue), talk, call.hold, call.callback};
    agent.wrap_call = call.id;
    agent.wrap_queue = call.queue;
    agent.wrap_start = now_.mono;
    end.wrap = agent.config->wrap_up.value_or(queues_[call.queue].config.wrap_up);
    free_call(idx);
    return end;
}

void Engine::start_wrap_up(const ConversationEnd& end) {
    if (end.wrap > Duration::zero()) {
        set_state(end.index, AgentState::WrapUp, "", "");
        agents_[end.index].wrap_until = now_.mono + end.wrap;
        schedule(agents_[end.index].wrap_until, TimerKind::WrapEnd, end.index, 0);
    } else {
        end_wrap_up(end.index);
    }
}

Result<void> Engine::on(const HoldCall& c) {
    auto found = find_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    CallRec& call = calls_[*found];
    if (call.stage != Stage::Connected || call.held_since) {
        return fail(Errc::Conflict, "call '" + c.call.str() + "' is not connected and off hold");
    }
    call.held_since = now_.mono;
    emit(CallHeld{call.id, agents_[call.agent].id});
    return {};
}

Result<void> Engine::on(const ResumeCall& c) {
    auto found = find_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    CallRec& call = calls_[*found];
    if (call.stage != Stage::Connected || !call.held_since) {
        return fail(Errc::Conflict, "call '" + c.call.str() + "' is not on hold");
    }
    take_off_hold(call);
    return {};
}

Result<void> Engine::on(const MoveCallToAgent& c) {
    auto found = find_call(c.call);
    auto agent = find_agent(c.agent);
    if (!found || !agent) {
        return fail(found ? agent.error() : found.error());
    }
    CallRec& call = calls_[*found];
    if (!is_waiting(call.stage)) {
        return fail(Errc::Conflict, not_waiting(call));
    }
    if (agents_[*agent].state != AgentState::Available) {
        return fail(Errc::Conflict, "agent '" + c.agent.str() + "' is not free (" +
                                        std::string(kAgentStateNames.name(agents_[*agent].state)) +
                                        ")");
    }
    auto released = withdraw_offers(*found, OfferEnd::Withdrawn);
    offer(*found, {*agent}, c.by);
    release_agents(released);
    return {};
}

Result<void> Engine::on(const SetCallPriority& c) {
    auto found = find_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    CallRec& call = calls_[*found];
    if (!is_waiting(call.stage)) {
        return fail(Errc::Conflict, not_waiting(call));
    }
    if (call.priority == c.priority) {
        return fail(Errc::Conflict, "call '" + c.call.str() + "' already has priority " +
                                        std::to_string(c.priority));
    }
    QueueRec& queue = queues_[call.queue];
    bool bucketed = call.in_bucket;
    from_bucket(*found);
    queue.line.erase(LineKey{-call.priority, call.seq, *found});
    int from = call.priority;
    call.priority = c.priority;
    queue.line.insert(LineKey{-call.priority, call.seq, *found});
    if (bucketed) {
        to_bucket(*found);
    }
    emit(CallPriorityChanged{call.id, queue.config.id, from, c.priority, c.by});
    return {};
}

Result<void> Engine::on(const RemoveCall& c) {
    auto found = find_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    CallRec& call = calls_[*found];
    if (!is_waiting(call.stage)) {
        return fail(Errc::Conflict, not_waiting(call));
    }
    int pos = position(*found);
    Duration wait = now_.mono - (call.live ? call.joined : call.requested_at);
    auto released = withdraw_offers(*found, OfferEnd::Withdrawn);
    leave_line(*found);
    emit(CallRemoved{call.id, queue_id(call.queue), wait, pos, !call.live, c.by});
    free_call(*found);
    release_agents(released);
    return {};
}

}  // namespace markaz::acd::detail
