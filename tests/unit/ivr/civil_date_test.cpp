#include "ivr/civil_date.h"

#include <gtest/gtest.h>

namespace markaz::ivr {
namespace {

TEST(Jalali, KnownNowruzAndDates) {
    // 1 Farvardin (Nowruz) as Iran's calendar has it.
    EXPECT_EQ(gregorian_from_jalali({1403, 1, 1}), (CivilDate{2024, 3, 20}));
    EXPECT_EQ(gregorian_from_jalali({1404, 1, 1}), (CivilDate{2025, 3, 21}));
    EXPECT_EQ(gregorian_from_jalali({1405, 1, 1}), (CivilDate{2026, 3, 21}));
    EXPECT_EQ(gregorian_from_jalali({1354, 1, 1}), (CivilDate{1975, 3, 21}));
    // 22 Bahman 1357 = 11 February 1979; 1 Mehr 1405 = 23 September 2026.
    EXPECT_EQ(jalali_from_gregorian({1979, 2, 11}), (CivilDate{1357, 11, 22}));
    EXPECT_EQ(jalali_from_gregorian({2026, 9, 23}), (CivilDate{1405, 7, 1}));
    // Today's date in the tracker's time: 2 Azar 1405.
    EXPECT_EQ(jalali_from_gregorian({2026, 11, 23}), (CivilDate{1405, 9, 2}));
}

TEST(Jalali, LeapYearsAndEsfand30) {
    EXPECT_TRUE(is_jalali_leap_year(1399));
    EXPECT_TRUE(is_jalali_leap_year(1403));
    EXPECT_FALSE(is_jalali_leap_year(1400));
    EXPECT_FALSE(is_jalali_leap_year(1404));
    EXPECT_EQ(jalali_month_days(1403, 12), 30);
    EXPECT_EQ(jalali_month_days(1404, 12), 29);
    EXPECT_EQ(gregorian_from_jalali({1403, 12, 30}), (CivilDate{2025, 3, 20}));
    EXPECT_TRUE(is_valid_jalali({1403, 12, 30}));
    EXPECT_FALSE(is_valid_jalali({1404, 12, 30}));
    EXPECT_FALSE(is_valid_jalali({1404, 7, 31}));
    EXPECT_FALSE(is_valid_jalali({1404, 13, 1}));
}

TEST(Jalali, RoundTripsEveryDayOfTwoCenturies) {
    for (long day = days_from_gregorian({1900, 1, 1}); day < days_from_gregorian({2100, 1, 1});
         ++day) {
        CivilDate g = gregorian_from_days(day);
        CivilDate j = jalali_from_gregorian(g);
        ASSERT_TRUE(is_valid_jalali(j)) << g.year << "-" << g.month << "-" << g.day;
        ASSERT_EQ(gregorian_from_jalali(j), g);
    }
}

TEST(Gregorian, DaysAndValidity) {
    EXPECT_EQ(days_from_gregorian({1970, 1, 1}), 0);
    EXPECT_EQ(days_from_gregorian({2000, 3, 1}), 11017);
    EXPECT_EQ(gregorian_from_days(-1), (CivilDate{1969, 12, 31}));
    EXPECT_TRUE(is_valid_gregorian({2024, 2, 29}));
    EXPECT_FALSE(is_valid_gregorian({2025, 2, 29}));
    EXPECT_FALSE(is_valid_gregorian({2025, 4, 31}));
}

TEST(IsoDate, ParsesOnlyYyyyMmDd) {
    EXPECT_EQ(parse_iso_date("1405-01-13"), (CivilDate{1405, 1, 13}));
    EXPECT_EQ(parse_iso_date("1405-1-13"), std::nullopt);
    EXPECT_EQ(parse_iso_date("1405/01/13"), std::nullopt);
    EXPECT_EQ(parse_iso_date("14o5-01-13"), std::nullopt);
}

}  // namespace
}  // namespace markaz::ivr
