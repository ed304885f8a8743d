// GET /api/v1/reports over the store's rollups of the hand-computed day
// (unit/store/hand_day.h): each scope and grain, the calendar, the exports, who may read what,
// and wrong parameters named.

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "api/report_document.h"
#include "pdf/html_to_pdf.h"
#include "store/quality_book.h"
#include "store/report_book.h"
#include "store/rollup_writer.h"
#include "unit/api/api_test_support.h"
#include "unit/store/hand_day.h"
#include "unit/store/store_test_support.h"

namespace markaz::api::testing {
namespace {

// 08:30 in Tehran on 15 Azar 1405 (Sunday 6 December 2026), and the next morning.
const std::int64_t kMorningMs = 1'796'533'200'000;
const std::string kDay =
    "from_ms=" + std::to_string(kMorningMs) + "&to_ms=" + std::to_string(kMorningMs + 1000);

class ReportsApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(store::testing::utc(2026, 12, 6, 5, 0).time_since_epoch().count(), kMorningMs);
        const std::string path = dir.file("markaz.db");
        auto events = store::SqliteStore::open(path);
        ASSERT_TRUE(events);
        stats::StatsConfig config;
        config.queues = {stats::QueuePolicy{QueueId{"sales"}}};
        auto writer = store::RollupWriter::open(path, *events, config);
        ASSERT_TRUE(writer);
        const auto day = store::testing::hand_day("a1001", "a1002");
        ASSERT_TRUE(events->append(day));
        ASSERT_TRUE((*writer)->apply(day, *events->last_seq()));
        ASSERT_TRUE((*writer)->write_open(store::testing::utc(2026, 12, 22)));
        book = std::move(*store::ReportBook::open(path));
        quality = std::move(*store::QualityBook::open(path));
        api = std::make_unique<ApiHarness>([this](ApiOptions& o) {
            o.reports = book.get();
            o.quality = quality.get();
            o.report_zone = reports::ZoneOffsets(std::chrono::minutes{210});
            o.time_zone = "Asia/Tehran";
            o.render_pdf = [](const std::string& html) { return pdf::html_to_pdf(html); };
        });
    }

    Json get(const std::string& who, const std::string& query, unsigned status = 200) {
        const Reply r = api->browser(who).get("/api/v1/reports?" + query);
        EXPECT_EQ(r.status, status) << query << ": " << r.body;
        return r.json();
    }

    store::testing::TempDir dir;
    std::unique_ptr<store::ReportBook> book;
    std::unique_ptr<store::QualityBook> quality;
    std::unique_ptr<ApiHarness> api;
};

