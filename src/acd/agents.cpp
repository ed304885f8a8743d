// Agent commands and state transitions.

#include <algorithm>

#include "acd/engine.h"

namespace markaz::acd::detail {
namespace {

bool takes_calls(AgentState state) {
    return state != AgentState::LoggedOut && state != AgentState::Paused &&
           state != AgentState::NotReady;
}

std::string describe(const AgentRec& a) {
    return "agent '" + a.id.str() + "' is " + std::string(kAgentStateNames.name(a.state));
}

}  // namespace

void Engine::count_agent(AgentIdx a, int sign) {
    const AgentRec& r = agents_[a];
    if (r.state == AgentState::LoggedOut) {
        return;
    }
    for (const auto& m : r.members) {
        if (m.active) {
            queues_[m.queue].logged_in += sign;
            if (takes_calls(r.state)) {
                queues_[m.queue].ready += sign;
            }
        }
    }
}

void Engine::set_state(AgentIdx a, AgentState to, std::string reason, const std::string& by) {
    AgentRec& r = agents_[a];
    if (r.indexed) {
        unindex_agent(a);
    }
    count_agent(a, -1);
    emit(AgentStateChanged{r.id, r.state, to, reason, now_.mono - r.state_since, by});
    r.state = to;
    r.reason = std::move(reason);
    r.state_since = now_.mono;
    count_agent(a, +1);
}

// Free for calls, after an optional rest (a missed, declined or busy offer).
void Engine::become_available(AgentIdx a, Duration rest) {
    AgentRec& r = agents_[a];
    if (r.state != AgentState::Available) {
        set_state(a, AgentState::Available, "", "");
    }
    r.rest_until = now_.mono + rest;
    if (rest > Duration::zero()) {
        schedule(r.rest_until, TimerKind::RestEnd, a, 0);
        return;
    }
    index_agent(a);
    dispatch_agent(a);
}

void Engine::logout(AgentIdx a, const std::string& by) {
    AgentRec& r = agents_[a];
    std::vector<QueueIdx> queues;
    for (const auto& m : r.members) {
        if (m.active) {
            queues.push_back(m.queue);
        }
    }
    set_state(a, AgentState::LoggedOut, "", by);
    emit(AgentLoggedOut{r.id, r.extension, now_.mono - r.login_at, by});
    for (auto& m : r.members) {
        m.active = false;
    }
    extension_owner_.erase(r.extension);
    r.extension.clear();
    r.pending.reset();
    for (QueueIdx q : queues) {
        check_leave_empty(q);
    }
}

// Callers of a queue whose leave rule now holds exit it (Asterisk's leavewhenempty).
void Engine::check_leave_empty(QueueIdx q) {
    const QueueRec& queue = queues_[q];
    if (queue.config.leave_empty == EmptyRule::Never ||
        !queue_is_empty(q, queue.config.leave_empty)) {
        return;
    }
    std::vector<CallIdx> leaving;
    for (const LineKey& key : queue.line) {
        if (calls_[key.call].live && calls_[key.call].stage == Stage::Waiting) {
            leaving.push_back(key.call);
        }
    }
    for (CallIdx c : leaving) {
        time_out(c, TimeoutReason::QueueEmpty);
    }
}

void Engine::apply_agent_target(AgentIdx a, AgentState to, const std::string& reason,
                                const std::string& by) {
    AgentRec& r = agents_[a];
    r.pending.reset();
    switch (to) {
        case AgentState::LoggedOut:
            logout(a, by);
            return;
        case AgentState::Available:
            r.no_answers = 0;
            set_state(a, AgentState::Available, "", by);
            become_available(a, Duration::zero());
            return;
        default:
            set_state(a, to, reason, by);
            for (const auto& m : r.members) {
                if (m.active) {
                    check_leave_empty(m.queue);
                }
            }
            return;
    }
}

void Engine::end_wrap_up(AgentIdx a) {
    AgentRec& r = agents_[a];
    emit(WrapUpCompleted{r.wrap_call, queue_id(r.wrap_queue), r.id, now_.mono - r.wrap_start});
    finish_work(a);
}

// After a call and its wrap-up: apply what the agent asked for meanwhile, or take the next call.
void Engine::finish_work(AgentIdx a) {
    AgentRec& r = agents_[a];
    r.wrap_call = CallId{};
    r.wrap_queue = kNone;
    if (r.pending) {
        apply_agent_target(a, *r.pending, r.pending_reason, r.pending_by);
        return;
    }
    become_available(a, Duration::zero());
}

Result<void> Engine::check_pause_reason(const std::string& reason) const {
    const auto& reasons = config_.pause_reasons;
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
        std::string known;
        for (const auto& r : reasons) {
            known += (known.empty() ? "" : ", ") + r;
        }
        return fail(Errc::InvalidArgument, "reason: unknown pause reason '" + reason +
                                               "' (expected one of: " + known + ")");
    }
    return {};
}

