// LiveStats figures: KPIs per queue and centre, gauges (waiting, longest wait, callbacks,
// agents by state), agents, occupancy.

#include "stats/live_stats.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "unit/stats/stats_test_util.h"

namespace markaz::stats {
namespace {

using namespace testing;
using acd::AgentState;
using acd::ServiceLevelFormula;

/// Six sales calls between 09:00 and 09:10 UTC (12:30-12:40 in Tehran), threshold 20 s:
/// c1 answered after 15 s (talk 270, hold 30, wrap 60), c2 short abandon (3 s), c3 abandoned
/// after 45 s, c4 abandoned after 10 s, c5 blocked, c6 answered after 40 s (talk 180, wrap 30).
std::vector<acd::Event> six_sales_calls() {
    return {
        at(t(9, 0), enqueued("sales", "c1")),
        at(t(9, 0, 15), answered("sales", "c1", "a1", 15s)),
        at(t(9, 1), enqueued("sales", "c2")),
        at(t(9, 1, 3), abandoned("sales", "c2", 3s, /*short=*/true)),
        at(t(9, 2), enqueued("sales", "c3")),
        at(t(9, 2, 45), abandoned("sales", "c3", 45s)),
        at(t(9, 3), enqueued("sales", "c4")),
        at(t(9, 3, 10), abandoned("sales", "c4", 10s)),
        at(t(9, 4), blocked("sales", "c5")),
        at(t(9, 5), enqueued("sales", "c6")),
        at(t(9, 5, 15), completed("sales", "c1", "a1", 270s, 30s)),
        at(t(9, 5, 40), answered("sales", "c6", "a2", 40s)),
        at(t(9, 6, 15), wrapped("sales", "c1", "a1", 60s)),
        at(t(9, 8, 40), completed("sales", "c6", "a2", 180s)),
        at(t(9, 9, 10), wrapped("sales", "c6", "a2", 30s)),
    };
}

TEST(LiveStatsKpis, EveryQueueFigureByHand) {
    StatsConfig config = tehran_config();
    config.queues[0].sl_formula = ServiceLevelFormula::AnsweredOnly;
    config.queues[0].sl_target = 0.9;
    LiveStats live = live_stats(config);
    live.apply(six_sales_calls());
    const LiveSnapshot snap = live.snapshot(t(9, 20));
    const QueueLive& sales = queue_of(snap, "sales");

    const KpiCounters& c = sales.today.counters;
    EXPECT_EQ(c.offered, 6);  // five joined the line, one was blocked
    EXPECT_EQ(c.blocked, 1);
    EXPECT_EQ(c.answered, 2);
    EXPECT_EQ(c.answered_within_threshold, 1);
    EXPECT_EQ(c.abandoned, 2);  // the short abandon is counted apart
    EXPECT_EQ(c.short_abandoned, 1);
    EXPECT_EQ(c.abandoned_after_threshold, 1);
    EXPECT_EQ(c.handled, 2);

    const Kpis& k = sales.today.kpis;
    EXPECT_THAT(k.service_level, Optional(DoubleEq(0.5)));   // answered-only: 1 / 2
    EXPECT_THAT(k.asa_s, Optional(DoubleEq(27.5)));          // (15 + 40) / 2
    EXPECT_THAT(k.aht_s, Optional(DoubleEq(285.0)));         // (270 + 30 + 60 + 180 + 0 + 30) / 2
    EXPECT_THAT(k.abandon_rate, Optional(DoubleEq(0.5)));    // 2 / (2 + 2)
    EXPECT_THAT(k.avg_abandon_s, Optional(DoubleEq(27.5)));  // (45 + 10) / 2
    EXPECT_EQ(k.occupancy, std::nullopt);                    // no agent logged in
    EXPECT_DOUBLE_EQ(sales.sl_target, 0.9);

    // All of it happened in this interval and this hour.
    EXPECT_EQ(sales.interval.counters, c);
    EXPECT_EQ(sales.interval.from, t(9, 0));
    EXPECT_EQ(sales.last_hour.counters, c);

    // The centre uses its own (default) formula: 1 / (2 + 2).
    EXPECT_EQ(snap.totals.today.counters, c);
    EXPECT_THAT(snap.totals.today.kpis.service_level, Optional(DoubleEq(0.25)));
    EXPECT_DOUBLE_EQ(snap.totals.sl_target, 0.8);
    EXPECT_TRUE(snap.totals.id.empty());

    // A configured queue without calls is listed with no data.
    EXPECT_EQ(queue_of(snap, "support").today.kpis, Kpis{});
}

TEST(LiveStatsKpis, CentreFormulaAbandonedAfterThreshold) {
    StatsConfig config = tehran_config();
    config.center_sl_formula = ServiceLevelFormula::AbandonedAfterThreshold;
    config.center_sl_target = 0.7;
    LiveStats live = live_stats(config);
    live.apply(six_sales_calls());
    const LiveSnapshot snap = live.snapshot(t(9, 20));
    EXPECT_THAT(snap.totals.today.kpis.service_level, Optional(DoubleEq(1.0 / 3.0)));
    EXPECT_DOUBLE_EQ(snap.totals.sl_target, 0.7);
    // sales keeps the default formula: 1 / (2 + 2).
    EXPECT_THAT(queue_of(snap, "sales").today.kpis.service_level, Optional(DoubleEq(0.25)));
}

TEST(LiveStatsKpis, AgentsGetTheirAnsweredAndHandledCalls) {
    LiveStats live = live_stats(tehran_config());
    live.apply(six_sales_calls());
    const LiveSnapshot snap = live.snapshot(t(9, 20));
    ASSERT_EQ(snap.agents.size(), 2u);  // never logged in, but with counts today
    const AgentLive& a1 = agent_of(snap, "a1");
    EXPECT_EQ(a1.calls_answered, 1);
    EXPECT_EQ(a1.talk, 270s);
    EXPECT_EQ(a1.today.handled, 1);
    EXPECT_EQ(a1.today.hold, 30s);
    EXPECT_EQ(a1.today.wrap, 60s);
    EXPECT_EQ(a1.today.answered_wait, 15s);
    EXPECT_EQ(a1.today.abandoned, 0);  // abandons belong to no agent
    EXPECT_EQ(a1.state, AgentState::LoggedOut);
    EXPECT_EQ(agent_of(snap, "a2").talk, 180s);
}

TEST(LiveStatsGauges, WaitingNowAndLongestWaitNow) {
    LiveStats live = live_stats(tehran_config());
    live.apply({at(t(10, 0), enqueued("sales", "c1")), at(t(10, 1), enqueued("sales", "c2")),
                at(t(10, 2), enqueued("support", "c3")),
                at(t(10, 3), answered("sales", "c1", "a1", 3min))});
    LiveSnapshot snap = live.snapshot(t(10, 5));
    EXPECT_EQ(queue_of(snap, "sales").waiting, 1);
    EXPECT_EQ(queue_of(snap, "sales").longest_wait, 4min);  // c2 since 10:01
    EXPECT_EQ(queue_of(snap, "support").waiting, 1);
    EXPECT_EQ(queue_of(snap, "support").longest_wait, 3min);
    EXPECT_EQ(snap.totals.waiting, 2);
    EXPECT_EQ(snap.totals.longest_wait, 4min);
    EXPECT_EQ(snap.totals.callbacks_waiting, 0);

    // c2 asks for a callback: it leaves the line but keeps a callback request open.
    live.apply(at(t(10, 6), callback_requested("sales", "c2")));
    snap = live.snapshot(t(10, 7));
    EXPECT_EQ(queue_of(snap, "sales").waiting, 0);
    EXPECT_EQ(queue_of(snap, "sales").longest_wait, Duration::zero());
    EXPECT_EQ(queue_of(snap, "sales").callbacks_waiting, 1);
    EXPECT_EQ(snap.totals.waiting, 1);
    EXPECT_EQ(snap.totals.longest_wait, 5min);  // c3 in support
    EXPECT_EQ(snap.totals.callbacks_waiting, 1);
    EXPECT_EQ(queue_of(snap, "sales").today.counters.callbacks_requested, 1);
}

TEST(LiveStatsGauges, EveryWayOutOfTheLineEndsTheWait) {
    LiveStats live = live_stats(tehran_config());
    live.apply({
        at(t(10, 0), enqueued("sales", "c1")),
        at(t(10, 0), enqueued("sales", "c2")),
        at(t(10, 0), enqueued("sales", "c3")),
        at(t(10, 0), enqueued("support", "c4")),
        at(t(10, 0), enqueued("support", "c5")),
        at(t(10, 0), enqueued("support", "c6")),
        at(t(10, 1), abandoned("sales", "c1", 1min)),
        at(t(10, 1), timed_out("sales", "c2", 1min)),
        at(t(10, 1), removed("sales", "c3")),
        at(t(10, 1), callback_requested("support", "c4")),
        at(t(10, 1), callback_requested("support", "c5")),
        at(t(10, 1), callback_requested("support", "c6")),
    });
    LiveSnapshot snap = live.snapshot(t(10, 2));
    EXPECT_EQ(snap.totals.waiting, 0);
    EXPECT_EQ(snap.totals.longest_wait, Duration::zero());
    EXPECT_EQ(queue_of(snap, "support").callbacks_waiting, 3);

    // A callback request ends when answered, failed or removed.
    live.apply({at(t(10, 5), answered("support", "c4", "a1", 4min, /*callback=*/true)),
                at(t(10, 6), callback_failed("support", "c5")),
                at(t(10, 7), removed("support", "c6"))});
    snap = live.snapshot(t(10, 8));
    EXPECT_EQ(snap.totals.callbacks_waiting, 0);
    const KpiCounters& support = queue_of(snap, "support").today.counters;
    EXPECT_EQ(support.callbacks_answered, 1);
    EXPECT_EQ(support.answered, 0);  // a callback is not a live answer
    EXPECT_EQ(support.callbacks_failed, 1);
    EXPECT_EQ(support.removed, 1);
}

TEST(LiveStatsGauges, OverflowMovesTheWaitToTheNextQueue) {
    LiveStats live = live_stats(tehran_config());
    live.apply({at(t(10, 0), enqueued("sales", "c1")), at(t(10, 5), timed_out("sales", "c1", 5min)),
                at(t(10, 5), enqueued("support", "c1"))});
    const LiveSnapshot snap = live.snapshot(t(10, 6));
    EXPECT_EQ(queue_of(snap, "sales").waiting, 0);
    EXPECT_EQ(queue_of(snap, "support").waiting, 1);
    EXPECT_EQ(queue_of(snap, "support").longest_wait, 1min);  // waits in support since 10:05
    // Each queue counts the call it was offered; the centre counts both entries.
    EXPECT_EQ(queue_of(snap, "sales").today.counters.offered, 1);
    EXPECT_EQ(queue_of(snap, "sales").today.counters.timed_out, 1);
    EXPECT_EQ(queue_of(snap, "support").today.counters.offered, 1);
    EXPECT_EQ(snap.totals.today.counters.offered, 2);
}

TEST(LiveStatsGauges, AgentsByStatePerQueueAndCentre) {
    LiveStats live = live_stats(tehran_config());
    live.apply({
        at(t(9, 0), logged_in("a1", {"sales", "support"})),
        at(t(9, 0), state("a1", AgentState::LoggedOut, AgentState::Available)),
        at(t(9, 0), logged_in("a2", {"sales"})),
        at(t(9, 0), state("a2", AgentState::LoggedOut, AgentState::Paused, "break")),
        at(t(9, 0), logged_in("a3", {"support"})),
        at(t(9, 0), state("a3", AgentState::LoggedOut, AgentState::Available)),
        at(t(9, 0), logged_in("a4", {"sales"})),
        at(t(9, 0), state("a4", AgentState::LoggedOut, AgentState::Available)),
        at(t(9, 1), state("a3", AgentState::Available, AgentState::Ringing)),
        at(t(9, 1), state("a3", AgentState::Ringing, AgentState::OnCall)),
        at(t(9, 5), state("a4", AgentState::Available, AgentState::LoggedOut)),
        at(t(9, 5), logged_out("a4")),
        at(t(9, 6), logged_in("a5", {"support"})),
        at(t(9, 6), state("a5", AgentState::LoggedOut, AgentState::NotReady)),
        at(t(9, 7), logged_in("a6", {"sales"})),
        at(t(9, 7), state("a6", AgentState::LoggedOut, AgentState::Available)),
        at(t(9, 7), state("a6", AgentState::Available, AgentState::LoggedOut)),
        at(t(9, 7), logged_out("a6")),
    });
    const LiveSnapshot snap = live.snapshot(t(9, 10));
    EXPECT_EQ(queue_of(snap, "sales").agents, (AgentsByState{.available = 1, .paused = 1}));
    EXPECT_EQ(queue_of(snap, "support").agents,
              (AgentsByState{.available = 1, .on_call = 1, .not_ready = 1}));
    const AgentsByState centre{.available = 1, .on_call = 1, .paused = 1, .not_ready = 1};
    EXPECT_EQ(snap.totals.agents, centre);  // a1 counted once
    EXPECT_EQ(snap.totals.agents.logged_in(), 4);

    // Listed: logged in now (a1, a2, a3, a5) or with time today (a4); not a6.
    std::vector<std::string> ids;
    for (const AgentLive& a : snap.agents) {
        ids.push_back(a.id.str());
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"a1", "a2", "a3", "a4", "a5"}));
    const AgentLive& a2 = agent_of(snap, "a2");
    EXPECT_EQ(a2.state, AgentState::Paused);
    EXPECT_EQ(a2.reason, "break");
    EXPECT_EQ(a2.in_state, 10min);
    EXPECT_EQ(agent_of(snap, "a4").state, AgentState::LoggedOut);
    EXPECT_EQ(agent_of(snap, "a4").today.agent_time.available, 5min);
    EXPECT_TRUE(agent_of(snap, "a4").queues.empty());
}

