#include "stats/stats_config.h"

#include <cmath>
#include <limits>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "stats/interval_series.h"
#include "stats/live_stats.h"
#include "unit/stats/stats_test_util.h"

namespace markaz::stats {
namespace {

using namespace testing;
using std::chrono::minutes;

StatsConfig one_queue() {
    StatsConfig config;
    config.queues.push_back(QueuePolicy{.id = QueueId{"sales"}});
    return config;
}

std::string error_of(const StatsConfig& config) {
    auto ok = validate(config);
    EXPECT_FALSE(ok.has_value());
    if (ok) {
        return "";
    }
    EXPECT_EQ(ok.error().code, Errc::InvalidArgument);
    return ok.error().message;
}

TEST(StatsConfigValidate, DefaultsAreValid) {
    EXPECT_TRUE(validate(StatsConfig{}).has_value());
    EXPECT_TRUE(validate(one_queue()).has_value());
    const StatsConfig d;
    EXPECT_EQ(d.interval, 30min);
    EXPECT_EQ(d.utc_offset, minutes{0});
    EXPECT_EQ(d.rolling_window, 60min);
    EXPECT_EQ(d.rolling_bucket, 1min);
}

class IntervalLength : public ::testing::TestWithParam<int> {};

TEST_P(IntervalLength, DividesTheDayIsValid) {
    StatsConfig config = one_queue();
    config.interval = minutes{GetParam()};
    EXPECT_TRUE(validate(config).has_value()) << GetParam() << " min";
}
INSTANTIATE_TEST_SUITE_P(Stats, IntervalLength, ::testing::Values(5, 15, 30, 45, 60, 120, 1440));

TEST(StatsConfigValidate, IntervalNotDividingTheDayNamesTheField) {
    StatsConfig config = one_queue();
    config.interval = 7min;
    EXPECT_EQ(error_of(config), "stats.interval: must be positive and divide 24h (got 420000ms)");
    config.interval = 25min;
    EXPECT_THAT(error_of(config), HasSubstr("stats.interval:"));
    config.interval = 48h;
    EXPECT_THAT(error_of(config), HasSubstr("stats.interval:"));
}

TEST(StatsConfigValidate, ZeroOrNegativeIntervalNamesTheField) {
    StatsConfig config = one_queue();
    config.interval = Duration::zero();
    EXPECT_EQ(error_of(config), "stats.interval: must be positive and divide 24h (got 0ms)");
    config.interval = -15min;
    EXPECT_THAT(error_of(config), HasSubstr("stats.interval:"));
}

TEST(StatsConfigValidate, UtcOffsetBeyondFourteenHoursNamesTheField) {
    StatsConfig config = one_queue();
    config.utc_offset = minutes{15 * 60};
    EXPECT_EQ(error_of(config), "stats.utc_offset: must be within -14:00..+14:00 (got 900min)");
    config.utc_offset = minutes{-14 * 60 - 1};
    EXPECT_THAT(error_of(config), HasSubstr("stats.utc_offset:"));
    config.utc_offset = minutes{14 * 60};
    EXPECT_TRUE(validate(config).has_value());
    config.utc_offset = minutes{-14 * 60};
    EXPECT_TRUE(validate(config).has_value());
}

TEST(StatsConfigValidate, RollingBucketMustBePositive) {
    StatsConfig config = one_queue();
    config.rolling_bucket = Duration::zero();
    EXPECT_EQ(error_of(config), "stats.rolling_bucket: must be positive (got 0ms)");
}

TEST(StatsConfigValidate, RollingWindowMustBeWholeBuckets) {
    StatsConfig config = one_queue();
    config.rolling_bucket = 2min;
    config.rolling_window = 61min;
    EXPECT_EQ(error_of(config),
              "stats.rolling_window: must be a whole number of rolling_bucket (got 3660000ms)");
    config.rolling_window = 1min;  // shorter than one bucket
    EXPECT_THAT(error_of(config), HasSubstr("stats.rolling_window:"));
}

TEST(StatsConfigValidate, CentreTargetOutsideZeroToOne) {
    StatsConfig config = one_queue();
    config.center_sl_target = 1.5;
    EXPECT_THAT(error_of(config), HasSubstr("stats.center_sl_target: must be within 0..1"));
    config.center_sl_target = std::numeric_limits<double>::quiet_NaN();
    EXPECT_THAT(error_of(config), HasSubstr("stats.center_sl_target:"));
}

TEST(StatsConfigValidate, QueueErrorsNameTheQueueByIndex) {
    StatsConfig config = one_queue();
    config.queues.push_back(QueuePolicy{.id = QueueId{}});
    EXPECT_EQ(error_of(config), "stats.queues[1].id: must not be empty");

    config = one_queue();
    config.queues.push_back(QueuePolicy{.id = QueueId{"sales"}});
    EXPECT_EQ(error_of(config), "stats.queues[1].id: duplicate queue 'sales'");

    config = one_queue();
    config.queues[0].sl_threshold = -1s;
    EXPECT_EQ(error_of(config), "stats.queues[0].sl_threshold: must not be negative (got -1000ms)");

    config = one_queue();
    config.queues[0].sl_target = -0.1;
    EXPECT_THAT(error_of(config), HasSubstr("stats.queues[0].sl_target: must be within 0..1"));
}

TEST(StatsConfigValidate, CreateRefusesWhatValidateRefuses) {
    StatsConfig config = one_queue();
    config.interval = 7min;
    auto live = LiveStats::create(config);
    ASSERT_FALSE(live.has_value());
    EXPECT_THAT(live.error().message, HasSubstr("stats.interval:"));
    auto series = IntervalSeries::create(config, WallTime{});
    ASSERT_FALSE(series.has_value());
    EXPECT_THAT(series.error().message, HasSubstr("stats.interval:"));
}

TEST(StatsConfigFrom, CopiesEachQueuesServiceLevelRule) {
    acd::RouterConfig router;
    acd::QueueConfig sales;
    sales.id = QueueId{"sales"};
    sales.sl_threshold = 30s;
    sales.sl_target = 0.9;
    sales.sl_formula = acd::ServiceLevelFormula::AbandonedAfterThreshold;
    acd::QueueConfig support;
    support.id = QueueId{"support"};
    router.queues = {sales, support};

    const StatsConfig config = StatsConfig::from(router);
    ASSERT_EQ(config.queues.size(), 2u);
    EXPECT_EQ(config.queues[0].id, QueueId{"sales"});
    EXPECT_EQ(config.queues[0].sl_threshold, 30s);
    EXPECT_DOUBLE_EQ(config.queues[0].sl_target, 0.9);
    EXPECT_EQ(config.queues[0].sl_formula, acd::ServiceLevelFormula::AbandonedAfterThreshold);
    EXPECT_EQ(config.queues[1].id, QueueId{"support"});
    EXPECT_EQ(config.queues[1].sl_threshold, 20s);
    EXPECT_EQ(config.queues[1].sl_formula, acd::ServiceLevelFormula::AnsweredAndAbandoned);
    EXPECT_EQ(config.interval, 30min);
    EXPECT_TRUE(validate(config).has_value());
}

struct OffsetCase {
    const char* text;
    int minutes;
};

class GoodUtcOffset : public ::testing::TestWithParam<OffsetCase> {};

TEST_P(GoodUtcOffset, ParsesToMinutesEastOfUtc) {
    auto parsed = parse_utc_offset(GetParam().text);
    ASSERT_TRUE(parsed.has_value()) << GetParam().text;
    EXPECT_EQ(*parsed, minutes{GetParam().minutes}) << GetParam().text;
}
INSTANTIATE_TEST_SUITE_P(Stats, GoodUtcOffset,
                         ::testing::Values(OffsetCase{"+03:30", 210}, OffsetCase{"-05:00", -300},
                                           OffsetCase{"+00:00", 0}, OffsetCase{"-00:00", 0},
                                           OffsetCase{"Z", 0}, OffsetCase{"+05:45", 345},
                                           OffsetCase{"+14:00", 840}, OffsetCase{"-14:00", -840}));

class BadUtcOffset : public ::testing::TestWithParam<const char*> {};

TEST_P(BadUtcOffset, IsRefusedNamingTheFieldAndTheText) {
    const std::string text = GetParam();
    auto parsed = parse_utc_offset(text);
    ASSERT_FALSE(parsed.has_value()) << text;
    EXPECT_EQ(parsed.error().code, Errc::InvalidArgument);
    EXPECT_EQ(parsed.error().message,
              "utc_offset: expected +HH:MM or -HH:MM within -14:00..+14:00 (got '" + text + "')");
}
INSTANTIATE_TEST_SUITE_P(Stats, BadUtcOffset,
                         ::testing::Values("+25:00", "abc", "", "03:30", "+3:30", "+03:3", "+03-30",
                                           "+03:60", "+14:01", "-14:30", "+0a:00", " +03:30",
                                           "+03:30 ", "z", "UTC"));

}  // namespace
}  // namespace markaz::stats
