// /api/v1/scorecards and /api/v1/evaluations on a real store file: a QA analyst builds a
// scorecard and scores a finished call, the server computes the score, the agent reads,
// hears and acknowledges or disputes it, QA answers; every role is held to its scope, every
// wrong body is named, and nothing changes when a request is refused.

#include <fstream>

#include <gtest/gtest.h>

#include "api/qa_marks.h"
#include "media/recording_reader.h"
#include "store/call_log.h"
#include "store/call_record_index.h"
#include "store/quality_book.h"
#include "unit/api/api_test_support.h"
#include "unit/store/store_test_support.h"

namespace markaz::api::testing {
namespace {

// 2026-11-23T08:00:00Z
const WallTime kQaMorning{std::chrono::seconds{1'795'420'800}};

store::CallRecord answered_call(const std::string& id, const std::string& queue,
                                const std::string& agent, const std::string& recording) {
    store::CallRecord r;
    r.id = id;
    r.started = kQaMorning;
    r.ended = kQaMorning + 90s;
    r.caller = "09125550000";
    r.queues = {queue};
    r.agent = agent;
    r.talk = 70s;
    r.disposition = store::Disposition::Answered;
    r.recording = recording;
    return r;
}

Json support_card_body() {
    return Json::parse(R"({
      "id": "support-basics", "name": "Support basics", "pass_mark": 70,
      "sections": [
        {"title": "Opening", "questions": [
          {"id": "greeting", "text": "Greeted with the centre's name", "kind": "yes_no",
           "weight": 10},
          {"id": "verified", "text": "Verified the caller", "kind": "yes_no", "weight": 20,
           "critical": true}]},
        {"title": "Handling", "questions": [
          {"id": "tone", "text": "Tone", "kind": "scale", "weight": 30},
          {"id": "upsell", "text": "Offered the upgrade", "kind": "yes_no", "weight": 40,
           "allow_na": true}]}]})");
}

class EvaluationsApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        recordings = dir.file("recordings");
        std::filesystem::create_directories(recordings);
        std::ofstream(recordings + "/c1.wav", std::ios::binary) << std::string(2000, 'w');
        auto log = store::CallLog::open(dir.file("markaz.db"));
        ASSERT_TRUE(log) << log.error().message;
        ASSERT_TRUE(log->save(answered_call("c1", "sales", "a1001", recordings + "/c1.wav")));
        ASSERT_TRUE(log->save(answered_call("c2", "support", "a1003", "")));
        store::CallRecord abandoned = answered_call("c3", "sales", "", "");
        abandoned.disposition = store::Disposition::Abandoned;
        ASSERT_TRUE(log->save(abandoned));
        auto index = store::CallRecordIndex::open(dir.file("markaz.db"));
        ASSERT_TRUE(index) << index.error().message;
        records = std::move(*index);
        auto book = store::QualityBook::open(dir.file("markaz.db"));
        ASSERT_TRUE(book) << book.error().message;
        quality = std::move(*book);
        api = std::make_unique<ApiHarness>([this](ApiOptions& o) {
            o.call_records = records.get();
            o.quality = quality.get();
            o.recordings_dir = recordings;
            o.open_recording = [](const std::string& path) {
                return media::open_recording(path, nullptr);
            };
        });
        ASSERT_EQ(api->browser("qa").post("/api/v1/scorecards", support_card_body()).status, 201U);
    }

    /// A submitted evaluation of c1 by `who` with `answers`; its JSON.
    Json submit(const std::string& who, const Json& answers) {
        const Reply r =
            api->browser(who).post("/api/v1/evaluations", Json{{"call", "c1"},
                                                               {"scorecard", "support-basics"},
                                                               {"answers", answers},
                                                               {"submit", true}});
        EXPECT_EQ(r.status, 201U) << r.body;
        return r.json()["evaluation"];
    }

    std::string last_audit() const { return api->audit.list(1, std::nullopt)[0].action; }
    /// Whether one of the latest entries is `action` (logging in adds entries of its own).
    bool audited(const std::string& action) const {
        for (const AuditEntry& entry : api->audit.list(5, std::nullopt)) {
            if (entry.action == action) {
                return true;
            }
        }
        return false;
    }