TEST(LiveStatsGauges, QueueSeenOnlyBeforeLocalMidnightIsListedInTheLastHour) {
    // 20:20 UTC is 23:50 in Tehran; at 20:40 UTC (00:10) today is empty but the last hour
    // still holds the call.
    LiveStats live = live_stats(tehran_config());
    live.apply(at(t(20, 20), completed("vip", "c1", "a1", 5min)));
    const LiveSnapshot snap = live.snapshot(t(20, 40));
    const QueueLive& vip = queue_of(snap, "vip");
    EXPECT_EQ(vip.today.counters.handled, 0);
    EXPECT_EQ(vip.last_hour.counters.handled, 1);
    EXPECT_THAT(vip.last_hour.kpis.aht_s, Optional(DoubleEq(300.0)));
    EXPECT_EQ(snap.totals.last_hour.counters.handled, 1);
}

TEST(LiveStatsGauges, QueuesSeenButNotConfiguredComeAfterTheConfiguredOnes) {
    LiveStats live = live_stats(tehran_config());
    live.apply({at(t(9, 0), enqueued("vip", "c1")), at(t(9, 0), enqueued("archive", "c2"))});
    const LiveSnapshot snap = live.snapshot(t(9, 1));
    std::vector<std::string> ids;
    for (const QueueLive& q : snap.queues) {
        ids.push_back(q.id.str());
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"sales", "support", "archive", "vip"}));
    EXPECT_EQ(queue_of(snap, "vip").waiting, 1);
    EXPECT_DOUBLE_EQ(queue_of(snap, "vip").sl_target, 0.8);  // default policy
}

