#include "stats/interval_series.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "unit/stats/stats_test_util.h"

namespace markaz::stats {
namespace {

using namespace testing;
using acd::AgentState;
using acd::ServiceLevelFormula;

IntervalSeries series_from(WallTime start, StatsConfig config = tehran_config()) {
    auto created = IntervalSeries::create(std::move(config), start);
    EXPECT_TRUE(created.has_value());
    return std::move(created).value();
}

/// From 08:00 in 30-minute intervals: answered calls at 08:10 (10 s), 08:40 (30 s) and 09:05
/// (15 s, handled: talk 100, wrap 20), a1 available 08:15-09:20 then paused.
std::vector<acd::Event> morning() {
    return {
        at(t(8, 10), answered("sales", "c1", "a9", 10s)),
        at(t(8, 15), logged_in("a1", {"sales"})),
        at(t(8, 15), state("a1", AgentState::LoggedOut, AgentState::Available)),
        at(t(8, 40), answered("sales", "c2", "a9", 30s)),
        at(t(9, 5), answered("sales", "c3", "a9", 15s)),
        at(t(9, 6, 40), completed("sales", "c3", "a9", 100s)),
        at(t(9, 7), wrapped("sales", "c3", "a9", 20s)),
        at(t(9, 20), state("a1", AgentState::Available, AgentState::Paused, "break")),
    };
}

TEST(IntervalSeries, OneRowPerIntervalWithItsOwnCounts) {
    IntervalSeries series = series_from(t(8, 0));
    series.apply(morning());
    const std::vector<IntervalRow> rows = series.rows(t(9, 30));
    ASSERT_EQ(rows.size(), 3u);

    EXPECT_EQ(rows[0].index, 0);
    EXPECT_EQ(rows[0].from, t(8, 0));
    EXPECT_EQ(rows[0].to, t(8, 30));
    EXPECT_EQ(rows[0].total.counters.answered, 1);
    EXPECT_THAT(rows[0].total.kpis.service_level, Optional(DoubleEq(1.0)));
    EXPECT_EQ(rows[0].agents.at(kA1).counters.agent_time.available, 15min);

    EXPECT_EQ(rows[1].from, t(8, 30));
    EXPECT_EQ(rows[1].queues.at(kSales).counters.answered, 1);
    EXPECT_THAT(rows[1].queues.at(kSales).kpis.service_level, Optional(DoubleEq(0.0)));
    EXPECT_EQ(rows[1].agents.at(kA1).counters.agent_time.available, 30min);

    EXPECT_EQ(rows[2].from, t(9, 0));
    EXPECT_EQ(rows[2].to, t(9, 30));
    EXPECT_THAT(rows[2].total.kpis.asa_s, Optional(DoubleEq(15.0)));
    EXPECT_THAT(rows[2].total.kpis.aht_s, Optional(DoubleEq(120.0)));
    // The open pause is closed at the end of the series.
    EXPECT_EQ(rows[2].agents.at(kA1).counters.agent_time,
              (AgentTime{.available = 20min, .paused = 10min}));
}

TEST(IntervalSeries, TotalsAreTheSumOfTheRows) {
    IntervalSeries series = series_from(t(8, 0));
    series.apply(morning());
    const std::vector<IntervalRow> rows = series.rows(t(9, 30));
    const IntervalRow totals = series.totals(t(9, 30));

    KpiCounters total;
    KpiCounters sales;
    KpiCounters a1;
    for (const IntervalRow& row : rows) {
        total += row.total.counters;
        if (auto q = row.queues.find(kSales); q != row.queues.end()) {
            sales += q->second.counters;
        }
        if (auto a = row.agents.find(kA1); a != row.agents.end()) {
            a1 += a->second.counters;
        }
    }
    EXPECT_EQ(totals.total.counters, total);
    EXPECT_EQ(totals.queues.at(kSales).counters, sales);
    EXPECT_EQ(totals.agents.at(kA1).counters, a1);
    EXPECT_EQ(totals.from, t(8, 0));
    EXPECT_EQ(totals.to, t(9, 30));

    // By hand: 3 answered, 2 within 20 s, ASA 55 / 3.
    EXPECT_EQ(total.answered, 3);
    EXPECT_EQ(total.answered_within_threshold, 2);
    EXPECT_THAT(totals.total.kpis.service_level, Optional(DoubleEq(2.0 / 3.0)));
    EXPECT_THAT(totals.total.kpis.asa_s, Optional(DoubleEq(55.0 / 3.0)));
    EXPECT_EQ(a1.agent_time, (AgentTime{.available = 65min, .paused = 10min}));
}

TEST(IntervalSeries, EmptyIntervalsAreRowsWithNoData) {
    IntervalSeries series = series_from(t(8, 0));
    const std::vector<IntervalRow> rows = series.rows(t(9, 0));
    ASSERT_EQ(rows.size(), 2u);
    for (const IntervalRow& row : rows) {
        EXPECT_EQ(row.total.counters, KpiCounters{});
        EXPECT_EQ(row.total.kpis, Kpis{});
        EXPECT_TRUE(row.queues.empty());
    }
    EXPECT_EQ(series.totals(t(9, 0)).total.kpis, Kpis{});
}

TEST(IntervalSeries, EndInsideAnIntervalCutsTheLastRow) {
    IntervalSeries series = series_from(t(8, 0));
    std::vector<acd::Event> events = morning();
    events.pop_back();  // the 09:20 pause is after the end
    series.apply(events);
    const std::vector<IntervalRow> rows = series.rows(t(9, 10));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[2].to, t(9, 10));
    EXPECT_EQ(rows[2].agents.at(kA1).counters.agent_time.available, 10min);
}

TEST(IntervalSeries, EventsBeforeTheStartGetEarlierRows) {
    IntervalSeries series = series_from(t(8, 0));
    series.apply(at(t(7, 50), answered("sales", "c0", "a9", 5s)));
    series.apply(at(t(8, 5), answered("sales", "c1", "a9", 5s)));
    const std::vector<IntervalRow> rows = series.rows(t(8, 30));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].index, -1);
    EXPECT_EQ(rows[0].from, t(7, 30));
    EXPECT_EQ(rows[0].total.counters.answered, 1);
    EXPECT_EQ(series.totals(t(8, 30)).from, t(7, 30));
    EXPECT_EQ(series.totals(t(8, 30)).total.counters.answered, 2);
}

