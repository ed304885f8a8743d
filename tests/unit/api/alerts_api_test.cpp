// GET /api/v1/alerts and POST /api/v1/alerts/{id}/acknowledge: each reader sees the alerts of
// their scope, supervisors and managers acknowledge once, audited.

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api::testing {
namespace {

using alerts::AlertChange;
using alerts::Measure;

class AlertsApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        rules = {{.name = "sales-sl",
                  .measure = Measure::ServiceLevel,
                  .queue = QueueId{"sales"},
                  .threshold = 0.8},
                 {.name = "support-waiting",
                  .measure = Measure::Waiting,
                  .queue = QueueId{"support"},
                  .threshold = 5},
                 {.name = "centre-available", .measure = Measure::AgentsAvailable, .threshold = 2},
                 {.name = "long-break", .measure = Measure::AgentPaused, .threshold = 900}};
        const WallTime t{std::chrono::sys_days{std::chrono::year{2026} / 12 / 6} + 8h};
        api.center.record_alerts(
            {{AlertChange::Kind::Raised, "sales-sl", Measure::ServiceLevel, "sales", 0.62, 0.8, t},
             {AlertChange::Kind::Raised, "support-waiting", Measure::Waiting, "support", 7, 5, t},
             {AlertChange::Kind::Raised, "centre-available", Measure::AgentsAvailable, "", 1, 2, t},
             {AlertChange::Kind::Raised, "long-break", Measure::AgentPaused, "a1003", 960, 900, t}},
            rules);
        api.center.record_alerts({{AlertChange::Kind::Cleared, "support-waiting", Measure::Waiting,
                                   "support", 2, 5, t + 5min}},
                                 rules);
    }

    std::vector<std::string> seen(const std::string& who, const std::string& query = "") {
        const Reply r = api.browser(who).get("/api/v1/alerts" + query);
        EXPECT_EQ(r.status, 200U) << r.body;
        std::vector<std::string> out;
        const Json body = r.json();
        for (const Json& a : body["alerts"]) {
            out.push_back(a["rule"]);
        }
        return out;
    }

    ApiHarness api;
    std::vector<alerts::AlertRule> rules;
};

TEST_F(AlertsApiTest, EachReaderSeesTheAlertsOfTheirScope) {
    EXPECT_EQ(seen("manager"), (std::vector<std::string>{"long-break", "centre-available",
                                                         "support-waiting", "sales-sl"}));
    EXPECT_EQ(seen("manager", "?active=true"),
              (std::vector<std::string>{"long-break", "centre-available", "sales-sl"}));
    EXPECT_EQ(seen("supervisor"), (std::vector<std::string>{"centre-available", "sales-sl"}))
        << "sales' supervisor: not support's, not a1003's break";
    EXPECT_EQ(seen("a1003"), (std::vector<std::string>{"long-break", "support-waiting"}))
        << "an agent: their own break, their queue";
    const Json alert = api.browser("manager").get("/api/v1/alerts").json()["alerts"][3];
    EXPECT_EQ(alert["measure"], "service-level");
    EXPECT_EQ(alert["subject"], "sales");
    EXPECT_EQ(alert["queue"], "sales");
    EXPECT_DOUBLE_EQ(alert["value"].get<double>(), 0.62);
    EXPECT_EQ(alert["active"], true);
    EXPECT_EQ(alert["acknowledged_by"], nullptr);
    EXPECT_EQ(api.browser("manager").get("/api/v1/alerts?active=maybe").status, 400U);
}

TEST_F(AlertsApiTest, ASupervisorAcknowledgesOnceAndItIsAudited) {
    const Json sales = api.browser("manager").get("/api/v1/alerts?active=true").json()["alerts"][2];
    const std::string path = "/api/v1/alerts/" + std::to_string(sales["id"].get<int>());
    const Reply done = api.browser("supervisor").post(path + "/acknowledge");
    ASSERT_EQ(done.status, 200U) << done.body;
    EXPECT_EQ(done.json()["alert"]["acknowledged_by"], "supervisor");
    EXPECT_EQ(api.audit.list(1, std::nullopt)[0].action, "alert-acknowledge");
    const Reply again = api.browser("manager").post(path + "/acknowledge");
    EXPECT_EQ(again.status, 409U);
    EXPECT_NE(again.body.find("acknowledged by supervisor"), std::string::npos);
    // Another team's alert is not there for this supervisor; agents do not acknowledge.
    const Json waiting = api.browser("manager").get("/api/v1/alerts").json()["alerts"][2];
    EXPECT_EQ(
        api.browser("supervisor")
            .post("/api/v1/alerts/" + std::to_string(waiting["id"].get<int>()) + "/acknowledge")
            .status,
        404U);
    EXPECT_EQ(api.browser("a1001").post(path + "/acknowledge").status, 403U);
    EXPECT_EQ(api.browser("manager").post("/api/v1/alerts/x/acknowledge").status, 404U);
    EXPECT_EQ(api.browser("manager").post("/api/v1/alerts/99/acknowledge").status, 404U);
}

}  // namespace
}  // namespace markaz::api::testing
