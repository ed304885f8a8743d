#include "wfm/erlang_a.h"

#include <chrono>
#include <cmath>

#include <gtest/gtest.h>

#include "wfm/erlang.h"

namespace markaz::wfm {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

void expect_probabilities(const QueueMetrics& m) {
    for (double p : {m.p_wait, m.service_level, m.occupancy, m.abandon_rate}) {
        EXPECT_TRUE(std::isfinite(p));
        EXPECT_GE(p, 0.0);
        EXPECT_LE(p, 1.0);
    }
}

// Reference values from an independent math-only Python computation of M/M/N+M: the
// birth-death chain summed state by state (truncated at N + 400), P(abandon) from Little's law
// (theta E[queue] / lambda), the service level by uniformizing the tagged caller's position
// chain, and ASA by first-step analysis. A discrete-event simulation of 400,000 calls at the
// first point gave SL 0.827, abandon 0.0611, ASA 6.29 s.
TEST(ErlangA, MatchesIndependentBirthDeathComputation) {
    auto m = erlang_a_metrics(12, 10.0, seconds{180}, seconds{120}, seconds{20});
    EXPECT_NEAR(m.p_wait, 0.2798070186, 1e-8);
    EXPECT_NEAR(m.abandon_rate, 0.0615973770, 1e-8);
    EXPECT_NEAR(m.service_level, 0.8255826444, 1e-8);
    ASSERT_TRUE(m.asa_s.has_value());
    EXPECT_NEAR(*m.asa_s, 6.334774173, 1e-6);
    EXPECT_NEAR(m.occupancy, 0.7820021858, 1e-8);
}

TEST(ErlangA, MatchesIndependentComputationWhenOverloaded) {
    // 8 agents for 10 Erlangs: Erlang C would be unstable; abandonment keeps Erlang A finite.
    auto m = erlang_a_metrics(8, 10.0, seconds{180}, seconds{60}, seconds{30});
    EXPECT_NEAR(m.p_wait, 0.6251790657, 1e-8);
    EXPECT_NEAR(m.abandon_rate, 0.2783528616, 1e-8);
    EXPECT_NEAR(m.service_level, 0.5851081651, 1e-8);
    ASSERT_TRUE(m.asa_s.has_value());
    EXPECT_NEAR(*m.asa_s, 14.07453907, 1e-6);
    EXPECT_NEAR(m.occupancy, 0.902058923, 1e-8);
}

TEST(ErlangA, ZeroThresholdIsAnsweredAtOnce) {
    auto m = erlang_a_metrics(1, 0.5, seconds{300}, seconds{60}, seconds{0});
    EXPECT_NEAR(m.p_wait, 0.3521726823, 1e-8);
    EXPECT_NEAR(m.abandon_rate, 0.2956546355, 1e-8);
    EXPECT_NEAR(m.service_level, 1 - m.p_wait, 1e-12);
    EXPECT_NEAR(*m.asa_s, 4.112284523, 1e-6);
}

TEST(ErlangA, ConvergesToErlangCWithVeryLongPatience) {
    for (int agents : {11, 12, 14, 20}) {
        auto a = erlang_a_metrics(agents, 10.0, seconds{180}, hours{10'000}, seconds{20});
        auto c = erlang_c_metrics(agents, 10.0, seconds{180}, seconds{20});
        EXPECT_NEAR(a.p_wait, c.p_wait, 1e-4) << agents;
        EXPECT_NEAR(a.service_level, c.service_level, 1e-4) << agents;
        EXPECT_NEAR(*a.asa_s, *c.asa_s, 0.05 * *c.asa_s) << agents;
        EXPECT_NEAR(a.occupancy, c.occupancy, 1e-4) << agents;
        EXPECT_LT(a.abandon_rate, 1e-3) << agents;
    }
}

TEST(ErlangA, MoreAgentsMeanFewerAbandonsAndBetterService) {
    QueueMetrics previous = erlang_a_metrics(1, 10.0, seconds{180}, seconds{120}, seconds{20});
    for (int agents = 2; agents <= 25; ++agents) {
        auto m = erlang_a_metrics(agents, 10.0, seconds{180}, seconds{120}, seconds{20});
        expect_probabilities(m);
        EXPECT_LT(m.abandon_rate, previous.abandon_rate) << agents;
        EXPECT_GT(m.service_level, previous.service_level) << agents;
        EXPECT_LT(m.p_wait, previous.p_wait) << agents;
        EXPECT_LT(*m.asa_s, *previous.asa_s) << agents;
        previous = m;
    }
}

TEST(ErlangA, ServiceLevelIsBelowAnsweredShare) {
    for (int agents : {5, 9, 10, 11, 15}) {
        auto m = erlang_a_metrics(agents, 10.0, seconds{180}, seconds{90}, seconds{20});
        EXPECT_LE(m.service_level, 1 - m.abandon_rate + 1e-12) << agents;
        EXPECT_LE(m.abandon_rate, m.p_wait) << agents;
    }
}

TEST(ErlangA, StableForThousandsOfAgents) {
    for (int agents : {4000, 4900, 5000, 5100}) {
        auto m = erlang_a_metrics(agents, 4900.0, seconds{180}, seconds{120}, seconds{20});
        expect_probabilities(m);
        ASSERT_TRUE(m.asa_s.has_value());
        EXPECT_TRUE(std::isfinite(*m.asa_s));
    }
    // Heavily overloaded: most callers abandon, served work cannot exceed the agents.
    auto m = erlang_a_metrics(100, 4900.0, seconds{180}, seconds{120}, seconds{20});
    expect_probabilities(m);
    EXPECT_GT(m.abandon_rate, 0.97);
    EXPECT_NEAR(m.occupancy, 1.0, 1e-6);
}

TEST(ErlangA, EdgeCases) {
    auto none = erlang_a_metrics(3, 0.0, seconds{180}, seconds{60}, seconds{20});
    EXPECT_DOUBLE_EQ(none.p_wait, 0.0);
    EXPECT_DOUBLE_EQ(none.service_level, 1.0);
    EXPECT_DOUBLE_EQ(none.abandon_rate, 0.0);

    auto nobody = erlang_a_metrics(0, 2.0, seconds{180}, seconds{60}, seconds{20});
    EXPECT_NEAR(nobody.p_wait, 1.0, 1e-12);
    EXPECT_NEAR(nobody.abandon_rate, 1.0, 1e-12);
    EXPECT_NEAR(nobody.service_level, 0.0, 1e-12);
    EXPECT_FALSE(nobody.asa_s.has_value());

    // Far more agents than traffic: waiting underflows to nothing.
    auto idle = erlang_a_metrics(5000, 10.0, seconds{180}, seconds{60}, seconds{20});
    EXPECT_DOUBLE_EQ(idle.p_wait, 0.0);
    EXPECT_DOUBLE_EQ(idle.service_level, 1.0);
}

}  // namespace
}  // namespace markaz::wfm