/// a1 works sales and support from 09:00 UTC: a 10-minute sales call from 09:10:10 with two
/// minutes of wrap-up, then free until a lunch pause at 09:40.
std::vector<acd::Event> two_queue_agent() {
    return {
        at(t(9, 0), logged_in("a1", {"sales", "support"})),
        at(t(9, 0), state("a1", AgentState::LoggedOut, AgentState::Available)),
        at(t(9, 10), enqueued("sales", "c1")),
        at(t(9, 10), offered("sales", "c1", "a1")),
        at(t(9, 10), state("a1", AgentState::Available, AgentState::Ringing)),
        at(t(9, 10, 10), state("a1", AgentState::Ringing, AgentState::OnCall)),
        at(t(9, 10, 10), answered("sales", "c1", "a1", 10s)),
        at(t(9, 20, 10), completed("sales", "c1", "a1", 600s)),
        at(t(9, 20, 10), state("a1", AgentState::OnCall, AgentState::WrapUp)),
        at(t(9, 22, 10), wrapped("sales", "c1", "a1", 120s)),
        at(t(9, 22, 10), state("a1", AgentState::WrapUp, AgentState::Available)),
        at(t(9, 40), state("a1", AgentState::Available, AgentState::Paused, "lunch")),
    };
}

TEST(LiveStatsOccupancy, AgentAndEachOfItsQueues) {
    LiveStats live = live_stats(tehran_config());
    live.apply(two_queue_agent());
    const LiveSnapshot snap = live.snapshot(t(10, 0));

    // Available 10:00 + 17:50 = 1670 s, ringing 10 s, on call 600 s, wrap-up 120 s, paused
    // 20 min: occupancy (600 + 120) / (1670 + 10 + 600 + 120) = 720 / 2400.
    const AgentLive& a1 = agent_of(snap, "a1");
    EXPECT_EQ(a1.today.agent_time, (AgentTime{.available = 1670s,
                                              .ringing = 10s,
                                              .on_call = 600s,
                                              .wrap_up = 120s,
                                              .paused = 20min}));
    EXPECT_THAT(a1.occupancy, Optional(DoubleEq(0.3)));
    EXPECT_THAT(snap.totals.today.kpis.occupancy, Optional(DoubleEq(0.3)));

    // sales: half the free time plus the whole call: 720 / (835 + 5 + 720).
    EXPECT_THAT(queue_of(snap, "sales").today.kpis.occupancy, Optional(DoubleEq(720.0 / 1560.0)));
    // support: half the free time and no call.
    EXPECT_EQ(queue_of(snap, "support").today.counters.agent_time,
              (AgentTime{.available = 835s, .ringing = 5s, .paused = 10min}));
    EXPECT_THAT(queue_of(snap, "support").today.kpis.occupancy, Optional(DoubleEq(0.0)));

    // The last hour from 09:01: one minute less of available time.
    EXPECT_THAT(snap.totals.last_hour.kpis.occupancy, Optional(DoubleEq(720.0 / 2340.0)));
    // The interval 10:00-10:30 has no time yet.
    EXPECT_EQ(snap.totals.interval.kpis.occupancy, std::nullopt);

    EXPECT_EQ(a1.state, AgentState::Paused);
    EXPECT_EQ(a1.reason, "lunch");
    EXPECT_EQ(a1.in_state, 20min);
    EXPECT_EQ(a1.queues, (std::vector<QueueId>{QueueId{"sales"}, QueueId{"support"}}));
    EXPECT_EQ(a1.calls_answered, 1);
    EXPECT_EQ(a1.talk, 600s);
}

