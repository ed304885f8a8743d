#include "wfm/erlang.h"

#include <algorithm>
#include <cmath>

#include "common/check.h"

namespace markaz::wfm {
namespace {

void check_load(int agents, double traffic) {
    MARKAZ_CHECK(agents >= 0, "agents must not be negative");
    MARKAZ_CHECK(std::isfinite(traffic) && traffic >= 0, "traffic must be finite and >= 0");
}

bool stable(int agents, double traffic) {
    return traffic == 0 || agents > traffic;
}

}  // namespace

double traffic_erlangs(double calls, Duration aht, Duration interval) {
    MARKAZ_CHECK(interval > Duration::zero(), "interval must be positive");
    return calls * seconds(aht) / seconds(interval);
}

double erlang_b(int agents, double traffic) {
    check_load(agents, traffic);
    // B(n) = A B(n-1) / (n + A B(n-1)), B(0) = 1: every step stays in [0, 1], so nothing
    // overflows; for agents far above the traffic B underflows gently to 0.
    double b = 1.0;
    for (int n = 1; n <= agents; ++n) {
        b = traffic * b / (n + traffic * b);
    }
    return b;
}

double erlang_c(int agents, double traffic) {
    check_load(agents, traffic);
    if (traffic == 0) {
        return 0;
    }
    if (agents <= traffic) {
        return 1;
    }
    // C = N B / (N - A (1 - B)); the denominator is >= N - A > 0.
    double b = erlang_b(agents, traffic);
    double n = agents;
    return std::clamp(n * b / (n - traffic * (1 - b)), 0.0, 1.0);
}

double erlang_c_service_level(int agents, double traffic, Duration aht, Duration threshold) {
    MARKAZ_CHECK(aht > Duration::zero(), "aht must be positive");
    if (!stable(agents, traffic)) {
        return 0;
    }
    double c = erlang_c(agents, traffic);
    double decay = std::exp(-(agents - traffic) * seconds(threshold) / seconds(aht));
    return std::clamp(1 - c * decay, 0.0, 1.0);
}

std::optional<double> erlang_c_asa_s(int agents, double traffic, Duration aht) {
    MARKAZ_CHECK(aht > Duration::zero(), "aht must be positive");
    if (!stable(agents, traffic)) {
        return std::nullopt;
    }
    if (traffic == 0) {
        return 0.0;
    }
    return erlang_c(agents, traffic) * seconds(aht) / (agents - traffic);
}

double erlang_c_occupancy(int agents, double traffic) {
    check_load(agents, traffic);
    if (traffic == 0) {
        return 0;
    }
    return agents <= traffic ? 1.0 : traffic / agents;
}

QueueMetrics erlang_c_metrics(int agents, double traffic, Duration aht, Duration threshold) {
    return QueueMetrics{
        .agents = agents,
        .p_wait = erlang_c(agents, traffic),
        .service_level = erlang_c_service_level(agents, traffic, aht, threshold),
        .asa_s = erlang_c_asa_s(agents, traffic, aht),
        .occupancy = erlang_c_occupancy(agents, traffic),
        .abandon_rate = 0,
    };
}

}  // namespace markaz::wfm
