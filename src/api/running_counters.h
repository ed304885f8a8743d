#pragma once

// Counters since the process started, per queue and per agent, for /metrics (Prometheus
// counters never reset; the live windows do at midnight). The same folding of events as the
// live figures (stats::EventFolder), into one sum that never rolls over.

#include <mutex>

#include "acd/config.h"
#include "acd/events.h"
#include "stats/event_folder.h"
#include "stats/timeline.h"

namespace markaz::api {

/// Thread: apply() on the core loop (through Center::subscribe); totals() from any thread.
class RunningCounters {
public:
    explicit RunningCounters(const acd::RouterConfig& config);

    void apply(const acd::Event& event);
    stats::ScopedCounters totals() const;

private:
    /// Adds every count; agent time is not a counter /metrics shows, so it is left out.
    class Sum final : public stats::CounterSink {
    public:
        void add(WallTime at, const QueueId& queue, const AgentId& agent,
                 const stats::KpiCounters& delta) override;
        void add_state_time(const AgentId&, const std::vector<QueueId>&, acd::AgentState, WallTime,
                            WallTime) override {}
        stats::ScopedCounters counters;
    };

    mutable std::mutex mutex_;
    stats::EventFolder folder_;
    Sum sum_;
};

}  // namespace markaz::api