    store::testing::TempDir dir;
    std::string recordings;
    std::unique_ptr<store::CallRecordIndex> records;
    std::unique_ptr<store::QualityBook> quality;
    std::unique_ptr<ApiHarness> api;
};

const Json kGoodAnswers = {{"greeting", true}, {"verified", 1}, {"tone", 4}, {"upsell", 0}};

TEST_F(EvaluationsApiTest, ScorecardsAreVersionedAndRetired) {
    const Browser qa = api->browser("qa");
    EXPECT_TRUE(audited("scorecard-created"));
    Json card = qa.get("/api/v1/scorecards/support-basics").json()["scorecard"];
    EXPECT_EQ(card["version"], 1);
    EXPECT_EQ(card["created_by"], "qa");
    EXPECT_EQ(card["sections"][0]["questions"][1]["critical"], true);
    EXPECT_EQ(card["sections"][0]["questions"][0]["allow_na"], false) << "the default";

    EXPECT_EQ(qa.post("/api/v1/scorecards", support_card_body()).status, 409U);
    Json revised = support_card_body();
    revised.erase("id");
    revised["pass_mark"] = 90;
    const Reply r = qa.put("/api/v1/scorecards/support-basics", revised);
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["scorecard"]["version"], 2);
    EXPECT_EQ(qa.get("/api/v1/scorecards").json()["scorecards"][0]["pass_mark"], 90);
    EXPECT_EQ(
        qa.get("/api/v1/scorecards/support-basics?version=1").json()["scorecard"]["pass_mark"], 70);
    EXPECT_EQ(qa.get("/api/v1/scorecards/support-basics?version=3").status, 404U);

    EXPECT_EQ(api->browser("supervisor").get("/api/v1/scorecards").status, 200U);
    EXPECT_EQ(api->browser("supervisor").del("/api/v1/scorecards/support-basics").status, 403U);
    EXPECT_EQ(api->browser("a1001").get("/api/v1/scorecards").status, 403U);

    EXPECT_EQ(qa.del("/api/v1/scorecards/support-basics").status, 204U);
    EXPECT_EQ(qa.get("/api/v1/scorecards").json()["scorecards"], Json::array());
    EXPECT_EQ(qa.get("/api/v1/scorecards?retired=true").json()["scorecards"].size(), 1U);
    EXPECT_EQ(qa.put("/api/v1/scorecards/support-basics", revised).status, 409U);
    EXPECT_EQ(qa.post("/api/v1/evaluations", Json{{"call", "c1"}, {"scorecard", "support-basics"}})
                  .status,
              409U);
    EXPECT_EQ(qa.del("/api/v1/scorecards/nothing").status, 404U);
}

TEST_F(EvaluationsApiTest, WrongScorecardsAreNamed) {
    const Browser qa = api->browser("qa");
    auto field_of = [&](auto change) {
        Json body = support_card_body();
        body["id"] = "other";
        change(body);
        const Reply r = qa.post("/api/v1/scorecards", body);
        EXPECT_EQ(r.status, 400U) << r.body;
        return r.field();
    };
    EXPECT_EQ(field_of([](Json& b) { b.erase("sections"); }), "sections");
    EXPECT_EQ(field_of([](Json& b) { b["sections"] = "all"; }), "sections");
    EXPECT_EQ(field_of([](Json& b) { b["sections"][1]["questions"][0]["kind"] = "stars"; }),
              "sections[1].questions[0].kind");
    EXPECT_EQ(field_of([](Json& b) { b["sections"][1]["questions"][0]["critical"] = true; }),
              "sections[1].questions[0].critical");
    EXPECT_EQ(field_of([](Json& b) { b["sections"][0]["questions"][0]["colour"] = "red"; }),
              "sections[0].questions[0].colour");
    EXPECT_EQ(field_of([](Json& b) { b["sections"][0].erase("questions"); }),
              "sections[0].questions");
    EXPECT_EQ(field_of([](Json& b) { b["pass_mark"] = 120; }), "pass_mark");
    EXPECT_EQ(field_of([](Json& b) { b["id"] = "Other One"; }), "id");
    EXPECT_EQ(qa.get("/api/v1/scorecards").json()["scorecards"].size(), 1U) << "nothing saved";
}

