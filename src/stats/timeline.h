#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "acd/agent_state.h"
#include "common/ids.h"
#include "common/time.h"
#include "stats/kpi.h"

namespace markaz::stats {

/// Counters of one span of time for the centre, each queue and each agent.
struct ScopedCounters {
    KpiCounters total;
    std::map<QueueId, KpiCounters> queues;
    std::map<AgentId, KpiCounters> agents;

    ScopedCounters& operator+=(const ScopedCounters& other);
};

/// Where EventFolder puts what it derives from events. Implementations decide which window
/// or bucket a contribution lands in.
class CounterSink {
public:
    virtual ~CounterSink() = default;
    /// Counts of one event at instant `at`: to the centre, to `queue` and, unless `agent` is
    /// empty, to `agent`.
    virtual void add(WallTime at, const QueueId& queue, const AgentId& agent,
                     const KpiCounters& delta) = 0;
    /// `agent` spent [from, to) in `state`: the whole span to the agent and the centre, and an
    /// equal share to each queue of `share_among` (none when it is empty).
    virtual void add_state_time(const AgentId& agent, const std::vector<QueueId>& share_among,
                                acd::AgentState state, WallTime from, WallTime to) = 0;
};

/// Passes every contribution on to several sinks (LiveStats' windows); does not own them.
class FanoutSink final : public CounterSink {
public:
    explicit FanoutSink(std::span<CounterSink* const> sinks) : sinks_(sinks) {}
    void add(WallTime at, const QueueId& queue, const AgentId& agent,
             const KpiCounters& delta) override;
    void add_state_time(const AgentId& agent, const std::vector<QueueId>& share_among,
                        acd::AgentState state, WallTime from, WallTime to) override;

private:
    std::span<CounterSink* const> sinks_;
};

/// Counters in fixed-width buckets: bucket i covers [origin + i*width, origin + (i+1)*width).
/// Owns the buckets; counts land in the bucket of their instant, and a state span is split at
/// bucket boundaries (then shared among queues to the millisecond, remainders to the first
/// queues, so queue shares add up to the whole). Buckets before the floor are dropped and
/// nothing is added to them. Single-threaded, like everything in stats.
class Timeline final : public CounterSink {
public:
    Timeline(WallTime origin, Duration width);
    /// A timeline with the same buckets' geometry and floor, and no counts.
    Timeline empty_copy() const;

    void add(WallTime at, const QueueId& queue, const AgentId& agent,
             const KpiCounters& delta) override;
    void add_state_time(const AgentId& agent, const std::vector<QueueId>& share_among,
                        acd::AgentState state, WallTime from, WallTime to) override;

    /// The bucket holding `at` (floor division: instants before `origin` get negative indices).
    std::int64_t index_of(WallTime at) const;
    WallTime start_of(std::int64_t index) const;
    Duration width() const { return width_; }

    /// Sum of buckets first..last (inclusive); empty counters when none has data.
    ScopedCounters sum(std::int64_t first, std::int64_t last) const;
    /// Drops buckets before `index` and ignores later contributions to them.
    void drop_before(std::int64_t index);
    const std::map<std::int64_t, ScopedCounters>& buckets() const { return buckets_; }

private:
    WallTime origin_;
    Duration width_;
    std::optional<std::int64_t> floor_;
    std::map<std::int64_t, ScopedCounters> buckets_;
};

}  // namespace markaz::stats
