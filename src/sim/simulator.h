#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "common/result.h"
#include "sim/scenario.h"
#include "stats/interval_series.h"

namespace markaz::sim {

/// What a run produced: the figures per interval and for the whole run, from the same
/// stats code the live wallboard uses.
struct SimulationResult {
    std::uint64_t seed = 0;
    WallTime start{};  ///< virtual midnight of the run's day: interval labels count from it
    std::vector<QueueId> queues;  ///< in scenario order
    std::vector<stats::IntervalRow> intervals;
    stats::IntervalRow totals;
    std::int64_t events = 0;  ///< acd events the router emitted
    int waiting_at_end = 0;   ///< callers still in line when the run stopped (not counted)
};

/// Runs the real acd::Router on a virtual clock: callers arrive as a Poisson process per queue
/// (the rate may change every interval), agents log in and out with their shifts and answer
/// every offer at once, conversations last a drawn handle time, callers hang up when their
/// drawn patience runs out, and customers answer callbacks. The run covers [0, duration):
/// arrivals stop at the end and calls still in progress are not counted.
/// `seed` overrides the scenario's. Pure: no clock, no I/O; the same scenario and seed give
/// the same result. Fails when the scenario's queues or agents do not form a valid router
/// configuration.
/// `observe`, when given, sees every event the router emits, in order (alerts are tested on a
/// simulated day this way).
Result<SimulationResult> simulate(const Scenario& scenario,
                                  std::optional<std::uint64_t> seed = std::nullopt,
                                  const std::function<void(const acd::Event&)>& observe = {});

/// The router configuration a scenario describes: its queues, and each agent group expanded
/// into `count` agents named "<name>-<n>" (n from 1, zero-padded to the group's width).
acd::RouterConfig router_config(const Scenario& scenario);

}  // namespace markaz::sim
