#pragma once

#include "common/time.h"
#include "wfm/queue_metrics.h"

namespace markaz::wfm {

// Erlang B and Erlang C (M/M/N): Poisson arrivals, exponential handle times, N agents.
// Every function here is pure and numerically stable for thousands of agents: Erlang B uses
// its recursion and Erlang C is derived from it, so no factorial or power is ever formed.
// Preconditions (checked, a violation aborts): agents >= 0, traffic finite and >= 0,
// durations positive where stated. Validate people's input first (wfm/staffing.h does).

/// Offered load in Erlangs: `calls` arriving over `interval`, each taking `aht` on average.
/// `interval` must be positive.
double traffic_erlangs(double calls, Duration aht, Duration interval);

/// Erlang B: the probability that a call is blocked when `agents` serve `traffic` Erlangs and
/// there is no queue. B(0, A) = 1.
double erlang_b(int agents, double traffic);

/// Erlang C: the probability that a call waits. With agents <= traffic the queue is unstable
/// (it grows without bound) and every call waits: 1. With no traffic nobody waits: 0.
double erlang_c(int agents, double traffic);

/// Erlang C service level: P(wait <= threshold) = 1 - C * exp(-(N - A) * threshold / aht).
/// Unstable (agents <= traffic, traffic > 0): 0. `aht` must be positive.
double erlang_c_service_level(int agents, double traffic, Duration aht, Duration threshold);

/// Erlang C average speed of answer in seconds: C * aht / (N - A); nullopt when unstable
/// (the mean wait is infinite).
std::optional<double> erlang_c_asa_s(int agents, double traffic, Duration aht);

/// Agent occupancy traffic / agents, capped at 1 (an unstable queue keeps every agent busy);
/// 0 with no traffic.
double erlang_c_occupancy(int agents, double traffic);

/// Every Erlang C figure for `agents` at once (abandon_rate is always 0).
QueueMetrics erlang_c_metrics(int agents, double traffic, Duration aht, Duration threshold);

}  // namespace markaz::wfm
