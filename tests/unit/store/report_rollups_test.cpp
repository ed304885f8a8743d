// Historical reports' rollups against a hand-computed day (issue 16's "Done when"): known
// events in the event log, written into quarter hours as they are appended, read back and
// summed into an interval, a day, a Jalali week and a Persian month in Tehran; the same after
// a crash in the middle; and the same figures live stats fold from those events.

#include <gtest/gtest.h>

#include "reports/period_sums.h"
#include "stats/interval_series.h"
#include "store/report_book.h"
#include "store/rollup_writer.h"
#include "unit/stats/stats_test_util.h"
#include "unit/store/hand_day.h"
#include "unit/store/store_test_support.h"

namespace markaz::store {
namespace {

using namespace stats::testing;
using namespace store::testing;
using acd::AgentState;
using reports::Calendar;
using reports::Grain;

const reports::ZoneOffsets kTehran{std::chrono::minutes{210}};

class ReportRollupsTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = SqliteStore::open(dir.file("markaz.db"));
        ASSERT_TRUE(opened) << opened.error().message;
        events = std::make_unique<SqliteStore>(std::move(*opened));
    }

    /// Appends `batch` to the log and hands it to `writer`, as the store worker does.
    void append(RollupWriter& writer, const std::vector<acd::Event>& batch) {
        ASSERT_TRUE(events->append(batch));
        auto last = events->last_seq();
        ASSERT_TRUE(last);
        auto applied = writer.apply(batch, *last);
        ASSERT_TRUE(applied) << applied.error().message;
    }

    std::unique_ptr<RollupWriter> writer() {
        auto w = RollupWriter::open(dir.file("markaz.db"), *events, sales_config());
        EXPECT_TRUE(w) << w.error().message;
        return w ? std::move(*w) : nullptr;
    }

    /// The counters of `scope` per period of `grain` over [from, to), Tehran, Jalali.
    std::vector<stats::KpiCounters> report(const std::string& scope, WallTime from, WallTime to,
                                           Grain grain) {
        auto book = ReportBook::open(dir.file("markaz.db"));
        EXPECT_TRUE(book);
        auto cut = reports::periods({from, to, grain, Calendar::Jalali}, kTehran);
        EXPECT_TRUE(cut);
        auto rollups = (*book)->rollups(scope, cut->front().from, cut->back().to);
        EXPECT_TRUE(rollups) << rollups.error().message;
        return reports::sum_into_periods(*cut, *rollups);
    }

    TempDir dir;
    std::unique_ptr<SqliteStore> events;
};

