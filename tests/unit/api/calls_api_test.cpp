// /api/v1/calls: the Call object, moving, reprioritising and hanging up calls (with the
// supervisor as `by`), call histories, and the validation of each body.

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api::testing {
namespace {

class CallsApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        // a1002 is free in support only, so the sales calls wait for a supervisor's move.
        api.center.must(acd::AgentLogin{
            AgentId{"a1002"}, "1002", {QueueId{"support"}}, acd::AgentState::Available, "", ""});
        api.center.must(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "+982100001"});
        api.center.must(acd::EnqueueCall{CallId{"c2"}, QueueId{"sales"}, 0, {}, "+982100002"});
    }
    std::size_t commands() const { return api.center.commands().size(); }

    ApiHarness api;
    Browser manager = api.browser("manager");
    Browser supervisor = api.browser("supervisor");
};

TEST_F(CallsApiTest, CallObjectHasEveryMember) {
    const Reply r = manager.get("/api/v1/calls");
    ASSERT_EQ(r.status, 200U);
    const Json calls = r.json()["calls"];
    ASSERT_EQ(calls.size(), 2U);
    const Json c = calls[0];
    EXPECT_EQ(c["id"], "c1");
    EXPECT_EQ(c["queue"], "sales");
    EXPECT_EQ(c["caller"], "+982100001");
    EXPECT_EQ(c["state"], "waiting");
    EXPECT_EQ(c["priority"], 0);
    EXPECT_EQ(c["position"], 1);
    EXPECT_EQ(calls[1]["position"], 2);
    EXPECT_TRUE(c["joined_at_ms"].is_number_integer());
    EXPECT_GE(c["wait_ms"].get<std::int64_t>(), 0);
    EXPECT_EQ(c["answered_at_ms"], nullptr);
    EXPECT_EQ(c["agent"], nullptr);
    EXPECT_EQ(c["extension"], nullptr);
    EXPECT_EQ(c["offered_by"], "");
    EXPECT_EQ(c["callback"], false);
    EXPECT_EQ(c["callback_number"], nullptr);
    EXPECT_EQ(c["skills"], Json::array());
    EXPECT_EQ(c["ivr"], nullptr);
    EXPECT_EQ(c["monitors"], Json::array());
    EXPECT_EQ(c["recording_paused"], false);
    EXPECT_EQ(c["consult"], nullptr);
    EXPECT_EQ(c["transferred_to"], nullptr);
    EXPECT_EQ(c.size(), 20U);
}

TEST_F(CallsApiTest, FilterByQueue) {
    EXPECT_EQ(manager.get("/api/v1/calls?queue=sales").json()["calls"].size(), 2U);
    EXPECT_EQ(manager.get("/api/v1/calls?queue=support").json()["calls"].size(), 0U);
    const Reply r = manager.get("/api/v1/calls?queue=nope");
    EXPECT_EQ(r.code(), "invalid_value");
    EXPECT_EQ(r.field(), "queue");
}

TEST_F(CallsApiTest, SupervisorMovesAWaitingCallToAFreeAgent) {
    const Reply r = supervisor.post("/api/v1/calls/c2/move", Json{{"agent", "a1002"}});
    ASSERT_EQ(r.status, 200U) << r.body;
    const Json c = r.json()["call"];
    EXPECT_EQ(c["state"], "ringing");
    EXPECT_EQ(c["agent"], "a1002");
    EXPECT_EQ(c["extension"], "1002");
    EXPECT_EQ(c["offered_by"], "supervisor");
    const acd::Command move_command = api.center.last_command();
    const auto* move = std::get_if<acd::MoveCallToAgent>(&move_command);
    ASSERT_NE(move, nullptr);
    EXPECT_EQ(move->by, "supervisor");
    EXPECT_EQ(api.audit.list(1, std::nullopt)[0].action, "call-move");
    // The agent is no longer free.
    const Reply again = supervisor.post("/api/v1/calls/c1/move", Json{{"agent", "a1002"}});
    EXPECT_EQ(again.status, 409U);
    EXPECT_EQ(again.code(), "conflict");
}

