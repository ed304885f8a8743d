#include "acd/router.h"
#include "router_fixture.h"

namespace markaz::acd::testing {
namespace {

using ::testing::ElementsAre;

RouterConfig with_callbacks(CallbackMode mode, int agents = 1) {
    auto config = one_queue(Strategy::LongestIdle, agents);
    config.queues[0].callback = CallbackPolicy{true, mode, 3, 5min};
    config.queues[0].callback_threshold = 60s;
    return config;
}

TEST(Callback, ThresholdOffersACallbackOnce) {
    RouterHarness h(with_callbacks(CallbackMode::CustomerFirst));
    h.call("c1");
    auto offered = all_of_type<CallbackOffered>(h.advance(61s));
    ASSERT_EQ(offered.size(), 1u);
    EXPECT_EQ(offered[0].wait, 60s);
    EXPECT_TRUE(all_of_type<CallbackOffered>(h.advance(5min)).empty());
}

TEST(Callback, RequestKeepsThePlaceInLine) {
    RouterHarness h(with_callbacks(CallbackMode::CustomerFirst));
    h.call("c1");
    h.call("c2");
    h.call("c3");
    auto requested = all_of_type<CallbackRequested>(h.ok(RequestCallback{CallId{"c2"}, ""}));
    ASSERT_EQ(requested.size(), 1u);
    EXPECT_EQ(requested[0].number, "+98c2");
    EXPECT_EQ(requested[0].position, 2);
    auto line = h.router().waiting_calls(QueueId{"q"});
    ASSERT_EQ(line.size(), 3u);
    EXPECT_EQ(line[1].id, CallId{"c2"});
    EXPECT_TRUE(line[1].callback);
    EXPECT_EQ(h.router().queue(QueueId{"q"})->callbacks, 1);
    // The caller is gone: abandoning is no longer possible, removing is.
    EXPECT_EQ(h.rejected(AbandonCall{CallId{"c2"}}).message, "call 'c2' is a callback request");
}

TEST(Callback, CustomerFirstReservesAnAgentDialsThenRings) {
    RouterHarness h(with_callbacks(CallbackMode::CustomerFirst));
    h.call("c1");
    h.ok(RequestCallback{CallId{"c1"}, "09120000000"});
    h.advance(10min);
    auto events = h.ok(AgentLogin{.agent = AgentId{"a1"}, .extension = "1001"});
    auto dial = all_of_type<DialCallback>(events);
    ASSERT_EQ(dial.size(), 1u);
    EXPECT_EQ(dial[0].number, "09120000000");
    EXPECT_EQ(dial[0].agent, AgentId{"a1"});
    EXPECT_EQ(dial[0].attempt, 1);
    EXPECT_EQ(h.state("a1"), AgentState::Ringing);  // reserved
    EXPECT_TRUE(all_of_type<CallOffered>(events).empty());

    events = h.ok(CallbackDialed{CallId{"c1"}, DialOutcome::Answered});
    EXPECT_THAT(offered_agents(events), ElementsAre("a1"));
    h.advance(3s);
    auto answered = all_of_type<CallAnswered>(h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}}));
    ASSERT_EQ(answered.size(), 1u);
    EXPECT_TRUE(answered[0].callback);
    EXPECT_EQ(answered[0].wait, 10min + 3s);  // from the request
}

TEST(Callback, RetriesThenFails) {
    RouterHarness h(with_callbacks(CallbackMode::CustomerFirst));
    h.login("a1");
    h.ok(AgentPause{AgentId{"a1"}, "break"});
    h.call("c1");
    h.ok(RequestCallback{CallId{"c1"}, ""});
    h.ok(AgentReady{AgentId{"a1"}});
    for (int attempt = 1; attempt <= 3; ++attempt) {
        auto dial = all_of_type<DialCallback>(h.log());
        ASSERT_EQ(dial.size(), static_cast<std::size_t>(attempt));
        EXPECT_EQ(dial.back().attempt, attempt);
        auto events = h.ok(CallbackDialed{CallId{"c1"}, DialOutcome::NoAnswer});
        auto failed = all_of_type<CallbackAttemptFailed>(events).at(0);
        EXPECT_EQ(failed.will_retry, attempt < 3);
        EXPECT_EQ(h.state("a1"), AgentState::Available);
        // The next attempt comes only after the retry interval.
        EXPECT_TRUE(all_of_type<DialCallback>(h.advance(5min - 1s)).empty());
        h.advance(1s);
    }
    auto failed = all_of_type<CallbackFailed>(h.log());
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_EQ(failed[0].attempts, 3);
    EXPECT_EQ(h.router().queue(QueueId{"q"})->waiting, 0);
}

TEST(Callback, AgentFirstRingsTheAgentThenDials) {
    RouterHarness h(with_callbacks(CallbackMode::AgentFirst));
    h.call("c1");
    h.ok(RequestCallback{CallId{"c1"}, ""});
    auto events = h.ok(AgentLogin{.agent = AgentId{"a1"}, .extension = "1001"});
    EXPECT_THAT(offered_agents(events), ElementsAre("a1"));
    EXPECT_TRUE(all_of_type<DialCallback>(events).empty());
    events = h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    EXPECT_EQ(all_of_type<DialCallback>(events).size(), 1u);
    EXPECT_EQ(h.state("a1"), AgentState::OnCall);
    events = h.ok(CallbackDialed{CallId{"c1"}, DialOutcome::Answered});
    EXPECT_TRUE(all_of_type<CallAnswered>(events).at(0).callback);
    h.ok(HangUp{CallId{"c1"}, Party::Caller});
    EXPECT_EQ(h.router().agent(AgentId{"a1"})->calls_answered, 1);
}

TEST(Callback, CustomerFirstAgentMissesThenTheCustomerWaitsAtTheHead) {
    auto config = with_callbacks(CallbackMode::CustomerFirst, 2);
    config.agents[0].reject_delay = 1min;
    RouterHarness h(config);
    h.login("a1");
    h.ok(AgentPause{AgentId{"a1"}, "break"});
    h.call("c1");
    h.ok(RequestCallback{CallId{"c1"}, ""});
    h.call("c2");
    h.ok(AgentReady{AgentId{"a1"}});  // reserved for c1, the head
    h.ok(CallbackDialed{CallId{"c1"}, DialOutcome::Answered});
    h.ok(OfferFailed{CallId{"c1"}, AgentId{"a1"}, OfferFailure::Rejected});
    // The customer is on the line now, first in line; a2 logging in takes them, not c2.
    auto events = h.ok(AgentLogin{.agent = AgentId{"a2"}, .extension = "1002"});
    auto offers = all_of_type<CallOffered>(events);
    ASSERT_EQ(offers.size(), 1u);
    EXPECT_EQ(offers[0].call, CallId{"c1"});
}

TEST(Callback, MaxWaitExitTurnsTheCallIntoARequest) {
    auto config = with_callbacks(CallbackMode::CustomerFirst);
    config.queues[0].max_wait = 2min;
    config.queues[0].on_max_wait = ExitAction{ExitKind::Callback, {}, "we-will-call-you"};
    RouterHarness h(config);
    h.call("c1");
    auto requested = all_of_type<CallbackRequested>(h.advance(2min));
    ASSERT_EQ(requested.size(), 1u);
    EXPECT_TRUE(requested[0].by_exit);
    EXPECT_EQ(requested[0].wait, 2min);
}

}  // namespace
}  // namespace markaz::acd::testing
