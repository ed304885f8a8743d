// Attendance end to end below HTTP: agent events appended to a real store write the sessions
// and state spans (in the events' own transaction), and GET /api/v1/attendance turns them into
// each agent's day against their shift in Tehran; corrections are scoped, checked field by
// field and audited.

#include <gtest/gtest.h>

#include "api/stats_json.h"
#include "store/attendance_book.h"
#include "store/sqlite_store.h"
#include "unit/api/api_test_support.h"
#include "unit/store/store_test_support.h"

namespace markaz::api::testing {
namespace {

using namespace std::chrono;

WallTime dec(int d, int h, int m = 0) {
    return WallTime{sys_days{year{2026} / 12 / d} + hours{h} + minutes{m}};
}

acd::Event state(WallTime at, const char* agent, acd::AgentState from, acd::AgentState to,
                 const char* reason = "") {
    return {at, acd::AgentStateChanged{AgentId{agent}, from, to, reason, {}, "a"}};
}

// a1001 on Sunday 6 December in Tehran: logs in at 08:12 (04:42Z), lunch 09:12–09:42, logs
// out at 15:40 (12:10Z). a1002 logs in at 08:00 and is still on.
std::vector<acd::Event> sunday() {
    using S = acd::AgentState;
    return {
        {dec(6, 4, 30), acd::AgentLoggedIn{AgentId{"a1002"}, "1002", {}, "lead"}},
        state(dec(6, 4, 30), "a1002", S::LoggedOut, S::Available),
        {dec(6, 4, 42), acd::AgentLoggedIn{AgentId{"a1001"}, "1001", {}, "a1001"}},
        state(dec(6, 4, 42), "a1001", S::LoggedOut, S::Available),
        state(dec(6, 5, 42), "a1001", S::Available, S::Paused, "lunch"),
        state(dec(6, 6, 12), "a1001", S::Paused, S::Available),
        state(dec(6, 12, 10), "a1001", S::Available, S::LoggedOut),
        {dec(6, 12, 10), acd::AgentLoggedOut{AgentId{"a1001"}, "1001", {}, "a1001"}},
    };
}

class AttendanceApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        const std::string path = dir.file("markaz.db");
        auto events = store::SqliteStore::open(path);
        ASSERT_TRUE(events);
        ASSERT_TRUE(events->append(sunday()));
        book = std::move(*store::AttendanceBook::open(path));
        reports::Shift morning;
        morning.name = "morning";
        morning.start = hours{8};
        morning.end = hours{16};
        morning.days = {true, true, true, true, false, false, true};  // Sat–Wed
        morning.grace = minutes{5};
        morning.agents = {"a1001"};
        api = std::make_unique<ApiHarness>([this, morning](ApiOptions& o) {
            o.attendance = book.get();
            o.shifts = {morning};
            o.report_zone = reports::ZoneOffsets(minutes{210});
            o.time_zone = "Asia/Tehran";
            o.clock = [] { return dec(7, 13); };  // Monday 16:30 in Tehran
        });
    }

    Json days(const std::string& who, const std::string& query, unsigned status = 200) {
        const Reply r = api->browser(who).get("/api/v1/attendance?" + query);
        EXPECT_EQ(r.status, status) << query << ": " << r.body;
        return r.json();
    }

    const std::string kTwoDays =
        "from_ms=" + std::to_string(ms(dec(6, 0))) + "&to_ms=" + std::to_string(ms(dec(7, 12)));
    store::testing::TempDir dir;
    std::unique_ptr<store::AttendanceBook> book;
    std::unique_ptr<ApiHarness> api;
};

TEST_F(AttendanceApiTest, AnAgentsDaysAgainstTheirShift) {
    const Json r = days("manager", kTwoDays + "&agent=a1001&calendar=jalali");
    EXPECT_EQ(r["time_zone"], "Asia/Tehran");
    ASSERT_EQ(r["days"].size(), 2U) << r.dump();
    const Json& sunday = r["days"][0];
    EXPECT_EQ(sunday["agent"], "a1001");
    EXPECT_EQ(sunday["day"], "1405-09-15");
    EXPECT_EQ(sunday["from_ms"], ms(dec(5, 20, 30)));
    EXPECT_EQ(sunday["sessions"], 1);
    EXPECT_EQ(sunday["first_login_ms"], ms(dec(6, 4, 42)));
    EXPECT_EQ(sunday["last_logout_ms"], ms(dec(6, 12, 10)));
    EXPECT_EQ(sunday["logged_in_s"], 7 * 3600 + 28 * 60);
    EXPECT_EQ(sunday["states_s"]["available"], 7 * 3600 - 2 * 60);
    EXPECT_EQ(sunday["states_s"]["paused"], 30 * 60);
    EXPECT_EQ(sunday["pauses_s"], Json::parse(R"({"lunch": 1800.0})"));
    EXPECT_EQ(sunday["shift"], Json::parse(R"({"name":"morning","start":"08:00","end":"16:00"})"));
    EXPECT_EQ(sunday["late_s"], 12 * 60);
    EXPECT_EQ(sunday["left_early_s"], 20 * 60);
    EXPECT_EQ(sunday["absent"], false);
    EXPECT_TRUE(sunday["correction"].is_null());
    const Json& monday = r["days"][1];
    EXPECT_EQ(monday["absent"], true) << "a shift day, over at 16:00, no login";
    EXPECT_TRUE(monday["late_s"].is_null());
}

