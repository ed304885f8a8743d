#include "acd/router.h"
#include "router_fixture.h"

namespace markaz::acd::testing {
namespace {

using ::testing::ElementsAre;

RouterConfig tiered(Duration tier_wait) {
    RouterConfig config;
    config.queues.push_back(queue("q", Strategy::LongestIdle));
    config.queues[0].tier_wait = tier_wait;
    config.agents.push_back(agent("backup", {{QueueId{"q"}, 2}}));
    config.agents.push_back(agent("front", {{QueueId{"q"}, 0}}));
    return config;
}

TEST(Tiers, LowerPenaltyFirstEvenIfIdleShorter) {
    RouterHarness h(tiered(0s));
    h.login("backup");
    h.advance(1min);
    h.login("front");
    EXPECT_THAT(offered_agents(h.call("c1")), ElementsAre("front"));
    // With the front tier busy and no tier wait, the next call spills over at once.
    EXPECT_THAT(offered_agents(h.call("c2")), ElementsAre("backup"));
}

TEST(Tiers, WidenToTheNextTierAfterTheTierWait) {
    RouterHarness h(tiered(30s));
    h.login("backup");
    h.login("front");
    h.call("c1");  // front
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"front"}});
    EXPECT_THAT(offered_agents(h.call("c2")), ElementsAre());
    // Penalty 2 opens at 2 x 30 s of waiting.
    EXPECT_THAT(offered_agents(h.advance(59s)), ElementsAre());
    EXPECT_THAT(offered_agents(h.advance(1s)), ElementsAre("backup"));
}

TEST(Tiers, AFreedFrontAgentTakesTheCallBeforeTheTierOpens) {
    RouterHarness h(tiered(30s));
    h.login("backup");
    h.login("front");
    h.call("c1");
    h.call("c2");
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"front"}});
    h.advance(10s);
    auto events = h.ok(HangUp{CallId{"c1"}, Party::Caller});
    EXPECT_THAT(offered_agents(events), ElementsAre("front"));
}

TEST(Priority, HigherPriorityIsServedFirstAndPositionsFollow) {
    RouterHarness h(one_queue(Strategy::LongestIdle, 1));
    auto low = all_of_type<CallEnqueued>(h.call("low", "q", 0));
    h.advance(1s);
    auto high = all_of_type<CallEnqueued>(h.call("high", "q", 5));
    EXPECT_EQ(low.at(0).position, 1);
    EXPECT_EQ(high.at(0).position, 1);  // jumps ahead
    h.login("a1");
    EXPECT_EQ(all_of_type<CallOffered>(h.log()).back().call, CallId{"high"});
}

TEST(Priority, SupervisorRaisesAWaitingCall) {
    RouterHarness h(one_queue(Strategy::LongestIdle, 1));
    h.call("c1");
    h.call("c2");
    auto events = h.ok(SetCallPriority{CallId{"c2"}, 3, "supervisor"});
    auto changed = all_of_type<CallPriorityChanged>(events);
    ASSERT_EQ(changed.size(), 1u);
    EXPECT_EQ(changed[0].by, "supervisor");
    EXPECT_EQ(h.router().waiting_calls(QueueId{"q"}).at(0).id, CallId{"c2"});
    h.login("a1");
    EXPECT_EQ(all_of_type<CallOffered>(h.log()).back().call, CallId{"c2"});
}

