// A blind transfer to a queue in the router: the agent's conversation ends (their talk and hold
// counted, wrap-up starts) and the caller joins the target queue as a new arrival that keeps
// their priority and skills.

#include <gtest/gtest.h>

#include "unit/acd/router_fixture.h"

namespace markaz::acd::testing {
namespace {

/// Queues sales (a1), support (a2, a3) and empty (nobody, turns callers away); every agent
/// logged in.
RouterHarness sales_and_support() {
    RouterConfig config;
    config.queues.push_back(queue("sales", Strategy::Linear));
    config.queues.push_back(queue("support", Strategy::Linear));
    config.queues.push_back(queue("empty", Strategy::Linear));
    config.queues[0].wrap_up = 10s;
    config.queues[2].join_empty = EmptyRule::NoAgentsLoggedIn;
    config.agents.push_back(agent("a1", {{QueueId{"sales"}, 0}}, {{"fa", 1}}));
    config.agents.push_back(agent("a2", {{QueueId{"support"}, 0}}, {{"fa", 1}}));
    config.agents.push_back(agent("a3", {{QueueId{"support"}, 0}}));
    RouterHarness h(std::move(config));
    for (const char* id : {"a1", "a2", "a3"}) {
        h.login(id);
    }
    return h;
}

TEST(Transfer, TheAgentWrapsUpAndTheCallerJoinsTheQueueKeepingPriorityAndSkills) {
    RouterHarness h = sales_and_support();
    h.ok(AgentNotReady{AgentId{"a2"}});
    h.ok(AgentNotReady{AgentId{"a3"}});
    h.call("c1", "sales", 7, {"fa"});
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    h.clock().advance(30s);
    h.ok(HoldCall{CallId{"c1"}});
    h.clock().advance(5s);

    const auto events = h.ok(TransferCall{CallId{"c1"}, QueueId{"support"}, "a1"});
    const auto transferred = all_of_type<CallTransferred>(events);
    ASSERT_EQ(transferred.size(), 1U);
    EXPECT_EQ(transferred[0], (CallTransferred{CallId{"c1"}, QueueId{"sales"}, AgentId{"a1"},
                                               QueueId{"support"}, 30s, 5s, "a1"}));
    EXPECT_TRUE(all_of_type<CallCompleted>(events).empty()) << "a transfer is not a hang-up";
    const auto joined = all_of_type<CallEnqueued>(events);
    ASSERT_EQ(joined.size(), 1U);
    EXPECT_EQ(joined[0].queue, QueueId{"support"});
    EXPECT_EQ(joined[0].priority, 7);
    EXPECT_EQ(joined[0].caller, "+98c1");
    EXPECT_EQ(h.state("a1"), AgentState::WrapUp);
    EXPECT_EQ(h.router().agent(AgentId{"a1"})->talk_time, 30s);

    // The caller needs "fa": a3 has not got it, so only a2 is offered the call.
    h.ok(AgentReady{AgentId{"a3"}});
    EXPECT_TRUE(all_of_type<CallOffered>(h.ok(AgentReady{AgentId{"a2"}})).size() == 1U);
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a2"}});
    h.clock().advance(20s);
    const auto done = all_of_type<CallCompleted>(h.ok(HangUp{CallId{"c1"}, Party::Caller}));
    ASSERT_EQ(done.size(), 1U);
    EXPECT_EQ(done[0].queue, QueueId{"support"});
    EXPECT_EQ(done[0].agent, AgentId{"a2"});
    EXPECT_EQ(done[0].talk, 20s);
}

TEST(Transfer, AHigherPriorityTransferIsServedBeforeCallersWhoWaitedLonger) {
    RouterHarness h = sales_and_support();
    h.ok(AgentNotReady{AgentId{"a2"}});
    h.ok(AgentNotReady{AgentId{"a3"}});
    h.call("w1", "support");
    h.call("c1", "sales", 5);
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    h.ok(TransferCall{CallId{"c1"}, QueueId{"support"}, "a1"});
    const auto offers = all_of_type<CallOffered>(h.ok(AgentReady{AgentId{"a3"}}));
    ASSERT_EQ(offers.size(), 1U);
    EXPECT_EQ(offers[0].call, CallId{"c1"});
}

TEST(Transfer, RefusalsChangeNothing) {
    RouterHarness h = sales_and_support();
    h.ok(AgentNotReady{AgentId{"a1"}});
    h.call("c1", "sales");  // waiting, not connected
    EXPECT_EQ(h.rejected(TransferCall{CallId{"c1"}, QueueId{"support"}, "x"}).code, Errc::Conflict);
    h.ok(AgentReady{AgentId{"a1"}});
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    const Error unknown = h.rejected(TransferCall{CallId{"c1"}, QueueId{"nowhere"}, "a1"});
    EXPECT_EQ(unknown.code, Errc::NotFound);
    EXPECT_EQ(unknown.message, "unknown queue 'nowhere'");
    EXPECT_EQ(h.rejected(TransferCall{CallId{"c9"}, QueueId{"support"}, "a1"}).code,
              Errc::NotFound);
    EXPECT_EQ(h.state("a1"), AgentState::OnCall);  // still talking

    // To a colleague who is not free, to oneself, to nobody; into a queue that turns callers
    // away: each refused with its reason, the conversation going on.
    h.ok(AgentNotReady{AgentId{"a2"}});
    const Error busy =
        h.rejected(TransferCall{CallId{"c1"}, QueueId{"support"}, "a1", AgentId{"a2"}});
    EXPECT_EQ(busy.code, Errc::Conflict);
    EXPECT_EQ(busy.message, "agent 'a2' is not free (not-ready)");
    EXPECT_EQ(h.rejected(TransferCall{CallId{"c1"}, QueueId{"sales"}, "a1", AgentId{"a1"}}).message,
              "agent 'a1' is the one on call 'c1'");
    EXPECT_EQ(h.rejected(TransferCall{CallId{"c1"}, QueueId{"sales"}, "a1", AgentId{"zz"}}).code,
              Errc::NotFound);
    h.ok(AgentNotReady{AgentId{"a3"}});
    EXPECT_EQ(h.rejected(TransferCall{CallId{"c1"}, QueueId{"empty"}, "a1"}).message,
              "queue 'empty' takes no callers now (no-agents)");
    EXPECT_EQ(h.state("a1"), AgentState::OnCall);
}

TEST(Transfer, ToAFreeColleagueRingsOnlyThemAndAnUnansweredOfferGoesBackInLine) {
    RouterHarness h = sales_and_support();
    h.call("c1", "sales");
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    // Linear would pick a2 first: the transfer names a3.
    auto events = h.ok(TransferCall{CallId{"c1"}, QueueId{"support"}, "a1", AgentId{"a3"}});
    const auto transferred = all_of_type<CallTransferred>(events);
    ASSERT_EQ(transferred.size(), 1U);
    EXPECT_EQ(transferred[0].to_agent, AgentId{"a3"});
    auto offers = all_of_type<CallOffered>(events);
    ASSERT_EQ(offers.size(), 1U);
    EXPECT_EQ(offers[0].agent, AgentId{"a3"});
    EXPECT_EQ(offers[0].by, "a1");
    EXPECT_EQ(h.state("a2"), AgentState::Available);
    offers = all_of_type<CallOffered>(
        h.ok(OfferFailed{CallId{"c1"}, AgentId{"a3"}, OfferFailure::NoAnswer}));
    ASSERT_EQ(offers.size(), 1U);
    EXPECT_EQ(offers[0].agent, AgentId{"a2"});
}

}  // namespace
}  // namespace markaz::acd::testing