TEST(LiveStatsOccupancy, IntervalCutsTheOpenSpanAtItsStart) {
    LiveStats live = live_stats(tehran_config());
    live.apply(two_queue_agent());
    // 09:30-09:50: available until 09:40, then paused.
    const LiveSnapshot snap = live.snapshot(t(9, 50));
    EXPECT_EQ(snap.totals.interval.counters.agent_time,
              (AgentTime{.available = 10min, .paused = 10min}));
    EXPECT_THAT(snap.totals.interval.kpis.occupancy, Optional(DoubleEq(0.0)));
    EXPECT_EQ(snap.totals.interval.from, t(9, 30));
}

TEST(LiveStatsOccupancy, IntervalBeforeThePause) {
    LiveStats live = live_stats(tehran_config());
    std::vector<acd::Event> events = two_queue_agent();
    events.pop_back();  // no lunch pause yet
    live.apply(events);
    // 09:00-09:29:59: available 600 + 469, ringing 10, on call 600, wrap-up 120.
    const LiveSnapshot snap = live.snapshot(t(9, 29, 59));
    EXPECT_EQ(snap.totals.interval.from, t(9, 0));
    EXPECT_THAT(snap.totals.interval.kpis.occupancy, Optional(DoubleEq(720.0 / 1799.0)));
}

