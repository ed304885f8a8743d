// KPI alert rules through the API on a real store: managers make any, supervisors their
// queues'; the configuration's stay read-only; every wrong field is named and nothing is
// kept; what is kept is what the core loop is handed, and survives a reopen of the store.

#include <gtest/gtest.h>

#include "store/alert_rule_book.h"
#include "unit/api/api_test_support.h"
#include "unit/store/store_test_support.h"

namespace markaz::api::testing {
namespace {

Json sales_sl() {
    return Json{{"name", "sales-sl"},   {"measure", "service-level"}, {"queue", "sales"},
                {"threshold", 0.8},     {"window", "last-hour"},      {"min_calls", 10},
                {"raise_after_s", 300}, {"clear_after_s", 600}};
}

class AlertRulesApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        book = std::move(*store::AlertRuleBook::open(dir.file("markaz.db")));
        alerts::AlertRule line;
        line.name = "sales-line";
        line.measure = alerts::Measure::Waiting;
        line.queue = QueueId{"sales"};
        api = std::make_unique<ApiHarness>([this, line](ApiOptions& o) {
            o.alert_rule_store = book.get();
            o.configured_alert_rules = {line};
            o.mail_configured = false;
        });
    }

    Reply post(const std::string& who, const Json& body) {
        return api->browser(who).post("/api/v1/alert-rules", body);
    }

    store::testing::TempDir dir;
    std::unique_ptr<store::AlertRuleBook> book;
    std::unique_ptr<ApiHarness> api;
};

TEST_F(AlertRulesApiTest, ARuleMadeHereIsKeptAndHandedToTheCoreLoop) {
    const Reply made = post("supervisor", sales_sl());
    ASSERT_EQ(made.status, 201U) << made.body;
    const Json rule = made.json()["rule"];
    EXPECT_EQ(rule["source"], "api");
    EXPECT_EQ(rule["created_by"], "supervisor");
    EXPECT_EQ(rule["threshold"], 0.8);
    EXPECT_EQ(rule["raise_after_s"], 300);
    ASSERT_EQ(api->center.evaluated_rules.size(), 2U) << "the configuration's and the new one";
    EXPECT_EQ(api->center.evaluated_rules[0].name, "sales-line");
    EXPECT_EQ(api->center.evaluated_rules[1].window, alerts::Window::LastHour);
    EXPECT_EQ(api->center.evaluated_rules[1].raise_after, std::chrono::minutes{5});

    const Json listed = api->browser("manager").get("/api/v1/alert-rules").json();
    ASSERT_EQ(listed["rules"].size(), 2U);
    EXPECT_EQ(listed["mail"], false);
    EXPECT_EQ(listed["rules"][0]["name"], "sales-line");
    EXPECT_EQ(listed["rules"][0]["source"], "configuration");
    EXPECT_EQ(listed["rules"][0]["editable"], false);
    EXPECT_EQ(listed["rules"][1]["editable"], true);

    Json changed = sales_sl();
    changed["threshold"] = 0.7;
    const Reply put = api->browser("manager").put("/api/v1/alert-rules/sales-sl", changed);
    ASSERT_EQ(put.status, 200U) << put.body;
    EXPECT_EQ(put.json()["rule"]["created_by"], "supervisor") << "still the supervisor's";
    EXPECT_DOUBLE_EQ(api->center.evaluated_rules[1].threshold, 0.7);

    // Kept in the store: what a restart reads.
    auto reopened = store::AlertRuleBook::open(dir.file("markaz.db"));
    auto kept = (*reopened)->alert_rules();
    ASSERT_TRUE(kept);
    ASSERT_EQ(kept->size(), 1U);
    EXPECT_EQ((*kept)[0].rule, api->center.evaluated_rules[1]);

    EXPECT_EQ(api->browser("lead").del("/api/v1/alert-rules/sales-sl").status, 404U)
        << "another team's";
    EXPECT_EQ(api->browser("supervisor").del("/api/v1/alert-rules/sales-sl").status, 204U);
    EXPECT_EQ(api->center.evaluated_rules.size(), 1U);
    EXPECT_TRUE((*book->alert_rules()).empty());
}

TEST_F(AlertRulesApiTest, WhoMayDoWhat) {
    Json centre = sales_sl();
    centre.erase("queue");
    centre["name"] = "centre-sl";
    EXPECT_EQ(post("supervisor", centre).status, 403U) << "a supervisor watches their queues";
    Json support = sales_sl();
    support["queue"] = "support";
    EXPECT_EQ(post("supervisor", support).status, 403U);
    EXPECT_EQ(post("manager", centre).status, 201U);
    EXPECT_EQ(post("qa", sales_sl()).status, 403U);
    EXPECT_EQ(post("a1001", sales_sl()).status, 403U);
    EXPECT_EQ(api->browser("a1001").get("/api/v1/alert-rules").status, 403U);
    // The lead supervises support and answers sales as agent a1002: they see the centre's
    // rule and sales' line, and may change neither.
    const Json seen = api->browser("lead").get("/api/v1/alert-rules").json()["rules"];
    ASSERT_EQ(seen.size(), 2U);
    EXPECT_EQ(seen[0]["name"], "centre-sl");
    EXPECT_EQ(seen[0]["editable"], false);
    Json theirs = sales_sl();
    theirs["name"] = "sales-by-lead";
    EXPECT_EQ(post("lead", theirs).status, 403U) << "sales is not their team's";
    Json taken = sales_sl();
    taken["name"] = "sales-line";
    EXPECT_EQ(post("manager", taken).status, 409U) << "named in the configuration";
    EXPECT_EQ(api->browser("manager").del("/api/v1/alert-rules/sales-line").status, 409U);
    EXPECT_EQ(post("manager", centre).status, 409U) << "exists";
}

TEST_F(AlertRulesApiTest, WrongFieldsAreNamedAndNothingIsKept) {
    auto field_of = [&](const Json& body) {
        const Reply r = post("manager", body);
        EXPECT_EQ(r.status, 400U) << body.dump() << r.body;
        return r.json()["error"]["field"];
    };
    Json b = sales_sl();
    b["threshold"] = 1.5;
    EXPECT_EQ(field_of(b), "threshold") << "a share";
    b = sales_sl();
    b["threshold"] = -1;
    EXPECT_EQ(field_of(b), "threshold");
    b = sales_sl();
    b["measure"] = "mood";
    EXPECT_EQ(field_of(b), "measure");
    b = sales_sl();
    b["name"] = "Sales SL!";
    EXPECT_EQ(field_of(b), "name");
    b = sales_sl();
    b["email"] = Json::array({"boss@centre.example"});
    EXPECT_EQ(field_of(b), "email") << "no mail server";
    b["email"] = Json::array({"not an address"});
    EXPECT_EQ(field_of(b), "email[0]");
    b = sales_sl();
    b["clear_after_s"] = 100000;
    EXPECT_EQ(field_of(b), "clear_after_s");
    b = sales_sl();
    b["language"] = "de";
    EXPECT_EQ(field_of(b), "language");
    b = sales_sl();
    b["queue"] = "nosuch";
    const Reply missing = post("manager", b);
    EXPECT_EQ(missing.status, 404U);
    EXPECT_EQ(missing.json()["error"]["field"], "queue");
    EXPECT_EQ(api->browser("manager").put("/api/v1/alert-rules/other", sales_sl()).status, 400U)
        << "the body's name is the path's";
    EXPECT_TRUE((*book->alert_rules()).empty());
    EXPECT_TRUE(api->center.evaluated_rules.empty());
}

}  // namespace
}  // namespace markaz::api::testing