// The one path for pause, not-ready, ready and logout, whoever asks.
Result<void> Engine::request_state(AgentIdx a, AgentState to, const std::string& reason,
                                   const std::string& by) {
    AgentRec& r = agents_[a];
    if (r.state == AgentState::LoggedOut) {
        return fail(Errc::Conflict, "agent '" + r.id.str() + "' is logged out");
    }
    if (to == AgentState::Paused) {
        if (auto valid = check_pause_reason(reason); !valid) {
            return valid;
        }
    }
    bool same = r.state == to && (to != AgentState::Paused || r.reason == reason);
    if (same && !r.pending) {
        return fail(Errc::Conflict, describe(r) + " already");
    }
    if (to == AgentState::Available &&
        (r.state == AgentState::Ringing || r.state == AgentState::OnCall)) {
        return fail(Errc::Conflict, describe(r));
    }
    if (r.state == AgentState::Ringing && calls_[r.call].stage == Stage::CallbackDialing) {
        return fail(Errc::Conflict, describe(r) + " for a callback being dialled");
    }
    switch (r.state) {
        case AgentState::OnCall:
            r.pending = to;
            r.pending_reason = reason;
            r.pending_by = by;
            return {};
        case AgentState::Ringing: {
            CallIdx c = r.call;
            auto& offers = calls_[c].offers;
            offers.erase(std::find(offers.begin(), offers.end(), a));
            emit(OfferEnded{calls_[c].id, queue_id(calls_[c].queue), r.id, OfferEnd::Withdrawn,
                            now_.mono - calls_[c].offer_started});
            r.call = kNone;
            if (offers.empty()) {
                return_to_line(c);
            }
            break;
        }
        case AgentState::WrapUp:
            emit(WrapUpCompleted{r.wrap_call, queue_id(r.wrap_queue), r.id,
                                 now_.mono - r.wrap_start});
            r.wrap_call = CallId{};
            r.wrap_queue = kNone;
            break;
        default:
            break;
    }
    apply_agent_target(a, to, reason, by);
    return {};
}

Result<void> Engine::on(const AgentLogin& c) {
    auto found = find_agent(c.agent);
    if (!found) {
        return fail(found.error());
    }
    AgentIdx a = *found;
    AgentRec& r = agents_[a];
    if (r.state != AgentState::LoggedOut) {
        return fail(
            Errc::Conflict,
            "agent '" + r.id.str() + "' is already logged in at extension '" + r.extension + "'");
    }
    if (c.extension.empty()) {
        return fail(Errc::InvalidArgument, "extension: must not be empty");
    }
    if (auto owner = extension_owner_.find(c.extension); owner != extension_owner_.end()) {
        return fail(Errc::Conflict, "extension '" + c.extension + "' is in use by agent '" +
                                        agents_[owner->second].id.str() + "'");
    }
    for (const QueueId& q : c.queues) {
        auto member = std::find_if(r.members.begin(), r.members.end(),
                                   [&](const MemberSlot& m) { return queue_id(m.queue) == q; });
        if (member == r.members.end()) {
            return fail(Errc::InvalidArgument, "queues: agent '" + r.id.str() +
                                                   "' is not a member of queue '" + q.str() + "'");
        }
    }
    if (c.initial != AgentState::Available && c.initial != AgentState::Paused &&
        c.initial != AgentState::NotReady) {
        return fail(Errc::InvalidArgument,
                    "initial: an agent logs in available, paused or not-ready");
    }
    if (c.initial == AgentState::Paused) {
        if (auto valid = check_pause_reason(c.reason); !valid) {
            return valid;
        }
    }

    r.extension = c.extension;
    extension_owner_[c.extension] = a;
    r.login_at = now_.mono;
    r.no_answers = 0;
    if (!r.had_call) {
        r.idle_since = now_.mono;
    }
    std::vector<QueueId> joined;
    for (auto& m : r.members) {
        m.active = c.queues.empty() ||
                   std::find(c.queues.begin(), c.queues.end(), queue_id(m.queue)) != c.queues.end();
        if (m.active) {
            joined.push_back(queue_id(m.queue));
        }
    }
    emit(AgentLoggedIn{r.id, r.extension, joined, c.by});
    if (c.initial == AgentState::Available) {
        set_state(a, AgentState::Available, "", c.by);
        become_available(a, Duration::zero());
    } else {
        set_state(a, c.initial, c.initial == AgentState::Paused ? c.reason : "", c.by);
    }
    return {};
}

Result<void> Engine::on(const AgentLogout& c) {
    auto a = find_agent(c.agent);
    return a ? request_state(*a, AgentState::LoggedOut, "", c.by) : fail(a.error());
}

Result<void> Engine::on(const AgentPause& c) {
    auto a = find_agent(c.agent);
    return a ? request_state(*a, AgentState::Paused, c.reason, c.by) : fail(a.error());
}

Result<void> Engine::on(const AgentReady& c) {
    auto a = find_agent(c.agent);
    return a ? request_state(*a, AgentState::Available, "", c.by) : fail(a.error());
}

Result<void> Engine::on(const AgentNotReady& c) {
    auto a = find_agent(c.agent);
    return a ? request_state(*a, AgentState::NotReady, "", c.by) : fail(a.error());
}

Result<void> Engine::on(const ForceAgentState& c) {
    auto a = find_agent(c.agent);
    if (!a) {
        return fail(a.error());
    }
    switch (c.state) {
        case AgentState::LoggedOut:
        case AgentState::Available:
        case AgentState::Paused:
        case AgentState::NotReady:
            return request_state(*a, c.state, c.reason, c.by);
        default:
            return fail(Errc::InvalidArgument, "state: an agent cannot be put in state '" +
                                                   std::string(kAgentStateNames.name(c.state)) +
                                                   "'");
    }
}

}  // namespace markaz::acd::detail
