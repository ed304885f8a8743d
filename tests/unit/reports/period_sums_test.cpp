#include "reports/period_sums.h"

#include <gtest/gtest.h>

namespace markaz::reports {
namespace {

using namespace std::chrono;

WallTime dec(int d, int h, int min = 0) {
    return WallTime{sys_days{year{2026} / 12 / d} + hours{h} + minutes{min}};
}

Rollup slot(WallTime at, int answered, int within, int abandoned, std::chrono::seconds talk) {
    Rollup r{at, {}};
    r.counters.offered = answered + abandoned;
    r.counters.answered = answered;
    r.counters.answered_within_threshold = within;
    r.counters.abandoned = abandoned;
    r.counters.handled = answered;
    r.counters.talk = talk;
    return r;
}

TEST(PeriodSums, EachSlotCountsInThePeriodItStartsIn) {
    // Tehran (+03:30): 6 December runs from 20:30Z on the 5th to 20:30Z on the 6th.
    const ZoneOffsets tehran{minutes{210}};
    auto days = periods({dec(5, 20, 30), dec(7, 20, 30), Grain::Day, Calendar::Jalali}, tehran);
    ASSERT_TRUE(days);
    ASSERT_EQ(days->size(), 2U);
    const std::vector<Rollup> rollups{
        slot(dec(5, 20, 15), 9, 9, 9, 90s),   // the 5th in Tehran: before the report
        slot(dec(5, 20, 30), 4, 3, 1, 400s),  // the first quarter hour of the 6th
        slot(dec(6, 12, 0), 6, 5, 0, 600s),
        slot(dec(6, 20, 15), 2, 0, 1, 100s),  // the last quarter hour of the 6th
        slot(dec(6, 20, 30), 5, 5, 0, 50s),   // the 7th
    };
    const auto sums = sum_into_periods(*days, rollups);
    ASSERT_EQ(sums.size(), 2U);
    EXPECT_EQ(sums[0].answered, 12);
    EXPECT_EQ(sums[0].answered_within_threshold, 8);
    EXPECT_EQ(sums[0].abandoned, 2);
    EXPECT_EQ(sums[0].talk, 1100s);
    EXPECT_EQ(sums[1].answered, 5);
    const auto kpis = stats::compute_kpis(sums[0], acd::ServiceLevelFormula::AnsweredAndAbandoned);
    EXPECT_DOUBLE_EQ(*kpis.service_level, 8.0 / 14.0);
    EXPECT_DOUBLE_EQ(*kpis.aht_s, 1100.0 / 12.0);
    EXPECT_EQ(sum_between(dec(6, 0), dec(7, 0), rollups).answered, 6 + 2 + 5);
    EXPECT_EQ(sum_into_periods(*days, {})[1].answered, 0) << "a period without calls";
}

TEST(PeriodSums, TheWeekByHourIsTheCentresLocalWeek) {
    // Tehran (+03:30): 20:45Z on Saturday 5 December is 00:15 on Sunday there.
    const ZoneOffsets tehran{minutes{210}};
    const std::vector<Rollup> rollups{slot(dec(5, 20, 15), 1, 1, 0, 60s),
                                      slot(dec(5, 20, 45), 2, 1, 1, 60s),
                                      slot(dec(12, 20, 45), 1, 0, 0, 60s)};
    const WeekHours saturday = sum_into_week_hours(rollups, tehran, Saturday);
    EXPECT_EQ(saturday.cells[0][23].answered, 1) << "Saturday 23:45";
    EXPECT_EQ(saturday.cells[1][0].answered, 3) << "two Sundays, 00:15";
    EXPECT_EQ(saturday.cells[1][0].abandoned, 1);
    const WeekHours monday = sum_into_week_hours(rollups, tehran, Monday);
    EXPECT_EQ(monday.cells[5][23].answered, 1);
    EXPECT_EQ(monday.cells[6][0].answered, 3);
}

}  // namespace
}  // namespace markaz::reports
