// The store's scorecards and evaluations: every version kept, a change made on a state that
// moved on meanwhile refused (two analysts, or an agent acknowledging while QA resolves), and
// lists filtered the way the API asks.

#include "store/quality_book.h"

#include <gtest/gtest.h>

#include "unit/store/store_test_support.h"

namespace markaz::store {
namespace {

using namespace std::chrono_literals;

const WallTime kEvaluatedDay{std::chrono::seconds{1'795'420'800}};

qa::Scorecard card(const std::string& id, int pass_mark) {
    qa::Scorecard c;
    c.id = id;
    c.name = "Card " + id;
    c.pass_mark = pass_mark;
    c.sections = {{"Only", {{"greeting", "Greeted", qa::QuestionKind::YesNo, 1, false, false}}}};
    c.created_by = "qa";
    c.created = kEvaluatedDay;
    return c;
}

qa::Evaluation evaluation(const std::string& call, const std::string& agent,
                          const std::string& queue, WallTime started) {
    qa::Evaluation e;
    e.call = call;
    e.agent = agent;
    e.queues = {queue};
    e.call_started = started;
    e.scorecard = "basics";
    e.evaluator = "qa";
    e.created = e.updated = started + 1h;
    return e;
}

class QualityBookTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = QualityBook::open(dir.file("markaz.db"));
        ASSERT_TRUE(opened) << opened.error().message;
        book = std::move(*opened);
        ASSERT_TRUE(book->add_scorecard(card("basics", 70)));
    }
    testing::TempDir dir;
    std::unique_ptr<QualityBook> book;
};

TEST_F(QualityBookTest, EveryVersionIsKept) {
    auto second = book->revise_scorecard(card("basics", 90));
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(second->version, 2);
    EXPECT_EQ((*book->scorecard("basics", 1))->pass_mark, 70);
    EXPECT_EQ((*book->scorecard("basics", std::nullopt))->pass_mark, 90);
    auto all = book->scorecards(false);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 1U) << "the newest version of each";
    EXPECT_EQ(all->front().version, 2);

    EXPECT_EQ(book->add_scorecard(card("basics", 10)).error().code, Errc::Conflict);
    EXPECT_EQ(book->revise_scorecard(card("none", 10)).error().code, Errc::NotFound);
    ASSERT_TRUE(book->retire_scorecard("basics"));
    EXPECT_EQ(book->revise_scorecard(card("basics", 10)).error().code, Errc::Conflict);
    EXPECT_TRUE((*book->scorecard("basics", 1))->retired) << "every version retires";
    EXPECT_EQ(book->retire_scorecard("none").error().code, Errc::NotFound);
}

TEST_F(QualityBookTest, AChangeOnAStateThatMovedOnIsRefused) {
    auto saved = book->add_evaluation(evaluation("c1", "a1001", "sales", kEvaluatedDay));
    ASSERT_TRUE(saved) << saved.error().message;
    EXPECT_GT(saved->id, 0);
    qa::Evaluation submitted = *saved;
    submitted.state = qa::EvaluationState::Submitted;
    ASSERT_TRUE(book->replace_evaluation(submitted, qa::EvaluationState::Draft));
    // A second writer who read the draft before the submission.
    qa::Evaluation stale = *saved;
    stale.summary = "late edit";
    EXPECT_EQ(book->replace_evaluation(stale, qa::EvaluationState::Draft).error().code,
              Errc::Conflict);
    auto kept = book->evaluation(saved->id);
    ASSERT_TRUE(kept && *kept);
    EXPECT_EQ((*kept)->state, qa::EvaluationState::Submitted);
    EXPECT_EQ((*kept)->summary, "");
    EXPECT_FALSE(*book->evaluation(saved->id + 100));
}

TEST_F(QualityBookTest, ListsAreFilteredAsAsked) {
    std::vector<std::int64_t> ids;
    for (const auto& [call, agent, queue, offset] :
         std::vector<std::tuple<std::string, std::string, std::string, Duration>>{
             {"c1", "a1001", "sales", 0h},
             {"c2", "a1001", "support", 1h},
             {"c3", "a1003", "support", 2h}}) {
        qa::Evaluation e = evaluation(call, agent, queue, kEvaluatedDay + offset);
        e.state = call == "c3" ? qa::EvaluationState::Draft : qa::EvaluationState::Submitted;
        ids.push_back(book->add_evaluation(e)->id);
    }
    auto calls_of = [&](api::EvaluationQuery q) {
        std::vector<std::string> out;
        auto page = book->evaluations(q);
        for (const qa::Evaluation& e : page->evaluations) {
            out.push_back(e.call);
        }
        return out;
    };
    using Calls = std::vector<std::string>;
    EXPECT_EQ(calls_of({}), (Calls{"c3", "c2", "c1"})) << "most recently changed first";
    EXPECT_EQ(calls_of({.agent = "a1001"}), (Calls{"c2", "c1"}));
    EXPECT_EQ(calls_of({.include_drafts = false}), (Calls{"c2", "c1"}));
    EXPECT_EQ(calls_of({.within_queues = std::vector<std::string>{"support"}}),
              (Calls{"c3", "c2"}));
    EXPECT_EQ(calls_of({.from = kEvaluatedDay + 30min, .to = kEvaluatedDay + 90min}),
              (Calls{"c2"}));
    EXPECT_EQ(calls_of({.state = qa::EvaluationState::Draft}), (Calls{"c3"}));
    auto page = book->evaluations({.limit = 1, .offset = 1});
    EXPECT_EQ(page->total, 3);
    ASSERT_EQ(page->evaluations.size(), 1U);
    EXPECT_EQ(page->evaluations[0].call, "c2");
}

}  // namespace
}  // namespace markaz::store
