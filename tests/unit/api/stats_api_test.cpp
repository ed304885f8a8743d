// /api/v1/stats/live, /api/v1/stats/intervals and /api/v1/audit: contents within scope and
// the checks of query parameters.

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api::testing {
namespace {

class StatsApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        api.center.must(
            acd::AgentLogin{AgentId{"a1001"}, "1001", {}, acd::AgentState::Available, "", ""});
        api.center.must(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "+98"});
        api.center.must(acd::OfferAnswered{CallId{"c1"}, AgentId{"a1001"}});
        api.center.must(acd::HangUp{CallId{"c1"}, acd::Party::Caller});
    }
    ApiHarness api;
    Browser manager = api.browser("manager");
};

TEST_F(StatsApiTest, LiveFiguresForAWallboard) {
    const Json live = manager.get("/api/v1/stats/live").json();
    ASSERT_EQ(live["queues"].size(), 3U);
    const Json sales = live["queues"][0];
    EXPECT_EQ(sales["queue"], "sales");
    EXPECT_EQ(sales["today"]["counters"]["answered"], 1);
    EXPECT_EQ(sales["today"]["counters"]["handled"], 1);
    EXPECT_EQ(sales["today"]["kpis"]["service_level"], 1.0);
    EXPECT_EQ(sales["agents"]["wrap_up"].get<int>() + sales["agents"]["available"].get<int>(), 1);
    EXPECT_TRUE(live["totals"]["queue"].is_null());
    EXPECT_TRUE(live["totals"]["sl_threshold_ms"].is_null());
    EXPECT_EQ(live["totals"]["today"]["counters"]["offered"], 1);
    EXPECT_EQ(live["agents"].size(), 4U);
    EXPECT_EQ(live["agents"][0]["today"]["calls_answered"], 1);
    EXPECT_EQ(live["agents"][0]["today"]["handled"], 1);
}

TEST_F(StatsApiTest, AgentsSeeTheirQueuesAndNoTotals) {
    const Json live = api.browser("a1001").get("/api/v1/stats/live").json();
    ASSERT_EQ(live["queues"].size(), 1U);
    EXPECT_EQ(live["queues"][0]["queue"], "sales");
    EXPECT_TRUE(live["totals"].is_null());
    ASSERT_EQ(live["agents"].size(), 1U);
    EXPECT_EQ(live["agents"][0]["id"], "a1001");
}

TEST_F(StatsApiTest, TodayByIntervalWithinScope) {
    const Reply r = api.browser("supervisor").get("/api/v1/stats/intervals");
    ASSERT_EQ(r.status, 200U) << r.body;
    const Json body = r.json();
    EXPECT_EQ(body["utc_offset"], "+00:00");
    EXPECT_EQ(body["interval_ms"], 1800000);
    EXPECT_EQ(body["date"].get<std::string>().size(), 10U);
    ASSERT_FALSE(body["intervals"].empty());
    const Json last = body["intervals"].back();
    EXPECT_EQ(last["total"]["counters"]["answered"], 1);
    EXPECT_TRUE(last["queues"].contains("sales"));
    for (const auto& [queue, figures] : last["queues"].items()) {
        EXPECT_EQ(queue, "sales");  // the supervisor's team only
    }
}

TEST_F(StatsApiTest, AuditPagesNewestFirst) {
    for (const char* state : {"paused", "available", "not-ready"}) {
        Json body{{"state", state}};
        if (std::string(state) == "paused") {
            body["reason"] = "break";
        }
        ASSERT_EQ(manager.post("/api/v1/agents/a1001/state", body).status, 200U);
    }
    const Json page = manager.get("/api/v1/audit?limit=2").json();
    ASSERT_EQ(page["entries"].size(), 2U);
    const Json newest = page["entries"][0];
    EXPECT_EQ(newest["action"], "agent-state");
    EXPECT_EQ(newest["username"], "manager");
    EXPECT_EQ(newest["target"], "a1001");
    EXPECT_EQ(newest["detail"], Json({{"state", "not-ready"}}));
    EXPECT_EQ(newest.size(), 7U);
    const std::int64_t before = page["entries"][1]["id"];
    const Json older = manager.get("/api/v1/audit?before=" + std::to_string(before)).json();
    EXPECT_EQ(older["entries"][0]["detail"], Json({{"state", "paused"}, {"reason", "break"}}));
    for (const char* bad : {"limit=0", "limit=1001", "limit=ten", "before=-1", "limit=5x"}) {
        const Reply r = manager.get(std::string("/api/v1/audit?") + bad);
        EXPECT_EQ(r.code(), "invalid_value") << bad;
        EXPECT_EQ(r.field(), std::string(bad).substr(0, std::string(bad).find('='))) << bad;
    }
}

}  // namespace
}  // namespace markaz::api::testing
