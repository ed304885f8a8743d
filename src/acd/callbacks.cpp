// Callbacks (virtual hold): a waiting caller's place kept by a request; the customer dialled
// when the request reaches an agent.

#include "acd/engine.h"

namespace markaz::acd::detail {

void Engine::make_callback(CallIdx c, const std::string& number, bool by_exit) {
    CallRec& call = calls_[c];
    int pos = position(c);
    from_bucket(c);
    call.callback = true;
    call.live = false;
    call.stage = Stage::Callback;
    call.callback_number = number;
    call.requested_at = now_.mono;
    call.dial_attempts = 0;
    emit(CallbackRequested{call.id, queue_id(call.queue), number, now_.mono - call.joined, pos,
                           by_exit});
    to_bucket(c);
    dispatch_call(c);
}

void Engine::dial(CallIdx c, AgentIdx a) {
    CallRec& call = calls_[c];
    call.stage = Stage::CallbackDialing;
    call.agent = a;
    call.offer_started = now_.mono;
    ++call.dial_attempts;
    emit(DialCallback{call.id, queue_id(call.queue), call.callback_number, agents_[a].id,
                      call.dial_attempts});
}

void Engine::callback_attempt_failed(CallIdx c, DialOutcome outcome) {
    CallRec& call = calls_[c];
    const CallbackPolicy& policy = queues_[call.queue].config.callback;
    AgentIdx a = call.agent;
    call.agent = kNone;
    agents_[a].call = kNone;
    bool retry = call.dial_attempts < policy.max_attempts;
    emit(CallbackAttemptFailed{call.id, queue_id(call.queue), call.dial_attempts, outcome, retry});
    if (retry) {
        call.stage = Stage::Callback;
        call.retry_at = now_.mono + policy.retry_interval;
        schedule(call.retry_at, TimerKind::RetryReady, c, call.serial);
    } else {
        leave_line(c);
        emit(CallbackFailed{call.id, queue_id(call.queue), call.dial_attempts});
        free_call(c);
    }
    become_available(a, Duration::zero());
}

Result<void> Engine::on(const RequestCallback& c) {
    auto found = find_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    CallRec& call = calls_[*found];
    const QueueRec& queue = queues_[call.queue];
    if (!queue.config.callback.enabled) {
        return fail(Errc::Conflict,
                    "queue '" + queue.config.id.str() + "' does not offer callbacks");
    }
    if (call.callback || (call.stage != Stage::Waiting && call.stage != Stage::Offering)) {
        return fail(Errc::Conflict, "call '" + c.call.str() + "' is not a caller waiting in line");
    }
    std::string number = c.number.empty() ? call.caller : c.number;
    if (number.empty()) {
        return fail(Errc::InvalidArgument, "number: the caller's number is unknown; give one");
    }
    auto released = withdraw_offers(*found, OfferEnd::Withdrawn);
    make_callback(*found, number, /*by_exit=*/false);
    release_agents(released);
    return {};
}

Result<void> Engine::on(const CallbackDialed& c) {
    auto found = find_call(c.call);
    if (!found) {
        return fail(found.error());
    }
    CallRec& call = calls_[*found];
    if (call.stage != Stage::CallbackDialing) {
        return fail(Errc::Conflict, "no callback is being dialled for call '" + c.call.str() + "'");
    }
    if (c.outcome != DialOutcome::Answered) {
        callback_attempt_failed(*found, c.outcome);
        return {};
    }
    AgentIdx a = call.agent;
    call.live = true;
    if (agents_[a].state == AgentState::OnCall) {
        connect(*found, a);  // agent-first: the agent has been on the line all along
        return {};
    }
    // Customer-first: the customer is on the line; ring the reserved agent.
    call.agent = kNone;
    ring(*found, {a}, "");
    return {};
}

}  // namespace markaz::acd::detail
