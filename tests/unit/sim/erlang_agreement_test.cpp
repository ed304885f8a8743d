// The simulator and the Erlang formulas check each other: the same inputs through the real
// router on a virtual clock and through wfm's closed forms must give the same service level.

#include <cstdio>

#include <gtest/gtest.h>

#include "sim/simulator.h"
#include "wfm/erlang.h"
#include "wfm/erlang_a.h"

namespace markaz::sim {
namespace {

using namespace std::chrono_literals;
using Kind = DurationDistribution::Kind;

constexpr double kCallsPerHour = 200;  // with a 180 s AHT: 10 Erlangs
constexpr Duration kAht = 180s;
constexpr Duration kThreshold = 20s;

Scenario erlang_scenario(int agents, std::optional<Duration> patience) {
    Scenario s;
    s.duration = 7 * 24h;  // a long run, so one seed's noise is small
    s.interval = 24h;
    ScenarioQueue q;
    q.config.id = QueueId{"q"};
    q.config.sl_threshold = kThreshold;
    q.config.short_abandon = 0s;  // Erlang A counts every abandon
    q.rate_per_hour = kCallsPerHour;
    q.handle_time = {Kind::Exponential, kAht, {}};
    if (patience) {
        q.patience = DurationDistribution{Kind::Exponential, *patience, {}};
    }
    s.queues.push_back(q);
    ScenarioAgentGroup group;
    group.count = agents;
    group.queues = {{QueueId{"q"}, 0}};
    group.wrap_up = 0s;
    s.agents.push_back(group);
    return s;
}

struct Measured {
    double service_level = 0;
    double abandon_rate = 0;
    double occupancy = 0;
};

/// Mean over seeds of the run's figures; each seed is also checked against `expected_sl`.
Measured run_seeds(const Scenario& scenario, double expected_sl) {
    constexpr int kSeeds = 6;
    Measured mean;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        auto r = simulate(scenario, seed);
        EXPECT_TRUE(r) << r.error().message;
        if (!r) {
            return mean;
        }
        const stats::Kpis& k = r->totals.total.kpis;
        EXPECT_NEAR(*k.service_level, expected_sl, 0.035) << "seed " << seed;
        mean.service_level += *k.service_level / kSeeds;
        mean.abandon_rate += *k.abandon_rate / kSeeds;
        mean.occupancy += *k.occupancy / kSeeds;
    }
    return mean;
}

TEST(SimulatorAgreesWithErlang, ErlangCServiceLevelWithinTwoPoints) {
    const double traffic = wfm::traffic_erlangs(kCallsPerHour, kAht, 1h);
    ASSERT_DOUBLE_EQ(traffic, 10.0);
    for (int agents : {12, 13, 14}) {
        SCOPED_TRACE(std::to_string(agents) + " agents");
        double expected = wfm::erlang_c_service_level(agents, traffic, kAht, kThreshold);
        Measured m = run_seeds(erlang_scenario(agents, std::nullopt), expected);
        std::printf("Erlang C, %d agents: SL %.4f, simulated %.4f\n", agents, expected,
                    m.service_level);
        EXPECT_NEAR(m.service_level, expected, 0.02);
        EXPECT_NEAR(m.occupancy, wfm::erlang_c_occupancy(agents, traffic), 0.01);
        EXPECT_EQ(m.abandon_rate, 0.0);
    }
}

TEST(SimulatorAgreesWithErlang, ErlangAWithPatience) {
    const double traffic = 10.0;
    for (int agents : {9, 12}) {
        SCOPED_TRACE(std::to_string(agents) + " agents");
        wfm::QueueMetrics expected = wfm::erlang_a_metrics(agents, traffic, kAht, 120s, kThreshold);
        Measured m = run_seeds(erlang_scenario(agents, 120s), expected.service_level);
        std::printf("Erlang A, %d agents: SL %.4f abandon %.4f, simulated %.4f and %.4f\n", agents,
                    expected.service_level, expected.abandon_rate, m.service_level, m.abandon_rate);
        EXPECT_NEAR(m.service_level, expected.service_level, 0.02);
        EXPECT_NEAR(m.abandon_rate, expected.abandon_rate, 0.01);
    }
}

}  // namespace
}  // namespace markaz::sim
