#include "stats/live_stats.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>
#include <variant>

namespace markaz::stats {

namespace {

constexpr Duration kDay = std::chrono::hours{24};

/// Keeps the live gauges: which callers wait (and since when) and which callback requests are
/// open. Every event that ends a wait is listed here, once.
struct WaitVisitor {
    std::map<QueueId, std::map<CallId, WallTime>>& waiting;
    std::map<QueueId, std::map<CallId, WallTime>>& callbacks;
    WallTime at;

    void end(const QueueId& queue, const CallId& call) {
        waiting[queue].erase(call);
        callbacks[queue].erase(call);
    }
    void operator()(const acd::CallEnqueued& e) { waiting[e.queue][e.call] = at; }
    void operator()(const acd::CallAnswered& e) { end(e.queue, e.call); }
    void operator()(const acd::CallAbandoned& e) { end(e.queue, e.call); }
    void operator()(const acd::CallTimedOut& e) { end(e.queue, e.call); }
    void operator()(const acd::CallRemoved& e) { end(e.queue, e.call); }
    void operator()(const acd::CallbackFailed& e) { end(e.queue, e.call); }
    void operator()(const acd::CallbackRequested& e) {
        waiting[e.queue].erase(e.call);
        callbacks[e.queue][e.call] = at;
    }
    template <class Other>
    void operator()(const Other&) {}
};

/// One window of every scope: base counts plus the open spans closed at `now`.
struct Window {
    WallTime from;
    ScopedCounters counters;
};

Window window(const Timeline& base, const Timeline& open, std::int64_t first, std::int64_t last) {
    Window w{base.start_of(first), base.sum(first, last)};
    w.counters += open.sum(first, last);
    return w;
}

WindowFigures figures(const Window& w, const KpiCounters& c, acd::ServiceLevelFormula formula,
                      WallTime now) {
    return WindowFigures{w.from, now, c, compute_kpis(c, formula)};
}

const KpiCounters& counters_of(const std::map<QueueId, KpiCounters>& scopes, const QueueId& id) {
    static const KpiCounters kNone;
    auto it = scopes.find(id);
    return it == scopes.end() ? kNone : it->second;
}

}  // namespace

void AgentsByState::count(acd::AgentState state) {
    switch (state) {
        case acd::AgentState::Available:
            ++available;
            break;
        case acd::AgentState::Ringing:
            ++ringing;
            break;
        case acd::AgentState::OnCall:
            ++on_call;
            break;
        case acd::AgentState::WrapUp:
            ++wrap_up;
            break;
        case acd::AgentState::Paused:
            ++paused;
            break;
        case acd::AgentState::NotReady:
            ++not_ready;
            break;
        case acd::AgentState::LoggedOut:
            break;
    }
}

Result<LiveStats> LiveStats::create(StatsConfig config) {
    if (auto ok = validate(config); !ok) {
        return fail(ok.error());
    }
    return LiveStats(std::move(config));
}

LiveStats::LiveStats(StatsConfig config)
    : config_(std::move(config)),
      folder_(config_.queues),
      // Local midnight of 1970-01-01 is the origin, so days and intervals start at local
      // midnight and at whole local intervals (interval divides 24 h).
      days_(WallTime{} - config_.utc_offset, kDay),
      intervals_(WallTime{} - config_.utc_offset, config_.interval),
      rolling_(WallTime{} - config_.utc_offset, config_.rolling_bucket),
      rolling_buckets_(config_.rolling_window / config_.rolling_bucket) {}

void LiveStats::advance(WallTime at) {
    days_.drop_before(days_.index_of(at));
    intervals_.drop_before(intervals_.index_of(at));
    rolling_.drop_before(rolling_.index_of(at) - (rolling_buckets_ - 1));
}

void LiveStats::apply(const acd::Event& event) {
    advance(event.at);
    const std::array<CounterSink*, 3> sinks{&days_, &intervals_, &rolling_};
    FanoutSink all(sinks);
    folder_.apply(event, all);
    track_waiting(event);
}

void LiveStats::apply(const std::vector<acd::Event>& events) {
    for (const acd::Event& e : events) {
        apply(e);
    }
}

void LiveStats::track_waiting(const acd::Event& event) {
    std::visit(WaitVisitor{waiting_, callbacks_, event.at}, event.body);
}

LiveSnapshot LiveStats::snapshot(WallTime now) const {
    Timeline open_days = days_.empty_copy();
    Timeline open_intervals = intervals_.empty_copy();
    Timeline open_rolling = rolling_.empty_copy();
    const std::array<CounterSink*, 3> sinks{&open_days, &open_intervals, &open_rolling};
    FanoutSink all(sinks);
    folder_.add_open_spans(now, all);

    const std::int64_t day = days_.index_of(now);
    const std::int64_t interval = intervals_.index_of(now);
    const std::int64_t minute = rolling_.index_of(now);
    const Window today = window(days_, open_days, day, day);
    const Window current = window(intervals_, open_intervals, interval, interval);
    const Window rolling = window(rolling_, open_rolling, minute - (rolling_buckets_ - 1), minute);

    auto live = [&](auto pick, QueueId id, double target, acd::ServiceLevelFormula formula) {
        QueueLive q;
        q.id = std::move(id);
        q.sl_target = target;
        q.today = figures(today, pick(today.counters), formula, now);
        q.interval = figures(current, pick(current.counters), formula, now);
        q.last_hour = figures(rolling, pick(rolling.counters), formula, now);
        return q;
    };

    LiveSnapshot snap;
    snap.at = now;
    std::set<QueueId> listed;
    auto add_queue = [&](const QueueId& id) {
        if (!listed.insert(id).second) {
            return;
        }
        const QueuePolicy& p = folder_.policy(id);
        auto pick = [&id](const ScopedCounters& s) { return counters_of(s.queues, id); };
        snap.queues.push_back(live(pick, id, p.sl_target, p.sl_formula));
    };
    for (const QueuePolicy& p : folder_.queues()) {
        add_queue(p.id);
    }
    // Seen in events but not configured, in id order. Every window counts: just after local
    // midnight the last hour still holds yesterday's queues while today holds none.
    std::set<QueueId> others;
    for (const Window* w : {&today, &current, &rolling}) {
        for (const auto& [id, c] : w->counters.queues) {
            others.insert(id);
        }
    }
    for (const auto& [id, calls] : waiting_) {
        others.insert(id);
    }
    for (const auto& [id, calls] : callbacks_) {
        others.insert(id);
    }
    for (const auto& [id, agent] : folder_.agents()) {
        others.insert(agent.queues.begin(), agent.queues.end());
    }
    for (const QueueId& id : others) {
        add_queue(id);
    }
    snap.totals = live([](const ScopedCounters& s) { return s.total; }, QueueId{},
                       config_.center_sl_target, config_.center_sl_formula);
    add_gauges(now, snap.queues, snap.totals);
    snap.agents = agents_live(now, today.counters);
    return snap;
}

void LiveStats::add_gauges(WallTime now, std::vector<QueueLive>& queues, QueueLive& totals) const {
    std::map<QueueId, QueueLive*> by_id;
    for (QueueLive& q : queues) {
        by_id[q.id] = &q;
    }
    for (const auto& [id, calls] : waiting_) {
        QueueLive& q = *by_id.at(id);
        q.waiting = static_cast<int>(calls.size());
        for (const auto& [call, since] : calls) {
            q.longest_wait = std::max(q.longest_wait, now - since);
        }
        totals.waiting += q.waiting;
        totals.longest_wait = std::max(totals.longest_wait, q.longest_wait);
    }
    for (const auto& [id, calls] : callbacks_) {
        by_id.at(id)->callbacks_waiting = static_cast<int>(calls.size());
        totals.callbacks_waiting += static_cast<int>(calls.size());
    }
    for (const auto& [id, agent] : folder_.agents()) {
        if (agent.state == acd::AgentState::LoggedOut) {
            continue;
        }
        totals.agents.count(agent.state);
        for (const QueueId& q : agent.queues) {
            by_id.at(q)->agents.count(agent.state);
        }
    }
}

std::vector<AgentLive> LiveStats::agents_live(WallTime now, const ScopedCounters& today) const {
    // Logged in now, or with counts today. The second set is not a subset of the folder's
    // agents: when stats start mid-shift an agent may appear only in CallCompleted or
    // WrapUpCompleted, which keep no agent state.
    std::set<AgentId> ids;
    for (const auto& [id, agent] : folder_.agents()) {
        if (agent.state != acd::AgentState::LoggedOut) {
            ids.insert(id);
        }
    }
    for (const auto& [id, c] : today.agents) {
        ids.insert(id);
    }
    const AgentTrack unseen;
    std::vector<AgentLive> out;
    for (const AgentId& id : ids) {
        auto tracked = folder_.agents().find(id);
        const AgentTrack& agent = tracked == folder_.agents().end() ? unseen : tracked->second;
        AgentLive a;
        a.id = id;
        a.state = agent.state;
        a.reason = agent.reason;
        // `since` keeps its epoch default until a state event of the agent is seen; then the
        // start of the state is unknown, and "in state since 1970" would be nonsense.
        a.in_state = agent.since == WallTime{} ? Duration::zero()
                                               : std::max(Duration::zero(), now - agent.since);
        a.queues = agent.queues;
        if (auto counted = today.agents.find(id); counted != today.agents.end()) {
            a.today = counted->second;
        }
        a.calls_answered = a.today.answered + a.today.callbacks_answered;
        a.talk = a.today.talk;
        a.occupancy = occupancy(a.today.agent_time);
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace markaz::stats
