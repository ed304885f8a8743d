// LiveStats fed by a real acd::Router: the figures of a small scenario, computed by hand.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "stats/interval_series.h"
#include "stats/live_stats.h"
#include "unit/acd/router_fixture.h"
#include "unit/stats/stats_test_util.h"

namespace markaz::stats {
namespace {

using namespace testing;
using acd::AbandonCall;
using acd::AgentState;
using acd::HangUp;
using acd::OfferAnswered;
using acd::testing::all_of_type;
using acd::testing::offered_agents;
using acd::testing::RouterHarness;

class LiveStatsFromRouter : public ::testing::Test {
protected:
    static acd::RouterConfig config() {
        acd::RouterConfig c = acd::testing::one_queue(acd::Strategy::LongestIdle, 2);
        c.queues[0].wrap_up = 30s;  // SL threshold 20 s and short abandon 5 s by default
        return c;
    }

    /// Times are seconds from the start of the test clock (midnight UTC):
    ///  0 a1, a2 log in          10 c1 rings X      15 X answers c1 (wait 5)
    /// 20 c2 rings Y             22 Y answers c2 (wait 2)
    /// 30 c3 waits               33 c4 waits        35 c4 hangs up (short abandon, 2)
    /// 40 c5 waits               60 c1 ends (talk 45), X wraps up until 90
    /// 80 c5 hangs up (abandon after the threshold, 40)
    /// 90 X's wrap-up ends, c3 rings X                95 X answers c3 (wait 65)
    /// 100 c2 ends (talk 78), Y wraps up until 130   110 c6 waits       120 snapshot
    void SetUp() override {
        start_ = h_.clock().now().wall;
        h_.login("a1");
        h_.login("a2");
        h_.advance(10s);
        x_ = offered_agents(h_.call("c1")).at(0);
        h_.advance(5s);
        h_.ok(OfferAnswered{CallId{"c1"}, AgentId{x_}});
        h_.advance(5s);
        y_ = offered_agents(h_.call("c2")).at(0);
        h_.advance(2s);
        h_.ok(OfferAnswered{CallId{"c2"}, AgentId{y_}});
        h_.advance(8s);
        EXPECT_TRUE(offered_agents(h_.call("c3")).empty());
        h_.advance(3s);
        h_.call("c4");
        h_.advance(2s);
        h_.ok(AbandonCall{CallId{"c4"}});
        h_.advance(5s);
        h_.call("c5");
        h_.advance(20s);
        h_.ok(HangUp{CallId{"c1"}});
        h_.advance(20s);
        h_.ok(AbandonCall{CallId{"c5"}});
        const auto at_90 = h_.advance(10s);
        EXPECT_EQ(offered_agents(at_90), std::vector<std::string>{x_});
        h_.advance(5s);
        h_.ok(OfferAnswered{CallId{"c3"}, AgentId{x_}});
        h_.advance(5s);
        h_.ok(HangUp{CallId{"c2"}});
        h_.advance(10s);
        h_.call("c6");
        h_.advance(10s);
        now_ = h_.clock().now().wall;
    }

