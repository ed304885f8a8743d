// LiveStats windows: today (from local midnight), the current interval, the rolling hour.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "stats/live_stats.h"
#include "unit/stats/stats_test_util.h"

namespace markaz::stats {
namespace {

using namespace testing;
using acd::AgentState;

TEST(LiveStatsToday, TehranOffsetParsesToTheConfiguredMinutes) {
    EXPECT_EQ(*parse_utc_offset("+03:30"), tehran_config().utc_offset);
}

TEST(LiveStatsToday, StartsAtLocalMidnightNotUtcMidnight) {
    LiveStats live = live_stats(tehran_config());
    // 19:00 and 20:00 UTC are 22:30 and 23:30 on 20 March in Tehran.
    live.apply(at(utc(2024, 3, 20, 19), answered("sales", "c1", "a1", 10s)));
    live.apply(at(utc(2024, 3, 20, 20), answered("sales", "c2", "a1", 10s)));

    LiveSnapshot snap = live.snapshot(utc(2024, 3, 20, 20, 15));
    EXPECT_EQ(snap.totals.today.from, utc(2024, 3, 19, 20, 30));  // 20 March 00:00 local
    EXPECT_EQ(snap.totals.today.to, utc(2024, 3, 20, 20, 15));
    EXPECT_EQ(snap.totals.today.counters.answered, 2);

    // 20:30 UTC is midnight in Tehran: 21 March begins, and the first two calls were yesterday.
    live.apply(at(utc(2024, 3, 20, 20, 30), answered("sales", "c3", "a1", 10s)));
    live.apply(at(utc(2024, 3, 20, 21), answered("sales", "c4", "a1", 10s)));
    snap = live.snapshot(utc(2024, 3, 20, 21, 10));
    EXPECT_EQ(snap.totals.today.from, utc(2024, 3, 20, 20, 30));
    EXPECT_EQ(snap.totals.today.counters.answered, 2);
    EXPECT_EQ(queue_of(snap, "sales").today.counters.answered, 2);
    EXPECT_EQ(agent_of(snap, "a1").calls_answered, 2);
}

TEST(LiveStatsToday, UtcOffsetZeroStartsAtUtcMidnight) {
    StatsConfig config = tehran_config();
    config.utc_offset = std::chrono::minutes{0};
    LiveStats live = live_stats(config);
    live.apply(at(utc(2024, 3, 20, 19), answered("sales", "c1", "a1", 10s)));
    live.apply(at(utc(2024, 3, 20, 21), answered("sales", "c2", "a1", 10s)));
    const LiveSnapshot snap = live.snapshot(utc(2024, 3, 20, 21, 10));
    EXPECT_EQ(snap.totals.today.from, utc(2024, 3, 20));
    EXPECT_EQ(snap.totals.today.counters.answered, 2);
}

TEST(LiveStatsToday, NegativeOffsetStartsTheDayLater) {
    StatsConfig config = tehran_config();
    config.utc_offset = -std::chrono::minutes{5 * 60};  // New York in winter
    LiveStats live = live_stats(config);
    live.apply(at(utc(2024, 3, 20, 4), answered("sales", "c1", "a1", 10s)));  // 23:00 on 19th
    live.apply(at(utc(2024, 3, 20, 5), answered("sales", "c2", "a1", 10s)));  // 00:00 on 20th
    const LiveSnapshot snap = live.snapshot(utc(2024, 3, 20, 6));
    EXPECT_EQ(snap.totals.today.from, utc(2024, 3, 20, 5));
    EXPECT_EQ(snap.totals.today.counters.answered, 1);
}

TEST(LiveStatsToday, AgentTimeIsCutAtLocalMidnight) {
    LiveStats live = live_stats(tehran_config());
    live.apply(at(utc(2024, 3, 20, 20), logged_in("a1", {"sales"})));
    live.apply(at(utc(2024, 3, 20, 20), state("a1", AgentState::LoggedOut, AgentState::Available)));
    const LiveSnapshot snap = live.snapshot(utc(2024, 3, 20, 21));
    // Available since 23:30 local; today (from 00:00 local) holds the last 30 minutes only.
    EXPECT_EQ(snap.totals.today.counters.agent_time.available, 30min);
    EXPECT_EQ(agent_of(snap, "a1").today.agent_time.available, 30min);
    EXPECT_EQ(agent_of(snap, "a1").in_state, 60min);
}

/// Answered calls on 20 March (UTC; Tehran is 3:30 ahead), sales threshold 20 s:
/// 10:05 w10, 10:20 w30, 10:35 w5, 10:50 w40, 11:05 w15, 11:20 w25; the snapshot is at 11:25.
LiveStats six_answered_calls(StatsConfig config) {
    LiveStats live = live_stats(std::move(config));
    const struct {
        int h, m;
        Duration wait;
    } calls[] = {{10, 5, 10s},  {10, 20, 30s}, {10, 35, 5s},
                 {10, 50, 40s}, {11, 5, 15s},  {11, 20, 25s}};
    int n = 0;
    for (const auto& c : calls) {
        live.apply(at(utc(2024, 3, 20, c.h, c.m),
                      answered("sales", "c" + std::to_string(++n), "a1", c.wait)));
    }
    return live;
}

struct IntervalCase {
    int minutes;
    WallTime from;
    std::int64_t answered;
    std::int64_t within;
    double asa_s;
};

class LiveStatsInterval : public ::testing::TestWithParam<IntervalCase> {};

TEST_P(LiveStatsInterval, HoldsOnlyTheCurrentLocalInterval) {
    const IntervalCase& p = GetParam();
    StatsConfig config = tehran_config();
    config.interval = std::chrono::minutes{p.minutes};
    const LiveSnapshot snap = six_answered_calls(config).snapshot(utc(2024, 3, 20, 11, 25));
    const WindowFigures& w = queue_of(snap, "sales").interval;
    EXPECT_EQ(w.from, p.from);
    EXPECT_EQ(w.to, utc(2024, 3, 20, 11, 25));
    EXPECT_EQ(w.counters.answered, p.answered);
    EXPECT_EQ(w.counters.answered_within_threshold, p.within);
    EXPECT_THAT(w.kpis.service_level, Optional(DoubleEq(static_cast<double>(p.within) /
                                                        static_cast<double>(p.answered))));
    EXPECT_THAT(w.kpis.asa_s, Optional(DoubleEq(p.asa_s)));
    EXPECT_EQ(snap.totals.interval.counters, w.counters);
}

// 11:25 UTC is 14:55 in Tehran. With the +03:30 offset, hour intervals begin at :30 UTC.
INSTANTIATE_TEST_SUITE_P(Stats, LiveStatsInterval,
                         ::testing::Values(
                             // 14:45-15:00 local = 11:15-11:30 UTC: the 11:20 call (25 s, late).
                             IntervalCase{15, utc(2024, 3, 20, 11, 15), 1, 0, 25.0},
                             // 14:30-15:00 local = 11:00-11:30 UTC: 11:05 (15 s) and 11:20 (25 s).
                             IntervalCase{30, utc(2024, 3, 20, 11, 0), 2, 1, 20.0},
                             // 14:00-15:00 local = 10:30-11:30 UTC: 5, 40, 15 and 25 s.
                             IntervalCase{60, utc(2024, 3, 20, 10, 30), 4, 2, 21.25}));

TEST(LiveStatsWindows, TodayAndRollingHourOfTheSameCalls) {
    const LiveSnapshot snap =
        six_answered_calls(tehran_config()).snapshot(utc(2024, 3, 20, 11, 25));
    const QueueLive& sales = queue_of(snap, "sales");
    EXPECT_EQ(sales.today.counters.answered, 6);
    EXPECT_EQ(sales.today.counters.answered_within_threshold, 3);  // 10, 5 and 15 s
    EXPECT_THAT(sales.today.kpis.service_level, Optional(DoubleEq(0.5)));
    EXPECT_THAT(sales.today.kpis.asa_s, Optional(DoubleEq(125.0 / 6.0)));
    // The rolling hour moves by the minute: from 10:26 (the minute 59 minutes before 11:25).
    EXPECT_EQ(sales.last_hour.from, utc(2024, 3, 20, 10, 26));
    EXPECT_EQ(sales.last_hour.counters.answered, 4);
    EXPECT_THAT(sales.last_hour.kpis.asa_s, Optional(DoubleEq(21.25)));
}

TEST(LiveStatsRollingHour, EventsAnHourOldDropOut) {
    LiveStats live = live_stats(tehran_config());
    live.apply(at(utc(2024, 3, 20, 10), answered("sales", "c1", "a1", 10s)));
    live.apply(at(utc(2024, 3, 20, 10, 30), answered("sales", "c2", "a1", 30s)));

    auto last_hour = [&](WallTime now) { return live.snapshot(now).totals.last_hour; };
    EXPECT_EQ(last_hour(utc(2024, 3, 20, 10, 59, 59)).counters.answered, 2);
    EXPECT_EQ(last_hour(utc(2024, 3, 20, 10, 59, 59)).from, utc(2024, 3, 20, 10));

    const WindowFigures at_11 = last_hour(utc(2024, 3, 20, 11));
    EXPECT_EQ(at_11.from, utc(2024, 3, 20, 10, 1));
    EXPECT_EQ(at_11.counters.answered, 1);
    EXPECT_THAT(at_11.kpis.service_level, Optional(DoubleEq(0.0)));  // the 30 s call is late

    EXPECT_EQ(last_hour(utc(2024, 3, 20, 11, 29, 59)).counters.answered, 1);
    const WindowFigures at_1130 = last_hour(utc(2024, 3, 20, 11, 30));
    EXPECT_EQ(at_1130.counters, KpiCounters{});
    EXPECT_EQ(at_1130.kpis, Kpis{});  // no data, not 0 or 100 %

    // Today keeps both.
    EXPECT_EQ(live.snapshot(utc(2024, 3, 20, 11, 30)).totals.today.counters.answered, 2);
}

TEST(LiveStatsRollingHour, LaterEventsDropOldBucketsForGood) {
    LiveStats live = live_stats(tehran_config());
    live.apply(at(utc(2024, 3, 20, 10), answered("sales", "c1", "a1", 10s)));
    live.apply(at(utc(2024, 3, 20, 11, 45), answered("sales", "c2", "a1", 10s)));
    const LiveSnapshot snap = live.snapshot(utc(2024, 3, 20, 11, 45));
    EXPECT_EQ(snap.totals.last_hour.counters.answered, 1);
    EXPECT_EQ(snap.totals.interval.counters.answered, 1);  // 11:30-12:00
    EXPECT_EQ(snap.totals.today.counters.answered, 2);
}

TEST(LiveStatsRollingHour, AgentTimeIsTheLastHourOnly) {
    LiveStats live = live_stats(tehran_config());
    live.apply(at(utc(2024, 3, 20, 8), logged_in("a1", {"sales"})));
    live.apply(at(utc(2024, 3, 20, 8), state("a1", AgentState::LoggedOut, AgentState::Available)));
    const LiveSnapshot snap = live.snapshot(utc(2024, 3, 20, 10));
    EXPECT_EQ(snap.totals.last_hour.counters.agent_time.available, 59min);  // from 09:01
    EXPECT_EQ(snap.totals.interval.counters.agent_time.available, Duration::zero());
    EXPECT_EQ(snap.totals.today.counters.agent_time.available, 2h);
    EXPECT_EQ(snap.totals.interval.kpis.occupancy, std::nullopt);
    EXPECT_THAT(snap.totals.today.kpis.occupancy, Optional(DoubleEq(0.0)));
}

TEST(LiveStatsRollingHour, WindowAndBucketAreConfigurable) {
    StatsConfig config = tehran_config();
    config.rolling_window = 30min;
    config.rolling_bucket = 5min;
    LiveStats live = live_stats(config);
    live.apply(at(utc(2024, 3, 20, 10), answered("sales", "c1", "a1", 10s)));
    live.apply(at(utc(2024, 3, 20, 10, 26), answered("sales", "c2", "a1", 10s)));
    // 10:31 is in the 10:30 bucket; six buckets back to 10:05.
    const WindowFigures w = live.snapshot(utc(2024, 3, 20, 10, 31)).totals.last_hour;
    EXPECT_EQ(w.from, utc(2024, 3, 20, 10, 5));
    EXPECT_EQ(w.counters.answered, 1);
}

TEST(LiveStatsWindows, NothingHappenedIsNoDataEverywhere) {
    LiveStats live = live_stats(tehran_config());
    const LiveSnapshot snap = live.snapshot(utc(2024, 3, 20, 12));
    ASSERT_EQ(snap.queues.size(), 2u);
    for (const QueueLive* q : {&snap.queues[0], &snap.queues[1], &snap.totals}) {
        for (const WindowFigures* w : {&q->today, &q->interval, &q->last_hour}) {
            EXPECT_EQ(w->counters, KpiCounters{});
            EXPECT_EQ(w->kpis, Kpis{});
        }
        EXPECT_EQ(q->waiting, 0);
        EXPECT_EQ(q->longest_wait, Duration::zero());
        EXPECT_EQ(q->agents, AgentsByState{});
    }
    EXPECT_TRUE(snap.agents.empty());
    EXPECT_EQ(snap.at, utc(2024, 3, 20, 12));
}

}  // namespace
}  // namespace markaz::stats