TEST_F(CallsApiTest, MoveErrors) {
    const std::size_t before = commands();
    Reply r = supervisor.post("/api/v1/calls/c1/move", Json::object());
    EXPECT_EQ(r.code(), "missing_field");
    EXPECT_EQ(r.field(), "agent");
    r = supervisor.post("/api/v1/calls/c1/move", Json{{"agent", "a9999"}});
    EXPECT_EQ(r.status, 404U);
    EXPECT_EQ(r.field(), "agent");
    r = supervisor.post("/api/v1/calls/c1/move", Json{{"agent", "a1003"}});  // not their team
    EXPECT_EQ(r.status, 403U);
    EXPECT_EQ(r.field(), "agent");
    r = supervisor.post("/api/v1/calls/c9/move", Json{{"agent", "a1002"}});
    EXPECT_EQ(r.status, 404U);
    EXPECT_EQ(r.field(), "call");
    // Body errors come before the call's existence (docs' order: 7 before 8).
    r = supervisor.post("/api/v1/calls/c9/move", Json{{"agent", 1}});
    EXPECT_EQ(r.code(), "invalid_type");
    EXPECT_EQ(commands(), before);
}

TEST_F(CallsApiTest, Priority) {
    Reply r = supervisor.post("/api/v1/calls/c2/priority", Json{{"priority", 10}});
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["call"]["priority"], 10);
    EXPECT_EQ(r.json()["call"]["position"], 1);  // served first now
    EXPECT_EQ(supervisor.post("/api/v1/calls/c2/priority", Json{{"priority", 10}}).status, 409U);
    r = supervisor.post("/api/v1/calls/c2/priority", Json{{"priority", 2000}});
    EXPECT_EQ(r.code(), "invalid_value");
    EXPECT_EQ(r.json()["error"]["message"], "priority: must be -1000..1000, got 2000");
    r = supervisor.post("/api/v1/calls/c2/priority", Json{{"priority", "5"}});
    EXPECT_EQ(r.code(), "invalid_type");
    r = supervisor.post("/api/v1/calls/c2/priority", Json{{"priority", 1.5}});
    EXPECT_EQ(r.code(), "invalid_type");
    EXPECT_EQ(r.json()["error"]["message"], "priority: expected an integer, got number");
}

TEST_F(CallsApiTest, HangUpTakesAWaitingCallOutOfItsQueue) {
    const Reply r = supervisor.post("/api/v1/calls/c1/hangup");
    EXPECT_EQ(r.status, 204U) << r.body;
    const acd::Command removed_command = api.center.last_command();
    const auto* removed = std::get_if<acd::RemoveCall>(&removed_command);
    ASSERT_NE(removed, nullptr);
    EXPECT_EQ(removed->by, "supervisor");
    EXPECT_EQ(manager.get("/api/v1/calls/c1").status, 404U);
    // "No body" endpoints take {} and nothing more.
    EXPECT_EQ(supervisor.post("/api/v1/calls/c2/hangup", Json{{"now", true}}).code(),
              "unknown_field");
    EXPECT_EQ(supervisor.post("/api/v1/calls/c2/hangup", Json::object()).status, 204U);
}

TEST_F(CallsApiTest, HangUpEndsAConnectedCallAsTheAgent) {
    api.center.must(acd::MoveCallToAgent{CallId{"c1"}, AgentId{"a1002"}, "manager"});
    api.center.must(acd::OfferAnswered{CallId{"c1"}, AgentId{"a1002"}});
    const Json c = manager.get("/api/v1/calls/c1").json()["call"];
    EXPECT_EQ(c["state"], "on-call");
    EXPECT_EQ(c["position"], nullptr);
    EXPECT_TRUE(c["answered_at_ms"].is_number_integer());
    EXPECT_EQ(manager.post("/api/v1/calls/c1/hangup").status, 204U);
    const acd::Command hangup_command = api.center.last_command();
    const auto* hangup = std::get_if<acd::HangUp>(&hangup_command);
    ASSERT_NE(hangup, nullptr);
    EXPECT_EQ(hangup->side, acd::Party::Agent);
    EXPECT_EQ(api.audit.list(1, std::nullopt)[0].username, "manager");
}

