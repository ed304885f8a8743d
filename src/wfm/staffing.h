#pragma once

#include <chrono>
#include <optional>

#include "common/result.h"
#include "common/time.h"
#include "wfm/queue_metrics.h"

namespace markaz::wfm {

/// One interval's staffing question: how many agents must be on the phones so that the
/// service-level target (and, when given, the ASA and occupancy limits) is met. With
/// `patience` the model is Erlang A (callers abandon), without it Erlang C.
/// Field names are the ones validate_staffing() uses in its messages.
struct StaffingRequest {
    double calls = 0;            ///< calls offered in the interval (a forecast; may be fractional)
    Duration interval{};         ///< length of the interval, e.g. 30 min
    Duration aht{};              ///< average handle time: talk + hold + wrap-up
    double service_level = 0.8;  ///< target fraction answered within sl_threshold, in (0, 1)
    Duration sl_threshold = std::chrono::seconds{20};
    std::optional<Duration> patience;     ///< mean time callers wait before hanging up
    std::optional<Duration> max_asa;      ///< ASA must not exceed this
    std::optional<double> max_occupancy;  ///< occupancy must not exceed this, in (0, 1]
    double shrinkage = 0;  ///< share of paid time agents are off the phones, in [0, 1)
};

/// The answer to a StaffingRequest.
struct StaffingPlan {
    double traffic_erlangs = 0;
    int required_agents = 0;   ///< fewest agents on the phones meeting every target
    int scheduled_agents = 0;  ///< required_agents grossed up for shrinkage
};

/// The largest offered load the planner accepts (a single queue this big is already far past
/// any contact centre; the bound keeps every search finite).
inline constexpr double kMaxTrafficErlangs = 50'000;
/// Erlang A sums about (traffic - agents) * patience / aht states; this bounds the ratio.
inline constexpr double kMaxPatienceOverAht = 100;

/// Checks every field; the error names the field first: "aht: must be positive".
Result<void> validate_staffing(const StaffingRequest& request);

/// The offered load of `request` in Erlangs.
double traffic_of(const StaffingRequest& request);

/// What `agents` agents achieve for `request` (Erlang A with patience, else Erlang C).
/// Precondition: validate_staffing(request) succeeded.
QueueMetrics evaluate(const StaffingRequest& request, int agents);

/// True when `metrics` meets the service level and every limit of `request`; an unstable
/// Erlang C queue never does.
bool meets_targets(const StaffingRequest& request, const QueueMetrics& metrics);

/// ceil(required / (1 - shrinkage)); shrinkage in [0, 1). A quotient within 1e-9 of a whole
/// number is taken as that number, so 14 agents at 30% shrinkage are 20, not 21.
int scheduled_for_shrinkage(int required_agents, double shrinkage);

/// Validates `request`, then finds the fewest agents meeting its targets (0 when no calls are
/// offered) and the agents to schedule. Monotone search: the service level rises and ASA and
/// occupancy fall as agents are added.
Result<StaffingPlan> plan_staffing(const StaffingRequest& request);

}  // namespace markaz::wfm
