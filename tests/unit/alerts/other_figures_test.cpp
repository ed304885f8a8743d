// Alert rules on figures the live stats do not keep: a SIP trunk that stops answering Markaz's
// OPTIONS pings, and an agent's QA score over the evaluations of the last 30 days.

#include <gtest/gtest.h>

#include "alerts/alert_evaluator.h"

namespace markaz::alerts {
namespace {

using namespace std::chrono_literals;
using ChangeKind = AlertChange::Kind;

const WallTime kMorning{std::chrono::sys_days{std::chrono::year{2026} / 12 / 6} + 8h};

stats::LiveSnapshot agents(std::initializer_list<const char*> ids, const char* queue = "sales") {
    stats::LiveSnapshot s;
    for (const char* id : ids) {
        stats::AgentLive a;
        a.id = AgentId{id};
        a.state = acd::AgentState::Available;
        a.queues = {QueueId{queue}};
        s.agents.push_back(a);
    }
    return s;
}

TEST(AlertEvaluator, ATrunkThatStopsAnsweringIsRaisedAndClearsWhenItAnswers) {
    AlertEvaluator alerts({{.name = "carrier-down",
                            .measure = Measure::TrunkUnreachable,
                            .raise_after = 30s,
                            .clear_after = 0s}});
    OtherFigures other;
    EXPECT_TRUE(alerts.evaluate({}, kMorning, other).empty()) << "no trunk known yet";
    other.trunks_reachable = {{"carrier", false}, {"backup", true}};
    EXPECT_TRUE(alerts.evaluate({}, kMorning, other).empty()) << "not yet 30 s";
    const auto raised = alerts.evaluate({}, kMorning + 30s, other);
    ASSERT_EQ(raised.size(), 1U);
    EXPECT_EQ(raised[0].kind, ChangeKind::Raised);
    EXPECT_EQ(raised[0].subject, "carrier");
    EXPECT_DOUBLE_EQ(raised[0].value, 1.0);
    other.trunks_reachable["carrier"] = true;
    const auto cleared = alerts.evaluate({}, kMorning + 40s, other);
    ASSERT_EQ(cleared.size(), 1U);
    EXPECT_EQ(cleared[0].kind, ChangeKind::Cleared);
}

TEST(AlertEvaluator, AnAgentsQaScoreIsTheAverageOfTheLast30DaysWithEnoughEvaluations) {
    AlertRule rule{.name = "qa",
                   .measure = Measure::QaScore,
                   .queue = QueueId{"sales"},
                   .threshold = 80,
                   .min_calls = 3,
                   .clear_after = 0s};
    AlertEvaluator alerts({rule});
    OtherFigures other;
    // a1: 90 forty days ago (gone from the span), then 70, 75 and 80 this month: 75 < 80.
    other.qa_marks = {{1, {"a1", kMorning - 40 * 24h, 90}},
                      {2, {"a1", kMorning - 10 * 24h, 70}},
                      {3, {"a1", kMorning - 5 * 24h, 75}},
                      {4, {"a1", kMorning - 1h, 80}},
                      // a2: two low scores only, fewer than min_calls: no score yet.
                      {5, {"a2", kMorning - 2h, 40}},
                      {6, {"a2", kMorning - 1h, 50}},
                      // a3 of support: not the rule's queue.
                      {7, {"a3", kMorning - 1h, 10}}};
    stats::LiveSnapshot s = agents({"a1", "a2"});
    s.agents.push_back(agents({"a3"}, "support").agents[0]);
    const auto raised = alerts.evaluate(s, kMorning, other);
    ASSERT_EQ(raised.size(), 1U);
    EXPECT_EQ(raised[0].subject, "a1");
    EXPECT_DOUBLE_EQ(raised[0].value, 75.0);
    EXPECT_EQ(qa_scores(other.qa_marks, kMorning).at("a1").evaluations, 3);

    // A fourth evaluation of a1 at 100 lifts the average to 81.25: cleared.
    other.qa_marks[8] = {"a1", kMorning + 1min, 100};
    const auto cleared = alerts.evaluate(s, kMorning + 2min, other);
    ASSERT_EQ(cleared.size(), 1U);
    EXPECT_EQ(cleared[0].kind, ChangeKind::Cleared);
    EXPECT_DOUBLE_EQ(cleared[0].value, 81.25);
}

TEST(AlertRules, TheNewMeasuresRulesAreChecked) {
    const std::vector<QueueId> queues{QueueId{"sales"}};
    AlertRule qa{.name = "qa", .measure = Measure::QaScore, .threshold = 80};
    EXPECT_TRUE(validate(qa, queues));
    qa.threshold = 0.8;
    EXPECT_TRUE(validate(qa, queues)) << "a low mark, but a mark";
    qa.threshold = 120;
    EXPECT_EQ(validate(qa, queues).error().message, "threshold: a score in percent, 0..100");
    AlertRule trunk{.name = "down", .measure = Measure::TrunkUnreachable};
    EXPECT_TRUE(validate(trunk, queues));
    trunk.queue = QueueId{"sales"};
    EXPECT_EQ(validate(trunk, queues).error().message, "queue: a trunk belongs to no queue");
    EXPECT_TRUE(is_bad(Measure::TrunkUnreachable, 1, 0));
    EXPECT_FALSE(is_bad(Measure::TrunkUnreachable, 0, 0));
    EXPECT_TRUE(is_bad(Measure::QaScore, 79.9, 80));
}

}  // namespace
}  // namespace markaz::alerts
