#include "stats/timeline.h"

#include <algorithm>

#include "common/check.h"

namespace markaz::stats {

namespace {

void add_time(KpiCounters& c, acd::AgentState state, Duration d) {
    if (Duration* field = c.agent_time.of(state)) {
        *field += d;
    }
}

}  // namespace

ScopedCounters& ScopedCounters::operator+=(const ScopedCounters& other) {
    total += other.total;
    for (const auto& [id, c] : other.queues) {
        queues[id] += c;
    }
    for (const auto& [id, c] : other.agents) {
        agents[id] += c;
    }
    return *this;
}

void FanoutSink::add(WallTime at, const QueueId& queue, const AgentId& agent,
                     const KpiCounters& delta) {
    for (CounterSink* sink : sinks_) {
        sink->add(at, queue, agent, delta);
    }
}

void FanoutSink::add_state_time(const AgentId& agent, const std::vector<QueueId>& share_among,
                                acd::AgentState state, WallTime from, WallTime to) {
    for (CounterSink* sink : sinks_) {
        sink->add_state_time(agent, share_among, state, from, to);
    }
}

Timeline::Timeline(WallTime origin, Duration width) : origin_(origin), width_(width) {
    MARKAZ_CHECK(width_ > Duration::zero(), "a timeline's bucket width must be positive");
}

Timeline Timeline::empty_copy() const {
    Timeline copy(origin_, width_);
    copy.floor_ = floor_;
    return copy;
}

std::int64_t Timeline::index_of(WallTime at) const {
    const Duration::rep offset = (at - origin_).count();
    const Duration::rep w = width_.count();
    Duration::rep index = offset / w;
    if (offset % w != 0 && offset < 0) {
        --index;
    }
    return index;
}

WallTime Timeline::start_of(std::int64_t index) const {
    return origin_ + width_ * index;
}

void Timeline::add(WallTime at, const QueueId& queue, const AgentId& agent,
                   const KpiCounters& delta) {
    const std::int64_t index = index_of(at);
    if (floor_ && index < *floor_) {
        return;
    }
    ScopedCounters& bucket = buckets_[index];
    bucket.total += delta;
    if (!queue.empty()) {
        bucket.queues[queue] += delta;
    }
    if (!agent.empty()) {
        bucket.agents[agent] += delta;
    }
}

void Timeline::add_state_time(const AgentId& agent, const std::vector<QueueId>& share_among,
                              acd::AgentState state, WallTime from, WallTime to) {
    if (state == acd::AgentState::LoggedOut) {
        return;
    }
    if (floor_) {
        from = std::max(from, start_of(*floor_));
    }
    const auto shares = static_cast<Duration::rep>(share_among.size());
    while (from < to) {
        const std::int64_t index = index_of(from);
        const WallTime piece_end = std::min(to, start_of(index + 1));
        const Duration piece = piece_end - from;
        ScopedCounters& bucket = buckets_[index];
        add_time(bucket.total, state, piece);
        add_time(bucket.agents[agent], state, piece);
        if (shares > 0) {
            // Equal shares to the millisecond; the remainder goes to the first queues so that
            // the queues' shares add up to the agent's time exactly.
            const Duration::rep base = piece.count() / shares;
            const Duration::rep rest = piece.count() % shares;
            for (Duration::rep i = 0; i < shares; ++i) {
                const Duration share{base + (i < rest ? 1 : 0)};
                add_time(bucket.queues[share_among[static_cast<std::size_t>(i)]], state, share);
            }
        }
        from = piece_end;
    }
}

ScopedCounters Timeline::sum(std::int64_t first, std::int64_t last) const {
    ScopedCounters out;
    for (auto it = buckets_.lower_bound(first); it != buckets_.end() && it->first <= last; ++it) {
        out += it->second;
    }
    return out;
}

void Timeline::drop_before(std::int64_t index) {
    if (floor_ && index <= *floor_) {
        return;
    }
    floor_ = index;
    buckets_.erase(buckets_.begin(), buckets_.lower_bound(index));
}

}  // namespace markaz::stats
