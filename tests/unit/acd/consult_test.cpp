// Attended transfer in the router: the agent consults a free colleague while the caller holds
// (the colleague is busy for it, the hold counted), may make it a three-way conference, and
// then hands the caller over or lets the colleague go.

#include <gtest/gtest.h>

#include "unit/acd/router_fixture.h"

namespace markaz::acd::testing {
namespace {

/// Queue sales with a1, a2 and a3 logged in, wrap-up 10 s; c1 answered by a1.
RouterHarness a1_talking() {
    RouterConfig config;
    config.queues.push_back(queue("sales", Strategy::Linear));
    config.queues[0].wrap_up = 10s;
    for (const char* id : {"a1", "a2", "a3"}) {
        config.agents.push_back(agent(id, {{QueueId{"sales"}, 0}}));
    }
    RouterHarness h(std::move(config));
    for (const char* id : {"a1", "a2", "a3"}) {
        h.login(id);
    }
    h.call("c1", "sales", 4);
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    return h;
}

TEST(Consult, TheColleagueIsBusyAndTheCallerHoldsThenTheColleagueTakesTheCaller) {
    RouterHarness h = a1_talking();
    h.clock().advance(30s);
    auto events = h.ok(ConsultAgent{CallId{"c1"}, AgentId{"a3"}, "a1"});
    ASSERT_EQ(all_of_type<CallHeld>(events).size(), 1U);
    const auto started = all_of_type<ConsultStarted>(events);
    ASSERT_EQ(started.size(), 1U);
    EXPECT_EQ(started[0], (ConsultStarted{CallId{"c1"}, QueueId{"sales"}, AgentId{"a1"},
                                          AgentId{"a3"}, "ext-a3", "a1"}));
    EXPECT_EQ(h.state("a3"), AgentState::OnCall);

    // A caller arriving meanwhile goes to a2, never to the colleague being consulted.
    h.call("c2", "sales");
    EXPECT_EQ(h.state("a2"), AgentState::Ringing);

    h.clock().advance(20s);
    events = h.ok(CompleteTransfer{CallId{"c1"}, "a1"});
    const auto transferred = all_of_type<CallTransferred>(events);
    ASSERT_EQ(transferred.size(), 1U);
    EXPECT_EQ(transferred[0],
              (CallTransferred{CallId{"c1"}, QueueId{"sales"}, AgentId{"a1"}, QueueId{"sales"}, 30s,
                               20s, "a1", AgentId{"a3"}, true}));
    const auto joined = all_of_type<CallEnqueued>(events);
    ASSERT_EQ(joined.size(), 1U);
    EXPECT_EQ(joined[0].priority, 4) << "the caller keeps their priority";
    const auto answered = all_of_type<CallAnswered>(events);
    ASSERT_EQ(answered.size(), 1U);
    EXPECT_EQ(answered[0].agent, AgentId{"a3"});
    EXPECT_EQ(answered[0].wait, 0s);
    EXPECT_TRUE(all_of_type<CallOffered>(events).empty()) << "the colleague is on the line";
    EXPECT_EQ(h.state("a1"), AgentState::WrapUp);
    EXPECT_EQ(h.state("a3"), AgentState::OnCall);

    h.clock().advance(40s);
    const auto done = all_of_type<CallCompleted>(h.ok(HangUp{CallId{"c1"}, Party::Caller}));
    ASSERT_EQ(done.size(), 1U);
    EXPECT_EQ(done[0].agent, AgentId{"a3"});
    EXPECT_EQ(done[0].talk, 40s);
    EXPECT_EQ(h.router().agent(AgentId{"a3"})->calls_answered, 1);
}

TEST(Consult, CancelledTheColleagueIsFreeAndTheCallerBackWithTheHoldCounted) {
    RouterHarness h = a1_talking();
    h.ok(ConsultAgent{CallId{"c1"}, AgentId{"a2"}, "a1"});
    h.clock().advance(15s);
    auto events = h.ok(EndConsult{CallId{"c1"}, "a1"});
    const auto ended = all_of_type<ConsultEnded>(events);
    ASSERT_EQ(ended.size(), 1U);
    EXPECT_EQ(ended[0], (ConsultEnded{CallId{"c1"}, AgentId{"a2"}, 15s, "a1"}));
    const auto resumed = all_of_type<CallResumed>(events);
    ASSERT_EQ(resumed.size(), 1U);
    EXPECT_EQ(resumed[0].hold, 15s);
    EXPECT_EQ(h.state("a2"), AgentState::Available);
    EXPECT_EQ(h.state("a1"), AgentState::OnCall);
    h.clock().advance(5s);
    const auto done = all_of_type<CallCompleted>(h.ok(HangUp{CallId{"c1"}, Party::Agent}));
    ASSERT_EQ(done.size(), 1U);
    EXPECT_EQ(done[0].hold, 15s);
    EXPECT_EQ(done[0].talk, 5s);
}

TEST(Consult, AConferenceTakesTheCallerOffHoldAndAHangUpLetsTheColleagueGo) {
    RouterHarness h = a1_talking();
    h.ok(ConsultAgent{CallId{"c1"}, AgentId{"a2"}, "a1"});
    h.clock().advance(10s);
    auto events = h.ok(JoinConsult{CallId{"c1"}, "a1"});
    ASSERT_EQ(all_of_type<ConsultJoined>(events).size(), 1U);
    ASSERT_EQ(all_of_type<CallResumed>(events).size(), 1U);
    EXPECT_EQ(h.rejected(JoinConsult{CallId{"c1"}, "a1"}).message,
              "call 'c1' is a conference already");
    events = h.ok(HangUp{CallId{"c1"}, Party::Caller});
    ASSERT_EQ(all_of_type<ConsultEnded>(events).size(), 1U);
    ASSERT_EQ(all_of_type<CallCompleted>(events).size(), 1U);
    EXPECT_EQ(h.state("a2"), AgentState::Available);
}

TEST(Consult, APauseAskedDuringTheConsultIsTakenWhenItEnds) {
    RouterHarness h = a1_talking();
    h.ok(ConsultAgent{CallId{"c1"}, AgentId{"a2"}, "a1"});
    h.ok(AgentPause{AgentId{"a2"}, "lunch"});
    EXPECT_EQ(h.state("a2"), AgentState::OnCall);
    h.ok(EndConsult{CallId{"c1"}, "a1"});
    EXPECT_EQ(h.state("a2"), AgentState::Paused);
}

TEST(Consult, ANumberConsultedTakesTheCallerOutOfTheQueues) {
    RouterHarness h = a1_talking();
    h.clock().advance(30s);
    auto events = h.ok(ConsultAgent{CallId{"c1"}, AgentId{}, "a1", "909121234567"});
    const auto started = all_of_type<ConsultStarted>(events);
    ASSERT_EQ(started.size(), 1U);
    EXPECT_EQ(started[0].to_number, "909121234567");
    EXPECT_EQ(started[0].to_agent, AgentId{});
    EXPECT_EQ(h.state("a2"), AgentState::Available) << "no colleague is made busy";
    EXPECT_EQ(h.rejected(ConsultAgent{CallId{"c1"}, AgentId{"a2"}, "a1"}).message,
              "call 'c1' has a consult with '909121234567' going on already");
    h.clock().advance(10s);
    events = h.ok(CompleteTransfer{CallId{"c1"}, "a1"});
    const auto transferred = all_of_type<CallTransferred>(events);
    ASSERT_EQ(transferred.size(), 1U);
    EXPECT_TRUE(transferred[0].attended);
    EXPECT_EQ(transferred[0].to_number, "909121234567");
    EXPECT_EQ(transferred[0].hold, 10s);
    EXPECT_TRUE(all_of_type<CallEnqueued>(events).empty()) << "out of the queues";
    EXPECT_EQ(h.state("a1"), AgentState::WrapUp);
    EXPECT_EQ(h.rejected(HangUp{CallId{"c1"}, Party::Caller}).code, Errc::NotFound);
}

TEST(Consult, RefusalsChangeNothing) {
    RouterHarness h = a1_talking();
    EXPECT_EQ(h.rejected(CompleteTransfer{CallId{"c1"}, "a1"}).message,
              "call 'c1' has no consult going on");
    EXPECT_EQ(h.rejected(EndConsult{CallId{"c1"}, "a1"}).code, Errc::Conflict);
    EXPECT_EQ(h.rejected(ConsultAgent{CallId{"c1"}, AgentId{"a1"}, "a1"}).message,
              "agent 'a1' is the one on call 'c1'");
    EXPECT_EQ(h.rejected(ConsultAgent{CallId{"c1"}, AgentId{"zz"}, "a1"}).code, Errc::NotFound);
    EXPECT_EQ(h.rejected(ConsultAgent{CallId{"c9"}, AgentId{"a2"}, "a1"}).code, Errc::NotFound);
    h.ok(AgentNotReady{AgentId{"a3"}});
    EXPECT_EQ(h.rejected(ConsultAgent{CallId{"c1"}, AgentId{"a3"}, "a1"}).message,
              "agent 'a3' is not free (not-ready)");
    h.ok(ConsultAgent{CallId{"c1"}, AgentId{"a2"}, "a1"});
    EXPECT_EQ(h.rejected(ConsultAgent{CallId{"c1"}, AgentId{"a2"}, "a1"}).message,
              "call 'c1' has a consult with agent 'a2' going on already");
    EXPECT_EQ(h.rejected(TransferCall{CallId{"c1"}, QueueId{"sales"}, "a1"}).message,
              "call 'c1' has a consult with agent 'a2' going on: complete or cancel it first");
    EXPECT_EQ(h.rejected(HoldCall{CallId{"c1"}}).code, Errc::Conflict) << "held already";
    EXPECT_EQ(h.state("a1"), AgentState::OnCall);
    EXPECT_EQ(h.state("a2"), AgentState::OnCall);
}

}  // namespace
}  // namespace markaz::acd::testing