TEST_F(CallsApiTest, HistoryListsTheCallsEventsOldestFirst) {
    ASSERT_EQ(supervisor.post("/api/v1/calls/c1/hangup").status, 204U);
    const Reply r = supervisor.get("/api/v1/calls/c1/events");
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["call"], "c1");
    const Json events = r.json()["events"];
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[0]["type"], "CallEnqueued");
    EXPECT_EQ(events[0]["queue"], "sales");
    EXPECT_EQ(events[1]["type"], "CallRemoved");
    EXPECT_TRUE(events[1]["at_ms"].is_number_integer());
    EXPECT_EQ(manager.get("/api/v1/calls/c404/events").status, 404U);
}

TEST_F(CallsApiTest, AnAgentSeesTheCallTheyAreOn) {
    Browser lead = api.browser("lead");  // works as a1002
    EXPECT_TRUE(lead.get("/api/v1/calls?queue=sales").json()["calls"].empty());
    api.center.must(acd::MoveCallToAgent{CallId{"c1"}, AgentId{"a1002"}, "manager"});
    const Json listed = lead.get("/api/v1/calls?queue=sales").json()["calls"];
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_EQ(listed[0]["id"], "c1");
    EXPECT_EQ(lead.get("/api/v1/calls/c1").status, 200U);
    EXPECT_EQ(lead.get("/api/v1/calls/c1/events").status, 200U);
    EXPECT_EQ(lead.get("/api/v1/calls/c2").status, 403U);
}

TEST_F(CallsApiTest, MonitorRingsTheSupervisorsOwnPhoneForAConnectedCallInTheirScope) {
    api.center.must(acd::EnqueueCall{CallId{"c3"}, QueueId{"support"}, 0, {}, "+982100003"});
    api.center.must(acd::OfferAnswered{CallId{"c3"}, AgentId{"a1002"}});
    api.center.must(acd::EnqueueCall{CallId{"c4"}, QueueId{"support"}, 0, {}, "+982100004"});
    Browser lead = api.browser("lead");  // supervises support, phone 1002

    Reply r = lead.post("/api/v1/calls/c3/monitor", Json{{"mode", "whisper"}});
    ASSERT_EQ(r.status, 202U) << r.body;
    EXPECT_EQ(r.json()["mode"], "whisper");
    EXPECT_EQ(r.json()["extension"], "1002");
    auto asked = api.center.monitor_requests();
    ASSERT_EQ(asked.size(), 1U);
    EXPECT_EQ(asked[0].call, CallId{"c3"});
    EXPECT_EQ(asked[0].extension, "1002");
    EXPECT_EQ(asked[0].mode, MonitorMode::Whisper);
    EXPECT_EQ(asked[0].by, "lead");
    EXPECT_EQ(api.audit.list(1, std::nullopt)[0].action, "call-monitor");

    // Every refusal names why, and nothing is rung.
    EXPECT_EQ(lead.post("/api/v1/calls/c1/monitor", Json{{"mode", "listen"}}).status, 403U)
        << "sales is outside the lead's team";
    r = lead.post("/api/v1/calls/c4/monitor", Json{{"mode", "listen"}});
    EXPECT_EQ(r.status, 409U);
    EXPECT_EQ(r.json()["error"]["message"], "call 'c4' is not connected to an agent");
    r = lead.post("/api/v1/calls/c3/monitor", Json{{"mode", "shout"}});
    EXPECT_EQ(r.code(), "invalid_value");
    EXPECT_EQ(lead.post("/api/v1/calls/c3/monitor", Json::object()).status, 400U);
    r = manager.post("/api/v1/calls/c3/monitor", Json{{"mode", "barge"}});
    EXPECT_EQ(r.status, 409U);
    EXPECT_EQ(r.json()["error"]["message"],
              "user 'manager' has no extension: monitoring rings the supervisor's own phone");
    EXPECT_EQ(
        api.browser("a1003").post("/api/v1/calls/c3/monitor", Json{{"mode", "listen"}}).status,
        403U);
    EXPECT_EQ(lead.post("/api/v1/calls/nope/monitor", Json{{"mode", "listen"}}).status, 404U);
    EXPECT_EQ(api.center.monitor_requests().size(), 1U);
}

