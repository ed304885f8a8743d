// The live call list folded from a real router's events: states, agents, positions.

#include "api/call_book.h"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api {
namespace {

using namespace std::chrono_literals;

class CallBookTest : public ::testing::Test {
protected:
    void run(const acd::Command& command) {
        auto events = router_.handle(command, now_);
        ASSERT_TRUE(events) << events.error().message;
        book_.apply(*events);
        now_ = now_ + 1s;
    }
    LiveCall get(const char* id) {
        for (const LiveCall& call : book_.calls(router_)) {
            if (call.id == CallId{id}) {
                return call;
            }
        }
        ADD_FAILURE() << "no call " << id;
        return {};
    }

    acd::Router router_ = std::move(*acd::Router::create(testing::test_routing(), 1));
    CallBook book_;
    Now now_{SteadyTime{1h}, WallTime{std::chrono::hours(24 * 20000)}};
};

TEST_F(CallBookTest, FollowsACallFromLineToAgentToEnd) {
    run(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "+98"});
    run(acd::EnqueueCall{CallId{"c2"}, QueueId{"sales"}, 0, {}, "+99"});
    LiveCall c1 = get("c1");
    EXPECT_EQ(c1.state, LiveCall::State::Waiting);
    EXPECT_EQ(c1.position, 1);
    EXPECT_EQ(get("c2").position, 2);
    EXPECT_EQ(c1.caller, "+98");

    run(acd::AgentLogin{AgentId{"a1001"}, "1001", {}, acd::AgentState::Available, "", ""});
    c1 = get("c1");
    EXPECT_EQ(c1.state, LiveCall::State::Ringing);
    EXPECT_EQ(c1.agent, AgentId{"a1001"});
    EXPECT_EQ(c1.extension, "1001");

    run(acd::OfferAnswered{CallId{"c1"}, AgentId{"a1001"}});
    c1 = get("c1");
    EXPECT_EQ(c1.state, LiveCall::State::Connected);
    EXPECT_TRUE(c1.answered_at);
    EXPECT_EQ(c1.position, 0);
    EXPECT_EQ(get("c2").position, 1);  // moved up

    run(acd::HoldCall{CallId{"c1"}});
    EXPECT_EQ(get("c1").state, LiveCall::State::OnHold);
    run(acd::HangUp{CallId{"c1"}, acd::Party::Caller});
    EXPECT_EQ(book_.size(), 1U);
}

TEST_F(CallBookTest, AnOfferThatEndsPutsTheCallBackInLine) {
    run(acd::AgentLogin{AgentId{"a1001"}, "1001", {}, acd::AgentState::Available, "", ""});
    run(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "+98"});
    ASSERT_EQ(get("c1").state, LiveCall::State::Ringing);
    run(acd::OfferFailed{CallId{"c1"}, AgentId{"a1001"}, acd::OfferFailure::Rejected});
    const LiveCall c1 = get("c1");
    EXPECT_EQ(c1.state, LiveCall::State::Waiting);
    EXPECT_FALSE(c1.agent);
}

TEST_F(CallBookTest, MovedCallsNameWhoMovedThem) {
    run(acd::AgentLogin{AgentId{"a1004"}, "1004", {}, acd::AgentState::Available, "", ""});
    run(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 3, {}, "+98"});
    run(acd::MoveCallToAgent{CallId{"c1"}, AgentId{"a1004"}, "supervisor"});
    const LiveCall c1 = get("c1");
    EXPECT_EQ(c1.agent, AgentId{"a1004"});
    EXPECT_EQ(c1.offered_by, "supervisor");
    EXPECT_EQ(c1.priority, 3);
}

TEST_F(CallBookTest, ArrivalsInTheIvrKeepTheirFactsIntoTheQueue) {
    book_.apply(flow::CallArrived{CallId{"c1"}, "+98", "100", {}});
    EXPECT_EQ(get("c1").state, LiveCall::State::Ivr);
    book_.apply(
        flow::IvrFinished{CallId{"c1"}, {"main", "menu"}, "1", {{"customer_number", "48213"}}});
    book_.apply(flow::CallEnded{CallId{"c9"}});  // another call: nothing changes
    run(acd::EnqueueCall{CallId{"c1"}, QueueId{"support"}, 0, {}, "+98"});
    const LiveCall c1 = get("c1");
    EXPECT_EQ(c1.state, LiveCall::State::Waiting);
    EXPECT_EQ(c1.dialled, "100");
    EXPECT_EQ(c1.variables.at("customer_number"), "48213");
    EXPECT_EQ(c1.ivr_path, (std::vector<std::string>{"main", "menu"}));
    book_.apply(flow::CallEnded{CallId{"c1"}});
    EXPECT_EQ(book_.size(), 1U) << "in line: the router's events take it out";
    run(acd::AbandonCall{CallId{"c1"}});
    EXPECT_EQ(book_.size(), 0U);
}

TEST_F(CallBookTest, SupervisorsInACallAreListedWithTheirModeUntilTheyLeave) {
    run(acd::EnqueueCall{CallId{"c1"}, QueueId{"support"}, 0, {}, "+98"});
    book_.apply(flow::MonitorJoined{CallId{"c1"}, {"sara", "1004", MonitorMode::Listen, {}}});
    book_.apply(flow::MonitorJoined{CallId{"c1"}, {"omid", "1005", MonitorMode::Barge, {}}});
    book_.apply(flow::MonitorModeChanged{CallId{"c1"}, "1004", MonitorMode::Whisper});
    ASSERT_EQ(get("c1").monitors.size(), 2U);
    EXPECT_EQ(get("c1").monitors[0].mode, MonitorMode::Whisper);
    book_.apply(flow::MonitorLeft{CallId{"c1"}, "1005"});
    ASSERT_EQ(get("c1").monitors.size(), 1U);
    EXPECT_EQ(get("c1").monitors[0].user, "sara");
    book_.apply(flow::MonitorLeft{CallId{"nope"}, "1004"});  // another call: nothing changes
    EXPECT_EQ(get("c1").monitors.size(), 1U);
}

TEST_F(CallBookTest, ACallThatEndsBeforeTheRouterHasItLeavesTheBook) {
    book_.apply(flow::CallArrived{CallId{"c1"}, "+98", "100", {}});
    book_.apply(flow::CallArrived{CallId{"c2"}, "+97", "100", {}});
    book_.apply(flow::CallEnded{CallId{"c1"}});
    EXPECT_EQ(book_.size(), 1U);
    EXPECT_EQ(get("c2").caller, "+97");
}

TEST_F(CallBookTest, RemovedAndBlockedCallsLeave) {
    run(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "+98"});
    run(acd::RemoveCall{CallId{"c1"}, "supervisor"});
    EXPECT_EQ(book_.size(), 0U);
}

}  // namespace
}  // namespace markaz::api