TEST_F(EvaluationsApiTest, TheServerScoresAndTheAgentAcknowledges) {
    const Json e = submit("qa", kGoodAnswers);
    // 10 + 20 + 30 * 3/4 + 0 of 100.
    EXPECT_EQ(e["score"], 52.5);
    EXPECT_EQ(e["passed"], false);
    EXPECT_EQ(e["state"], "submitted");
    EXPECT_EQ(e["agent"], "a1001");
    EXPECT_EQ(e["answers"]["greeting"], 1);
    EXPECT_EQ(last_audit(), "evaluation-submitted");
    const std::string path = "/api/v1/evaluations/" + std::to_string(e["id"].get<int>());

    const Browser agent = api->browser("a1001");
    const Json mine = agent.get("/api/v1/evaluations?agent=a1001").json();
    ASSERT_EQ(mine["total"], 1);
    EXPECT_EQ(mine["evaluations"][0]["score"], 52.5);
    EXPECT_EQ(mine["evaluations"][0]["scorecard_name"], "Support basics")
        << "agents read no scorecards, but see which one scored them";
    EXPECT_EQ(agent.get("/api/v1/evaluations").json()["total"], 1) << "an agent's list is theirs";
    EXPECT_EQ(agent.get(path).json()["scorecard"]["version"], 1);
    const Reply audio = agent.get(path + "/recording");
    EXPECT_EQ(audio.status, 200U);
    EXPECT_EQ(audio.body.size(), 2000U);
    EXPECT_EQ(last_audit(), "recording-play");
    EXPECT_EQ(api->browser("a1001").get("/api/v1/call-records/c1/recording").status, 403U)
        << "only through the evaluation";

    const Reply ack = agent.post(path + "/acknowledge", Json{{"comment", "Will do"}});
    ASSERT_EQ(ack.status, 200U) << ack.body;
    EXPECT_EQ(ack.json()["evaluation"]["state"], "acknowledged");
    EXPECT_EQ(ack.json()["evaluation"]["agent_reply"]["text"], "Will do");
    EXPECT_EQ(last_audit(), "evaluation-acknowledged");
    EXPECT_EQ(agent.post(path + "/dispute", Json{{"comment", "No"}}).status, 409U);

    const Json record = api->browser("qa").get("/api/v1/call-records/c1").json()["record"];
    EXPECT_EQ(record["evaluations"], 1);
    const Json evaluated =
        api->browser("qa")
            .get("/api/v1/call-records?from_ms=1795000000000&to_ms=1796000000000&evaluated=true")
            .json();
    ASSERT_EQ(evaluated["total"], 1);
    EXPECT_EQ(evaluated["records"][0]["id"], "c1");
    EXPECT_EQ(api->browser("qa")
                  .get("/api/v1/call-records?from_ms=1795000000000&to_ms=1796000000000&"
                       "evaluated=false")
                  .json()["total"],
              2);
    EXPECT_EQ(api->browser("qa")
                  .get("/api/v1/call-records?from_ms=1795000000000&to_ms=1796000000000&"
                       "min_score=60")
                  .json()["total"],
              0);
}

TEST_F(EvaluationsApiTest, ACriticalNoFailsAndADisputeIsAnswered) {
    Json answers = kGoodAnswers;
    answers["verified"] = false;
    const Json e = submit("qa", answers);
    EXPECT_EQ(e["score"], 0.0);
    EXPECT_EQ(e["passed"], false);
    EXPECT_EQ(e["critical_failed"], true);
    const std::string path = "/api/v1/evaluations/" + std::to_string(e["id"].get<int>());

    const Browser agent = api->browser("a1001");
    EXPECT_EQ(agent.post(path + "/dispute", Json::object()).field(), "comment");
    ASSERT_EQ(agent.post(path + "/dispute", Json{{"comment", "I did verify, at 0:40"}}).status,
              200U);
    EXPECT_EQ(api->browser("a1003").post(path + "/acknowledge", Json::object()).status, 403U);
    EXPECT_EQ(agent.post(path + "/resolve", Json{{"comment", "mine"}}).status, 403U);

    const Browser qa = api->browser("qa");
    Json corrected = kGoodAnswers;
    corrected["upsell"] = nullptr;
    const Reply resolved =
        qa.post(path + "/resolve", Json{{"comment", "Right, corrected"}, {"answers", corrected}});
    ASSERT_EQ(resolved.status, 200U) << resolved.body;
    const Json after = resolved.json()["evaluation"];
    EXPECT_EQ(after["state"], "resolved");
    EXPECT_EQ(after["score"], 87.5) << "52.5 of the 60 points that count";
    EXPECT_EQ(after["passed"], true);
    EXPECT_EQ(after["agent_reply"]["text"], "I did verify, at 0:40");
    EXPECT_EQ(after["resolution"]["by"], "qa");
    EXPECT_EQ(last_audit(), "evaluation-resolved");
    EXPECT_EQ(qa.post(path + "/resolve", Json{{"comment", "again"}}).status, 409U);
}