TEST_F(CallsApiTest, TheAgentHoldsAndResumesTheirOwnCallFromTheDesk) {
    api.center.must(acd::AgentLogin{
        AgentId{"a1001"}, "1001", {QueueId{"sales"}}, acd::AgentState::Available, "", ""});
    api.center.must(acd::OfferAnswered{CallId{"c1"}, AgentId{"a1001"}});  // offered at login
    Browser agent = api.browser("a1001");
    Reply r = agent.post("/api/v1/calls/c1/hold");
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["call"]["state"], "on-hold");
    EXPECT_EQ(agent.post("/api/v1/calls/c1/hold").status, 409U) << "already on hold";
    EXPECT_EQ(api.audit.list(1, std::nullopt)[0].action, "call-hold");
    r = agent.post("/api/v1/calls/c1/resume");
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["call"]["state"], "on-call");
    EXPECT_EQ(agent.post("/api/v1/calls/c1/resume").status, 409U) << "not on hold";

    // Another agent's call, a waiting call, no call.
    EXPECT_EQ(api.browser("a1003").post("/api/v1/calls/c1/hold").status, 403U);
    r = supervisor.post("/api/v1/calls/c2/hold");
    EXPECT_EQ(r.status, 409U);
    EXPECT_EQ(r.json()["error"]["message"], "call 'c2' is not connected to an agent");
    EXPECT_EQ(agent.post("/api/v1/calls/nope/hold").status, 404U);
    EXPECT_EQ(supervisor.post("/api/v1/calls/c1/hold").status, 200U) << "a supervisor in scope";
}

TEST_F(CallsApiTest, TheAgentPausesTheRecordingForCardDetails) {
    api.center.must(acd::AgentLogin{
        AgentId{"a1001"}, "1001", {QueueId{"sales"}}, acd::AgentState::Available, "", ""});
    api.center.must(acd::OfferAnswered{CallId{"c1"}, AgentId{"a1001"}});
    Browser agent = api.browser("a1001");
    Reply r = agent.post("/api/v1/calls/c1/recording/pause");
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["call"]["recording_paused"], true);
    EXPECT_EQ(api.audit.list(1, std::nullopt)[0].action, "recording-paused");
    EXPECT_EQ(agent.post("/api/v1/calls/c1/recording/pause").status, 409U) << "paused already";
    EXPECT_EQ(agent.get("/api/v1/calls/c1").json()["call"]["recording_paused"], true);
    EXPECT_EQ(api.browser("a1003").post("/api/v1/calls/c1/recording/resume").status, 403U);
    EXPECT_EQ(api.browser("qa").post("/api/v1/calls/c1/recording/resume").status, 403U);
    r = supervisor.post("/api/v1/calls/c1/recording/resume");
    ASSERT_EQ(r.status, 200U) << "a supervisor in scope";
    EXPECT_EQ(r.json()["call"]["recording_paused"], false);
    EXPECT_EQ(api.audit.list(1, std::nullopt)[0].action, "recording-resumed");
    EXPECT_EQ(supervisor.post("/api/v1/calls/c2/recording/pause").status, 409U) << "a waiting call";
}

