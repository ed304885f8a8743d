// /api/v1/calls/{id}/consult…: attended transfer and conference from the desk. The agent of
// the call or a supervisor in scope; bad bodies, other people's calls and steps out of order
// are refused with the reason, changing nothing.

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api::testing {
namespace {

class ConsultApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        // a1001 talks with c1 in sales; a1002 is free in support.
        api.center.must(acd::AgentLogin{
            AgentId{"a1001"}, "1001", {QueueId{"sales"}}, acd::AgentState::Available, "", ""});
        api.center.must(acd::AgentLogin{
            AgentId{"a1002"}, "1002", {QueueId{"support"}}, acd::AgentState::Available, "", ""});
        api.center.must(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "+982100001"});
        api.center.must(acd::OfferAnswered{CallId{"c1"}, AgentId{"a1001"}});
    }
    std::size_t commands() const { return api.center.commands().size(); }

    ApiHarness api;
    Browser agent = api.browser("a1001");
    Browser manager = api.browser("manager");
};

TEST_F(ConsultApiTest, TheAgentConsultsAColleagueAndHandsTheCallerOver) {
    Reply r = agent.post("/api/v1/calls/c1/consult", Json{{"agent", "a1002"}});
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["call"]["state"], "on-hold") << "the caller holds";
    EXPECT_EQ(r.json()["call"]["consult"]["agent"], "a1002");
    EXPECT_EQ(r.json()["call"]["consult"]["state"], "ringing");
    EXPECT_TRUE(r.json()["call"]["consult"]["since_ms"].is_number_integer());
    EXPECT_EQ(std::get<acd::ConsultAgent>(api.center.last_command()).by, "a1001");
    EXPECT_EQ(api.audit.list(1, std::nullopt)[0].action, "call-consult");
    EXPECT_EQ(manager.get("/api/v1/agents/a1002").json()["agent"]["state"], "on-call")
        << "busy for the consult";
    Browser colleague = api.browser("lead");  // a supervisor of support, at agent a1002
    const Json theirs = colleague.get("/api/v1/calls").json()["calls"];
    ASSERT_EQ(theirs.size(), 1U) << "the colleague's desk shows the call they are consulted on";
    EXPECT_EQ(theirs[0]["consult"]["agent"], "a1002");
    EXPECT_EQ(colleague.post("/api/v1/calls/c1/consult/complete").status, 403U)
        << "the agent of the call decides, not the colleague";

    r = agent.post("/api/v1/calls/c1/consult/conference");
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["call"]["consult"]["state"], "conference");
    EXPECT_EQ(r.json()["call"]["state"], "on-call") << "off hold in the conference";
    EXPECT_EQ(api.audit.list(1, std::nullopt)[0].action, "call-conference");

    r = agent.post("/api/v1/calls/c1/consult/complete");
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["call"]["agent"], "a1002");
    EXPECT_EQ(r.json()["call"]["extension"], "1002") << "the colleague's phone";
    EXPECT_EQ(r.json()["call"]["consult"], nullptr);
    const auto entry = api.audit.list(1, std::nullopt)[0];
    EXPECT_EQ(entry.action, "call-transfer-attended");
    EXPECT_EQ(entry.target, "c1");
    EXPECT_EQ(agent.post("/api/v1/calls/c1/consult/cancel").status, 403U)
        << "no longer the agent's call";
    const Json sales = manager.get("/api/v1/queues/sales").json()["queue"]["stats"];
    EXPECT_EQ(sales["today"]["counters"]["transferred"], 1);
}

TEST_F(ConsultApiTest, CancelLetsTheColleagueGo) {
    ASSERT_EQ(agent.post("/api/v1/calls/c1/consult", Json{{"agent", "a1002"}}).status, 200U);
    Reply r = agent.post("/api/v1/calls/c1/consult/cancel");
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["call"]["consult"], nullptr);
    EXPECT_EQ(r.json()["call"]["state"], "on-call");
    EXPECT_EQ(manager.get("/api/v1/agents/a1002").json()["agent"]["state"], "available");
    EXPECT_EQ(api.audit.list(1, std::nullopt)[0].action, "call-consult-cancel");
}

TEST_F(ConsultApiTest, WrongBodiesOtherPeoplesCallsAndStepsOutOfOrderChangeNothing) {
    const std::size_t before = commands();
    EXPECT_EQ(agent.post("/api/v1/calls/c1/consult", Json::object()).status, 400U);
    Reply r = agent.post("/api/v1/calls/c1/consult", Json{{"agent", 7}});
    EXPECT_EQ(r.status, 400U);
    EXPECT_EQ(r.field(), "agent");
    r = agent.post("/api/v1/calls/c1/consult", Json{{"agent", "a1002"}, {"queue", "x"}});
    EXPECT_EQ(r.status, 400U) << "no other members";
    r = agent.post("/api/v1/calls/c1/consult", Json{{"agent", "nobody"}});
    EXPECT_EQ(r.status, 404U);
    EXPECT_EQ(r.field(), "agent");
    EXPECT_EQ(agent.post("/api/v1/calls/nope/consult", Json{{"agent", "a1002"}}).status, 404U);
    EXPECT_EQ(
        api.browser("a1003").post("/api/v1/calls/c1/consult", Json{{"agent", "a1002"}}).status,
        403U)
        << "another agent's call";
    EXPECT_EQ(api.browser("lead").post("/api/v1/calls/c1/consult", Json{{"agent", "a1002"}}).status,
              403U)
        << "a supervisor of another team";
    EXPECT_EQ(api.browser("qa").post("/api/v1/calls/c1/consult", Json{{"agent", "a1002"}}).status,
              403U);
    EXPECT_EQ(commands(), before);

    r = agent.post("/api/v1/calls/c1/consult", Json{{"agent", "a1003"}});
    EXPECT_EQ(r.status, 409U);
    EXPECT_EQ(r.json()["error"]["message"], "agent 'a1003' is not free (logged-out)");
    for (const char* step : {"conference", "complete", "cancel"}) {
        r = agent.post(std::string("/api/v1/calls/c1/consult/") + step);
        EXPECT_EQ(r.status, 409U) << step;
        EXPECT_EQ(r.json()["error"]["message"], "call 'c1' has no consult going on") << step;
    }
    ASSERT_EQ(agent.post("/api/v1/calls/c1/consult", Json{{"agent", "a1002"}}).status, 200U);
    r = agent.post("/api/v1/calls/c1/transfer", Json{{"queue", "support"}});
    EXPECT_EQ(r.status, 409U) << "no blind transfer in the middle of a consult";
    EXPECT_EQ(r.json()["error"]["message"],
              "call 'c1' has a consult with agent 'a1002' going on: complete or cancel it first");
    EXPECT_EQ(manager.get("/api/v1/calls/c1").json()["call"]["agent"], "a1001");
}

}  // namespace
}  // namespace markaz::api::testing
