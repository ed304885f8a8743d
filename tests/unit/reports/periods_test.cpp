#include "reports/periods.h"

#include <gtest/gtest.h>

namespace markaz::reports {
namespace {

using namespace std::chrono;

WallTime utc(int y, int m, int d, int h = 0, int min = 0) {
    return WallTime{sys_days{year{y} / m / d} + hours{h} + minutes{min}};
}

const ZoneOffsets kTehranNow{minutes{210}};  // +03:30 all year since 2022

/// Asia/Tehran in 2021 as the tz database has it: +04:30 from 00:00 on 2 Farvardin (the clock
/// jumps to 01:00) to 24:00 on 30 Shahrivar (back to 23:00).
const ZoneOffsets kTehran2021{
    minutes{210},
    {{utc(2021, 3, 21, 20, 30), minutes{270}}, {utc(2021, 9, 21, 19, 30), minutes{210}}}};

std::vector<Period> cut(WallTime from, WallTime to, Grain grain, Calendar calendar,
                        const ZoneOffsets& zone, Duration interval = minutes{30}) {
    auto out = periods({from, to, grain, calendar, interval}, zone);
    EXPECT_TRUE(out) << out.error().message;
    return out ? *out : std::vector<Period>{};
}

TEST(Periods, DaysInUtcAndInTehran) {
    auto days =
        cut(utc(2026, 12, 6), utc(2026, 12, 8), Grain::Day, Calendar::Gregorian, ZoneOffsets{});
    ASSERT_EQ(days.size(), 2U);
    EXPECT_EQ(days[0].label, "2026-12-06");
    EXPECT_EQ(days[1].from, utc(2026, 12, 7));
    EXPECT_EQ(days[1].to, utc(2026, 12, 8));

    // 06:00Z on 6 December is 09:30 in Tehran: the day holding it began at 20:30Z the day
    // before, and the last instant (23:59Z on the 7th) is already the 8th there.
    days = cut(utc(2026, 12, 6, 6), utc(2026, 12, 8), Grain::Day, Calendar::Jalali, kTehranNow);
    ASSERT_EQ(days.size(), 3U);
    EXPECT_EQ(days[0].from, utc(2026, 12, 5, 20, 30));
    EXPECT_EQ(days[0].label, "1405-09-15");
    EXPECT_EQ(days[2].label, "1405-09-17");
}

TEST(Periods, AJalaliWeekStartsOnSaturdayAndAnIsoWeekOnMonday) {
    // Sunday 6 December 2026.
    auto jalali =
        cut(utc(2026, 12, 6, 12), utc(2026, 12, 6, 13), Grain::Week, Calendar::Jalali, kTehranNow);
    ASSERT_EQ(jalali.size(), 1U);
    EXPECT_EQ(jalali[0].from, utc(2026, 12, 4, 20, 30)) << "Saturday 5 December, Tehran";
    EXPECT_EQ(jalali[0].to, utc(2026, 12, 11, 20, 30));
    EXPECT_EQ(jalali[0].label, "1405-09-14");
    auto iso = cut(utc(2026, 12, 6, 12), utc(2026, 12, 6, 13), Grain::Week, Calendar::Gregorian,
                   ZoneOffsets{});
    ASSERT_EQ(iso.size(), 1U);
    EXPECT_EQ(iso[0].from, utc(2026, 11, 30));
    EXPECT_EQ(iso[0].label, "2026-W49");
    // 1 January 2027 is a Friday: its week is the last of 2026 (53 weeks that year).
    EXPECT_EQ(
        cut(utc(2027, 1, 1), utc(2027, 1, 2), Grain::Week, Calendar::Gregorian, ZoneOffsets{})[0]
            .label,
        "2026-W53");
}

TEST(Periods, APersianMonthAndYear) {
    auto azar = cut(utc(2026, 12, 6), utc(2026, 12, 7), Grain::Month, Calendar::Jalali, kTehranNow);
    ASSERT_EQ(azar.size(), 1U);
    EXPECT_EQ(azar[0].label, "1405-09");
    EXPECT_EQ(azar[0].from, utc(2026, 11, 21, 20, 30)) << "1 Azar = 22 November";
    EXPECT_EQ(azar[0].to, utc(2026, 12, 21, 20, 30)) << "30 days; 1 Dey = 22 December";
    auto year = cut(utc(2026, 12, 6), utc(2026, 12, 7), Grain::Year, Calendar::Jalali, kTehranNow);
    EXPECT_EQ(year[0].label, "1405");
    EXPECT_EQ(year[0].from, utc(2026, 3, 20, 20, 30)) << "Nowruz 1405 = 21 March 2026";
    auto months =
        cut(utc(2026, 1, 15), utc(2026, 3, 2), Grain::Month, Calendar::Gregorian, ZoneOffsets{});
    ASSERT_EQ(months.size(), 3U);
    EXPECT_EQ(months[1].label, "2026-02");
    EXPECT_EQ(months[1].to - months[1].from, hours{24 * 28});
}

TEST(Periods, IntervalsOfADay) {
    auto halves = cut(utc(2026, 12, 6, 5), utc(2026, 12, 6, 7), Grain::Interval, Calendar::Jalali,
                      kTehranNow);
    ASSERT_EQ(halves.size(), 4U) << "only the intervals the range touches";
    EXPECT_EQ(halves[0].label, "1405-09-15 08:30");
    EXPECT_EQ(halves[0].from, utc(2026, 12, 6, 5));
    EXPECT_EQ(halves[3].to, utc(2026, 12, 6, 7));
    EXPECT_EQ(cut(utc(2026, 12, 6), utc(2026, 12, 7), Grain::Interval, Calendar::Gregorian,
                  ZoneOffsets{}, minutes{15})
                  .size(),
              96U);
}

TEST(Periods, ADayASummerTimeChangeShortensOrLengthens) {
    // 2 Farvardin 1400 (22 March 2021): midnight never happened, the day has 23 hours.
    auto spring =
        cut(utc(2021, 3, 22, 6), utc(2021, 3, 22, 7), Grain::Day, Calendar::Jalali, kTehran2021);
    ASSERT_EQ(spring.size(), 1U);
    EXPECT_EQ(spring[0].label, "1400-01-02");
    EXPECT_EQ(spring[0].from, utc(2021, 3, 21, 20, 30));
    EXPECT_EQ(spring[0].to - spring[0].from, hours{23});
    EXPECT_EQ(cut(utc(2021, 3, 22, 6), utc(2021, 3, 22, 7), Grain::Interval, Calendar::Jalali,
                  kTehran2021)
                  .size(),
              2U);
    auto whole = cut(spring[0].from, spring[0].to, Grain::Interval, Calendar::Jalali, kTehran2021);
    EXPECT_EQ(whole.size(), 46U);
    EXPECT_EQ(whole[0].label, "1400-01-02 01:00") << "the first half hour there was";
    // 30 Shahrivar 1400 (21 September 2021): the hour before midnight twice, 25 hours.
    auto autumn =
        cut(utc(2021, 9, 21, 6), utc(2021, 9, 21, 7), Grain::Day, Calendar::Jalali, kTehran2021);
    EXPECT_EQ(autumn[0].from, utc(2021, 9, 20, 19, 30));
    EXPECT_EQ(autumn[0].to - autumn[0].from, hours{25});
}

TEST(Periods, WrongRequestsAreRefused) {
    EXPECT_FALSE(periods({utc(2026, 1, 2), utc(2026, 1, 1), Grain::Day}, ZoneOffsets{}));
    EXPECT_EQ(periods({utc(2026, 1, 1), utc(2026, 1, 2), Grain::Interval, Calendar::Gregorian,
                       minutes{20}},
                      ZoneOffsets{})
                  .error()
                  .message,
              "an interval is 15, 30 or 60 minutes");
    EXPECT_NE(periods({utc(2000, 1, 1), utc(2026, 1, 1), Grain::Interval}, ZoneOffsets{})
                  .error()
                  .message.find("more than 40000 periods"),
              std::string::npos);
    EXPECT_EQ(parse_grain("fortnight").error().message,
              "must be interval, day, week, month or year");
    EXPECT_EQ(*parse_calendar("jalali"), Calendar::Jalali);
    EXPECT_FALSE(parse_calendar("persian"));
}

}  // namespace
}  // namespace markaz::reports

