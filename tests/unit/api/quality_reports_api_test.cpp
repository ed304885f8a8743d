// /api/v1/quality/report and /api/v1/quality/sample on a real store: figures of submitted
// evaluations in the reader's scope, as JSON and CSV; the calls to evaluate next, N per agent
// less what is evaluated already, never a call someone has started on.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "store/call_log.h"
#include "store/call_record_index.h"
#include "store/quality_book.h"
#include "unit/api/api_test_support.h"
#include "unit/store/store_test_support.h"

namespace markaz::api::testing {
namespace {

// 2026-11-23T08:00:00Z
const WallTime kReportMorning{std::chrono::seconds{1'795'420'800}};
const std::string kWeek = "from_ms=1795000000000&to_ms=1796000000000";

/// One part of a workbook (a ZIP file), as `unzip` reads it.
std::string xlsx_part(const std::string& workbook, const std::string& part) {
    const std::string path =
        ::testing::TempDir() + "quality-" + std::to_string(::getpid()) + ".xlsx";
    std::ofstream(path, std::ios::binary) << workbook;
    std::string out;
    if (FILE* pipe = ::popen(("unzip -p '" + path + "' '" + part + "'").c_str(), "r")) {
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
            out.append(buffer, n);
        }
        ::pclose(pipe);
    }
    std::filesystem::remove(path);
    return out;
}

class QualityReportsApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto log = store::CallLog::open(dir.file("markaz.db"));
        ASSERT_TRUE(log) << log.error().message;
        // Six sales calls of a1001, two support calls of a1003 (one =formula-named queue).
        for (int i = 0; i < 8; ++i) {
            store::CallRecord r;
            r.id = "c" + std::to_string(i);
            r.started = kReportMorning + std::chrono::minutes(10 * i);
            r.ended = r.started + 60s;
            r.queues = {i < 6 ? "sales" : "support"};
            r.agent = i < 6 ? "a1001" : "a1003";
            r.talk = std::chrono::seconds(i == 0 ? 15 : 50);
            r.disposition = store::Disposition::Answered;
            ASSERT_TRUE(log->save(r));
        }
        records = std::move(*store::CallRecordIndex::open(dir.file("markaz.db")));
        quality = std::move(*store::QualityBook::open(dir.file("markaz.db")));
        api = std::make_unique<ApiHarness>([this](ApiOptions& o) {
            o.call_records = records.get();
            o.quality = quality.get();
        });
        const Json card = Json::parse(R"({"id": "basics", "name": "Basics", "pass_mark": 60,
            "sections": [{"title": "All", "questions": [
              {"id": "greeting", "text": "Greeted", "kind": "yes_no", "critical": true},
              {"id": "tone", "text": "Tone", "kind": "scale"}]}]})");
        ASSERT_EQ(api->browser("qa").post("/api/v1/scorecards", card).status, 201U);
    }

    void evaluate(const std::string& who, const std::string& call, const Json& answers,
                  bool submit = true) {
        const Reply r = api->browser(who).post(
            "/api/v1/evaluations",
            Json{
                {"call", call}, {"scorecard", "basics"}, {"answers", answers}, {"submit", submit}});
        ASSERT_EQ(r.status, 201U) << r.body;
    }

    store::testing::TempDir dir;
    std::unique_ptr<store::CallRecordIndex> records;
    std::unique_ptr<store::QualityBook> quality;
    std::unique_ptr<ApiHarness> api;
};

