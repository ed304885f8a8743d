// The report schedules' endpoints on a real store: what managers and supervisors may schedule
// and see, wrong bodies named field by field with nothing stored, a send asked for by hand
// kept before it is tried, and a retry only of a failed send.

#include <gtest/gtest.h>

#include "store/schedule_book.h"
#include "unit/api/api_test_support.h"
#include "unit/store/store_test_support.h"

namespace markaz::api::testing {
namespace {

Json body(const std::string& kind, const std::string& id) {
    return Json{{"name", "گزارش روزانه"},
                {"scope", Json{{"kind", kind}, {"id", id}}},
                {"frequency", "daily"},
                {"at", "07:30"},
                {"language", "fa"},
                {"recipients", Json::array({"boss@centre.example", "lead@centre.example"})}};
}

class ReportSchedulesApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        book = std::move(*store::ScheduleBook::open(dir.file("markaz.db")));
        api = std::make_unique<ApiHarness>([this](ApiOptions& o) {
            o.report_schedules = book.get();
            o.report_zone = reports::ZoneOffsets(std::chrono::minutes{210});
            o.wake_report_mailer = [this] { ++wakes; };
        });
    }

    Json create(const std::string& who, const Json& b, unsigned status = 201) {
        const Reply r = api->browser(who).post("/api/v1/report-schedules", b);
        EXPECT_EQ(r.status, status) << r.body;
        return r.json();
    }

    store::testing::TempDir dir;
    std::unique_ptr<store::ScheduleBook> book;
    std::unique_ptr<ApiHarness> api;
    std::atomic<int> wakes{0};
};