TEST(LiveStatsGauges, AgentWithCountsTodayButNoStateEventIsListed) {
    // Stats started mid-call (say after a restart): only the end of a7's call is seen.
    LiveStats live = live_stats(tehran_config());
    live.apply({at(t(9, 0), completed("sales", "c1", "a7", 90s)),
                at(t(9, 1), wrapped("sales", "c1", "a7", 60s))});
    const LiveSnapshot snap = live.snapshot(t(9, 5));
    ASSERT_EQ(snap.agents.size(), 1u);
    const AgentLive& a7 = agent_of(snap, "a7");
    EXPECT_EQ(a7.state, AgentState::LoggedOut);
    EXPECT_EQ(a7.in_state, Duration::zero());  // unknown, not "since 1970"
    EXPECT_EQ(a7.talk, 90s);
    EXPECT_EQ(a7.today.handled, 1);
}

TEST(LiveStatsSnapshot, ChangesNothing) {
    LiveStats live = live_stats(tehran_config());
    live.apply(two_queue_agent());
    live.apply(at(t(9, 45), enqueued("sales", "c9")));
    const LiveSnapshot a = live.snapshot(t(10, 0));
    const LiveSnapshot b = live.snapshot(t(10, 0));
    EXPECT_EQ(a.totals.today.counters, b.totals.today.counters);
    EXPECT_EQ(a.totals.interval.counters, b.totals.interval.counters);
    EXPECT_EQ(a.totals.last_hour.counters, b.totals.last_hour.counters);
    EXPECT_EQ(agent_of(a, "a1").today, agent_of(b, "a1").today);
    EXPECT_EQ(a.totals.waiting, 1);
    EXPECT_EQ(b.totals.waiting, 1);
    EXPECT_EQ(a.totals.longest_wait, b.totals.longest_wait);
}

}  // namespace
}  // namespace markaz::stats
