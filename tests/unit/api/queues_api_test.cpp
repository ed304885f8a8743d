// /api/v1/queues: the Queue object in scope, settings changes validated together (the error
// names the field, nothing changes on refusal), and memberships.

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api::testing {
namespace {

class QueuesApiTest : public ::testing::Test {
protected:
    Json settings(const std::string& queue) const {
        return manager.get("/api/v1/queues/" + queue).json()["queue"]["settings"];
    }

    ApiHarness api;
    Browser manager = api.browser("manager");
};

TEST_F(QueuesApiTest, ListsQueuesInConfiguredOrderWithinScope) {
    const Json all = manager.get("/api/v1/queues").json();
    ASSERT_EQ(all["queues"].size(), 3U);
    EXPECT_EQ(all["queues"][0]["name"], "sales");
    EXPECT_EQ(all["queues"][2]["name"], "vip");
    const Json q = all["queues"][0];
    EXPECT_EQ(q.size(), 3U);
    EXPECT_EQ(q["settings"].size(), 17U);
    EXPECT_EQ(q["settings"]["strategy"], "longest-idle");
    EXPECT_EQ(q["settings"]["ring_timeout_ms"], 60000);
    EXPECT_EQ(q["settings"]["max_wait_ms"], nullptr);
    EXPECT_EQ(q["settings"]["on_max_wait"],
              Json::parse(R"({"kind":"hangup","queue":null,"announcement":""})"));
    const Json stats = q["stats"];
    EXPECT_EQ(stats["queue"], "sales");
    EXPECT_EQ(stats["sl_threshold_ms"], 20000);
    EXPECT_EQ(stats["sl_formula"], "answered-and-abandoned");
    EXPECT_EQ(stats["waiting"], 0);
    EXPECT_EQ(stats["oldest_joined_at_ms"], nullptr);
    EXPECT_EQ(stats["agents"]["logged_in"], 0);
    EXPECT_EQ(stats["today"]["kpis"]["service_level"], nullptr);
    EXPECT_EQ(stats["today"]["counters"]["agent_time"].size(), 6U);
    EXPECT_EQ(stats["today"]["counters"].size(), 21U);

    Browser agent = api.browser("a1003");
    const Json mine = agent.get("/api/v1/queues").json()["queues"];
    ASSERT_EQ(mine.size(), 1U);
    EXPECT_EQ(mine[0]["name"], "support");
}

TEST_F(QueuesApiTest, DetailListsMembersAndCallsInServingOrder) {
    api.center.must(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "1"});
    api.center.must(acd::EnqueueCall{CallId{"c2"}, QueueId{"sales"}, 5, {}, "2"});
    const Json detail = manager.get("/api/v1/queues/sales").json();
    ASSERT_EQ(detail["calls"].size(), 2U);
    EXPECT_EQ(detail["calls"][0]["id"], "c2");  // higher priority first
    EXPECT_EQ(detail["members"], Json::parse(R"([
        {"queue":"sales","agent":"a1001","penalty":0,"logged_in":false},
        {"queue":"sales","agent":"a1002","penalty":0,"logged_in":false}])"));
    EXPECT_EQ(detail["queue"]["stats"]["waiting"], 2);
    Browser agent = api.browser("a1001");
    EXPECT_TRUE(agent.get("/api/v1/queues/sales").json()["calls"].empty());
}

TEST_F(QueuesApiTest, PatchChangesSettingsAndIsAudited) {
    const Reply r = manager.patch(
        "/api/v1/queues/sales",
        Json{{"strategy", "round-robin"},
             {"max_wait_ms", 120000},
             {"on_max_wait", {{"kind", "queue"}, {"queue", "support"}, {"announcement", "busy"}}},
             {"sl_target", 0.9}});
    ASSERT_EQ(r.status, 200U) << r.body;
    const Json s = r.json()["queue"]["settings"];
    EXPECT_EQ(s["strategy"], "round-robin");
    EXPECT_EQ(s["max_wait_ms"], 120000);
    EXPECT_EQ(s["on_max_wait"]["queue"], "support");
    EXPECT_EQ(s["sl_target"], 0.9);
    EXPECT_EQ(api.center.router_config().queues[0].strategy, acd::Strategy::RoundRobin);
    EXPECT_EQ(api.audit.list(1, std::nullopt)[0].action, "queue-update");
    // null clears a nullable setting
    EXPECT_EQ(manager.patch("/api/v1/queues/sales", Json{{"max_wait_ms", nullptr}})
                  .json()["queue"]["settings"]["max_wait_ms"],
              nullptr);
}

struct BadPatch {
    std::string body;
    std::string code;
    std::string field;
    std::string message;
};

class QueuesBadPatch : public QueuesApiTest, public ::testing::WithParamInterface<BadPatch> {};

TEST_P(QueuesBadPatch, NamesTheFieldAndChangesNothing) {
    const Json before = settings("sales");
    const Reply r = manager.send("PATCH", "/api/v1/queues/sales", GetParam().body);
    EXPECT_EQ(r.status, 400U);
    EXPECT_EQ(r.code(), GetParam().code);
    EXPECT_EQ(r.field(), GetParam().field);
    if (!GetParam().message.empty()) {
        EXPECT_EQ(r.json()["error"]["message"], GetParam().message);
    }
    EXPECT_EQ(settings("sales"), before);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, QueuesBadPatch,
    ::testing::Values(
        BadPatch{"{}", "invalid_value", "body", ""},
        BadPatch{R"({"strategy":"fastest"})", "invalid_value", "strategy",
                 "strategy: unknown value 'fastest' (expected one of: ring-all, round-robin, "
                 "linear, longest-idle, fewest-calls, least-talk-time, random, weighted-random, "
                 "skills)"},
        BadPatch{R"({"ring_timeout_ms":10})", "invalid_value", "ring_timeout_ms",
                 "ring_timeout_ms: must be 1000..600000, got 10"},
        BadPatch{R"({"weight":-1,"strategy":"x"})", "invalid_value", "weight", ""},
        BadPatch{R"({"weight":"2"})", "invalid_type", "weight", ""},
        BadPatch{R"({"sl_target":1.5})", "invalid_value", "sl_target", ""},
        BadPatch{R"({"max_wait_ms":null,"colour":"red"})", "unknown_field", "colour", ""},
        BadPatch{R"({"on_max_wait":{"kind":"queue","queue":null,"announcement":""}})",
                 "invalid_value", "on_max_wait.queue",
                 "on_max_wait.queue: required for kind 'queue'"},
        BadPatch{R"({"on_max_wait":{"kind":"queue","queue":"sales","announcement":""}})",
                 "invalid_value", "on_max_wait.queue", ""},
        BadPatch{R"({"on_max_wait":{"kind":"queue","queue":"nowhere","announcement":""}})",
                 "invalid_value", "on_max_wait.queue",
                 "on_max_wait.queue: unknown queue 'nowhere'"},
        BadPatch{R"({"on_max_wait":{"kind":"hangup","queue":null}})", "missing_field",
                 "on_max_wait.announcement", ""},
        BadPatch{R"({"on_max_wait":{"kind":"leave","queue":null,"announcement":""}})",
                 "invalid_value", "on_max_wait.kind", ""},
        BadPatch{R"({"on_max_wait":{"kind":"callback","queue":null,"announcement":""}})",
                 "invalid_value", "on_max_wait.kind",
                 "on_max_wait.kind: exit 'callback' needs callback.enabled"},
        BadPatch{R"({"callback":{"enabled":true,"mode":"customer-first","max_attempts":11,
                     "retry_interval_ms":60000}})",
                 "invalid_value", "callback.max_attempts", ""},
        BadPatch{R"({"callback":{"enabled":"yes","mode":"customer-first","max_attempts":1,
                     "retry_interval_ms":60000}})",
                 "invalid_type", "callback.enabled", ""}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