TEST(MultiQueue, AgentTakesTheBestCallByPriorityThenWeightThenWait) {
    RouterConfig config;
    config.queues.push_back(queue("sales", Strategy::LongestIdle));
    config.queues.push_back(queue("vip", Strategy::LongestIdle));
    config.queues[1].weight = 10;
    config.agents.push_back(agent("a1", {{QueueId{"sales"}, 0}, {QueueId{"vip"}, 0}}));
    RouterHarness h(config);
    h.call("s-old", "sales");
    h.advance(10s);
    h.call("v-new", "vip");
    h.advance(1s);
    h.call("s-urgent", "sales", 2);
    h.login("a1");
    auto offers = all_of_type<CallOffered>(h.log());
    ASSERT_EQ(offers.size(), 1u);
    EXPECT_EQ(offers[0].call, CallId{"s-urgent"});  // priority beats queue weight
    h.ok(OfferAnswered{CallId{"s-urgent"}, AgentId{"a1"}});
    // The preview gives the decision the router then makes.
    EXPECT_EQ(h.router().next_call_for(AgentId{"a1"}), CallId{"v-new"});
    EXPECT_EQ(h.router().next_call_for(AgentId{"nobody"}), std::nullopt);
    auto next = h.ok(HangUp{CallId{"s-urgent"}, Party::Caller});
    EXPECT_EQ(all_of_type<CallOffered>(next).at(0).call, CallId{"v-new"});  // weight beats wait
    h.ok(OfferAnswered{CallId{"v-new"}, AgentId{"a1"}});
    next = h.ok(HangUp{CallId{"v-new"}, Party::Caller});
    EXPECT_EQ(all_of_type<CallOffered>(next).at(0).call, CallId{"s-old"});
}

TEST(QueueRules, RingTimeoutMovesToTheNextAgentAfterTheRetryDelay) {
    auto config = one_queue(Strategy::Linear, 2);
    config.queues[0].ring_timeout = 10s;
    config.queues[0].retry_delay = 5s;
    RouterHarness h(config);
    h.login("a1");
    h.login("a2");
    h.call("c1");
    auto timeout = h.advance(10s);
    auto ended = all_of_type<OfferEnded>(timeout);
    ASSERT_EQ(ended.size(), 1u);
    EXPECT_EQ(ended[0].reason, OfferEnd::NoAnswer);
    EXPECT_EQ(ended[0].ring, 10s);
    EXPECT_THAT(offered_agents(timeout), ElementsAre());
    // a1 is free again at once (no_answer_delay 0) but the call waits out the retry delay;
    // linear order then offers a1 again, the first member.
    EXPECT_THAT(offered_agents(h.advance(5s)), ElementsAre("a1"));
}

TEST(QueueRules, WrapUpKeepsTheAgentFromTheNextCall) {
    auto config = one_queue(Strategy::LongestIdle, 1);
    config.queues[0].wrap_up = 20s;
    RouterHarness h(config);
    h.login("a1");
    h.call("c1");
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    h.advance(60s);
    h.ok(HangUp{CallId{"c1"}, Party::Agent});
    EXPECT_EQ(h.state("a1"), AgentState::WrapUp);
    EXPECT_THAT(offered_agents(h.call("c2")), ElementsAre());
    auto wrap = h.advance(20s);
    auto done = all_of_type<WrapUpCompleted>(wrap);
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].wrap, 20s);
    EXPECT_EQ(done[0].call, CallId{"c1"});
    EXPECT_THAT(offered_agents(wrap), ElementsAre("a1"));
}

TEST(QueueRules, AgentEndsWrapUpEarly) {
    auto config = one_queue(Strategy::LongestIdle, 1);
    config.queues[0].wrap_up = 60s;
    RouterHarness h(config);
    h.login("a1");
    h.call("c1");
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    h.ok(HangUp{CallId{"c1"}, Party::Agent});
    h.advance(5s);
    auto events = h.ok(AgentReady{AgentId{"a1"}});
    EXPECT_EQ(all_of_type<WrapUpCompleted>(events).at(0).wrap, 5s);
    EXPECT_EQ(h.state("a1"), AgentState::Available);
}

TEST(QueueRules, FullQueueBlocksTheCaller) {
    auto config = one_queue(Strategy::LongestIdle, 1);
    config.queues[0].max_length = 2;
    RouterHarness h(config);
    h.call("c1");
    h.call("c2");
    auto events = h.call("c3");
    auto blocked = all_of_type<CallBlocked>(events);
    ASSERT_EQ(blocked.size(), 1u);
    EXPECT_EQ(blocked[0].reason, BlockReason::QueueFull);
    EXPECT_EQ(h.router().queue(QueueId{"q"})->waiting, 2);
}

