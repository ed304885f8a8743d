#include "wfm/erlang.h"

#include <chrono>
#include <cmath>

#include <gtest/gtest.h>

namespace markaz::wfm {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(Traffic, IsCallsTimesAhtOverInterval) {
    // 100 calls in 30 minutes at 180 s each: 18,000 s of work in 1,800 s = 10 Erlangs.
    EXPECT_DOUBLE_EQ(traffic_erlangs(100, seconds{180}, minutes{30}), 10.0);
    EXPECT_DOUBLE_EQ(traffic_erlangs(200, seconds{180}, minutes{60}), 10.0);
    EXPECT_DOUBLE_EQ(traffic_erlangs(0, seconds{180}, minutes{30}), 0.0);
}

// Erlang B table values as printed in standard traffic tables (e.g. the Erlang B table in
// R. B. Cooper, "Introduction to Queueing Theory", and online Erlang B tables):
// 10 trunks at 5 Erlangs block 1.838%; 20 trunks at 15 Erlangs block 4.56%.
TEST(ErlangB, MatchesPublishedTable) {
    EXPECT_NEAR(erlang_b(10, 5.0), 0.01838, 0.000005);
    EXPECT_NEAR(erlang_b(20, 15.0), 0.0456, 0.00005);
    EXPECT_NEAR(erlang_b(1, 1.0), 0.5, 1e-12);  // A / (1 + A)
}

TEST(ErlangB, EdgeCases) {
    EXPECT_DOUBLE_EQ(erlang_b(0, 3.0), 1.0);
    EXPECT_DOUBLE_EQ(erlang_b(5, 0.0), 0.0);
}

// The textbook 10 Erlang example (Call Centre Helper, "Erlang C Formula - Made Simple With an
// Easy Worked Example": 100 calls in 30 minutes, AHT 180 s, target 80/20): probability of
// waiting 68.21% with 11 agents, 44.94% with 12, 28.53% with 13, 17.41% with 14, so 14 agents
// are needed. Service level, ASA and occupancy below were cross-checked with an independent
// math-only Python evaluation of the same formulas.
TEST(ErlangC, MatchesPublishedProbabilityOfWaiting) {
    EXPECT_NEAR(erlang_c(11, 10.0), 0.6821, 0.00005);
    EXPECT_NEAR(erlang_c(12, 10.0), 0.4494, 0.00005);
    EXPECT_NEAR(erlang_c(13, 10.0), 0.2853, 0.00005);
    EXPECT_NEAR(erlang_c(14, 10.0), 0.1741, 0.00005);
}

TEST(ErlangC, MatchesPublishedServiceLevelAsaAndOccupancy) {
    EXPECT_NEAR(erlang_c_service_level(11, 10.0, seconds{180}, seconds{20}), 0.3896, 0.0001);
    EXPECT_NEAR(erlang_c_service_level(12, 10.0, seconds{180}, seconds{20}), 0.6402, 0.0001);
    EXPECT_NEAR(erlang_c_service_level(13, 10.0, seconds{180}, seconds{20}), 0.7956, 0.0001);
    EXPECT_NEAR(erlang_c_service_level(14, 10.0, seconds{180}, seconds{20}), 0.8884, 0.0001);
    auto asa = erlang_c_asa_s(14, 10.0, seconds{180});
    ASSERT_TRUE(asa.has_value());
    EXPECT_NEAR(*asa, 7.836, 0.001);
    EXPECT_NEAR(erlang_c_occupancy(14, 10.0), 0.7143, 0.0001);
}

// The inputs of Westbay Engineers' Erlang C walk-through ("The Erlang-C formula"): 360 calls
// per half hour, 4 minute calls (48 Erlangs), 55 agents, 15 s target. Expected figures from an
// independent math-only Python evaluation.
TEST(ErlangC, MatchesSecondWorkedExample) {
    double traffic = traffic_erlangs(360, minutes{4}, minutes{30});
    EXPECT_DOUBLE_EQ(traffic, 48.0);
    EXPECT_NEAR(erlang_c(55, traffic), 0.2387, 0.0001);
    EXPECT_NEAR(erlang_c_service_level(55, traffic, minutes{4}, seconds{15}), 0.8459, 0.0001);
    EXPECT_NEAR(*erlang_c_asa_s(55, traffic, minutes{4}), 8.184, 0.001);
}

TEST(ErlangC, UnstableWhenAgentsDoNotExceedTraffic) {
    for (int agents : {0, 5, 10}) {
        EXPECT_DOUBLE_EQ(erlang_c(agents, 10.0), 1.0) << agents;
        EXPECT_DOUBLE_EQ(erlang_c_service_level(agents, 10.0, seconds{180}, seconds{20}), 0.0);
        EXPECT_FALSE(erlang_c_asa_s(agents, 10.0, seconds{180}).has_value());
        EXPECT_DOUBLE_EQ(erlang_c_occupancy(agents, 10.0), 1.0);
    }
}

TEST(ErlangC, NoTrafficMeansNoWait) {
    auto m = erlang_c_metrics(0, 0.0, seconds{180}, seconds{20});
    EXPECT_DOUBLE_EQ(m.p_wait, 0.0);
    EXPECT_DOUBLE_EQ(m.service_level, 1.0);
    EXPECT_EQ(m.asa_s, 0.0);
    EXPECT_DOUBLE_EQ(m.occupancy, 0.0);
}

TEST(ErlangC, ZeroThresholdServiceLevelIsAnsweredAtOnce) {
    EXPECT_NEAR(erlang_c_service_level(12, 10.0, seconds{180}, seconds{0}), 1 - erlang_c(12, 10.0),
                1e-12);
}

// 5,000 agents at 4,900 Erlangs: A^N / N! alone would overflow a double many times over.
TEST(ErlangC, StableForThousandsOfAgents) {
    auto m = erlang_c_metrics(5000, 4900.0, seconds{180}, seconds{20});
    EXPECT_TRUE(std::isfinite(m.p_wait));
    EXPECT_GT(m.p_wait, 0.0);
    EXPECT_LT(m.p_wait, 1.0);
    EXPECT_GE(m.service_level, 0.0);
    EXPECT_LE(m.service_level, 1.0);
    ASSERT_TRUE(m.asa_s.has_value());
    EXPECT_TRUE(std::isfinite(*m.asa_s));
    EXPECT_NEAR(m.occupancy, 0.98, 1e-12);
    double b = erlang_b(5000, 4900.0);
    EXPECT_GT(b, 0.0);
    EXPECT_LT(b, 1.0);
    // Far more agents than traffic: B underflows to 0 gracefully, C follows.
    EXPECT_GE(erlang_c(5000, 10.0), 0.0);
    EXPECT_LT(erlang_c(5000, 10.0), 1e-300);
}

TEST(ErlangC, MetricsAgreeWithTheSingleFunctions) {
    auto m = erlang_c_metrics(13, 10.0, seconds{180}, seconds{20});
    EXPECT_EQ(m.agents, 13);
    EXPECT_DOUBLE_EQ(m.p_wait, erlang_c(13, 10.0));
    EXPECT_DOUBLE_EQ(m.service_level, erlang_c_service_level(13, 10.0, seconds{180}, seconds{20}));
    EXPECT_EQ(m.asa_s, erlang_c_asa_s(13, 10.0, seconds{180}));
    EXPECT_DOUBLE_EQ(m.abandon_rate, 0.0);
}

}  // namespace
}  // namespace markaz::wfm