    RouterHarness h_{config()};
    WallTime start_{};
    WallTime now_{};
    std::string x_;
    std::string y_;
};

TEST_F(LiveStatsFromRouter, TheRouterEmitsWhatTheScenarioSays) {
    EXPECT_NE(x_, y_);
    EXPECT_EQ(now_ - start_, 120s);
    const auto abandons = all_of_type<acd::CallAbandoned>(h_.log());
    ASSERT_EQ(abandons.size(), 2u);
    EXPECT_TRUE(abandons[0].short_abandon);
    EXPECT_FALSE(abandons[1].short_abandon);
    EXPECT_EQ(h_.state(x_), AgentState::OnCall);
    EXPECT_EQ(h_.state(y_), AgentState::WrapUp);
}

TEST_F(LiveStatsFromRouter, FiguresByHand) {
    LiveStats live = live_stats(StatsConfig::from(h_.router().config()));
    live.apply(h_.log());
    const LiveSnapshot snap = live.snapshot(now_);
    const QueueLive& q = queue_of(snap, "q");

    const KpiCounters& c = q.today.counters;
    EXPECT_EQ(c.offered, 6);
    EXPECT_EQ(c.answered, 3);
    EXPECT_EQ(c.answered_within_threshold, 2);  // c1 (5 s) and c2 (2 s); c3 waited 65 s
    EXPECT_EQ(c.abandoned, 1);
    EXPECT_EQ(c.short_abandoned, 1);
    EXPECT_EQ(c.abandoned_after_threshold, 1);
    EXPECT_EQ(c.blocked, 0);
    EXPECT_EQ(c.handled, 2);
    EXPECT_EQ(c.answered_wait, 72s);
    EXPECT_EQ(c.talk, 123s);  // 45 + 78
    EXPECT_EQ(c.wrap, 30s);   // Y is still wrapping up c2

    EXPECT_THAT(q.today.kpis.service_level, Optional(DoubleEq(0.5)));  // 2 / (3 + 1)
    EXPECT_THAT(q.today.kpis.asa_s, Optional(DoubleEq(24.0)));         // 72 / 3
    EXPECT_THAT(q.today.kpis.aht_s, Optional(DoubleEq(76.5)));         // (123 + 30) / 2
    EXPECT_THAT(q.today.kpis.abandon_rate, Optional(DoubleEq(0.25)));  // 1 / (3 + 1)
    EXPECT_THAT(q.today.kpis.avg_abandon_s, Optional(DoubleEq(40.0)));

    // X: available 10, ringing 5 + 5, on call 45 + 25, wrap-up 30: busy 100 of 120 s.
    // Y: available 20, ringing 2, on call 78, wrap-up 20: busy 98 of 120 s.
    const AgentLive& x = agent_of(snap, x_);
    const AgentLive& y = agent_of(snap, y_);
    EXPECT_EQ(x.today.agent_time,
              (AgentTime{.available = 10s, .ringing = 10s, .on_call = 70s, .wrap_up = 30s}));
    EXPECT_EQ(y.today.agent_time,
              (AgentTime{.available = 20s, .ringing = 2s, .on_call = 78s, .wrap_up = 20s}));
    EXPECT_THAT(x.occupancy, Optional(DoubleEq(100.0 / 120.0)));
    EXPECT_THAT(y.occupancy, Optional(DoubleEq(98.0 / 120.0)));
    EXPECT_THAT(q.today.kpis.occupancy, Optional(DoubleEq(198.0 / 240.0)));
    EXPECT_EQ(x.calls_answered, 2);
    EXPECT_EQ(y.calls_answered, 1);
    EXPECT_EQ(x.state, AgentState::OnCall);
    EXPECT_EQ(x.in_state, 25s);

    EXPECT_EQ(q.waiting, 1);  // c6
    EXPECT_EQ(q.longest_wait, 10s);
    EXPECT_EQ(q.agents, (AgentsByState{.on_call = 1, .wrap_up = 1}));
    EXPECT_EQ(snap.totals.agents, q.agents);

    // One queue, one interval, one hour: every window and the centre agree.
    EXPECT_EQ(snap.totals.today.counters, c);
    EXPECT_EQ(q.interval.counters, c);
    EXPECT_EQ(q.last_hour.counters, c);
    EXPECT_EQ(q.today.from, start_);  // the test clock starts at midnight UTC
}

TEST_F(LiveStatsFromRouter, EventByEventEqualsAllAtOnce) {
    LiveStats batch = live_stats(StatsConfig::from(h_.router().config()));
    batch.apply(h_.log());
    LiveStats one_by_one = live_stats(StatsConfig::from(h_.router().config()));
    for (const acd::Event& e : h_.log()) {
        one_by_one.apply(e);
        (void)one_by_one.snapshot(e.at);  // snapshots in between change nothing
    }
    EXPECT_EQ(batch.snapshot(now_).totals.today.counters,
              one_by_one.snapshot(now_).totals.today.counters);
}

TEST_F(LiveStatsFromRouter, IntervalSeriesAgreesWithLiveStats) {
    StatsConfig config = StatsConfig::from(h_.router().config());
    config.interval = 15min;
    auto series = IntervalSeries::create(config, start_);
    ASSERT_TRUE(series.has_value());
    series->apply(h_.log());
    LiveStats live = live_stats(config);
    live.apply(h_.log());

    const IntervalRow totals = series->totals(now_);
    EXPECT_EQ(totals.total.counters, live.snapshot(now_).totals.today.counters);
    EXPECT_EQ(totals.queues.at(QueueId{"q"}).counters,
              queue_of(live.snapshot(now_), "q").today.counters);
    EXPECT_EQ(totals.agents.at(AgentId{x_}).counters, agent_of(live.snapshot(now_), x_).today);
    EXPECT_THAT(totals.total.kpis.service_level, Optional(DoubleEq(0.5)));
}

}  // namespace
}  // namespace markaz::stats