/// What the day holds, by hand (docs/metrics.md's definitions; threshold 20 s).
void expect_the_hand_computed_day(const stats::KpiCounters& c) {
    EXPECT_EQ(c.offered, 4) << "c1, c2, c3 enqueued and c4 blocked";
    EXPECT_EQ(c.blocked, 1);
    EXPECT_EQ(c.answered, 2);
    EXPECT_EQ(c.answered_within_threshold, 1) << "c1 after 10 s; c3 after 30 s";
    EXPECT_EQ(c.abandoned, 1);
    EXPECT_EQ(c.abandoned_after_threshold, 1) << "c2 after 45 s";
    EXPECT_EQ(c.handled, 2);
    EXPECT_EQ(c.answered_wait, 40s);
    EXPECT_EQ(c.abandoned_wait, 45s);
    EXPECT_EQ(c.longest_wait, 45s) << "c2 gave up after 45 s: a maximum, never a sum";
    EXPECT_EQ(c.answered_by_wait, (stats::WaitBuckets{1, 0, 1, 0, 0, 0, 0, 0, 0, 0}))
        << "the wait curve: c1 within 10 s, c3 within 30 s";
    EXPECT_EQ(c.abandoned_by_wait, (stats::WaitBuckets{0, 0, 0, 1, 0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(c.talk, 510s);
    EXPECT_EQ(c.wrap, 30s);
    EXPECT_EQ(c.agent_time.on_call, 510s);
    EXPECT_EQ(c.agent_time.wrap_up, 30s);
    EXPECT_EQ(c.agent_time.paused, 900s);
    EXPECT_EQ(c.agent_time.available, 7200s - 510s - 30s - 900s);
    const stats::Kpis k = stats::compute_kpis(c, acd::ServiceLevelFormula::AnsweredAndAbandoned);
    EXPECT_DOUBLE_EQ(*k.service_level, 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(*k.asa_s, 20.0);
    EXPECT_DOUBLE_EQ(*k.aht_s, (510.0 + 30.0) / 2.0);
    EXPECT_DOUBLE_EQ(*k.occupancy, 540.0 / (7200.0 - 900.0));
}

TEST_F(ReportRollupsTest, AnIntervalADayAJalaliWeekAndAPersianMonthMatchTheHandComputedDay) {
    auto w = writer();
    ASSERT_TRUE(w);
    append(*w, hand_day());
    ASSERT_TRUE(w->write_open(utc(2026, 12, 21, 21, 5)));

    const WallTime morning = utc(2026, 12, 6, 5, 0);  // 08:30 in Tehran
    const auto day = report("q:sales", morning, morning + 1s, Grain::Day);
    ASSERT_EQ(day.size(), 1U);
    expect_the_hand_computed_day(day[0]);
    const auto centre = report("", morning, morning + 1s, Grain::Day);
    expect_the_hand_computed_day(centre[0]);

    // 08:30-09:00: c1 whole and c2; a1 available but for c1's 4.5 minutes.
    const auto half_hour = report("a:a1", morning, morning + 1s, Grain::Interval);
    ASSERT_EQ(half_hour.size(), 1U);
    EXPECT_EQ(half_hour[0].answered, 1);
    EXPECT_EQ(half_hour[0].talk, 240s);
    EXPECT_EQ(half_hour[0].agent_time.on_call, 240s);
    EXPECT_EQ(half_hour[0].agent_time.available, 1800s - 270s);
    const auto sales_half = report("q:sales", morning, morning + 1s, Grain::Interval);
    EXPECT_EQ(sales_half[0].offered, 2);
    EXPECT_EQ(sales_half[0].abandoned, 1);

    // The week from Saturday 14 Azar holds c5 as well; the month Azar c6 (a short abandon),
    // not c7 of 1 Dey.
    const auto week = report("q:sales", morning, morning + 1s, Grain::Week);
    ASSERT_EQ(week.size(), 1U);
    EXPECT_EQ(week[0].offered, 5);
    EXPECT_EQ(week[0].answered, 3);
    EXPECT_EQ(week[0].answered_within_threshold, 2);
    const auto month = report("q:sales", morning, morning + 1s, Grain::Month);
    EXPECT_EQ(month[0].offered, 6);
    EXPECT_EQ(month[0].short_abandoned, 1);
    EXPECT_EQ(month[0].abandoned, 1);
    const auto two_months = report("q:sales", morning, utc(2026, 12, 22), Grain::Month);
    ASSERT_EQ(two_months.size(), 2U);
    EXPECT_EQ(two_months[1].offered, 1) << "c7 in Dey";

    // Agents ranked over the month: a1's and a9's own.
    auto book = ReportBook::open(dir.file("markaz.db"));
    auto agents = (*book)->totals("a:", utc(2026, 11, 21, 20, 30), utc(2026, 12, 21, 20, 30));
    ASSERT_TRUE(agents);
    ASSERT_EQ(agents->size(), 2U);
    EXPECT_EQ(agents->at("a:a1").answered, 2);
    EXPECT_EQ(agents->at("a:a9").talk, 175s);
    auto queues = (*book)->totals("q:", utc(2026, 1, 1), utc(2027, 1, 1));
    EXPECT_EQ(queues->size(), 1U);
}

TEST_F(ReportRollupsTest, ACrashInTheMiddleIsRebuiltFromTheEventLog) {
    const auto all = hand_day();
    const std::vector<acd::Event> first(all.begin(), all.begin() + 14);
    const std::vector<acd::Event> rest(all.begin() + 14, all.end());
    {
        auto w = writer();
        append(*w, first);
        // The rest reaches the event log, not the rollups: the process dies in between.
        ASSERT_TRUE(events->append(rest));
    }
    auto again = writer();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->seq(), static_cast<std::int64_t>(all.size())) << "caught up at open";
    ASSERT_TRUE(again->write_open(utc(2026, 12, 21, 21, 5)));
    const WallTime morning = utc(2026, 12, 6, 5, 0);
    expect_the_hand_computed_day(report("q:sales", morning, morning + 1s, Grain::Day)[0]);
    EXPECT_EQ(report("q:sales", morning, morning + 1s, Grain::Month)[0].offered, 6);

    // Opened once more with nothing new, nothing changes.
    auto third = writer();
    ASSERT_TRUE(third->write_open(utc(2026, 12, 21, 21, 5)));
    expect_the_hand_computed_day(report("q:sales", morning, morning + 1s, Grain::Day)[0]);
}

TEST_F(ReportRollupsTest, AStoreFromBeforeTheWaitCurveIsFoldedAgainWithIt) {
    {
        auto w = writer();
        append(*w, hand_day());
        ASSERT_TRUE(w->write_open(utc(2026, 12, 21, 21, 5)));
    }
    // The store as schema v18 left it: rollups without the curve's columns.
    {
        auto db = SqliteDb::open(dir.file("markaz.db"));
        ASSERT_TRUE(db);
        std::string drop;
        for (const char* kind : {"answered", "abandoned"}) {
            for (int i = 0; i < 10; ++i) {
                drop += "ALTER TABLE report_rollups DROP COLUMN " + std::string(kind) + "_w" +
                        std::to_string(i) + ";";
            }
        }
        ASSERT_TRUE(db->exec(drop + "PRAGMA user_version = 18;"));
    }
    events.reset();
    SetUp();  // v19 runs: the rollups are emptied, to be folded again
    EXPECT_TRUE(report("q:sales", utc(2026, 12, 6, 5, 0), utc(2026, 12, 6, 5, 1), Grain::Day)[0] ==
                stats::KpiCounters{});
    auto again = writer();
    ASSERT_TRUE(again->write_open(utc(2026, 12, 21, 21, 5)));
    const WallTime morning = utc(2026, 12, 6, 5, 0);
    expect_the_hand_computed_day(report("q:sales", morning, morning + 1s, Grain::Day)[0]);
}

TEST_F(ReportRollupsTest, TheDayMatchesWhatLiveStatsFoldFromTheSameEvents) {
    auto w = writer();
    const auto all = hand_day();
    append(*w, all);
    ASSERT_TRUE(w->write_open(utc(2026, 12, 21, 21, 5)));
    // Today's series as the console's chart folds it (local midnight, +03:30).
    stats::StatsConfig config = sales_config();
    config.utc_offset = std::chrono::minutes{210};
    const WallTime midnight = utc(2026, 12, 5, 20, 30);
    auto series = stats::IntervalSeries::create(config, midnight);
    ASSERT_TRUE(series);
    for (const acd::Event& e : all) {
        if (e.at >= midnight && e.at < midnight + 24h) {
            series->apply(e);
        }
    }
    const stats::IntervalRow live = series->totals(midnight + 24h);
    const auto day = report("", midnight, midnight + 1s, Grain::Day);
    EXPECT_EQ(day[0], live.total.counters);
    EXPECT_EQ(report("q:sales", midnight, midnight + 1s, Grain::Day)[0],
              live.queues.at(kSales).counters);
}

}  // namespace
}  // namespace markaz::store
