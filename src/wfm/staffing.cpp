#include "wfm/staffing.h"

#include <cmath>
#include <string>

#include "common/check.h"
#include "wfm/erlang.h"
#include "wfm/erlang_a.h"

namespace markaz::wfm {
namespace {

Failure field_error(const std::string& field, const std::string& message) {
    return fail(Errc::InvalidArgument, field + ": " + message);
}

Result<void> validate_times(const StaffingRequest& r) {
    if (r.interval <= Duration::zero()) {
        return field_error("interval", "must be positive");
    }
    if (r.aht <= Duration::zero()) {
        return field_error("aht", "must be positive");
    }
    if (r.sl_threshold < Duration::zero()) {
        return field_error("sl_threshold", "must not be negative");
    }
    if (r.patience && *r.patience <= Duration::zero()) {
        return field_error("patience", "must be positive");
    }
    if (r.patience && seconds(*r.patience) > kMaxPatienceOverAht * seconds(r.aht)) {
        return field_error("patience",
                           "must be at most 100 times aht (leave it out for callers "
                           "who never hang up: Erlang C)");
    }
    if (r.max_asa && *r.max_asa <= Duration::zero()) {
        return field_error("max_asa", "must be positive");
    }
    return {};
}

Result<void> validate_ratios(const StaffingRequest& r) {
    if (!std::isfinite(r.calls) || r.calls < 0) {
        return field_error("calls", "must be a number, zero or more");
    }
    if (!(r.service_level > 0 && r.service_level < 1)) {
        return field_error("service_level", "must be above 0% and below 100%");
    }
    if (r.max_occupancy && !(*r.max_occupancy > 0 && *r.max_occupancy <= 1)) {
        return field_error("max_occupancy", "must be above 0% and at most 100%");
    }
    if (!(r.shrinkage >= 0)) {
        return field_error("shrinkage", "must not be negative");
    }
    if (!(r.shrinkage < 1)) {
        return field_error("shrinkage", "must be below 100%");
    }
    return {};
}

/// The fewest agents worth trying: an Erlang C queue needs more agents than Erlangs; in
/// Erlang A at most agents / traffic of the calls are answered, so the target share needs at
/// least service_level * traffic agents.
int lower_bound_agents(const StaffingRequest& r, double traffic) {
    double bound = r.patience ? std::floor(r.service_level * traffic) : std::floor(traffic) + 1;
    return std::max(1, static_cast<int>(bound));
}

}  // namespace

Result<void> validate_staffing(const StaffingRequest& request) {
    if (auto ratios = validate_ratios(request); !ratios) {
        return ratios;
    }
    if (auto times = validate_times(request); !times) {
        return times;
    }
    if (traffic_of(request) > kMaxTrafficErlangs) {
        return field_error("calls",
                           "the offered load is above the 50000 Erlangs the planner "
                           "handles");
    }
    return {};
}

double traffic_of(const StaffingRequest& request) {
    return traffic_erlangs(request.calls, request.aht, request.interval);
}

QueueMetrics evaluate(const StaffingRequest& request, int agents) {
    double traffic = traffic_of(request);
    if (request.patience) {
        return erlang_a_metrics(agents, traffic, request.aht, *request.patience,
                                request.sl_threshold);
    }
    return erlang_c_metrics(agents, traffic, request.aht, request.sl_threshold);
}

bool meets_targets(const StaffingRequest& request, const QueueMetrics& metrics) {
    if (!metrics.asa_s || metrics.service_level < request.service_level) {
        return false;
    }
    if (request.max_asa && *metrics.asa_s > seconds(*request.max_asa)) {
        return false;
    }
    return !request.max_occupancy || metrics.occupancy <= *request.max_occupancy;
}

int scheduled_for_shrinkage(int required_agents, double shrinkage) {
    MARKAZ_CHECK(required_agents >= 0 && shrinkage >= 0 && shrinkage < 1,
                 "required agents >= 0 and shrinkage in [0, 1)");
    double gross = required_agents / (1 - shrinkage);
    return static_cast<int>(std::ceil(gross - 1e-9));
}

Result<StaffingPlan> plan_staffing(const StaffingRequest& request) {
    if (auto valid = validate_staffing(request); !valid) {
        return fail(valid.error());
    }
    StaffingPlan plan{.traffic_erlangs = traffic_of(request)};
    if (plan.traffic_erlangs == 0) {
        return plan;
    }
    auto meets = [&](int agents) { return meets_targets(request, evaluate(request, agents)); };
    // Gallop up from the lower bound to a count that meets the targets, then bisect
    // (fail_below, meets_at].
    int fail_below = lower_bound_agents(request, plan.traffic_erlangs) - 1;
    int meets_at = fail_below + 1;
    for (int step = 1; !meets(meets_at); step *= 2) {
        fail_below = meets_at;
        meets_at += step;
        if (meets_at > 4 * static_cast<int>(kMaxTrafficErlangs)) {
            return fail(Errc::InvalidArgument,
                        "service_level: the targets are not met by any number of agents");
        }
    }
    while (meets_at - fail_below > 1) {
        int mid = fail_below + (meets_at - fail_below) / 2;
        (meets(mid) ? meets_at : fail_below) = mid;
    }
    plan.required_agents = meets_at;
    plan.scheduled_agents = scheduled_for_shrinkage(meets_at, request.shrinkage);
    return plan;
}

}  // namespace markaz::wfm
