#include "reports/report_schedule.h"

#include <gtest/gtest.h>

namespace markaz::reports {
namespace {

using namespace std::chrono;

WallTime at_utc(int y, int m, int d, int h = 0, int min = 0) {
    return WallTime{sys_days{year{y} / m / d} + hours{h} + minutes{min}};
}

const ZoneOffsets kTehran{minutes{210}};  // +03:30

ScheduleTiming timing(Frequency f, Calendar calendar, minutes at = minutes{7 * 60 + 30}) {
    return {f, at, calendar};
}

TEST(ReportSchedule, ADailyReportIsDueTheNextMorningForTheDayBefore) {
    // 10:00 on 6 December in Tehran (06:30Z): the next send is 07:30 on the 7th (04:00Z),
    // reporting the 6th, which began at 20:30Z on the 5th.
    const DueSend next =
        next_due(timing(Frequency::Daily, Calendar::Jalali), at_utc(2026, 12, 6, 6, 30), kTehran);
    EXPECT_EQ(next.due, at_utc(2026, 12, 7, 4));
    EXPECT_EQ(next.from, at_utc(2026, 12, 5, 20, 30));
    EXPECT_EQ(next.to, at_utc(2026, 12, 6, 20, 30));
}

TEST(ReportSchedule, WeeksStartOnSaturdayInJalaliAndMondayInIso) {
    // Monday 7 December 2026. Jalali: the week of Saturday the 5th is sent on Saturday the 12th.
    const DueSend jalali =
        next_due(timing(Frequency::Weekly, Calendar::Jalali), at_utc(2026, 12, 7, 9), kTehran);
    EXPECT_EQ(jalali.due, at_utc(2026, 12, 12, 4));
    EXPECT_EQ(jalali.from, at_utc(2026, 12, 4, 20, 30));
    EXPECT_EQ(jalali.to, at_utc(2026, 12, 11, 20, 30));
    // ISO, in UTC: Monday the 7th's week is sent on Monday the 14th.
    const DueSend iso = next_due(timing(Frequency::Weekly, Calendar::Gregorian),
                                 at_utc(2026, 12, 7, 9), ZoneOffsets{});
    EXPECT_EQ(iso.due, at_utc(2026, 12, 14, 7, 30));
    EXPECT_EQ(iso.from, at_utc(2026, 12, 7));
    EXPECT_EQ(iso.to, at_utc(2026, 12, 14));
}

TEST(ReportSchedule, MonthsArePersianInJalaliAndGregorianOtherwise) {
    // Azar 1405 runs from 22 November to 21 December 2026; Dey begins on the 22nd.
    const DueSend azar =
        next_due(timing(Frequency::Monthly, Calendar::Jalali), at_utc(2026, 12, 7, 9), kTehran);
    EXPECT_EQ(azar.due, at_utc(2026, 12, 22, 4));
    EXPECT_EQ(azar.from, at_utc(2026, 11, 21, 20, 30));
    EXPECT_EQ(azar.to, at_utc(2026, 12, 21, 20, 30));
    const DueSend december = next_due(timing(Frequency::Monthly, Calendar::Gregorian, minutes{0}),
                                      at_utc(2026, 12, 7, 9), ZoneOffsets{});
    EXPECT_EQ(december.due, at_utc(2027, 1, 1));
    EXPECT_EQ(december.from, at_utc(2026, 12, 1));
}

TEST(ReportSchedule, DuesBetweenCatchUpOnEverySendMissed) {
    const ScheduleTiming daily = timing(Frequency::Daily, Calendar::Gregorian);
    // Down from the 1st at 10:00 to the 4th at 08:00: the 2nd's, 3rd's and 4th's sends.
    auto missed = dues_between(daily, at_utc(2026, 12, 1, 10), at_utc(2026, 12, 4, 8), {});
    ASSERT_EQ(missed.size(), 3U);
    EXPECT_EQ(missed[0].due, at_utc(2026, 12, 2, 7, 30));
    EXPECT_EQ(missed[0].from, at_utc(2026, 12, 1));
    EXPECT_EQ(missed[2].due, at_utc(2026, 12, 4, 7, 30));
    // A send due exactly at the end is in; one due exactly at the start was handled before.
    EXPECT_EQ(
        dues_between(daily, at_utc(2026, 12, 2, 7, 30), at_utc(2026, 12, 3, 7, 30), {}).size(), 1U);
    EXPECT_TRUE(dues_between(daily, at_utc(2026, 12, 3, 8), at_utc(2026, 12, 3, 8), {}).empty());
    EXPECT_TRUE(dues_between(daily, at_utc(2026, 12, 3, 8), at_utc(2026, 12, 2, 8), {}).empty());
}

TEST(ReportSchedule, ASendByHandReportsTheLatestFinishedPeriod) {
    const WallTime now = at_utc(2026, 12, 7, 10, 15);
    const DueSend daily = latest_finished(timing(Frequency::Daily, Calendar::Gregorian), now, {});
    EXPECT_EQ(daily.due, now);
    EXPECT_EQ(daily.from, at_utc(2026, 12, 6));
    EXPECT_EQ(daily.to, at_utc(2026, 12, 7));
    const DueSend weekly = latest_finished(timing(Frequency::Weekly, Calendar::Gregorian), now, {});
    EXPECT_EQ(weekly.from, at_utc(2026, 11, 30));
    EXPECT_EQ(weekly.to, at_utc(2026, 12, 7));
}

TEST(ReportSchedule, DailyReportsAreCutByHourTheOthersByDay) {
    const DueSend send{at_utc(2026, 12, 7, 7, 30), at_utc(2026, 12, 6), at_utc(2026, 12, 7)};
    const PeriodRequest daily = report_request(timing(Frequency::Daily, Calendar::Jalali), send);
    EXPECT_EQ(daily.grain, Grain::Interval);
    EXPECT_EQ(daily.interval, minutes{60});
    EXPECT_EQ(daily.calendar, Calendar::Jalali);
    EXPECT_EQ(daily.from, send.from);
    EXPECT_EQ(daily.to, send.to);
    EXPECT_EQ(report_request(timing(Frequency::Monthly, Calendar::Jalali), send).grain, Grain::Day);
}

TEST(ReportSchedule, TimesOfDayAreHoursAndMinutes) {
    EXPECT_EQ(*parse_time_of_day("07:30"), minutes{450});
    EXPECT_EQ(*parse_time_of_day("00:00"), minutes{0});
    EXPECT_EQ(*parse_time_of_day("23:59"), minutes{1439});
    for (const char* wrong :
         {"7:30", "24:00", "07:60", "ab:cd", "-1:00", "07:3x", "07-30", "", "07:30 ", "+7:30"}) {
        auto parsed = parse_time_of_day(wrong);
        ASSERT_FALSE(parsed) << wrong;
        EXPECT_NE(parsed.error().message.find("HH:MM"), std::string::npos);
    }
    EXPECT_EQ(time_of_day_text(minutes{450}), "07:30");
    EXPECT_EQ(time_of_day_text(minutes{1439}), "23:59");
    EXPECT_EQ(*parse_frequency("weekly"), Frequency::Weekly);
    EXPECT_FALSE(parse_frequency("hourly"));
}

}  // namespace
}  // namespace markaz::reports