TEST_F(EvaluationsApiTest, DraftsAreTheEvaluatorsUntilSubmitted) {
    const Browser qa = api->browser("qa");
    const Reply drafted = qa.post(
        "/api/v1/evaluations",
        Json{{"call", "c1"},
             {"scorecard", "support-basics"},
             {"answers", {{"greeting", 1}}},
             {"comments", Json::array({Json{{"at_ms", 12000}, {"text", "Good opening"}}})}});
    ASSERT_EQ(drafted.status, 201U) << drafted.body;
    const Json draft = drafted.json()["evaluation"];
    EXPECT_EQ(draft["state"], "draft");
    EXPECT_EQ(draft["score"], 100.0) << "of what is answered so far";
    const std::string path = "/api/v1/evaluations/" + std::to_string(draft["id"].get<int>());
    const std::int64_t id = draft["id"].get<std::int64_t>();
    ASSERT_TRUE(api->center.qa_marks.contains(id));
    EXPECT_FALSE(api->center.qa_marks[id]) << "a draft gives the QA-score alerts no mark";

    const Browser agent = api->browser("a1001");
    EXPECT_EQ(agent.get(path).status, 403U);
    EXPECT_EQ(agent.get("/api/v1/evaluations?agent=a1001").json()["total"], 0);
    EXPECT_EQ(agent.post(path + "/acknowledge", Json::object()).status, 403U);
    EXPECT_EQ(api->browser("manager").get(path).status, 200U);

    EXPECT_EQ(qa.put(path, Json{{"submit", true}}).field(), "answers.verified")
        << "every question answered to submit";
    EXPECT_EQ(api->browser("supervisor").put(path, Json{{"answers", kGoodAnswers}}).status, 403U)
        << "only its evaluator (or a manager)";
    const Reply submitted = qa.put(path, Json{{"answers", kGoodAnswers}, {"submit", true}});
    ASSERT_EQ(submitted.status, 200U) << submitted.body;
    EXPECT_EQ(submitted.json()["evaluation"]["comments"][0]["text"], "Good opening")
        << "what the body leaves out is kept";
    EXPECT_EQ(submitted.json()["evaluation"]["score"], 52.5);
    ASSERT_TRUE(api->center.qa_marks[id]) << "submitted: the agent's QA score counts it";
    EXPECT_EQ(api->center.qa_marks[id]->agent, "a1001");
    EXPECT_DOUBLE_EQ(api->center.qa_marks[id]->percent, 52.5);
    EXPECT_EQ(qa.put(path, Json{{"summary", "late"}}).status, 409U);
    EXPECT_EQ(agent.get(path).status, 200U);
}

