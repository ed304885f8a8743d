#include "acd/engine.h"

#include <algorithm>

#include "common/check.h"

namespace markaz::acd::detail {

Engine::Engine(RouterConfig config, std::uint64_t seed) : config_(std::move(config)), rng_(seed) {
    queues_.reserve(config_.queues.size());
    for (const auto& q : config_.queues) {
        queue_index_.emplace(q.id, static_cast<QueueIdx>(queues_.size()));
        queues_.push_back(QueueRec{.config = q});
    }
    agents_.reserve(config_.agents.size());
    for (const auto& a : config_.agents) {
        auto idx = static_cast<AgentIdx>(agents_.size());
        agent_index_.emplace(a.id, idx);
        AgentRec rec{.id = a.id, .config = &a};
        for (const auto& m : a.queues) {
            QueueIdx q = queue_index_.at(m.queue);
            rec.members.push_back(
                MemberSlot{.queue = q, .penalty = m.penalty, .order = queues_[q].members++});
            queues_[q].member_penalties.insert(m.penalty);
        }
        for (const auto& [skill, proficiency] : a.skills) {
            auto [it, inserted] =
                skill_numbers_.emplace(skill, static_cast<int>(skill_numbers_.size()));
            rec.skills.emplace_back(it->second, proficiency);
        }
        std::sort(rec.skills.begin(), rec.skills.end());
        agents_.push_back(std::move(rec));
    }
}

Result<std::vector<Event>> Engine::handle(const Command& command, Now now) {
    std::vector<Event> events;
    now_ = now;
    out_ = &events;
    Result<void> result = std::visit([this](const auto& c) { return on(c); }, command);
    out_ = nullptr;
    if (!result) {
        MARKAZ_CHECK(events.empty(), "a rejected command must not have changed anything");
        return fail(result.error());
    }
    return events;
}

std::vector<Event> Engine::tick(Now now) {
    std::vector<Event> events;
    now_ = now;
    out_ = &events;
    while (!timers_.empty() && timers_.top().at <= now.mono) {
        Timer timer = timers_.top();
        timers_.pop();
        fire(timer);
    }
    out_ = nullptr;
    return events;
}

std::optional<SteadyTime> Engine::next_deadline() const {
    if (timers_.empty()) {
        return std::nullopt;
    }
    return timers_.top().at;
}

void Engine::schedule(SteadyTime at, TimerKind kind, std::uint32_t index, std::uint64_t serial) {
    timers_.push(Timer{at, kind, index, serial});
}

// A timer is acted on only if the record still expects it; anything that made it moot
// (answer, abandon, a newer deadline) leaves it to be dropped here.
void Engine::fire(const Timer& t) {
    auto live_call = [&]() -> CallRec* {
        if (t.index >= calls_.size() || calls_[t.index].serial != t.serial) {
            return nullptr;
        }
        return &calls_[t.index];
    };
    switch (t.kind) {
        case TimerKind::RingTimeout: {
            CallRec* call = live_call();
            if (call && call->stage == Stage::Offering && call->ring_deadline == t.at) {
                auto offered = call->offers;
                for (AgentIdx a : offered) {
                    offer_failed(t.index, a, OfferEnd::NoAnswer);
                }
            }
            return;
        }
        case TimerKind::RetryReady: {
            CallRec* call = live_call();
            if (call && !call->in_bucket && call->retry_at == t.at &&
                (call->stage == Stage::Waiting || call->stage == Stage::Callback)) {
                to_bucket(t.index);
                dispatch_call(t.index);
            }
            return;
        }
        case TimerKind::TierWiden: {
            CallRec* call = live_call();
            if (call && call->in_bucket) {
                dispatch_call(t.index);
            }
            return;
        }
        case TimerKind::MaxWait: {
            CallRec* call = live_call();
            if (call && !call->callback &&
                (call->stage == Stage::Waiting || call->stage == Stage::Offering)) {
                time_out(t.index, TimeoutReason::MaxWait);
            }
            return;
        }
        case TimerKind::CallbackOffer: {
            CallRec* call = live_call();
            if (call && !call->callback && !call->callback_offer_sent &&
                (call->stage == Stage::Waiting || call->stage == Stage::Offering)) {
                call->callback_offer_sent = true;
                emit(CallbackOffered{call->id, queue_id(call->queue), now_.mono - call->joined});
            }
            return;
        }
        case TimerKind::WrapEnd: {
            AgentRec& agent = agents_[t.index];
            if (agent.state == AgentState::WrapUp && agent.wrap_until == t.at) {
                end_wrap_up(t.index);
            }
            return;
        }
        case TimerKind::RestEnd: {
            AgentRec& agent = agents_[t.index];
            if (agent.state == AgentState::Available && !agent.indexed &&
                agent.rest_until == t.at) {
                index_agent(t.index);
                dispatch_agent(t.index);
            }
            return;
        }
    }
}

Result<AgentIdx> Engine::find_agent(const AgentId& id) const {
    auto it = agent_index_.find(id);
    if (it == agent_index_.end()) {
        return fail(Errc::NotFound, "unknown agent '" + id.str() + "'");
    }
    return it->second;
}

Result<CallIdx> Engine::find_call(const CallId& id) const {
    auto it = call_index_.find(id);
    if (it == call_index_.end()) {
        return fail(Errc::NotFound, "unknown call '" + id.str() + "'");
    }
    return it->second;
}

CallIdx Engine::new_call(const CallId& id) {
    CallIdx c;
    if (!free_calls_.empty()) {
        c = free_calls_.back();
        free_calls_.pop_back();
        calls_[c] = CallRec{};
    } else {
        c = static_cast<CallIdx>(calls_.size());
        calls_.emplace_back();
    }
    calls_[c].id = id;
    calls_[c].serial = next_serial_++;
    call_index_[id] = c;
    return c;
}

void Engine::free_call(CallIdx c) {
    call_index_.erase(calls_[c].id);
    calls_[c] = CallRec{};  // serial 0: every pending timer for it is now stale
    free_calls_.push_back(c);
}

int Engine::skill_number(const std::string& skill) const {
    auto it = skill_numbers_.find(skill);
    return it == skill_numbers_.end() ? -1 : it->second;
}

int Engine::skill_set_number(const std::vector<int>& skills) {
    auto [it, inserted] = skill_sets_.emplace(skills, static_cast<int>(skill_sets_.size()));
    return it->second;
}

std::optional<CallId> Engine::next_call_for(const AgentId& id) const {
    auto found = find_agent(id);
    if (!found) {
        return std::nullopt;
    }
    CallIdx c = choose_call(*found);
    if (c == kNone) {
        return std::nullopt;
    }
    return calls_[c].id;
}

std::optional<AgentSnapshot> Engine::agent_snapshot(const AgentId& id) const {
    auto found = find_agent(id);
    if (!found) {
        return std::nullopt;
    }
    const AgentRec& a = agents_[*found];
    AgentSnapshot s{.id = a.id,
                    .state = a.state,
                    .reason = a.reason,
                    .extension = a.extension,
                    .state_since = a.state_since,
                    .calls_answered = a.calls_answered,
                    .talk_time = a.talk,
                    .idle_since = a.idle_since,
                    .consecutive_no_answers = a.no_answers,
                    .pending = a.pending};
    if (a.call != kNone) {
        s.call = calls_[a.call].id;
    } else if (a.state == AgentState::WrapUp) {
        s.call = a.wrap_call;
    }
    for (const auto& m : a.members) {
        if (m.active) {
            s.queues.push_back(queue_id(m.queue));
        }
    }
    return s;
}

std::optional<QueueSnapshot> Engine::queue_snapshot(const QueueId& id) const {
    auto it = queue_index_.find(id);
    if (it == queue_index_.end()) {
        return std::nullopt;
    }
    const QueueRec& q = queues_[it->second];
    QueueSnapshot s{.id = id, .logged_in = q.logged_in, .ready = q.ready};
    for (const LineKey& key : q.line) {
        const CallRec& call = calls_[key.call];
        ++s.waiting;
        if (!call.live) {
            ++s.callbacks;
        } else if (!s.oldest_since || call.joined < *s.oldest_since) {
            s.oldest_since = call.joined;
        }
    }
    return s;
}

std::vector<WaitingCall> Engine::waiting_calls(const QueueId& id) const {
    std::vector<WaitingCall> out;
    auto it = queue_index_.find(id);
    if (it == queue_index_.end()) {
        return out;
    }
    int position = 0;
    for (const LineKey& key : queues_[it->second].line) {
        const CallRec& call = calls_[key.call];
        out.push_back(WaitingCall{
            .id = call.id,
            .priority = call.priority,
            .position = ++position,
            .since = call.callback ? call.requested_at : call.joined,
            .callback = !call.live,
            .ringing = call.stage == Stage::Offering || call.stage == Stage::CallbackDialing});
    }
    return out;
}

}  // namespace markaz::acd::detail