TEST_F(QualityReportsApiTest, FiguresByAgentAndByCallForCalibration) {
    // c1 scored by two analysts: 100 (yes, 5) and 50 (yes, 1: 1 of 2 questions' points).
    evaluate("qa", "c1", {{"greeting", 1}, {"tone", 5}});
    evaluate("supervisor", "c1", {{"greeting", 1}, {"tone", 1}});
    evaluate("qa", "c6", {{"greeting", 0}, {"tone", 5}});
    evaluate("qa", "c2", {{"greeting", 1}}, false);  // a draft: not counted

    const Json by_agent = api->browser("qa").get("/api/v1/quality/report?" + kWeek).json();
    EXPECT_EQ(by_agent["by"], "agent");
    EXPECT_EQ(by_agent["evaluations"], 3);
    ASSERT_EQ(by_agent["rows"].size(), 2U);
    const Json a1001 = by_agent["rows"][0];
    EXPECT_EQ(a1001["key"], "a1001");
    EXPECT_EQ(a1001["evaluations"], 2);
    EXPECT_EQ(a1001["average"], 75.0);
    EXPECT_EQ(a1001["pass_rate"], 50.0);
    EXPECT_EQ(by_agent["rows"][1]["critical_failures"], 1);

    const Json by_call = api->browser("qa").get("/api/v1/quality/report?by=call&" + kWeek).json();
    EXPECT_EQ(by_call["rows"][0]["key"], "c1");
    EXPECT_EQ(by_call["rows"][0]["spread"], 25.0);

    const Json team = api->browser("supervisor").get("/api/v1/quality/report?" + kWeek).json();
    ASSERT_EQ(team["rows"].size(), 1U) << "the supervisor's team is sales";
    EXPECT_EQ(api->browser("supervisor")
                  .get("/api/v1/quality/report?queue=support&" + kWeek)
                  .json()["rows"]
                  .size(),
              0U)
        << "asking for another team's queue gives nothing";
    EXPECT_EQ(api->browser("a1001").get("/api/v1/quality/report").status, 403U);
    const Json support =
        api->browser("manager").get("/api/v1/quality/report?team=lead&" + kWeek).json();
    ASSERT_EQ(support["rows"].size(), 1U) << "lead's team is support";
    EXPECT_EQ(support["rows"][0]["key"], "a1003");

    const Reply csv = api->browser("manager").get("/api/v1/quality/report?format=csv&" + kWeek);
    EXPECT_EQ(csv.status, 200U);
    EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv.body.substr(0, csv.body.find('\r')),
              "agent,evaluations,average,lowest,highest,spread,passed,pass_rate,critical_failures,"
              "disputed");
    EXPECT_NE(csv.body.find("a1001,2,75,50,100,25,1,50,0,0\r\n"), std::string::npos) << csv.body;

    const Reply xlsx = api->browser("manager").get("/api/v1/quality/report?format=xlsx&" + kWeek);
    EXPECT_EQ(xlsx.status, 200U);
    EXPECT_EQ(xlsx.header("content-disposition"), "attachment; filename=\"quality-by-agent.xlsx\"");
    const std::string sheet = xlsx_part(xlsx.body, "xl/worksheets/sheet1.xml");
    EXPECT_NE(xlsx_part(xlsx.body, "xl/sharedStrings.xml").find("<t>a1001</t>"), std::string::npos);
    EXPECT_NE(sheet.find("<v>75</v>"), std::string::npos) << "the average, a number: " << sheet;
    EXPECT_EQ(sheet.find("rightToLeft"), std::string::npos) << "an English reader's";
    const Browser persian_manager = api->browser("manager");
    ASSERT_EQ(persian_manager.patch("/api/v1/session/me", Json{{"language", "fa"}}).status, 200U);
    const Reply persian = persian_manager.get("/api/v1/quality/report?format=xlsx&" + kWeek);
    EXPECT_NE(xlsx_part(persian.body, "xl/worksheets/sheet1.xml").find("rightToLeft=\"1\""),
              std::string::npos);

    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"by=team", "by"},
                                                          {"format=xml", "format"},
                                                          {"from_ms=x", "from_ms"},
                                                          {"agent=", "agent"}}) {
        EXPECT_EQ(api->browser("qa").get("/api/v1/quality/report?" + query).field(), field)
            << query;
    }
}

TEST_F(QualityReportsApiTest, TheSampleIsFairAndSkipsCallsSomeoneIsOn) {
    evaluate("qa", "c1", {{"greeting", 1}, {"tone", 5}});
    evaluate("qa", "c2", {{"greeting", 1}}, false);
    const Json sample =
        api->browser("qa").get("/api/v1/quality/sample?per_agent=3&" + kWeek).json();
    EXPECT_EQ(sample["candidates"], 6) << "8 answered calls less c1 (evaluated) and c2 (draft)";
    std::map<std::string, int> per_agent;
    for (const Json& call : sample["calls"]) {
        ++per_agent[call["agent"].get<std::string>()];
        EXPECT_NE(call["id"], "c1");
        EXPECT_NE(call["id"], "c2");
    }
    EXPECT_EQ(per_agent["a1001"], 1) << "3 per agent, less the two a1001 has";
    EXPECT_EQ(per_agent["a1003"], 2);
    EXPECT_EQ(api->browser("qa").get("/api/v1/quality/sample?per_agent=3&" + kWeek).json()["calls"],
              sample["calls"])
        << "the same week, the same pick";

    const Json short_calls =
        api->browser("qa").get("/api/v1/quality/sample?rule=short&per_agent=5&" + kWeek).json();
    ASSERT_EQ(short_calls["calls"].size(), 1U);
    EXPECT_EQ(short_calls["calls"][0]["id"], "c0");

    const Json team =
        api->browser("supervisor").get("/api/v1/quality/sample?per_agent=9&" + kWeek).json();
    for (const Json& call : team["calls"]) {
        EXPECT_EQ(call["agent"], "a1001") << "sales only";
    }
    EXPECT_EQ(api->browser("qa").get("/api/v1/quality/sample?rule=longest").field(), "rule");
    EXPECT_EQ(api->browser("qa").get("/api/v1/quality/sample?per_agent=0").field(), "per_agent");
}

}  // namespace
}  // namespace markaz::api::testing
