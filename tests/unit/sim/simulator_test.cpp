#include "sim/simulator.h"

#include <cmath>

#include <gtest/gtest.h>

namespace markaz::sim {
namespace {

using namespace std::chrono_literals;
using Kind = DurationDistribution::Kind;

/// One queue, `agents` agents, exponential handle times, no abandonment unless `patience`.
Scenario one_queue(double rate_per_hour, Duration aht, int agents,
                   std::optional<Duration> patience = std::nullopt) {
    Scenario s;
    s.seed = 42;
    s.duration = 8h;
    s.interval = 30min;
    ScenarioQueue q;
    q.config.id = QueueId{"sales"};
    q.rate_per_hour = rate_per_hour;
    q.handle_time = {Kind::Exponential, aht, {}};
    if (patience) {
        q.patience = DurationDistribution{Kind::Exponential, *patience, {}};
    }
    s.queues.push_back(q);
    ScenarioAgentGroup group;
    group.count = agents;
    group.queues = {{QueueId{"sales"}, 0}};
    s.agents.push_back(group);
    return s;
}

const stats::KpiCounters& totals(const SimulationResult& r) {
    return r.totals.total.counters;
}

TEST(Simulator, SameSeedSameRunOtherSeedOtherRun) {
    Scenario s = one_queue(200, 180s, 12, 120s);
    auto a = simulate(s);
    auto b = simulate(s);
    auto c = simulate(s, 43);
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(a->seed, 42u);
    EXPECT_EQ(c->seed, 43u);
    EXPECT_EQ(totals(*a), totals(*b));
    ASSERT_EQ(a->intervals.size(), b->intervals.size());
    for (std::size_t i = 0; i < a->intervals.size(); ++i) {
        EXPECT_EQ(a->intervals[i].total.counters, b->intervals[i].total.counters) << i;
    }
    EXPECT_EQ(a->events, b->events);
    EXPECT_NE(totals(*a), totals(*c));
}

TEST(Simulator, EveryCallerIsCountedOnce) {
    auto r = simulate(one_queue(200, 180s, 11, 60s));
    ASSERT_TRUE(r) << r.error().message;
    const auto& t = totals(*r);
    EXPECT_GT(t.abandoned, 0);
    EXPECT_GT(t.short_abandoned, 0);
    EXPECT_EQ(t.blocked, 0);
    // Callers still in line when the run stops are the only ones without an ending; calls
    // answered near the end may still be talking, so `handled` may trail `answered`.
    EXPECT_EQ(t.offered, t.answered + t.abandoned + t.short_abandoned + r->waiting_at_end);
    EXPECT_LE(t.handled, t.answered);
    EXPECT_GE(t.handled, t.answered - 11);
    // The interval rows add up to the totals.
    stats::KpiCounters sum;
    for (const auto& row : r->intervals) {
        sum += row.total.counters;
    }
    EXPECT_EQ(sum, t);
    EXPECT_EQ(r->intervals.size(), 16u);
}

TEST(Simulator, ArrivalsAndHandleTimesFollowTheScenario) {
    // 8 h at 200 calls/h: 1,600 expected, standard deviation 40.
    auto r = simulate(one_queue(200, 180s, 20));
    ASSERT_TRUE(r);
    const auto& t = totals(*r);
    EXPECT_NEAR(static_cast<double>(t.offered), 1600, 160);
    EXPECT_EQ(t.abandoned + t.short_abandoned, 0) << "no patience given: nobody abandons";
    ASSERT_TRUE(r->totals.total.kpis.aht_s);
    EXPECT_NEAR(*r->totals.total.kpis.aht_s, 180, 18);
    // 10 Erlangs of work on 20 agents: occupancy near one half.
    ASSERT_TRUE(r->totals.total.kpis.occupancy);
    EXPECT_NEAR(*r->totals.total.kpis.occupancy, 0.5, 0.05);
}

TEST(Simulator, RatesPerIntervalAndConstantHandleTime) {
    Scenario s = one_queue(0, 60s, 5);
    s.duration = 2h;
    s.interval = 1h;
    s.queues[0].rates_per_hour = {0, 120};
    s.queues[0].handle_time = {Kind::Constant, 60s, {}};
    auto r = simulate(s);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->intervals.size(), 2u);
    EXPECT_EQ(r->intervals[0].total.counters.offered, 0);
    EXPECT_NEAR(static_cast<double>(r->intervals[1].total.counters.offered), 120, 40);
    EXPECT_DOUBLE_EQ(*r->intervals[1].total.kpis.aht_s, 60.0);
}

TEST(Simulator, AgentsWorkOnlyTheirShift) {
    Scenario s = one_queue(60, 120s, 3);
    s.duration = 3h;
    s.interval = 1h;
    s.agents[0].shift_start = 1h;
    s.agents[0].shift_end = 2h;
    auto r = simulate(s);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->intervals.size(), 3u);
    EXPECT_EQ(r->intervals[0].total.counters.answered, 0);
    EXPECT_GT(r->intervals[1].total.counters.answered, 0);
    // Logged out after the shift (after finishing the call in hand): no time counted later,
    // and the callers of the last hour wait unanswered.
    EXPECT_EQ(r->intervals[2].total.counters.agent_time.available, Duration::zero());
    EXPECT_GT(r->waiting_at_end, 0);
}

