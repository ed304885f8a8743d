#include "api/running_counters.h"

#include "stats/stats_config.h"

namespace markaz::api {

RunningCounters::RunningCounters(const acd::RouterConfig& config)
    : folder_(stats::StatsConfig::from(config).queues) {}

void RunningCounters::apply(const acd::Event& event) {
    std::lock_guard lock(mutex_);
    folder_.apply(event, sum_);
}

stats::ScopedCounters RunningCounters::totals() const {
    std::lock_guard lock(mutex_);
    return sum_.counters;
}

void RunningCounters::Sum::add(WallTime, const QueueId& queue, const AgentId& agent,
                               const stats::KpiCounters& delta) {
    counters.total += delta;
    if (!queue.empty()) {
        counters.queues[queue] += delta;
    }
    if (!agent.empty()) {
        counters.agents[agent] += delta;
    }
}

}  // namespace markaz::api
