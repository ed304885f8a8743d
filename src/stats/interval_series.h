#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "acd/events.h"
#include "common/result.h"
#include "stats/event_folder.h"
#include "stats/kpi.h"
#include "stats/stats_config.h"
#include "stats/timeline.h"

namespace markaz::stats {

/// One interval (or, from totals(), the whole run) for the centre, each queue and each agent.
struct IntervalRow {
    std::int64_t index = 0;  ///< 0 = the interval starting at the series' start
    WallTime from{};
    WallTime to{};
    Figures total;                      ///< with StatsConfig::center_sl_formula
    std::map<QueueId, Figures> queues;  ///< with each queue's own formula
    std::map<AgentId, Figures> agents;
};

/// Counters per interval from a start instant, for the simulator and historical reports: the
/// same event folding as LiveStats, kept for every interval instead of the live windows.
/// Owns an EventFolder and one Timeline whose buckets are the intervals (nothing is dropped).
/// Single-threaded; reads no clock.
class IntervalSeries {
public:
    /// Intervals of `config.interval` from `start` (StatsConfig::utc_offset is not used: the
    /// series starts where it is told). Fails when `config` does not pass validate().
    static Result<IntervalSeries> create(StatsConfig config, WallTime start);

    void apply(const acd::Event& event);
    void apply(const std::vector<acd::Event>& events);

    /// One row per interval, from the earlier of `start` and the first event through the
    /// interval holding `end - 1ms` (or the last event's), empty intervals included. Agents'
    /// open spans are closed at `end`. Changes nothing.
    std::vector<IntervalRow> rows(WallTime end) const;

    /// The sum of rows(end): the whole run as one row (index 0, from the first row's start to
    /// `end`).
    IntervalRow totals(WallTime end) const;

    const StatsConfig& config() const { return config_; }

private:
    IntervalSeries(StatsConfig config, WallTime start);

    IntervalRow row(std::int64_t index, WallTime from, WallTime to,
                    const ScopedCounters& counters) const;
    /// Closed spans plus the spans still open at `end`.
    Timeline closed_at(WallTime end) const;

    StatsConfig config_;
    EventFolder folder_;
    Timeline timeline_;
};

}  // namespace markaz::stats