TEST_F(EvaluationsApiTest, WrongEvaluationsAreNamedAndChangeNothing) {
    const Browser qa = api->browser("qa");
    auto refusal = [&](Json change) {
        Json body{{"call", "c1"},
                  {"scorecard", "support-basics"},
                  {"submit", true},
                  {"answers", kGoodAnswers}};
        for (const auto& [key, value] : change.items()) {
            body[key] = value;
        }
        const Reply r = qa.post("/api/v1/evaluations", body);
        return std::to_string(r.status) + " " + r.field();
    };
    EXPECT_EQ(refusal({{"call", "c9"}}), "404 call");
    EXPECT_EQ(refusal({{"call", "c3"}}), "409 call") << "nobody answered";
    EXPECT_EQ(refusal({{"scorecard", "none"}}), "404 scorecard");
    EXPECT_EQ(refusal({{"agent", "a1003"}}), "400 agent") << "not on the call";
    EXPECT_EQ(refusal({{"answers", {{"tone", 9}}}}), "400 answers.tone");
    EXPECT_EQ(refusal({{"answers", {{"tone", "good"}}}}), "400 answers.tone");
    EXPECT_EQ(refusal({{"answers", {{"verified", nullptr}}}}), "400 answers.verified");
    EXPECT_EQ(refusal({{"comments", Json::array({Json{{"at_ms", 91000}, {"text", "x"}}})}}),
              "400 comments[0].at_ms")
        << "past the end of the 90 s call";
    EXPECT_EQ(refusal({{"comments", Json::array({Json{{"at_ms", 1000}}})}}),
              "400 comments[0].text");
    EXPECT_EQ(refusal({{"score", 100}}), "400 score") << "the score is the server's";
    EXPECT_EQ(refusal({{"submit", "yes"}}), "400 submit");
    EXPECT_EQ(qa.get("/api/v1/evaluations").json()["total"], 0);
    EXPECT_EQ(qa.get("/api/v1/evaluations?state=pending").field(), "state");
    EXPECT_EQ(qa.get("/api/v1/evaluations/abc").status, 404U);
    EXPECT_EQ(qa.get("/api/v1/evaluations/77").status, 404U);
}

TEST_F(EvaluationsApiTest, EachRoleIsHeldToItsScope) {
    // The supervisor's team is sales (c1); lead supervises support and is agent a1002.
    EXPECT_EQ(
        api->browser("supervisor")
            .post("/api/v1/evaluations", Json{{"call", "c2"}, {"scorecard", "support-basics"}})
            .status,
        403U);
    const Json e = submit("supervisor", kGoodAnswers);
    const std::string path = "/api/v1/evaluations/" + std::to_string(e["id"].get<int>());
    EXPECT_EQ(api->browser("lead").get(path).status, 403U) << "a sales call";
    EXPECT_EQ(api->browser("lead").get("/api/v1/evaluations").json()["total"], 0);
    EXPECT_EQ(api->browser("supervisor").get("/api/v1/evaluations").json()["total"], 1);
    EXPECT_EQ(api->browser("a1003").get(path).status, 403U) << "another agent's";
    EXPECT_EQ(api->browser("a1003").get("/api/v1/evaluations?agent=a1001").status, 403U);
    EXPECT_EQ(api->browser("a1003").get(path + "/recording").status, 403U);
    EXPECT_EQ(
        api->browser("a1001")
            .post("/api/v1/evaluations", Json{{"call", "c1"}, {"scorecard", "support-basics"}})
            .status,
        403U);
}

TEST_F(EvaluationsApiTest, EvaluationsSurviveARestartOfTheStore) {
    const Json e = submit("qa", kGoodAnswers);
    api.reset();
    quality.reset();
    auto reopened = store::QualityBook::open(dir.file("markaz.db"));
    ASSERT_TRUE(reopened) << reopened.error().message;
    auto kept = (*reopened)->evaluation(e["id"].get<std::int64_t>());
    ASSERT_TRUE(kept && *kept);
    EXPECT_EQ((*kept)->state, qa::EvaluationState::Submitted);
    EXPECT_DOUBLE_EQ(*(*kept)->score.percent, 52.5);
    EXPECT_EQ((*kept)->answers.at("tone"), 4);
    ASSERT_EQ((*kept)->score.sections.size(), 2U);
    EXPECT_DOUBLE_EQ(*(*kept)->score.sections[1].percent, 32.1);
    EXPECT_EQ((*kept)->queues, std::vector<std::string>{"sales"});
    // What the QA-score alert rules start from: the marks submitted in the last 30 days.
    const WallTime submitted = *(*kept)->submitted;
    auto marks = recent_qa_marks(**reopened, submitted + std::chrono::hours{1});
    ASSERT_TRUE(marks) << marks.error().message;
    ASSERT_EQ(marks->size(), 1U);
    EXPECT_DOUBLE_EQ(marks->begin()->second->percent, 52.5);
    EXPECT_TRUE(recent_qa_marks(**reopened, submitted + std::chrono::days{31})->empty())
        << "too old to count";
}

}  // namespace
}  // namespace markaz::api::testing
