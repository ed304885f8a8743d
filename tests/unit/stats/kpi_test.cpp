#include "stats/kpi.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "stats/stats_config.h"
#include "unit/stats/stats_test_util.h"

namespace markaz::stats {
namespace {

using namespace testing;
using acd::ServiceLevelFormula;

/// 8 answered (6 within the threshold), 2 abandoned (1 after the threshold), 3 short abandons.
KpiCounters mixed_day() {
    KpiCounters c;
    c.offered = 14;
    c.blocked = 1;
    c.answered = 8;
    c.answered_within_threshold = 6;
    c.abandoned = 2;
    c.abandoned_after_threshold = 1;
    c.short_abandoned = 3;
    c.answered_wait = 80s;
    c.abandoned_wait = 50s;
    c.handled = 4;
    c.talk = 600s;
    c.hold = 60s;
    c.wrap = 140s;
    return c;
}

TEST(ServiceLevel, AnsweredAndAbandonedIsWithinOverAnsweredPlusAbandoned) {
    // 6 / (8 + 2); short abandons are in neither part.
    EXPECT_THAT(service_level(mixed_day(), ServiceLevelFormula::AnsweredAndAbandoned),
                Optional(DoubleEq(0.6)));
}

TEST(ServiceLevel, AnsweredOnlyIsWithinOverAnswered) {
    EXPECT_THAT(service_level(mixed_day(), ServiceLevelFormula::AnsweredOnly),
                Optional(DoubleEq(0.75)));  // 6 / 8
}

TEST(ServiceLevel, AbandonedAfterThresholdCountsOnlyLateAbandons) {
    EXPECT_THAT(service_level(mixed_day(), ServiceLevelFormula::AbandonedAfterThreshold),
                Optional(DoubleEq(6.0 / 9.0)));  // 6 / (8 + 1)
}

TEST(ServiceLevel, TheDefaultFormulaIsAnsweredAndAbandoned) {
    EXPECT_EQ(acd::QueueConfig{}.sl_formula, ServiceLevelFormula::AnsweredAndAbandoned);
    EXPECT_EQ(QueuePolicy{}.sl_formula, ServiceLevelFormula::AnsweredAndAbandoned);
    EXPECT_EQ(StatsConfig{}.center_sl_formula, ServiceLevelFormula::AnsweredAndAbandoned);
}

TEST(ServiceLevel, NoCallsIsNoDataUnderEveryFormula) {
    for (auto formula :
         {ServiceLevelFormula::AnsweredAndAbandoned, ServiceLevelFormula::AnsweredOnly,
          ServiceLevelFormula::AbandonedAfterThreshold}) {
        EXPECT_EQ(service_level(KpiCounters{}, formula), std::nullopt);
    }
}

TEST(ServiceLevel, OnlyShortAbandonsIsNoData) {
    KpiCounters c;
    c.offered = 3;
    c.short_abandoned = 3;
    EXPECT_EQ(service_level(c, ServiceLevelFormula::AnsweredAndAbandoned), std::nullopt);
    EXPECT_EQ(service_level(c, ServiceLevelFormula::AnsweredOnly), std::nullopt);
    EXPECT_EQ(service_level(c, ServiceLevelFormula::AbandonedAfterThreshold), std::nullopt);
}

TEST(ServiceLevel, EarlyAbandonsOnlyAreZeroByDefaultAndNoDataOtherwise) {
    // Two callers gave up within the threshold and nobody was answered.
    KpiCounters c;
    c.abandoned = 2;
    EXPECT_THAT(service_level(c, ServiceLevelFormula::AnsweredAndAbandoned),
                Optional(DoubleEq(0.0)));
    EXPECT_EQ(service_level(c, ServiceLevelFormula::AnsweredOnly), std::nullopt);
    EXPECT_EQ(service_level(c, ServiceLevelFormula::AbandonedAfterThreshold), std::nullopt);
}

TEST(ServiceLevel, AllAnsweredWithinIsOne) {
    KpiCounters c;
    c.answered = 5;
    c.answered_within_threshold = 5;
    EXPECT_THAT(service_level(c, ServiceLevelFormula::AnsweredAndAbandoned),
                Optional(DoubleEq(1.0)));
}

TEST(ComputeKpis, EveryFigureByHand) {
    const Kpis k = compute_kpis(mixed_day(), ServiceLevelFormula::AnsweredOnly);
    EXPECT_THAT(k.service_level, Optional(DoubleEq(0.75)));
    EXPECT_THAT(k.asa_s, Optional(DoubleEq(10.0)));  // 80 s / 8 answered
    // (600 talk + 60 hold + 140 wrap) / 4 handled
    EXPECT_THAT(k.aht_s, Optional(DoubleEq(200.0)));
    EXPECT_THAT(k.abandon_rate, Optional(DoubleEq(0.2)));    // 2 / (8 + 2)
    EXPECT_THAT(k.avg_abandon_s, Optional(DoubleEq(25.0)));  // 50 s / 2
    EXPECT_EQ(k.occupancy, std::nullopt);                    // no agent time in these counters
}

TEST(ComputeKpis, ZeroDenominatorsAreNoDataNeverZero) {
    const Kpis k = compute_kpis(KpiCounters{}, ServiceLevelFormula::AnsweredAndAbandoned);
    EXPECT_EQ(k, Kpis{});
    EXPECT_EQ(k.service_level, std::nullopt);
    EXPECT_EQ(k.asa_s, std::nullopt);
    EXPECT_EQ(k.aht_s, std::nullopt);
    EXPECT_EQ(k.abandon_rate, std::nullopt);
    EXPECT_EQ(k.avg_abandon_s, std::nullopt);
    EXPECT_EQ(k.occupancy, std::nullopt);
}

TEST(ComputeKpis, WrapWithoutAHandledCallIsNoAht) {
    // The wrap-up of a call completed in an earlier window: no call handled here.
    KpiCounters c;
    c.wrap = 30s;
    EXPECT_EQ(compute_kpis(c, ServiceLevelFormula::AnsweredOnly).aht_s, std::nullopt);
}

TEST(ComputeKpis, AbandonFiguresIgnoreShortAbandons) {
    KpiCounters c;
    c.answered = 3;
    c.answered_wait = 30s;
    c.short_abandoned = 5;
    const Kpis k = compute_kpis(c, ServiceLevelFormula::AnsweredAndAbandoned);
    EXPECT_THAT(k.abandon_rate, Optional(DoubleEq(0.0)));  // 0 / (3 + 0)
    EXPECT_EQ(k.avg_abandon_s, std::nullopt);              // no (long) abandon
}

TEST(ComputeKpis, MillisecondsAreKeptInAverages) {
    KpiCounters c;
    c.answered = 2;
    c.answered_wait = 3001ms;
    EXPECT_THAT(compute_kpis(c, ServiceLevelFormula::AnsweredOnly).asa_s,
                Optional(DoubleEq(1.5005)));
}

TEST(Occupancy, BusyOverWorkingTimeLeavingOutPausesAndNotReady) {
    AgentTime t;
    t.available = 15min;
    t.ringing = 5min;
    t.on_call = 30min;
    t.wrap_up = 10min;
    t.paused = 60min;
    t.not_ready = 45min;
    EXPECT_EQ(t.busy(), 40min);
    EXPECT_EQ(t.working(), 60min);
    EXPECT_THAT(occupancy(t), Optional(DoubleEq(40.0 / 60.0)));
}

TEST(Occupancy, OnlyPausedIsNoData) {
    AgentTime t;
    t.paused = 1h;
    EXPECT_EQ(occupancy(t), std::nullopt);
}

TEST(Occupancy, IdleAllDayIsZero) {
    AgentTime t;
    t.available = 8h;
    EXPECT_THAT(occupancy(t), Optional(DoubleEq(0.0)));
}

TEST(AgentTime, OfPicksTheFieldOfEachStateAndNoneForLoggedOut) {
    AgentTime t;
    *t.of(acd::AgentState::Available) += 1s;
    *t.of(acd::AgentState::Ringing) += 2s;
    *t.of(acd::AgentState::OnCall) += 3s;
    *t.of(acd::AgentState::WrapUp) += 4s;
    *t.of(acd::AgentState::Paused) += 5s;
    *t.of(acd::AgentState::NotReady) += 6s;
    EXPECT_EQ(t.of(acd::AgentState::LoggedOut), nullptr);
    EXPECT_EQ(t, (AgentTime{1s, 2s, 3s, 4s, 5s, 6s}));
}

TEST(KpiCounters, AddingTwoSpansAddsEveryField) {
    KpiCounters a = mixed_day();
    a.timed_out = 1;
    a.removed = 2;
    a.callbacks_requested = 3;
    a.callbacks_answered = 4;
    a.callbacks_failed = 5;
    a.agent_time = AgentTime{1s, 2s, 3s, 4s, 5s, 6s};

    KpiCounters twice = a + a;
    EXPECT_EQ(twice.offered, 28);
    EXPECT_EQ(twice.blocked, 2);
    EXPECT_EQ(twice.answered, 16);
    EXPECT_EQ(twice.answered_within_threshold, 12);
    EXPECT_EQ(twice.abandoned, 4);
    EXPECT_EQ(twice.short_abandoned, 6);
    EXPECT_EQ(twice.abandoned_after_threshold, 2);
    EXPECT_EQ(twice.timed_out, 2);
    EXPECT_EQ(twice.removed, 4);
    EXPECT_EQ(twice.callbacks_requested, 6);
    EXPECT_EQ(twice.callbacks_answered, 8);
    EXPECT_EQ(twice.callbacks_failed, 10);
    EXPECT_EQ(twice.handled, 8);
    EXPECT_EQ(twice.answered_wait, 160s);
    EXPECT_EQ(twice.abandoned_wait, 100s);
    EXPECT_EQ(twice.talk, 1200s);
    EXPECT_EQ(twice.hold, 120s);
    EXPECT_EQ(twice.wrap, 280s);
    EXPECT_EQ(twice.agent_time, (AgentTime{2s, 4s, 6s, 8s, 10s, 12s}));
    // Ratios of the sum equal the ratios of each part when the parts are alike.
    EXPECT_EQ(compute_kpis(twice, ServiceLevelFormula::AnsweredAndAbandoned),
              compute_kpis(a, ServiceLevelFormula::AnsweredAndAbandoned));
}

}  // namespace
}  // namespace markaz::stats