TEST(IntervalSeries, StartsWhereToldWhateverTheUtcOffset) {
    // Intervals run from the given start, not from local midnight: 08:10 + 30 min steps.
    IntervalSeries series = series_from(t(8, 10));
    series.apply(at(t(8, 39), answered("sales", "c1", "a9", 5s)));
    series.apply(at(t(8, 40), answered("sales", "c2", "a9", 5s)));
    const std::vector<IntervalRow> rows = series.rows(t(9, 10));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].total.counters.answered, 1);
    EXPECT_EQ(rows[1].from, t(8, 40));
    EXPECT_EQ(rows[1].total.counters.answered, 1);
}

TEST(IntervalSeries, QueueRowsUseTheQueueFormulaAndTotalsTheCentreFormula) {
    StatsConfig config = tehran_config();
    config.queues[0].sl_formula = ServiceLevelFormula::AnsweredOnly;
    IntervalSeries series = series_from(t(8, 0), config);
    series.apply({at(t(8, 1), answered("sales", "c1", "a9", 5s)),
                  at(t(8, 2), abandoned("sales", "c2", 30s))});
    const IntervalRow row = series.rows(t(8, 30)).at(0);
    EXPECT_THAT(row.queues.at(kSales).kpis.service_level, Optional(DoubleEq(1.0)));  // 1 / 1
    EXPECT_THAT(row.total.kpis.service_level, Optional(DoubleEq(0.5)));              // 1 / (1 + 1)
}

TEST(IntervalSeries, RowsChangeNothing) {
    IntervalSeries series = series_from(t(8, 0));
    series.apply(morning());
    const auto first = series.rows(t(9, 30));
    const auto second = series.rows(t(9, 30));
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(first[i].total.counters, second[i].total.counters);
    }
    // A later end adds the open span again, from where it was left.
    EXPECT_EQ(series.totals(t(10, 0)).agents.at(kA1).counters.agent_time.paused, 40min);
}

}  // namespace
}  // namespace markaz::stats
