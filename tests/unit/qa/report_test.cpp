// QA figures computed by hand: averages, pass rates, critical failures and the spread of
// several analysts' scores of one call (calibration); and the sample of calls to evaluate,
// fair per agent, stable for one seed, following its rule.

#include "qa/report.h"

#include <gtest/gtest.h>

#include "qa/sampling.h"

namespace markaz::qa {
namespace {

using namespace std::chrono_literals;

Evaluation scored(const std::string& call, const std::string& agent, const std::string& evaluator,
                  std::optional<double> percent, bool passed, EvaluationState state) {
    Evaluation e;
    e.call = call;
    e.agent = agent;
    e.evaluator = evaluator;
    e.queues = {"sales"};
    e.scorecard = "basics";
    e.state = state;
    e.score.percent = percent;
    e.score.passed = passed;
    e.score.critical_failed = percent == 0.0;
    e.score.sections = {{"Opening", percent}, {"Closing", std::nullopt}};
    return e;
}

const std::vector<Evaluation> kEvaluations{
    scored("c1", "a1001", "qa", 90.0, true, EvaluationState::Acknowledged),
    scored("c1", "a1001", "lead", 70.0, false, EvaluationState::Submitted),
    scored("c1", "a1001", "manager", 80.0, true, EvaluationState::Submitted),
    scored("c2", "a1002", "qa", 0.0, false, EvaluationState::Disputed),
    scored("c3", "a1002", "qa", 100.0, true, EvaluationState::Draft),
};

TEST(QaReport, ByAgent) {
    const std::vector<ReportRow> rows = summarize(kEvaluations, GroupBy::Agent);
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].key, "a1001");
    EXPECT_EQ(rows[0].evaluations, 3);
    EXPECT_DOUBLE_EQ(*rows[0].average, 80.0);
    EXPECT_EQ(rows[0].passed, 2);
    EXPECT_DOUBLE_EQ(*rows[0].pass_rate, 66.7);
    EXPECT_EQ(rows[1].key, "a1002");
    EXPECT_EQ(rows[1].evaluations, 1) << "the draft is left out";
    EXPECT_EQ(rows[1].critical_failures, 1);
    EXPECT_EQ(rows[1].disputed, 1);
    EXPECT_DOUBLE_EQ(*rows[1].pass_rate, 0.0);
}

TEST(QaReport, ByCallShowsTheAnalystsSpread) {
    const std::vector<ReportRow> rows = summarize(kEvaluations, GroupBy::Call);
    ASSERT_EQ(rows[0].key, "c1");
    EXPECT_DOUBLE_EQ(*rows[0].lowest, 70.0);
    EXPECT_DOUBLE_EQ(*rows[0].highest, 90.0);
    // Scores 90, 70, 80: mean 80, variance (100 + 100 + 0) / 3.
    EXPECT_DOUBLE_EQ(*rows[0].spread, 8.2);
    EXPECT_DOUBLE_EQ(*rows[1].spread, 0.0);
}

TEST(QaReport, BySectionAndByEvaluator) {
    const std::vector<ReportRow> sections = summarize(kEvaluations, GroupBy::Section);
    ASSERT_EQ(sections.size(), 1U) << "a section with nothing applicable is left out";
    EXPECT_EQ(sections[0].key, "basics: Opening");
    EXPECT_EQ(sections[0].evaluations, 4);
    EXPECT_DOUBLE_EQ(*sections[0].average, 60.0);
    const std::vector<ReportRow> analysts = summarize(kEvaluations, GroupBy::Evaluator);
    ASSERT_EQ(analysts.size(), 3U);
    EXPECT_EQ(analysts[2].key, "qa");
    EXPECT_EQ(analysts[2].evaluations, 2);
}

std::vector<Candidate> week_of_calls() {
    std::vector<Candidate> calls;
    const WallTime monday{std::chrono::seconds{1'795'420'800}};
    for (int i = 0; i < 20; ++i) {
        calls.push_back({"c" + std::to_string(i), i % 2 == 0 ? "a1001" : "a1002",
                         monday + std::chrono::hours(i), std::chrono::seconds(10 + 10 * i),
                         std::chrono::seconds(i == 5 ? 90 : 0), i == 7 || i == 8});
    }
    return calls;
}

std::vector<std::string> ids(const std::vector<Candidate>& picked) {
    std::vector<std::string> out;
    for (const Candidate& c : picked) {
        out.push_back(c.agent + "/" + c.call);
    }
    return out;
}

TEST(QaSample, NPerAgentLessWhatIsDoneStableForASeed) {
    SampleRequest request;
    request.per_agent = 3;
    request.seed = "week-48";
    request.already = {{"a1002", 1}};
    const std::vector<Candidate> picked = sample(week_of_calls(), request);
    ASSERT_EQ(picked.size(), 5U) << "3 for a1001, 2 for a1002 who has one already";
    EXPECT_EQ(picked[0].agent, "a1001");
    EXPECT_EQ(picked[3].agent, "a1002");
    EXPECT_LT(picked[0].started, picked[1].started) << "oldest first within an agent";
    EXPECT_EQ(ids(sample(week_of_calls(), request)), ids(picked)) << "the same seed";
    request.seed = "week-49";
    EXPECT_NE(ids(sample(week_of_calls(), request)), ids(picked)) << "another seed";
    request.already = {{"a1001", 3}, {"a1002", 5}};
    EXPECT_TRUE(sample(week_of_calls(), request).empty());
}

TEST(QaSample, RulesPickTheCallsTheyName) {
    SampleRequest request;
    request.per_agent = 10;
    request.rule = SampleRule::Short;
    EXPECT_EQ(ids(sample(week_of_calls(), request)),
              (std::vector<std::string>{"a1001/c0", "a1002/c1"}))
        << "talk under 30 s: c2 talked 30 s";
    request.rule = SampleRule::LongHold;
    EXPECT_EQ(ids(sample(week_of_calls(), request)), (std::vector<std::string>{"a1002/c5"}));
    request.rule = SampleRule::Transferred;
    EXPECT_EQ(ids(sample(week_of_calls(), request)),
              (std::vector<std::string>{"a1001/c8", "a1002/c7"}));
}

}  // namespace
}  // namespace markaz::qa
