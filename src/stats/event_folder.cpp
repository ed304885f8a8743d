#include "stats/event_folder.h"

#include <variant>

namespace markaz::stats {

/// Applies one event body: the table of docs/metrics.md "Which events feed which counter".
struct FoldVisitor {
    EventFolder& folder;
    WallTime at;
    CounterSink& sink;

    void count(const QueueId& queue, const KpiCounters& delta, const AgentId& agent = {}) {
        sink.add(at, queue, agent, delta);
    }
    AgentTrack& agent(const AgentId& id) { return folder.agents_[id]; }

    void operator()(const acd::AgentLoggedIn& e) {
        AgentTrack& a = agent(e.agent);
        // A new queue list starts a new span, so time before it is shared the old way.
        folder.close_span(e.agent, a, at, sink);
        a.queues = e.queues;
    }
    void operator()(const acd::AgentLoggedOut& e) {
        AgentTrack& a = agent(e.agent);
        folder.close_span(e.agent, a, at, sink);
        a = AgentTrack{acd::AgentState::LoggedOut, at, {}, {}, std::nullopt};
    }
    void operator()(const acd::AgentStateChanged& e) {
        AgentTrack& a = agent(e.agent);
        folder.close_span(e.agent, a, at, sink);
        a.state = e.to;
        a.reason = e.reason;
        switch (e.to) {
            case acd::AgentState::Ringing:
            case acd::AgentState::OnCall:
            case acd::AgentState::WrapUp:
                break;
            case acd::AgentState::LoggedOut:
                a.queues.clear();
                a.busy_queue.reset();
                break;
            case acd::AgentState::Available:
            case acd::AgentState::Paused:
            case acd::AgentState::NotReady:
                a.busy_queue.reset();
                break;
        }
    }
    void operator()(const acd::CallEnqueued& e) { count(e.queue, {.offered = 1}); }
    void operator()(const acd::CallBlocked& e) { count(e.queue, {.offered = 1, .blocked = 1}); }
    void operator()(const acd::CallOffered& e) { agent(e.agent).busy_queue = e.queue; }
    void operator()(const acd::CallAnswered& e) {
        agent(e.agent).busy_queue = e.queue;
        KpiCounters d;
        if (e.callback) {
            d.callbacks_answered = 1;
        } else {
            d.answered = 1;
            d.answered_within_threshold = e.wait <= folder.policy(e.queue).sl_threshold ? 1 : 0;
            d.answered_wait = e.wait;
            d.longest_wait = e.wait;
            d.answered_by_wait[wait_bucket(e.wait)] = 1;
        }
        count(e.queue, d, e.agent);
    }
    void operator()(const acd::CallAbandoned& e) {
        KpiCounters d;
        if (e.short_abandon) {
            d.short_abandoned = 1;
        } else {
            d.abandoned = 1;
            d.abandoned_after_threshold = e.wait > folder.policy(e.queue).sl_threshold ? 1 : 0;
            d.abandoned_wait = e.wait;
            d.longest_wait = e.wait;
            d.abandoned_by_wait[wait_bucket(e.wait)] = 1;
        }
        count(e.queue, d);
    }
    void operator()(const acd::CallTimedOut& e) {
        count(e.queue, {.timed_out = 1, .longest_wait = e.wait});
    }
    void operator()(const acd::CallRemoved& e) { count(e.queue, {.removed = 1}); }
    void operator()(const acd::CallCompleted& e) {
        count(e.queue, {.handled = 1, .talk = e.talk, .hold = e.hold}, e.agent);
    }
    void operator()(const acd::CallTransferred& e) {
        // Handled where it was answered; the next queue counts it as offered (CallEnqueued).
        count(e.queue, {.handled = 1, .transferred = 1, .talk = e.talk, .hold = e.hold}, e.agent);
    }
    void operator()(const acd::WrapUpCompleted& e) { count(e.queue, {.wrap = e.wrap}, e.agent); }
    void operator()(const acd::CallbackRequested& e) { count(e.queue, {.callbacks_requested = 1}); }
    void operator()(const acd::CallbackFailed& e) { count(e.queue, {.callbacks_failed = 1}); }

    /// OfferEnded, CallPriorityChanged, CallHeld, CallResumed, CallbackOffered, DialCallback and
    /// CallbackAttemptFailed feed no counter (hold time comes whole with CallCompleted).
    template <class Other>
    void operator()(const Other&) {}
};

EventFolder::EventFolder(const std::vector<QueuePolicy>& queues) : order_(queues) {
    for (const QueuePolicy& q : queues) {
        policies_.emplace(q.id, q);
    }
}

void EventFolder::apply(const acd::Event& event, CounterSink& sink) {
    std::visit(FoldVisitor{*this, event.at, sink}, event.body);
}

const QueuePolicy& EventFolder::policy(const QueueId& queue) const {
    auto it = policies_.find(queue);
    return it == policies_.end() ? default_policy_ : it->second;
}

const std::vector<QueueId>& EventFolder::share_of(const AgentTrack& agent,
                                                  std::vector<QueueId>& scratch) const {
    const bool busy =
        agent.state == acd::AgentState::OnCall || agent.state == acd::AgentState::WrapUp;
    if (busy && agent.busy_queue) {
        scratch.assign(1, *agent.busy_queue);
        return scratch;
    }
    return agent.queues;
}

void EventFolder::close_span(const AgentId& id, AgentTrack& agent, WallTime at,
                             CounterSink& sink) const {
    if (agent.state != acd::AgentState::LoggedOut && agent.since < at) {
        std::vector<QueueId> scratch;
        sink.add_state_time(id, share_of(agent, scratch), agent.state, agent.since, at);
    }
    agent.since = at;
}

void EventFolder::add_open_spans(WallTime now, CounterSink& sink) const {
    std::vector<QueueId> scratch;
    for (const auto& [id, agent] : agents_) {
        if (agent.state != acd::AgentState::LoggedOut && agent.since < now) {
            sink.add_state_time(id, share_of(agent, scratch), agent.state, agent.since, now);
        }
    }
}

}  // namespace markaz::stats
