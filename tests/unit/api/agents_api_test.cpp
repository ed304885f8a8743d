// /api/v1/agents: the Agent object, logins and state changes (who did it, which command the
// engine got), and every validation error naming its field with nothing applied.

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api::testing {
namespace {

class AgentsApiTest : public ::testing::Test {
protected:
    ApiHarness api;
    Browser manager = api.browser("manager");
    Browser supervisor = api.browser("supervisor");
    Browser agent = api.browser("a1001");

    std::size_t commands() const { return api.center.commands().size(); }
};

TEST_F(AgentsApiTest, ListsAgentsInScopeById) {
    auto ids = [](const Reply& r) {
        std::vector<std::string> out;
        const Json body = r.json();
        for (const Json& a : body["agents"]) {
            out.push_back(a["id"]);
        }
        return out;
    };
    EXPECT_EQ(ids(manager.get("/api/v1/agents")),
              (std::vector<std::string>{"a1001", "a1002", "a1003", "a1004"}));
    EXPECT_EQ(ids(supervisor.get("/api/v1/agents")), (std::vector<std::string>{"a1001", "a1002"}));
    EXPECT_EQ(ids(agent.get("/api/v1/agents")), (std::vector<std::string>{"a1001"}));
    EXPECT_TRUE(manager.get("/api/v1/agents").json()["at_ms"].is_number_integer());
}

TEST_F(AgentsApiTest, AgentObjectHasEveryMember) {
    const Json a = manager.get("/api/v1/agents/a1002").json()["agent"];
    EXPECT_EQ(a["id"], "a1002");
    EXPECT_EQ(a["name"], "Bahar");
    EXPECT_EQ(a["state"], "logged-out");
    EXPECT_EQ(a["reason"], "");
    EXPECT_EQ(a["state_changed_at_ms"], nullptr);
    EXPECT_EQ(a["in_state_ms"], 0);
    EXPECT_EQ(a["pending_state"], nullptr);
    EXPECT_EQ(a["extension"], nullptr);
    EXPECT_EQ(a["queues"], Json::array());
    EXPECT_EQ(a["memberships"], Json::parse(R"([{"queue":"sales","penalty":0},
                                                {"queue":"support","penalty":1}])"));
    EXPECT_EQ(a["call"], nullptr);
    EXPECT_EQ(a["today"], Json::parse(R"({"calls_answered":0,"handled":0,"talk_ms":0,
                                          "occupancy":null,"aht_s":null})"));
    EXPECT_EQ(a.size(), 14U);
}

TEST_F(AgentsApiTest, AgentLogsInOnTheirDefaultExtension) {
    const Reply r = agent.post("/api/v1/agents/a1001/login", Json::object());
    ASSERT_EQ(r.status, 200U) << r.body;
    const Json a = r.json()["agent"];
    EXPECT_EQ(a["state"], "available");
    EXPECT_EQ(a["extension"], "1001");
    EXPECT_EQ(a["queues"], Json::array({"sales"}));
    EXPECT_EQ(a["state_changed_by"], "");
    EXPECT_TRUE(a["state_changed_at_ms"].is_number_integer());
    const acd::Command login_command = api.center.last_command();
    const auto* login = std::get_if<acd::AgentLogin>(&login_command);
    ASSERT_NE(login, nullptr);
    EXPECT_EQ(login->by, "");
    EXPECT_EQ(manager.post("/api/v1/agents/a1001/login", Json::object()).status, 409U);
}

TEST_F(AgentsApiTest, SupervisorLoginNamesTheSupervisor) {
    const Reply r = supervisor.post("/api/v1/agents/a1002/login", Json{{"extension", "2002"},
                                                                       {"queues", {"support"}},
                                                                       {"state", "paused"},
                                                                       {"reason", "training"}});
    ASSERT_EQ(r.status, 200U) << r.body;
    const Json a = r.json()["agent"];
    EXPECT_EQ(a["state"], "paused");
    EXPECT_EQ(a["reason"], "training");
    EXPECT_EQ(a["queues"], Json::array({"support"}));
    EXPECT_EQ(a["extension"], "2002");
    EXPECT_EQ(a["state_changed_by"], "supervisor");
    const auto entry = api.audit.list(1, std::nullopt)[0];
    EXPECT_EQ(entry.action, "agent-login");
    EXPECT_EQ(entry.username, "supervisor");
    EXPECT_EQ(entry.target, "a1002");
}

TEST_F(AgentsApiTest, LoginBodyErrors) {
    const std::size_t before = commands();
    Reply r = manager.post("/api/v1/agents/a1004/login", Json::object());
    EXPECT_EQ(r.code(), "missing_field");
    EXPECT_EQ(r.field(), "extension");
    r = manager.post("/api/v1/agents/a1002/login", Json{{"queues", {"sales", "vip"}}});
    EXPECT_EQ(r.code(), "invalid_value");
    EXPECT_EQ(r.field(), "queues[1]");
    EXPECT_EQ(r.json()["error"]["message"],
              "queues[1]: agent 'a1002' is not a member of queue 'vip'");
    r = manager.post("/api/v1/agents/a1002/login", Json{{"queues", {"sales", 3}}});
    EXPECT_EQ(r.code(), "invalid_type");
    EXPECT_EQ(r.field(), "queues[1]");
    r = manager.post("/api/v1/agents/a1002/login", Json{{"state", "on-call"}});
    EXPECT_EQ(r.field(), "state");
    r = manager.post("/api/v1/agents/a1002/login", Json{{"state", "paused"}});
    EXPECT_EQ(r.code(), "missing_field");
    EXPECT_EQ(r.field(), "reason");
    r = manager.post("/api/v1/agents/a9999/login", Json{{"extension", "9"}});
    EXPECT_EQ(r.status, 404U);
    EXPECT_EQ(r.field(), "agent");
    EXPECT_EQ(commands(), before);
}

class AgentStateTest : public AgentsApiTest {
protected:
    void SetUp() override {
        api.center.must(
            acd::AgentLogin{AgentId{"a1001"}, "1001", {}, acd::AgentState::Available, "", ""});
        api.center.must(
            acd::AgentLogin{AgentId{"a1002"}, "1002", {}, acd::AgentState::Available, "", ""});
    }
};

TEST_F(AgentStateTest, SupervisorForcesTheStateWithTheirName) {
    const Reply r = supervisor.post("/api/v1/agents/a1001/state",
                                    Json{{"state", "paused"}, {"reason", "lunch"}});
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["agent"]["state"], "paused");
    EXPECT_EQ(r.json()["agent"]["reason"], "lunch");
    EXPECT_EQ(r.json()["agent"]["state_changed_by"], "supervisor");
    const acd::Command forced_command = api.center.last_command();
    const auto* forced = std::get_if<acd::ForceAgentState>(&forced_command);
    ASSERT_NE(forced, nullptr);
    EXPECT_EQ(forced->by, "supervisor");
    EXPECT_EQ(forced->state, acd::AgentState::Paused);
    const auto entry = api.audit.list(1, std::nullopt)[0];
    EXPECT_EQ(entry.action, "agent-state");
    EXPECT_EQ(Json::parse(entry.detail), Json::parse(R"({"state":"paused","reason":"lunch"})"));
}

TEST_F(AgentStateTest, AnAgentSendsTheirOwnCommand) {
    EXPECT_EQ(agent.post("/api/v1/agents/a1001/state", Json{{"state", "not-ready"}}).status, 200U);
    EXPECT_TRUE(std::holds_alternative<acd::AgentNotReady>(api.center.last_command()));
    EXPECT_EQ(
        agent.post("/api/v1/agents/a1001/state", Json{{"state", "paused"}, {"reason", "break"}})
            .status,
        200U);
    const acd::Command pause_command = api.center.last_command();
    const auto* pause = std::get_if<acd::AgentPause>(&pause_command);
    ASSERT_NE(pause, nullptr);
    EXPECT_EQ(pause->by, "");
    const Reply out = agent.post("/api/v1/agents/a1001/state", Json{{"state", "logged-out"}});
    EXPECT_EQ(out.json()["agent"]["state"], "logged-out");
    EXPECT_EQ(out.json()["agent"]["extension"], nullptr);
}

TEST_F(AgentStateTest, StateBodyErrorsNameTheFieldAndChangeNothing) {
    const std::size_t before = commands();
    auto post = [this](const Json& body) {
        return supervisor.post("/api/v1/agents/a1001/state", body);
    };
    Reply r = post(Json::object());
    EXPECT_EQ(r.code(), "missing_field");
    EXPECT_EQ(r.field(), "state");
    r = post(Json{{"state", "lunch-break"}});
    EXPECT_EQ(r.code(), "invalid_value");
    EXPECT_EQ(r.json()["error"]["message"],
              "state: unknown value 'lunch-break' (expected one of: available, paused, not-ready, "
              "logged-out)");
    r = post(Json{{"state", 3}});
    EXPECT_EQ(r.code(), "invalid_type");
    r = post(Json{{"state", "paused"}});
    EXPECT_EQ(r.code(), "missing_field");
    EXPECT_EQ(r.field(), "reason");
    r = post(Json{{"state", "paused"}, {"reason", "nap"}});
    EXPECT_EQ(r.code(), "invalid_value");
    EXPECT_EQ(r.json()["error"]["message"],
              "reason: 'nap' is not a pause reason (expected one of: break, lunch, training, "
              "meeting)");
    r = post(Json{{"state", "paused"}, {"reason", "no-answer"}});
    EXPECT_EQ(r.field(), "reason");
    r = post(Json{{"state", "available"}, {"reason", "lunch"}});
    EXPECT_EQ(r.code(), "invalid_value");
    EXPECT_EQ(r.json()["error"]["message"], "reason: only with state 'paused'");
    // The first wrong member in document order answers.
    r = supervisor.send("POST", "/api/v1/agents/a1001/state", R"({"colour":"red","state":7})");
    EXPECT_EQ(r.code(), "unknown_field");
    EXPECT_EQ(r.field(), "colour");
    r = supervisor.send("POST", "/api/v1/agents/a1001/state", R"({"state":7,"colour":"red"})");
    EXPECT_EQ(r.code(), "invalid_type");
    EXPECT_EQ(commands(), before);
    EXPECT_EQ(manager.get("/api/v1/agents/a1001").json()["agent"]["state"], "available");
}

TEST_F(AgentStateTest, ConflictsComeFromTheAgentsState) {
    Reply r = manager.post("/api/v1/agents/a1003/state", Json{{"state", "available"}});
    EXPECT_EQ(r.status, 409U);
    EXPECT_EQ(r.json()["error"]["message"], "agent 'a1003' is logged out (use /login)");
    r = manager.post("/api/v1/agents/a1001/state", Json{{"state", "available"}});
    EXPECT_EQ(r.status, 409U);
    EXPECT_EQ(r.json()["error"]["message"], "agent 'a1001' is already available");
    EXPECT_EQ(manager.post("/api/v1/agents/a9/state", Json{{"state", "available"}}).status, 404U);
}

TEST_F(AgentStateTest, APauseDuringACallWaitsAsPendingState) {
    api.center.must(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "+98"});
    const Json ringing = manager.get("/api/v1/calls/c1").json()["call"];
    const AgentId taker{ringing["agent"].get<std::string>()};
    api.center.must(acd::OfferAnswered{CallId{"c1"}, taker});
    const Reply r = manager.post("/api/v1/agents/" + taker.str() + "/state",
                                 Json{{"state", "paused"}, {"reason", "meeting"}});
    ASSERT_EQ(r.status, 200U) << r.body;
    const Json a = r.json()["agent"];
    EXPECT_EQ(a["state"], "on-call");
    EXPECT_EQ(a["call"], "c1");
    EXPECT_EQ(a["pending_state"], "paused");
    EXPECT_EQ(a["pending_reason"], "meeting");
}

TEST_F(AgentsApiTest, PauseReasons) {
    const Json body = agent.get("/api/v1/pause-reasons").json();
    EXPECT_EQ(body, Json::parse(R"({"pause_reasons":["break","lunch","training","meeting"],
                                    "system_reasons":["no-answer"]})"));
}

}  // namespace
}  // namespace markaz::api::testing
