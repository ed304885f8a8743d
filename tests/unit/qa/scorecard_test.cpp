// Scorecards: what may be saved (each wrong field named), which answers are accepted, and
// scores computed by hand: weights, scales, not-applicable left out, a critical "no".

#include "qa/scorecard.h"

#include <gtest/gtest.h>

#include "qa/evaluation.h"

namespace markaz::qa {
namespace {

Scorecard support_card() {
    Scorecard card;
    card.id = "support-basics";
    card.name = "Support basics";
    card.pass_mark = 70;
    card.sections = {
        {"Opening",
         {{"greeting", "Greeted with the centre's name", QuestionKind::YesNo, 10, false, false},
          {"verified", "Verified the caller's identity", QuestionKind::YesNo, 20, false, true}}},
        {"Handling",
         {{"tone", "Tone and courtesy", QuestionKind::Scale, 30, false, false},
          {"upsell", "Offered the upgrade", QuestionKind::YesNo, 40, true, false}}},
    };
    return card;
}

std::string problem_field(const Scorecard& card) {
    auto problem = check_scorecard(card);
    return problem ? problem->field + ": " + problem->message : "";
}

TEST(Scorecard, AWellFormedCardMayBeSaved) {
    EXPECT_EQ(check_scorecard(support_card()), std::nullopt);
}

TEST(Scorecard, EachWrongFieldIsNamed) {
    auto with = [](auto change) {
        Scorecard card = support_card();
        change(card);
        return problem_field(card);
    };
    EXPECT_EQ(with([](Scorecard& c) { c.id = "Support Basics"; }),
              "id: must be 1 to 40 of a-z, 0-9 and '-'");
    EXPECT_EQ(with([](Scorecard& c) { c.name = "   "; }),
              "name: must be 1 to 100 characters, not only spaces");
    EXPECT_EQ(with([](Scorecard& c) { c.pass_mark = 101; }), "pass_mark: must be 0 to 100");
    EXPECT_EQ(with([](Scorecard& c) { c.sections.clear(); }),
              "sections: must hold 1 to 20 sections");
    EXPECT_EQ(with([](Scorecard& c) { c.sections[1].title = ""; }),
              "sections[1].title: must be 1 to 100 characters, not only spaces");
    EXPECT_EQ(with([](Scorecard& c) { c.sections[0].questions.clear(); }),
              "sections[0].questions: must hold 1 to 50 questions");
    EXPECT_EQ(with([](Scorecard& c) { c.sections[1].questions[0].id = "greeting"; }),
              "sections[1].questions[0].id: 'greeting' is used by another question");
    EXPECT_EQ(with([](Scorecard& c) { c.sections[1].questions[1].weight = 0; }),
              "sections[1].questions[1].weight: must be 1 to 100");
    EXPECT_EQ(with([](Scorecard& c) { c.sections[1].questions[0].critical = true; }),
              "sections[1].questions[0].critical: only a yes/no question can be critical");
    EXPECT_EQ(with([](Scorecard& c) { c.sections[0].questions[0].text = std::string(501, 'x'); }),
              "sections[0].questions[0].text: must be 1 to 500 characters, not only spaces");
}

TEST(Scorecard, AnswersOutsideTheirKindAreRefused) {
    const Scorecard card = support_card();
    auto problem = [&](Answers answers, bool complete) {
        auto p = check_answers(card, answers, complete);
        return p ? p->field + ": " + p->message : "";
    };
    EXPECT_EQ(problem({{"greeting", 2}}, false), "answers.greeting: must be true or false");
    EXPECT_EQ(problem({{"tone", 0}}, false), "answers.tone: must be 1 to 5");
    EXPECT_EQ(problem({{"tone", std::nullopt}}, false),
              "answers.tone: may not be answered 'not applicable'");
    EXPECT_EQ(problem({{"smile", 1}}, false),
              "answers.smile: 'smile' is not a question of scorecard 'support-basics' version 1");
    EXPECT_EQ(problem({{"greeting", 1}}, false), "") << "a draft may be partial";
    EXPECT_EQ(problem({{"greeting", 1}, {"verified", 1}, {"tone", 3}}, true),
              "answers.upsell: is not answered");
    EXPECT_EQ(
        problem({{"greeting", 1}, {"verified", 1}, {"tone", 3}, {"upsell", std::nullopt}}, true),
        "");
}

TEST(Scorecard, EveryQuestionNotApplicableScoresNothing) {
    Scorecard card = support_card();
    card.sections = {{"Only", {{"upsell", "Offered", QuestionKind::YesNo, 1, true, false}}}};
    auto p = check_answers(card, {{"upsell", std::nullopt}}, true);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->field, "answers");
    EXPECT_EQ(score(card, {{"upsell", std::nullopt}}).percent, std::nullopt);
}

TEST(Scorecard, ScoresAreTheWeightedShareOfTheAnsweredQuestions) {
    const Scorecard card = support_card();
    // greeting yes (10 of 10), verified yes (20 of 20), tone 4 (30 * 3/4 = 22.5 of 30),
    // upsell no (0 of 40): 52.5 of 100.
    const Score all = score(card, {{"greeting", 1}, {"verified", 1}, {"tone", 4}, {"upsell", 0}});
    ASSERT_TRUE(all.percent);
    EXPECT_DOUBLE_EQ(*all.percent, 52.5);
    EXPECT_FALSE(all.passed) << "under the pass mark of 70";
    EXPECT_FALSE(all.critical_failed);
    ASSERT_EQ(all.sections.size(), 2U);
    EXPECT_DOUBLE_EQ(*all.sections[0].percent, 100.0);
    EXPECT_DOUBLE_EQ(*all.sections[1].percent, 32.1) << "22.5 of 70, to one decimal";

    // Upsell not applicable: 52.5 of 60 = 87.5, passed.
    const Score na =
        score(card, {{"greeting", 1}, {"verified", 1}, {"tone", 4}, {"upsell", std::nullopt}});
    EXPECT_DOUBLE_EQ(*na.percent, 87.5);
    EXPECT_TRUE(na.passed);
    EXPECT_DOUBLE_EQ(*na.sections[1].percent, 75.0);
}

TEST(Scorecard, ACriticalNoFailsWhateverTheRest) {
    const Score s =
        score(support_card(), {{"greeting", 1}, {"verified", 0}, {"tone", 5}, {"upsell", 1}});
    EXPECT_TRUE(s.critical_failed);
    EXPECT_DOUBLE_EQ(*s.percent, 0.0);
    EXPECT_FALSE(s.passed);
    EXPECT_DOUBLE_EQ(*s.sections[0].percent, 33.3) << "sections keep their own share";
}

TEST(Scorecard, APassMarkIsReachedExactly) {
    Scorecard card = support_card();
    card.pass_mark = 100;
    EXPECT_TRUE(score(card, {{"greeting", 1}, {"verified", 1}, {"tone", 5}, {"upsell", 1}}).passed);
}

TEST(EvaluationState, TheFeedbackLoopGoesOneWay) {
    using S = EvaluationState;
    using Step = EvaluationStep;
    EXPECT_EQ(next_state(S::Draft, Step::Edit), S::Draft);
    EXPECT_EQ(next_state(S::Draft, Step::Submit), S::Submitted);
    EXPECT_EQ(next_state(S::Submitted, Step::Acknowledge), S::Acknowledged);
    EXPECT_EQ(next_state(S::Submitted, Step::Dispute), S::Disputed);
    EXPECT_EQ(next_state(S::Disputed, Step::Resolve), S::Resolved);
    EXPECT_EQ(next_state(S::Draft, Step::Acknowledge), std::nullopt) << "agents never see drafts";
    EXPECT_EQ(next_state(S::Submitted, Step::Edit), std::nullopt) << "submitted is final";
    EXPECT_EQ(next_state(S::Acknowledged, Step::Dispute), std::nullopt);
    EXPECT_EQ(next_state(S::Resolved, Step::Dispute), std::nullopt);
    EXPECT_EQ(next_state(S::Submitted, Step::Resolve), std::nullopt);
    for (const auto& [state, name] : kEvaluationStateNames.entries) {
        EXPECT_EQ(kEvaluationStateNames.parse(name), state);
    }
}

}  // namespace
}  // namespace markaz::qa