TEST(QueueRules, JoinEmptyBlocksWhenNoAgentIsLoggedIn) {
    auto config = one_queue(Strategy::LongestIdle, 1);
    config.queues[0].join_empty = EmptyRule::NoAgentsLoggedIn;
    RouterHarness h(config);
    EXPECT_EQ(all_of_type<CallBlocked>(h.call("c1")).at(0).reason, BlockReason::NoAgents);
    h.login("a1");
    h.ok(AgentPause{AgentId{"a1"}, "lunch"});
    EXPECT_TRUE(all_of_type<CallBlocked>(h.call("c2")).empty());  // logged in, though paused
}

TEST(QueueRules, LeaveEmptyTimesOutCallersWhenTheLastAgentPauses) {
    auto config = one_queue(Strategy::LongestIdle, 1);
    config.queues[0].leave_empty = EmptyRule::NoAgentsReady;
    RouterHarness h(config);
    h.login("a1");
    h.call("c1");
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    h.call("c2");
    h.ok(HangUp{CallId{"c1"}, Party::Caller});  // a1 takes c2
    h.call("c3");
    h.ok(AgentPause{AgentId{"a1"}, "break"});  // withdraws c2's offer; nobody is ready
    auto timed_out = all_of_type<CallTimedOut>(h.log());
    ASSERT_EQ(timed_out.size(), 2u);
    EXPECT_EQ(timed_out[0].reason, TimeoutReason::QueueEmpty);
}

TEST(QueueRules, MaxWaitExitsToAnotherQueue) {
    RouterConfig config;
    config.queues.push_back(queue("q", Strategy::LongestIdle));
    config.queues.push_back(queue("overflow", Strategy::LongestIdle));
    config.queues[0].max_wait = 60s;
    config.queues[0].on_max_wait = ExitAction{ExitKind::Queue, QueueId{"overflow"}, ""};
    config.agents.push_back(agent("a1", {{QueueId{"overflow"}, 0}}));
    RouterHarness h(config);
    h.login("a1");
    h.ok(AgentPause{AgentId{"a1"}, "break"});
    h.call("c1");
    auto events = h.advance(60s);
    auto timed_out = all_of_type<CallTimedOut>(events);
    ASSERT_EQ(timed_out.size(), 1u);
    EXPECT_EQ(timed_out[0].wait, 60s);
    EXPECT_EQ(timed_out[0].exit.queue, QueueId{"overflow"});
    EXPECT_EQ(all_of_type<CallEnqueued>(events).at(0).queue, QueueId{"overflow"});
    events = h.ok(AgentReady{AgentId{"a1"}});
    EXPECT_THAT(offered_agents(events), ElementsAre("a1"));
}

TEST(QueueRules, MaxWaitHangsUpWithTheAnnouncement) {
    auto config = one_queue(Strategy::LongestIdle, 1);
    config.queues[0].max_wait = 30s;
    config.queues[0].on_max_wait = ExitAction{ExitKind::Hangup, {}, "closed-sorry"};
    RouterHarness h(config);
    h.call("c1");
    auto timed_out = all_of_type<CallTimedOut>(h.advance(30s));
    ASSERT_EQ(timed_out.size(), 1u);
    EXPECT_EQ(timed_out[0].exit.announcement, "closed-sorry");
    EXPECT_EQ(h.router().queue(QueueId{"q"})->waiting, 0);
}

TEST(QueueRules, ShortAbandonsAreMarked) {
    auto config = one_queue(Strategy::LongestIdle, 1);
    config.queues[0].short_abandon = 5s;
    RouterHarness h(config);
    h.call("c1");
    h.call("c2");
    h.advance(4s);
    auto quick = all_of_type<CallAbandoned>(h.ok(AbandonCall{CallId{"c1"}}));
    h.advance(2s);
    auto later = all_of_type<CallAbandoned>(h.ok(AbandonCall{CallId{"c2"}}));
    EXPECT_TRUE(quick.at(0).short_abandon);
    EXPECT_EQ(quick.at(0).position, 1);
    EXPECT_FALSE(later.at(0).short_abandon);
    EXPECT_EQ(later.at(0).wait, 6s);
}

}  // namespace
}  // namespace markaz::acd::testing