TEST_F(ReportsApiTest, AQueuesDayInTheJalaliCalendar) {
    const Json r = get("manager", kDay + "&queue=sales&by=day&calendar=jalali");
    EXPECT_EQ(r["scope"], Json::parse(R"({"kind":"queue","id":"sales"})"));
    EXPECT_EQ(r["calendar"], "jalali");
    EXPECT_EQ(r["time_zone"], "Asia/Tehran");
    ASSERT_EQ(r["periods"].size(), 1U);
    const Json& day = r["periods"][0];
    EXPECT_EQ(day["label"], "1405-09-15");
    EXPECT_EQ(day["from_ms"], kMorningMs - (8 * 60 + 30) * 60'000) << "local midnight";
    EXPECT_EQ(day["counters"]["offered"], 4);
    EXPECT_EQ(day["counters"]["answered"], 2);
    EXPECT_EQ(day["counters"]["talk_ms"], 510'000);
    EXPECT_DOUBLE_EQ(day["kpis"]["service_level"].get<double>(), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(day["kpis"]["asa_s"].get<double>(), 20.0);
    EXPECT_EQ(r["total"]["counters"]["offered"], 4);
    // The queue's agents, their whole day: a1001 answered two, a1002 nothing that day.
    ASSERT_EQ(r["agents"].size(), 1U);
    EXPECT_EQ(r["agents"][0]["id"], "a1001");
    EXPECT_EQ(r["agents"][0]["counters"]["agent_time"]["paused_ms"], 900'000);
    EXPECT_FALSE(r.contains("queues"));
}

TEST_F(ReportsApiTest, WeeksMonthsIntervalsAndTheCentre) {
    EXPECT_EQ(
        get("manager",
            kDay + "&queue=sales&by=week&calendar=jalali")["periods"][0]["counters"]["offered"],
        5);
    const Json month = get("manager", kDay + "&by=month&calendar=jalali");
    EXPECT_EQ(month["scope"]["kind"], "centre");
    EXPECT_EQ(month["periods"][0]["label"], "1405-09");
    EXPECT_EQ(month["periods"][0]["counters"]["offered"], 6);
    EXPECT_EQ(month["periods"][0]["counters"]["longest_wait_ms"], 45000) << "c2, not a sum";
    ASSERT_EQ(month["queues"].size(), 1U);
    EXPECT_EQ(month["queues"][0]["counters"]["longest_wait_ms"], 45000) << "SQL's MAX";
    EXPECT_EQ(month["queues"][0]["id"], "sales");
    ASSERT_EQ(month["agents"].size(), 2U);
    EXPECT_EQ(month["agents"][0]["id"], "a1001") << "most answered first";
    const Json iso = get("manager", kDay + "&by=week&calendar=gregorian");
    EXPECT_EQ(iso["periods"][0]["label"], "2026-W49");
    const Json halves = get("manager", kDay + "&queue=sales&by=interval&interval_min=30");
    ASSERT_EQ(halves["periods"].size(), 1U);
    EXPECT_EQ(halves["periods"][0]["label"], "2026-12-06 08:30");
    EXPECT_EQ(halves["periods"][0]["counters"]["offered"], 2);
}

TEST_F(ReportsApiTest, TheWaitCurveAndTheWeekByHour) {
    const Json r = get("manager", kDay + "&queue=sales&calendar=jalali");
    // c1 waited 10 s (the first bucket: up to 10 s inclusive), c3 30 s; c2 gave up after 45 s.
    EXPECT_EQ(r["wait_curve"]["edges_s"], Json::parse("[10,20,30,45,60,90,120,180,300]"));
    EXPECT_EQ(r["wait_curve"]["answered"], Json::parse("[1,0,1,0,0,0,0,0,0,0]"));
    EXPECT_EQ(r["wait_curve"]["abandoned"], Json::parse("[0,0,0,1,0,0,0,0,0,0]"));
    // Jalali weeks start on Saturday: Sunday is row 1. c1 and c2 came at 08:40 and 08:50 in
    // Tehran, c3 at 09:10 and the blocked c4 at 09:40.
    const Json& week = r["week_hours"];
    EXPECT_EQ(week["first_day"], "sat");
    ASSERT_EQ(week["offered"].size(), 7U);
    ASSERT_EQ(week["offered"][1].size(), 24U);
    EXPECT_EQ(week["offered"][1][8], 2);
    EXPECT_EQ(week["offered"][1][9], 2);
    EXPECT_EQ(week["answered"][1][9], 1);
    EXPECT_EQ(week["abandoned"][1][8], 1);
    EXPECT_DOUBLE_EQ(week["service_level"][1][8].get<double>(), 0.5) << "c1 within, c2 not";
    EXPECT_TRUE(week["service_level"][1][7].is_null()) << "no calls, no figure";
    // ISO weeks start on Monday: Sunday is the last row.
    const Json iso = get("manager", kDay + "&queue=sales&calendar=gregorian");
    EXPECT_EQ(iso["week_hours"]["first_day"], "mon");
    EXPECT_EQ(iso["week_hours"]["offered"][6][8], 2);
}

TEST_F(ReportsApiTest, ASupervisorsTeam) {
    // The team of `supervisor` is the queue sales and its members a1001 and a1002: its calls
    // are the queue's, its agents' time theirs.
    const Json team = get("manager", kDay + "&team=supervisor");
    EXPECT_EQ(team["scope"], Json::parse(R"({"kind":"team","id":"supervisor"})"));
    const Json queue = get("manager", kDay + "&queue=sales");
    EXPECT_EQ(team["total"]["counters"]["offered"], queue["total"]["counters"]["offered"]);
    EXPECT_EQ(team["total"]["counters"]["answered"], 2);
    EXPECT_EQ(team["total"]["counters"]["agent_time"]["paused_ms"], 900'000);
    ASSERT_EQ(team["queues"].size(), 1U);
    EXPECT_EQ(team["queues"][0]["id"], "sales");
    ASSERT_GE(team["agents"].size(), 1U);
    EXPECT_EQ(team["agents"][0]["id"], "a1001");
    // The supervisor reads their own; QA every team; a supervisor who may not read every queue
    // of the team, and an agent, do not. (lead is also agent a1002 of sales, so reads sales.)
    get("supervisor", kDay + "&team=supervisor");
    get("qa", kDay + "&team=lead");
    EXPECT_EQ(get("supervisor", kDay + "&team=lead", 403)["error"]["message"],
              "the team of 'lead' is not yours");
    EXPECT_TRUE(get("lead", kDay + "&team=supervisor")["agents"].empty()) << "a1001 is not theirs";
    get("a1001", kDay + "&team=supervisor", 403);
    // Only a supervisor has a team.
    EXPECT_EQ(get("manager", kDay + "&team=qa", 404)["error"]["field"], "team");
    get("manager", kDay + "&team=nobody", 404);
    EXPECT_EQ(get("manager", kDay + "&team=supervisor&queue=sales", 400)["error"]["field"], "team");
}

TEST_F(ReportsApiTest, CsvAndExcel) {
    const Browser manager = api->browser("manager");
    const Reply csv = manager.get("/api/v1/reports?" + kDay + "&queue=sales&format=csv");
    ASSERT_EQ(csv.status, 200U);
    EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv.header("content-disposition"),
              "attachment; filename=\"report-queue-sales-day.csv\"");
    EXPECT_EQ(csv.body.substr(0, 33), "period,from,offered,answered,answ");
    EXPECT_NE(csv.body.find(",occupancy,utilisation,calls_per_agent_hour,talk_s,"),
              std::string::npos);
    EXPECT_NE(csv.body.find("\r\n2026-12-06,2026-12-05T20:30:00Z,4,2,1,1,0,1,"), std::string::npos)
        << csv.body;
    const Reply xlsx = manager.get("/api/v1/reports?" + kDay + "&format=xlsx&by=month");
    ASSERT_EQ(xlsx.status, 200U);
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

/// The text of a PDF, as poppler's pdftotext reads it.
std::string pdf_text(const std::string& pdf, const std::string& path) {
    std::ofstream(path, std::ios::binary) << pdf;
    std::string text;
    if (FILE* out = ::popen(("pdftotext -enc UTF-8 " + path + " -").c_str(), "r")) {
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, out)) > 0;) {
            text.append(buffer, n);
        }
        ::pclose(out);
    }
    return text;
}

TEST_F(ReportsApiTest, APdfInPersianThatAManagerCanForward) {
    const Browser manager = api->browser("manager");
    ASSERT_EQ(manager.patch("/api/v1/session/me", Json{{"language", "fa"}}).status, 200U);
    const Reply r = manager.get("/api/v1/reports?" + kDay + "&queue=sales&format=pdf");
    ASSERT_EQ(r.status, 200U) << r.body.substr(0, 300);
    EXPECT_EQ(r.header("content-type"), "application/pdf");
    EXPECT_EQ(r.header("content-disposition"),
              "attachment; filename=\"report-queue-sales-day.pdf\"");
    ASSERT_EQ(r.body.substr(0, 4), "%PDF");
    const std::string text = pdf_text(r.body, dir.file("report.pdf"));
    for (const char* expected : {"گزارش", "sales", "۱۴۰۵-۰۹-۱۵", "سطح خدمت", "۳۳٪"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << " in:\n" << text;
    }
}

TEST_F(ReportsApiTest, EachRoleReadsItsOwnScope) {
    get("supervisor", kDay + "&queue=sales");
    EXPECT_EQ(get("supervisor", kDay + "&queue=support", 403)["error"]["message"],
              "queue 'support' is not in your teams");
    get("supervisor", kDay + "&agent=a1002");
    get("supervisor", kDay + "&agent=a1003", 403);
    // An agent reads their own figures, and their queues' as the wallboard shows them live.
    get("a1001", kDay, 403);
    get("a1001", kDay + "&queue=sales");
    get("a1001", kDay + "&queue=support", 403);
    const Json own = get("a1001", kDay + "&agent=a1001");
    EXPECT_EQ(own["periods"][0]["counters"]["answered"], 2);
    EXPECT_FALSE(own.contains("agents"));
    get("a1001", kDay + "&agent=a1002", 403);
    get("qa", kDay);
}

TEST_F(ReportsApiTest, TheQaScoreStandsBesideTheFigures) {
    qa::Scorecard card;
    card.id = "basics";
    card.name = "Basics";
    card.sections = {{"Only", {{"greeting", "Greeted", qa::QuestionKind::YesNo, 1, false, false}}}};
    card.created_by = "qa";
    ASSERT_TRUE(quality->add_scorecard(card));
    // Two of the day's calls scored (90 and 70, one passing the 80 mark), one draft left out,
    // and one of a call a week later outside the range.
    auto scored = [&](const char* call, const char* agent, double percent, WallTime started,
                      qa::EvaluationState state) {
        qa::Evaluation e;
        e.call = call;
        e.agent = agent;
        e.queues = {"sales"};
        e.call_started = started;
        e.scorecard = "basics";
        e.evaluator = "qa";
        e.state = state;
        e.score.percent = percent;
        e.score.passed = percent >= 80;
        e.created = e.updated = started;
        ASSERT_TRUE(quality->add_evaluation(e));
    };
    const WallTime morning = store::testing::utc(2026, 12, 6, 5, 0);
    scored("c1", "a1001", 90, morning, qa::EvaluationState::Submitted);
    scored("c3", "a1001", 70, morning + std::chrono::minutes{30}, qa::EvaluationState::Submitted);
    scored("c9", "a1002", 40, morning, qa::EvaluationState::Draft);
    scored("c8", "a1002", 10, morning + std::chrono::hours{24 * 7}, qa::EvaluationState::Submitted);
    const Json r = get("manager", kDay + "&queue=sales");
    EXPECT_EQ(r["quality"]["evaluations"], 2);
    EXPECT_EQ(r["quality"]["average"], 80.0);
    EXPECT_EQ(r["quality"]["pass_rate"], 50.0);
    EXPECT_EQ(r["quality"]["by_agent"]["a1001"]["average"], 80.0);
    EXPECT_FALSE(r["quality"]["by_agent"].contains("a1002")) << "a draft is not a score";
    // An agent reads their own; the support supervisor's scope has none of sales' calls.
    EXPECT_EQ(get("a1001", kDay + "&agent=a1001")["quality"]["evaluations"], 2);
    EXPECT_EQ(get("lead", kDay)["quality"]["evaluations"], 0);
}

TEST_F(ReportsApiTest, ArabicReadersMayCountInHijriMonths) {
    // 15 Azar 1405 is 26 Jumada al-Akhirah 1448 (tabular); the month runs 12 Nov – 10 Dec.
    const Json r = get("manager", kDay + "&by=month&calendar=hijri");
    EXPECT_EQ(r["calendar"], "hijri");
    ASSERT_EQ(r["periods"].size(), 1U);
    EXPECT_EQ(r["periods"][0]["label"], "1448-06");
    EXPECT_EQ(r["periods"][0]["counters"]["offered"], 6) << "the whole hand-computed day";
}

TEST_F(ReportsApiTest, WrongParametersAreNamed) {
    EXPECT_EQ(get("manager", kDay + "&by=fortnight", 400)["error"]["field"], "by");
    EXPECT_EQ(get("manager", kDay + "&calendar=julian", 400)["error"]["field"], "calendar");
    EXPECT_EQ(get("manager", kDay + "&by=interval&interval_min=20", 400)["error"]["field"],
              "interval_min");
    EXPECT_EQ(get("manager", kDay + "&interval_min=90", 400)["error"]["field"], "interval_min");
    EXPECT_EQ(get("manager", "from_ms=2000&to_ms=1000", 400)["error"]["field"], "from_ms");
    EXPECT_EQ(get("manager", "from_ms=0&to_ms=1790000000000&by=interval", 400)["error"]["field"],
              "interval_min");
    EXPECT_EQ(get("manager", kDay + "&queue=nope", 404)["error"]["message"], "no queue 'nope'");
    EXPECT_EQ(get("manager", kDay + "&queue=sales&agent=a1001", 400)["error"]["field"], "agent");
    EXPECT_EQ(get("manager", kDay + "&format=docx", 400)["error"]["field"], "format");
}

TEST(ReportDocument, NamesAreTextNeverMarkup) {
    ReportDocument d;
    d.scope_kind = "queue";
    d.scope_id = "<script>alert(1)</script>";
    d.periods = {{WallTime{}, WallTime{} + 24h, "1970-01-01"}};
    d.sums = {stats::KpiCounters{.offered = 3, .answered = 2}};
    d.language = Language::Ar;
    const std::string html = report_html(d);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("dir=\"rtl\""), std::string::npos);
    EXPECT_NE(html.find("<td>٣</td>"), std::string::npos) << "Arabic-Indic digits";
}

TEST(ReportsApi, AServerWithoutReportsSaysSo) {
    ApiHarness api;
    EXPECT_EQ(api.browser("manager").get("/api/v1/reports").status, 503U);
}

}  // namespace
}  // namespace markaz::api::testing