TEST_F(CallsApiTest, TheAgentTransfersTheirCallToAQueue) {
    api.center.must(acd::AgentLogin{
        AgentId{"a1001"}, "1001", {QueueId{"sales"}}, acd::AgentState::Available, "", ""});
    api.center.must(acd::OfferAnswered{CallId{"c1"}, AgentId{"a1001"}});
    Browser agent = api.browser("a1001");
    Reply targets = agent.get("/api/v1/transfer-targets");
    ASSERT_EQ(targets.status, 200U);
    EXPECT_EQ(targets.json()["queues"],
              Json::parse(R"([{"name":"sales"},{"name":"support"},{"name":"vip"}])"))
        << "every queue, also those the agent does not work in";
    const Json agents = targets.json()["agents"];
    ASSERT_EQ(agents.size(), 2U) << agents << ": the logged-in agents";
    EXPECT_EQ(agents[0]["id"], "a1001");
    EXPECT_EQ(agents[0]["free"], false) << "on this call";
    EXPECT_EQ(agents[1]["id"], "a1002");
    EXPECT_EQ(agents[1]["free"], true);
    EXPECT_EQ(api.browser("qa").get("/api/v1/transfer-targets").status, 403U);

    // Wrong bodies, another agent's call, a supervisor of another team, a waiting call.
    EXPECT_EQ(agent.post("/api/v1/calls/c1/transfer", Json::object()).status, 400U);
    Reply r = agent.post("/api/v1/calls/c1/transfer", Json{{"queue", 7}});
    EXPECT_EQ(r.status, 400U);
    EXPECT_EQ(r.field(), "queue");
    r = agent.post("/api/v1/calls/c1/transfer", Json{{"queue", "nowhere"}});
    EXPECT_EQ(r.status, 404U);
    EXPECT_EQ(r.field(), "queue");
    EXPECT_EQ(
        api.browser("a1003").post("/api/v1/calls/c1/transfer", Json{{"queue", "support"}}).status,
        403U);
    EXPECT_EQ(
        api.browser("lead").post("/api/v1/calls/c1/transfer", Json{{"queue", "support"}}).status,
        403U);
    r = supervisor.post("/api/v1/calls/c2/transfer", Json{{"queue", "support"}});
    EXPECT_EQ(r.status, 409U);
    EXPECT_EQ(r.json()["error"]["message"], "call 'c2' is not connected to an agent");
    EXPECT_EQ(agent.post("/api/v1/calls/nope/transfer", Json{{"queue", "support"}}).status, 404U);

    r = agent.post("/api/v1/calls/c1/transfer", Json{{"queue", "support"}});
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["call"]["queue"], "support");
    EXPECT_EQ(r.json()["call"]["state"], "ringing") << "a1002 is free in support";
    EXPECT_EQ(r.json()["call"]["agent"], "a1002");
    EXPECT_EQ(r.json()["call"]["answered_at_ms"], nullptr);
    const auto transfer = std::get<acd::TransferCall>(api.center.last_command());
    EXPECT_EQ(transfer.by, "a1001");
    const AuditEntry entry = api.audit.list(1, std::nullopt)[0];
    EXPECT_EQ(entry.action, "call-transfer");
    EXPECT_EQ(entry.target, "c1");
    EXPECT_EQ(agent.post("/api/v1/calls/c1/transfer", Json{{"queue", "sales"}}).status, 403U)
        << "no longer the agent's call";
    const Json sales = manager.get("/api/v1/queues/sales").json()["queue"]["stats"];
    EXPECT_EQ(sales["today"]["counters"]["transferred"], 1);
    EXPECT_EQ(sales["today"]["counters"]["handled"], 1);
}