namespace markaz::stats {
namespace {

TEST(Kpis, UtilisationCountsBreaksWhereOccupancyLeavesThemOut) {
    using namespace std::chrono_literals;
    KpiCounters c;
    c.handled = 6;
    c.agent_time.available = 30min;
    c.agent_time.on_call = 20min;
    c.agent_time.wrap_up = 10min;
    c.agent_time.paused = 45min;
    c.agent_time.not_ready = 15min;
    const Kpis k = compute_kpis(c, acd::ServiceLevelFormula::AnsweredAndAbandoned);
    EXPECT_DOUBLE_EQ(*k.occupancy, 0.5) << "30 of the 60 working minutes";
    EXPECT_DOUBLE_EQ(*k.utilisation, 0.25) << "30 of the 120 logged-in minutes";
    EXPECT_DOUBLE_EQ(*k.calls_per_agent_hour, 3.0) << "6 calls in 2 hours";
    const Kpis none = compute_kpis(KpiCounters{}, acd::ServiceLevelFormula::AnsweredAndAbandoned);
    EXPECT_FALSE(none.utilisation) << "nobody logged in: no data, not 0";
    EXPECT_FALSE(none.calls_per_agent_hour);
}

TEST(WaitCurve, EachBucketEndsAtItsEdgeInclusive) {
    using std::chrono::milliseconds;
    using std::chrono::seconds;
    EXPECT_EQ(wait_bucket(Duration{0}), 0U);
    EXPECT_EQ(wait_bucket(seconds(10)), 0U);
    EXPECT_EQ(wait_bucket(seconds(10) + milliseconds(1)), 1U);
    EXPECT_EQ(wait_bucket(seconds(45)), 3U);
    EXPECT_EQ(wait_bucket(seconds(300)), 8U);
    EXPECT_EQ(wait_bucket(seconds(301)), 9U) << "over the last edge";
    KpiCounters a;
    a.answered_by_wait[2] = 3;
    KpiCounters b;
    b.answered_by_wait[2] = 1;
    b.abandoned_by_wait[9] = 2;
    a += b;
    EXPECT_EQ(a.answered_by_wait[2], 4);
    EXPECT_EQ(a.abandoned_by_wait[9], 2);
}

}  // namespace
}  // namespace markaz::stats