TEST_F(AttendanceApiTest, AnAgentStillLoggedInHasNoLogoutAndEachReaderSeesTheirScope) {
    const Json r = days("manager", kTwoDays + "&agent=a1002");
    EXPECT_TRUE(r["days"][0]["last_logout_ms"].is_null());
    EXPECT_EQ(r["days"][0]["sessions"], 1);
    EXPECT_TRUE(r["days"][0]["shift"].is_null());
    EXPECT_EQ(r["days"][1]["logged_in_s"], 16 * 3600 + 1800) << "Monday (Tehran) until now";
    // Every agent the reader may read: the supervisor of sales reads a1001 and a1002.
    EXPECT_EQ(days("supervisor", kTwoDays)["days"].size(), 4U);
    EXPECT_EQ(days("manager", kTwoDays + "&queue=support")["days"].size(), 4U)
        << "a1002 and a1003 are in support";
    EXPECT_EQ(days("a1001", kTwoDays)["days"].size(), 2U) << "an agent: themselves";
    EXPECT_EQ(days("a1001", kTwoDays + "&agent=a1002", 403)["error"]["code"], "forbidden");
    EXPECT_EQ(days("supervisor", kTwoDays + "&agent=a1003", 403)["error"]["code"], "forbidden");
    EXPECT_EQ(days("manager", kTwoDays + "&queue=nosuch", 404)["error"]["field"], "queue");
    EXPECT_EQ(days("manager", kTwoDays + "&format=pdf", 400)["error"]["field"], "format");
    EXPECT_EQ(
        days("manager", "from_ms=0&to_ms=" + std::to_string(ms(dec(7, 0))), 400)["error"]["field"],
        "from_ms")
        << "57 years at once";
    const Reply csv =
        api->browser("manager").get("/api/v1/attendance?" + kTwoDays + "&agent=a1001&format=csv");
    ASSERT_EQ(csv.status, 200U);
    EXPECT_NE(csv.body.find("agent,day,sessions,first_login"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("a1001,2026-12-06,1,2026-12-06T04:42:00Z,2026-12-06T12:10:00Z"),
              std::string::npos)
        << csv.body;
}

TEST_F(AttendanceApiTest, ACorrectionIsScopedCheckedAndAudited) {
    const Json body{{"agent", "a1001"},
                    {"day_ms", ms(dec(6, 8))},
                    {"login_ms", ms(dec(6, 4, 30))},
                    {"logout_ms", ms(dec(6, 12, 30))},
                    {"reason", "تلفن خراب بود"}};
    const Browser supervisor = api->browser("supervisor");
    const Reply made = supervisor.post("/api/v1/attendance/corrections", body);
    ASSERT_EQ(made.status, 201U) << made.body;
    EXPECT_EQ(made.json()["correction"]["day_ms"], ms(dec(5, 20, 30))) << "the local day's start";
    EXPECT_EQ(made.json()["correction"]["by"], "supervisor");
    const Json sunday = days("manager", kTwoDays + "&agent=a1001")["days"][0];
    EXPECT_EQ(sunday["first_login_ms"], ms(dec(6, 4, 30)));
    EXPECT_EQ(sunday["logged_in_s"], 8 * 3600);
    EXPECT_EQ(sunday["late_s"], 0);
    EXPECT_EQ(sunday["correction"]["reason"], "تلفن خراب بود");
    const auto audited = api->audit.list(20, std::nullopt);
    const auto entry = std::find_if(audited.begin(), audited.end(), [](const AuditEntry& e) {
        return e.action == "attendance-correct";
    });
    ASSERT_NE(entry, audited.end());
    EXPECT_EQ(entry->target, "a1001");
    EXPECT_EQ(entry->username, "supervisor");

    auto refused = [&](const std::string& who, Json b, unsigned status) {
        const Reply r = api->browser(who).post("/api/v1/attendance/corrections", b);
        EXPECT_EQ(r.status, status) << r.body;
        return r.json()["error"]["field"];
    };
    Json b = body;
    b["agent"] = "a1003";
    refused("supervisor", b, 403);
    refused("lead", body, 403);
    b = body;
    b["agent"] = "a1002";
    refused("lead", b, 403);  // nobody corrects their own day
    refused("a1001", body, 403);
    b = body;
    b["logout_ms"] = ms(dec(6, 4, 0));
    EXPECT_EQ(refused("manager", b, 400), "logout_ms");
    b = body;
    b["login_ms"] = ms(dec(7, 4, 0));
    EXPECT_EQ(refused("manager", b, 400), "login_ms") << "outside the day";
    b = body;
    b["reason"] = "";
    EXPECT_EQ(refused("manager", b, 400), "reason");
    b = body;
    b["day_ms"] = "yesterday";
    EXPECT_EQ(refused("manager", b, 400), "day_ms");
    EXPECT_EQ(days("manager", kTwoDays + "&agent=a1001")["days"][0]["correction"]["reason"],
              "تلفن خراب بود")
        << "nothing changed by the refused ones";
}

}  // namespace
}  // namespace markaz::api::testing
