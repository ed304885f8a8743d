#pragma once

#include <array>
#include <chrono>
#include <vector>

#include "common/time.h"
#include "ivr/civil_date.h"

namespace markaz::ivr {

/// Part of a day, in minutes after local midnight: [from, to). `to` may be 24:00.
struct TimeRange {
    std::chrono::minutes from{0};
    std::chrono::minutes to{0};
};

/// A day the centre is closed, in the Gregorian or the Persian calendar; year 0 means every
/// year on that month and day (Nowruz is 1 Farvardin, Christmas 25 December).
struct Holiday {
    enum class Calendar { Gregorian, Persian };
    Calendar calendar = Calendar::Gregorian;
    int year = 0;
    int month = 1;
    int day = 1;
};

/// When a centre answers: weekly ranges in local time at a fixed offset from UTC (Iran is
/// +03:30 all year since 2022), minus holidays. Pure: the instant comes in as an argument.
struct OpeningHours {
    std::chrono::minutes utc_offset{0};
    std::array<std::vector<TimeRange>, 7> weekly;  ///< by weekday, 0 = Sunday ... 6 = Saturday
    std::vector<Holiday> holidays;

    bool is_open(WallTime now) const;
    /// The local date at `now` is a holiday.
    bool is_holiday(WallTime now) const;
};

}  // namespace markaz::ivr