TEST_F(CallsApiTest, TheAgentTransfersTheirCallToAFreeColleague) {
    api.center.must(acd::AgentLogin{
        AgentId{"a1001"}, "1001", {QueueId{"sales"}}, acd::AgentState::Available, "", ""});
    api.center.must(acd::OfferAnswered{CallId{"c1"}, AgentId{"a1001"}});
    Browser agent = api.browser("a1001");
    Reply r = agent.post("/api/v1/calls/c1/transfer", Json{{"agent", "nobody"}});
    EXPECT_EQ(r.status, 404U);
    EXPECT_EQ(r.field(), "agent");
    r = agent.post("/api/v1/calls/c1/transfer", Json{{"agent", "a1003"}});
    EXPECT_EQ(r.status, 409U) << "logged out";
    EXPECT_EQ(r.json()["error"]["message"], "agent 'a1003' is not free (logged-out)");
    EXPECT_EQ(agent.post("/api/v1/calls/c1/transfer", Json{{"agent", ""}}).status, 400U);

    // Named alone, the colleague takes the call in the queue it came from.
    r = agent.post("/api/v1/calls/c1/transfer", Json{{"agent", "a1002"}});
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["call"]["queue"], "sales");
    EXPECT_EQ(r.json()["call"]["state"], "ringing");
    EXPECT_EQ(r.json()["call"]["agent"], "a1002");
    const AuditEntry entry = api.audit.list(1, std::nullopt)[0];
    EXPECT_EQ(entry.action, "call-transfer");
}

TEST_F(CallsApiTest, TheAgentTransfersTheirCallToANumber) {
    api.center.must(acd::AgentLogin{
        AgentId{"a1001"}, "1001", {QueueId{"sales"}}, acd::AgentState::Available, "", ""});
    api.center.must(acd::OfferAnswered{CallId{"c1"}, AgentId{"a1001"}});
    Browser agent = api.browser("a1001");
    Reply r = agent.post("/api/v1/calls/c1/transfer",
                         Json{{"number", "909121234567"}, {"queue", "support"}});
    EXPECT_EQ(r.status, 400U);
    EXPECT_EQ(r.field(), "number");
    EXPECT_EQ(agent.post("/api/v1/calls/c1/transfer", Json{{"number", ""}}).status, 400U);
    EXPECT_EQ(agent.post("/api/v1/calls/c1/transfer", Json{{"number", 909}}).status, 400U);
    EXPECT_EQ(
        api.browser("a1003").post("/api/v1/calls/c1/transfer", Json{{"number", "1002"}}).status,
        403U);

    r = agent.post("/api/v1/calls/c1/transfer", Json{{"number", "909121234567"}});
    ASSERT_EQ(r.status, 200U) << r.body;
    const auto transfer = std::get<acd::TransferCall>(api.center.last_command());
    EXPECT_EQ(transfer.number, "909121234567");
    const AuditEntry entry = api.audit.list(1, std::nullopt)[0];
    EXPECT_EQ(entry.action, "call-transfer");
    // Out of the queues, still on the centre's lines: the supervisor sees where it went and
    // may hang it up.
    const Json out = manager.get("/api/v1/calls/c1").json()["call"];
    EXPECT_EQ(out["state"], "transferred-out") << out.dump();
    EXPECT_EQ(out["transferred_to"], "909121234567");
    EXPECT_EQ(out["agent"], nullptr);
    EXPECT_EQ(agent.get("/api/v1/calls/c1").status, 403U) << "no longer the agent's call";
    const Json sales = manager.get("/api/v1/queues/sales").json()["queue"]["stats"];
    EXPECT_EQ(sales["today"]["counters"]["transferred"], 1);
    ASSERT_EQ(manager.post("/api/v1/calls/c1/hangup", Json::object()).status, 204U);
    const auto removed = std::get<acd::RemoveCall>(api.center.last_command());
    EXPECT_EQ(removed.call, CallId{"c1"});
    api.center.apply_flow(flow::CallEnded{CallId{"c1"}});
    EXPECT_EQ(manager.get("/api/v1/calls/c1").status, 404U) << "gone once it ended";
}

}  // namespace
}  // namespace markaz::api::testing