TEST_F(ReportSchedulesApiTest, ASupervisorSchedulesTheirQueueAndSeesOnlyTheirOwn) {
    const Json made = create("supervisor", body("queue", "sales"))["schedule"];
    EXPECT_EQ(made["owner"], "supervisor");
    EXPECT_EQ(made["scope"], Json::parse(R"({"kind":"queue","id":"sales"})"));
    EXPECT_EQ(made["at"], "07:30");
    EXPECT_EQ(made["language"], "fa");
    EXPECT_EQ(made["enabled"], true);
    EXPECT_TRUE(made["last_send"].is_null());
    // The next 07:30 in Tehran after now.
    EXPECT_GT(made["next_due_ms"].get<std::int64_t>(), made["created_at_ms"].get<std::int64_t>());
    EXPECT_LE(made["next_due_ms"].get<std::int64_t>() - made["created_at_ms"].get<std::int64_t>(),
              24 * 3600 * 1000);
    EXPECT_EQ((made["next_due_ms"].get<std::int64_t>() + 210 * 60'000) % (24 * 3600'000),
              (7 * 60 + 30) * 60'000)
        << "07:30 local";

    create("manager", body("centre", ""));
    const Json mine = api->browser("supervisor").get("/api/v1/report-schedules").json();
    ASSERT_EQ(mine["schedules"].size(), 1U);
    EXPECT_EQ(api->browser("manager").get("/api/v1/report-schedules").json()["schedules"].size(),
              2U);
    EXPECT_EQ(api->browser("lead").get("/api/v1/report-schedules").json()["schedules"].size(), 0U);
    // Another supervisor's schedule is not known to exist.
    const std::string path = "/api/v1/report-schedules/" + std::to_string(made["id"].get<int>());
    EXPECT_EQ(api->browser("lead").del(path).status, 404U);
    EXPECT_EQ(api->browser("lead").post(path + "/send").status, 404U);
    // The manager may change it; it stays the supervisor's.
    Json changed = body("queue", "sales");
    changed["frequency"] = "monthly";
    const Reply put = api->browser("manager").put(path, changed);
    ASSERT_EQ(put.status, 200U) << put.body;
    EXPECT_EQ(put.json()["schedule"]["owner"], "supervisor");
    EXPECT_EQ(put.json()["schedule"]["frequency"], "monthly");
    EXPECT_EQ(api->browser("supervisor").del(path).status, 204U);
    EXPECT_EQ(api->browser("supervisor").del(path).status, 404U);
}

TEST_F(ReportSchedulesApiTest, ScopesOutsideTheCallersTeamsAreRefused) {
    EXPECT_EQ(create("supervisor", body("queue", "support"), 403)["error"]["code"], "forbidden");
    EXPECT_EQ(create("supervisor", body("agent", "a1003"), 403)["error"]["code"], "forbidden");
    EXPECT_EQ(create("manager", body("queue", "nosuch"), 404)["error"]["field"], "scope.id");
    // A supervisor's team: their own, or any for a manager; not another supervisor's.
    EXPECT_EQ(create("supervisor", body("team", "lead"), 403)["error"]["code"], "forbidden");
    EXPECT_EQ(create("manager", body("team", "qa"), 404)["error"]["field"], "scope.id");
    for (const char* who : {"qa", "a1001"}) {
        EXPECT_EQ(api->browser(who).post("/api/v1/report-schedules", body("centre", "")).status,
                  403U);
        EXPECT_EQ(api->browser(who).get("/api/v1/report-schedules").status, 403U);
    }
    EXPECT_EQ(api->browser("manager").get("/api/v1/report-schedules").json()["schedules"].size(),
              0U)
        << "nothing stored";
}

TEST_F(ReportSchedulesApiTest, ATeamsReportIsScheduled) {
    const Json made = create("supervisor", body("team", "supervisor"), 201)["schedule"];
    EXPECT_EQ(made["scope"], Json::parse(R"({"kind":"team","id":"supervisor"})"));
    create("manager", body("team", "lead"), 201);
}

TEST_F(ReportSchedulesApiTest, WrongBodiesNameTheFieldAndStoreNothing) {
    auto field_of = [&](Json b) { return create("manager", b, 400)["error"]["field"]; };
    Json b = body("centre", "");
    b["recipients"] = Json::array({"boss@centre.example", "not an address"});
    EXPECT_EQ(field_of(b), "recipients[1]");
    b["recipients"] = Json::array({"boss@centre.example\r\nBcc: x@evil.example"});
    EXPECT_EQ(field_of(b), "recipients[0]") << "no header injected through an address";
    b["recipients"] = Json::array();
    EXPECT_EQ(field_of(b), "recipients");
    b = body("centre", "");
    b["at"] = "24:00";
    EXPECT_EQ(field_of(b), "at");
    b = body("centre", "");
    b["frequency"] = "hourly";
    EXPECT_EQ(field_of(b), "frequency");
    b = body("centre", "");
    b["language"] = "de";
    EXPECT_EQ(field_of(b), "language");
    b = body("centre", "");
    b["scope"]["kind"] = "region";
    EXPECT_EQ(field_of(b), "scope.kind");
    b = body("centre", "");
    b["name"] = "";
    EXPECT_EQ(field_of(b), "name");
    b = body("centre", "");
    b["extra"] = 1;
    EXPECT_EQ(field_of(b), "extra");
    b = body("centre", "");
    b.erase("recipients");
    EXPECT_EQ(create("manager", b, 400)["error"]["code"], "missing_field");
    EXPECT_EQ(api->browser("manager").get("/api/v1/report-schedules").json()["schedules"].size(),
              0U);
}

TEST_F(ReportSchedulesApiTest, ASendByHandIsKeptThenRetriedOnlyWhenFailed) {
    const Json made = create("supervisor", body("queue", "sales"))["schedule"];
    const std::string id = std::to_string(made["id"].get<int>());
    const Browser supervisor = api->browser("supervisor");
    const Reply sent = supervisor.post("/api/v1/report-schedules/" + id + "/send");
    ASSERT_EQ(sent.status, 202U) << sent.body;
    const Json send = sent.json()["send"];
    EXPECT_EQ(send["status"], "pending");
    EXPECT_EQ(send["attempts"], 0);
    EXPECT_EQ(wakes.load(), 1) << "the mailer is told";
    // The day before, local midnight to midnight.
    EXPECT_EQ(send["to_ms"].get<std::int64_t>() - send["from_ms"].get<std::int64_t>(),
              24 * 3600'000);
    EXPECT_EQ((send["to_ms"].get<std::int64_t>() + 210 * 60'000) % (24 * 3600'000), 0);

    const Json sends = supervisor.get("/api/v1/report-sends?schedule=" + id).json()["sends"];
    ASSERT_EQ(sends.size(), 1U);
    EXPECT_EQ(sends[0], send);
    EXPECT_EQ(supervisor.get("/api/v1/report-schedules").json()["schedules"][0]["last_send"], send);
    EXPECT_EQ(api->browser("lead").get("/api/v1/report-sends?schedule=" + id).status, 404U);
    EXPECT_EQ(supervisor.get("/api/v1/report-sends").json()["error"]["field"], "schedule");

    const std::string retry =
        "/api/v1/report-sends/" + std::to_string(send["id"].get<int>()) + "/retry";
    EXPECT_EQ(supervisor.post(retry).status, 409U) << "pending, not failed";
    auto failed = *(*book->send(send["id"].get<int>()));
    failed.status = SendStatus::Failed;
    failed.attempts = 5;
    failed.last_error = "mail to smtp://127.0.0.1:1: Couldn't connect to server";
    ASSERT_TRUE(book->update_send(failed));
    EXPECT_EQ(api->browser("lead").post(retry).status, 404U);
    const Reply retried = supervisor.post(retry);
    ASSERT_EQ(retried.status, 200U) << retried.body;
    EXPECT_EQ(retried.json()["send"]["status"], "pending");
    EXPECT_EQ(retried.json()["send"]["attempts"], 0);
    EXPECT_EQ(wakes.load(), 2);
    EXPECT_EQ(api->browser("manager").post("/api/v1/report-sends/999/retry").status, 404U);
    EXPECT_EQ(api->browser("manager").post("/api/v1/report-sends/x/retry").status, 404U);
}

}  // namespace
}  // namespace markaz::api::testing