namespace markaz::reports {
namespace {

// The tabular Islamic calendar as the browsers' ICU has it (islamic-civil): each date below
// was read from Intl.DateTimeFormat('en-u-ca-islamic-civil').
TEST(Periods, HijriDaysMonthsAndYearsMatchTheBrowsers) {
    using std::chrono::days;
    auto day_label = [](int y, int m, int d) {
        return cut(utc(y, m, d), utc(y, m, d) + days{1}, Grain::Day, Calendar::Hijri,
                   ZoneOffsets{})[0]
            .label;
    };
    EXPECT_EQ(day_label(2026, 12, 7), "1448-06-26");
    EXPECT_EQ(day_label(2025, 6, 26), "1446-12-29");
    EXPECT_EQ(day_label(2025, 6, 27), "1447-01-01");
    EXPECT_EQ(day_label(1970, 1, 1), "1389-10-22");
    EXPECT_EQ(day_label(1900, 3, 1), "1317-10-28");
    EXPECT_EQ(day_label(2100, 1, 1), "1523-10-19");
    // Jumada al-Akhirah 1448: 29 days, 12 November to 10 December 2026.
    const auto month = cut(utc(2026, 12, 7), utc(2026, 12, 8), Grain::Month, Calendar::Hijri, {});
    ASSERT_EQ(month.size(), 1U);
    EXPECT_EQ(month[0].label, "1448-06");
    EXPECT_EQ(month[0].from, utc(2026, 11, 12));
    EXPECT_EQ(month[0].to, utc(2026, 12, 11));
    const auto year = cut(utc(2026, 12, 7), utc(2026, 12, 8), Grain::Year, Calendar::Hijri, {});
    EXPECT_EQ(year[0].label, "1448");
    EXPECT_EQ(year[0].from, utc(2026, 6, 17));
    EXPECT_EQ(year[0].to, utc(2027, 6, 6));
    // Weeks from Saturday, as in the Jalali calendar.
    const auto week = cut(utc(2026, 12, 7), utc(2026, 12, 8), Grain::Week, Calendar::Hijri, {});
    EXPECT_EQ(week[0].from, utc(2026, 12, 5));
    EXPECT_EQ(*parse_calendar("hijri"), Calendar::Hijri);
    EXPECT_EQ(parse_calendar("islamic").error().message, "must be gregorian, jalali or hijri");
}

}  // namespace
}  // namespace markaz::reports
