// An agent's day at work, computed by hand: two sessions in Tehran against a 08:00–16:00
// shift with 5 minutes' grace, states and pauses by reason, an absence, a day off, a session
// still open, and a supervisor's correction.

#include "reports/attendance.h"

#include <gtest/gtest.h>

namespace markaz::reports {
namespace {

using namespace std::chrono;

WallTime z(int d, int h, int m = 0) {  // December 2026, UTC
    return WallTime{sys_days{year{2026} / 12 / d} + hours{h} + minutes{m}};
}

const ZoneOffsets kTehranZone{minutes{210}};

Shift morning() {
    Shift s;
    s.name = "morning";
    s.start = hours{8};
    s.end = hours{16};
    for (const char* day : {"sat", "sun", "mon", "tue", "wed"}) {
        s.days[static_cast<std::size_t>(*parse_weekday(day))] = true;
    }
    s.grace = minutes{5};
    return s;
}

/// Sunday 6 December in Tehran: 20:30Z on the 5th to 20:30Z on the 6th.
const Period kSunday{z(5, 20, 30), z(6, 20, 30), "1405-09-15"};
const Period kMonday{z(6, 20, 30), z(7, 20, 30), "1405-09-16"};
const Period kFriday{z(10, 20, 30), z(11, 20, 30), "1405-09-20"};

// 08:12–12:00 and 13:00–15:40 Tehran time.
const std::vector<SessionSpan> kSessions{{z(6, 4, 42), z(6, 8, 30)}, {z(6, 9, 30), z(6, 12, 10)}};
const std::vector<StateSpan> kSpans{
    {"available", "", z(6, 4, 42), z(6, 5, 42)},    {"paused", "lunch", z(6, 5, 42), z(6, 6, 12)},
    {"on-call", "", z(6, 6, 12), z(6, 8, 30)},      {"available", "", z(6, 9, 30), z(6, 10)},
    {"paused", "training", z(6, 10), z(6, 10, 15)}, {"paused", "lunch", z(6, 10, 15), z(6, 10, 20)},
    {"not-ready", "", z(6, 10, 20), z(6, 12, 10)},
};

TEST(Attendance, ADayAgainstItsShift) {
    const Shift shift = morning();
    const AttendanceDay d =
        attendance_day(kSunday, kSessions, kSpans, &shift, std::nullopt, kTehranZone, z(7, 0));
    EXPECT_EQ(d.sessions, 2);
    EXPECT_EQ(d.first_login, z(6, 4, 42));
    EXPECT_EQ(d.last_logout, z(6, 12, 10));
    EXPECT_EQ(d.logged_in, hours{6} + minutes{28});
    EXPECT_EQ(d.states.at("available"), minutes{90});
    EXPECT_EQ(d.states.at("paused"), minutes{50});
    EXPECT_EQ(d.states.at("on-call"), minutes{138});
    EXPECT_EQ(d.states.at("not-ready"), minutes{110});
    EXPECT_EQ(d.pauses.at("lunch"), minutes{35});
    EXPECT_EQ(d.pauses.at("training"), minutes{15});
    EXPECT_EQ(d.late, minutes{12}) << "08:12 is past the 5 minutes' grace: late from 08:00";
    EXPECT_EQ(d.left_early, minutes{20}) << "15:40 against 16:00";
    EXPECT_FALSE(d.absent);
}

TEST(Attendance, WithinTheGraceIsOnTime) {
    const Shift shift = morning();
    const AttendanceDay d = attendance_day(kSunday, {{z(6, 4, 34), z(6, 12, 45)}}, {}, &shift,
                                           std::nullopt, kTehranZone, z(7, 0));
    EXPECT_EQ(d.late, Duration{});
    EXPECT_EQ(d.left_early, Duration{});
}

TEST(Attendance, AShiftDayWithoutALoginIsAnAbsenceOnceTheShiftEnded) {
    const Shift shift = morning();
    EXPECT_FALSE(
        attendance_day(kMonday, kSessions, kSpans, &shift, std::nullopt, kTehranZone, z(7, 12))
            .absent)
        << "15:30 on Monday: the shift is still on";
    const AttendanceDay d =
        attendance_day(kMonday, kSessions, kSpans, &shift, std::nullopt, kTehranZone, z(7, 13));
    EXPECT_TRUE(d.absent);
    EXPECT_EQ(d.sessions, 0);
    EXPECT_FALSE(d.late);
    EXPECT_EQ(d.logged_in, Duration{});
    // Friday is not a shift day.
    const AttendanceDay off =
        attendance_day(kFriday, {}, {}, &shift, std::nullopt, kTehranZone, z(12, 0));
    EXPECT_FALSE(off.absent);
    EXPECT_FALSE(off.late);
}

TEST(Attendance, ASessionStillOpenCountsUntilNowAndHasNoLogout) {
    const AttendanceDay d = attendance_day(kSunday, {{z(6, 4, 42), std::nullopt}},
                                           {{"available", "", z(6, 4, 42), std::nullopt}}, nullptr,
                                           std::nullopt, kTehranZone, z(6, 7));
    EXPECT_EQ(d.logged_in, hours{2} + minutes{18});
    EXPECT_EQ(d.states.at("available"), hours{2} + minutes{18});
    EXPECT_FALSE(d.last_logout);
    EXPECT_FALSE(d.late) << "no shift";
}

TEST(Attendance, ASessionOverMidnightCountsInBothDays) {
    const std::vector<SessionSpan> night{{z(6, 18, 30), z(6, 22, 30)}};  // 22:00–02:00 Tehran
    const AttendanceDay sunday =
        attendance_day(kSunday, night, {}, nullptr, std::nullopt, kTehranZone, z(8, 0));
    EXPECT_EQ(sunday.logged_in, hours{2});
    EXPECT_EQ(sunday.sessions, 1);
    EXPECT_FALSE(sunday.last_logout) << "still logged in at the day's end";
    const AttendanceDay monday =
        attendance_day(kMonday, night, {}, nullptr, std::nullopt, kTehranZone, z(8, 0));
    EXPECT_EQ(monday.logged_in, hours{2});
    EXPECT_EQ(monday.sessions, 0);
    EXPECT_EQ(monday.last_logout, z(6, 22, 30));
}

TEST(Attendance, ACorrectionReplacesTheLoginAndLogout) {
    const Shift shift = morning();
    const Correction c{kSunday.from,       z(6, 4, 30),  z(6, 12, 30),
                       "phone was broken", "supervisor", z(7, 6)};
    const AttendanceDay d =
        attendance_day(kSunday, kSessions, kSpans, &shift, c, kTehranZone, z(8, 0));
    EXPECT_EQ(d.first_login, z(6, 4, 30));
    EXPECT_EQ(d.last_logout, z(6, 12, 30));
    EXPECT_EQ(d.logged_in, hours{8});
    EXPECT_EQ(d.late, Duration{});
    EXPECT_EQ(d.left_early, Duration{});
    ASSERT_TRUE(d.correction);
    EXPECT_EQ(d.correction->reason, "phone was broken");
    EXPECT_EQ(d.states.at("paused"), minutes{50}) << "the states are what was recorded";
}

TEST(Attendance, AnOvernightShiftEndsTheNextDay) {
    Shift night = morning();
    night.start = hours{22};
    night.end = hours{6};
    const auto hours_on = shift_on(night, kSunday.from, kTehranZone);
    ASSERT_TRUE(hours_on);
    EXPECT_EQ(hours_on->first, z(6, 18, 30));
    EXPECT_EQ(hours_on->second, z(7, 2, 30));
    EXPECT_FALSE(shift_on(night, kFriday.from, kTehranZone));
    EXPECT_FALSE(parse_weekday("sunday"));
}

}  // namespace
}  // namespace markaz::reports