TEST_F(QueuesApiTest, PatchOfAnUnknownQueueIs404AfterTheBody) {
    EXPECT_EQ(manager.patch("/api/v1/queues/nope", Json{{"weight", 1}}).status, 404U);
    EXPECT_EQ(manager.patch("/api/v1/queues/nope", Json{{"weight", "1"}}).status, 400U);
}

TEST_F(QueuesApiTest, MembersAreAddedChangedAndRemoved) {
    Reply r = manager.put("/api/v1/queues/vip/members/a1001", Json{{"penalty", 2}});
    EXPECT_EQ(r.status, 201U) << r.body;
    EXPECT_EQ(
        r.json(),
        Json::parse(R"({"member":{"queue":"vip","agent":"a1001","penalty":2,"logged_in":false}})"));
    r = manager.put("/api/v1/queues/vip/members/a1001", Json{{"penalty", 0}});
    EXPECT_EQ(r.status, 200U);
    EXPECT_EQ(manager.get("/api/v1/queues/vip/members").json()["members"].size(), 2U);
    EXPECT_EQ(manager.del("/api/v1/queues/vip/members/a1001").status, 204U);
    EXPECT_EQ(manager.get("/api/v1/queues/vip/members").json()["members"].size(), 1U);
    r = manager.del("/api/v1/queues/vip/members/a1001");
    EXPECT_EQ(r.status, 404U);
    EXPECT_EQ(r.field(), "agent");
    const auto entries = api.audit.list(3, std::nullopt);
    EXPECT_EQ(entries[0].action, "member-delete");
    EXPECT_EQ(entries[1].action, "member-update");
}

TEST_F(QueuesApiTest, MemberErrors) {
    Reply r = manager.put("/api/v1/queues/vip/members/a1001", Json{{"penalty", -1}});
    EXPECT_EQ(r.code(), "invalid_value");
    EXPECT_EQ(r.field(), "penalty");
    r = manager.put("/api/v1/queues/vip/members/a1001", Json::object());
    EXPECT_EQ(r.code(), "missing_field");
    r = manager.put("/api/v1/queues/nope/members/a1001", Json{{"penalty", 1}});
    EXPECT_EQ(r.status, 404U);
    EXPECT_EQ(r.field(), "queue");
    r = manager.put("/api/v1/queues/vip/members/a404", Json{{"penalty", 1}});
    EXPECT_EQ(r.status, 404U);
    EXPECT_EQ(r.field(), "agent");
    EXPECT_EQ(manager.get("/api/v1/queues/vip/members").json()["members"].size(), 1U);
}

}  // namespace
}  // namespace markaz::api::testing
