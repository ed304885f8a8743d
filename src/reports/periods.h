#pragma once

// The periods a report is cut into (docs/reports.md "Periods"): intervals of a day, days,
// weeks, months and years of the reader's calendar in the centre's time zone. Persian readers
// get Jalali days, weeks that start on Saturday and Persian months; others Gregorian days, ISO
// weeks (Monday) and months.

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "reports/zone_offsets.h"

namespace markaz::reports {

/// Hijri: the tabular Islamic calendar (islamic-civil), for Arabic readers who ask for it.
enum class Calendar { Gregorian, Jalali, Hijri };
enum class Grain { Interval, Day, Week, Month, Year };

/// "gregorian", "jalali", "hijri"; "interval", "day", "week", "month", "year".
std::string_view calendar_name(Calendar calendar);
std::string_view grain_name(Grain grain);
Result<Calendar> parse_calendar(std::string_view text);
Result<Grain> parse_grain(std::string_view text);

/// Rollups are kept per quarter hour of UTC (report_rollups.h), which every zone's midnight
/// and every interval start falls on, so any period is a whole number of them.
inline constexpr Duration kSlot = std::chrono::minutes{15};

struct Period {
    WallTime from;
    WallTime to;
    /// In the calendar: "1405-09-15 08:30" (interval), "1405-09-15" (day), "1405-09-15" (a
    /// Jalali week, by its Saturday) or "2026-W49" (an ISO week), "1405-09" (month), "1405".
    std::string label;
};

struct PeriodRequest {
    WallTime from;  ///< the report covers the periods holding [from, to)
    WallTime to;
    Grain grain = Grain::Day;
    Calendar calendar = Calendar::Gregorian;
    Duration interval = std::chrono::minutes{30};  ///< for Grain::Interval: 15, 30 or 60 min
};

/// At most this many periods in one report (a year by quarter hours is 35,040).
inline constexpr std::size_t kMaxPeriods = 40'000;

/// The periods covering [from, to): from the start of the period holding `from` to the end of
/// the one holding `to - 1 ms`, each from its local start to the next one's. InvalidArgument
/// when `to` is not after `from`, the interval is not 15, 30 or 60 min, or there would be more
/// than kMaxPeriods.
Result<std::vector<Period>> periods(const PeriodRequest& request, const ZoneOffsets& zone);

}  // namespace markaz::reports