TEST(Simulator, AFullQueueBlocksCallers) {
    Scenario s = one_queue(120, 300s, 1);
    s.queues[0].config.max_length = 2;
    auto r = simulate(s);
    ASSERT_TRUE(r);
    const auto& t = totals(*r);
    EXPECT_GT(t.blocked, 100);
    EXPECT_EQ(t.offered, t.answered + t.blocked + r->waiting_at_end);
    EXPECT_LE(r->waiting_at_end, 2);
}

TEST(Simulator, SharedAgentsServeTheHeavierQueueFirst) {
    Scenario s = one_queue(100, 180s, 0);
    s.agents.clear();
    ScenarioQueue support = s.queues[0];
    support.config.id = QueueId{"support"};
    s.queues[0].config.weight = 10;
    s.queues.push_back(support);
    ScenarioAgentGroup shared;
    shared.count = 6;
    shared.queues = {{QueueId{"sales"}, 0}, {QueueId{"support"}, 0}};
    s.agents.push_back(shared);
    auto r = simulate(s);
    ASSERT_TRUE(r);
    const auto& sales = r->totals.queues.at(QueueId{"sales"});
    const auto& support_figures = r->totals.queues.at(QueueId{"support"});
    // 10 Erlangs on 6 agents: overloaded, and the weight decides who is served.
    ASSERT_TRUE(sales.kpis.asa_s && support_figures.kpis.asa_s);
    EXPECT_LT(*sales.kpis.asa_s * 5, *support_figures.kpis.asa_s);
    EXPECT_GT(sales.counters.answered, support_figures.counters.answered);
}

TEST(Simulator, AgentIdsFromGroupNames) {
    Scenario s = one_queue(10, 60s, 0);
    s.agents.clear();
    ScenarioAgentGroup a;
    a.count = 9;
    a.name = "day";
    a.queues = {{QueueId{"sales"}, 0}};
    ScenarioAgentGroup b = a;
    b.count = 2;
    b.wrap_up = 30s;
    s.agents = {a, b};
    acd::RouterConfig config = router_config(s);
    ASSERT_EQ(config.agents.size(), 11u);
    EXPECT_EQ(config.agents[0].id, AgentId{"day-01"});
    EXPECT_EQ(config.agents[10].id, AgentId{"day-11"});
    EXPECT_FALSE(config.agents[0].wrap_up);
    EXPECT_EQ(config.agents[10].wrap_up, 30s);
}

TEST(Simulator, AnInvalidRouterConfigurationIsRefused) {
    Scenario s = one_queue(10, 60s, 1);
    s.agents[0].queues = {{QueueId{"nowhere"}, 0}};
    auto r = simulate(s);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::InvalidArgument);
    EXPECT_NE(r.error().message.find("nowhere"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace markaz::sim
