#include "ivr/opening_hours.h"

#include <gtest/gtest.h>

namespace markaz::ivr {
namespace {

using namespace std::chrono_literals;

/// The UTC instant of a Tehran (+03:30) local date and time.
WallTime tehran(CivilDate date, int hour, int minute) {
    auto days = std::chrono::days{days_from_gregorian(date)};
    return WallTime{days + std::chrono::hours{hour} + std::chrono::minutes{minute} - 210min};
}

/// Saturday to Wednesday 08:00-17:00, Thursday 08:00-13:00, Friday closed; Nowruz (1-4
/// Farvardin) every year, 13 Farvardin 1405 only, and 1 January (Gregorian) every year.
OpeningHours tehran_office() {
    OpeningHours h;
    h.utc_offset = 210min;
    for (std::size_t day : {6u, 0u, 1u, 2u, 3u}) {  // Sat Sun Mon Tue Wed
        h.weekly[day] = {TimeRange{8h, 17h}};
    }
    h.weekly[4] = {TimeRange{8h, 13h}};  // Thursday
    for (int day = 1; day <= 4; ++day) {
        h.holidays.push_back(Holiday{Holiday::Calendar::Persian, 0, 1, day});
    }
    h.holidays.push_back(Holiday{Holiday::Calendar::Persian, 1405, 1, 13});
    h.holidays.push_back(Holiday{Holiday::Calendar::Gregorian, 0, 1, 1});
    return h;
}

TEST(OpeningHours, WeeklyRangesInLocalTime) {
    OpeningHours h = tehran_office();
    // Monday 23 November 2026.
    EXPECT_FALSE(h.is_open(tehran({2026, 11, 23}, 7, 59)));
    EXPECT_TRUE(h.is_open(tehran({2026, 11, 23}, 8, 0)));
    EXPECT_TRUE(h.is_open(tehran({2026, 11, 23}, 16, 59)));
    EXPECT_FALSE(h.is_open(tehran({2026, 11, 23}, 17, 0)));
    // Thursday half day, Friday closed, Saturday open.
    EXPECT_TRUE(h.is_open(tehran({2026, 11, 26}, 12, 30)));
    EXPECT_FALSE(h.is_open(tehran({2026, 11, 26}, 13, 30)));
    EXPECT_FALSE(h.is_open(tehran({2026, 11, 27}, 10, 0)));
    EXPECT_TRUE(h.is_open(tehran({2026, 11, 28}, 10, 0)));
}

TEST(OpeningHours, TheLocalDateCountsNotUtc) {
    OpeningHours h = tehran_office();
    // 08:10 Saturday in Tehran is 04:40 UTC Saturday; 02:00 Saturday Tehran is still Friday
    // in UTC, and closed either way.
    EXPECT_TRUE(h.is_open(tehran({2026, 11, 28}, 8, 10)));
    EXPECT_FALSE(h.is_open(tehran({2026, 11, 28}, 2, 0)));
}

TEST(OpeningHours, PersianAndGregorianHolidays) {
    OpeningHours h = tehran_office();
    // Nowruz 1405 starts Saturday 21 March 2026: closed four days though it is a workday.
    EXPECT_TRUE(h.is_holiday(tehran({2026, 3, 21}, 10, 0)));
    EXPECT_FALSE(h.is_open(tehran({2026, 3, 24}, 10, 0)));  // 4 Farvardin, Tuesday
    EXPECT_TRUE(h.is_open(tehran({2026, 3, 25}, 10, 0)));   // 5 Farvardin, Wednesday
    // 13 Farvardin 1405 (Thursday 2 April 2026) is given with its year.
    EXPECT_FALSE(h.is_open(tehran({2026, 4, 2}, 10, 0)));
    // Nowruz 1406 is 21 March 2027, a Sunday: the yearly holiday recurs.
    EXPECT_FALSE(h.is_open(tehran({2027, 3, 21}, 10, 0)));
    // 1 January, Gregorian, every year (a Saturday in 2028).
    EXPECT_FALSE(h.is_open(tehran({2028, 1, 1}, 10, 0)));
    EXPECT_TRUE(h.is_open(tehran({2028, 1, 2}, 10, 0)));
}

}  // namespace
}  // namespace markaz::ivr
