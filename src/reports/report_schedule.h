#pragma once

// When a scheduled report is sent and what it covers (docs/reports.md "Scheduled reports"): a
// daily report at a time of the centre's day covers the day before, by hour; a weekly one, on
// the week's first day (Saturday in the Jalali calendar, Monday in ISO weeks), the week
// before, by day; a monthly one, on the month's first day, the month before, by day. Pure:
// the clock comes in as a parameter.

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "reports/periods.h"

namespace markaz::reports {

enum class Frequency { Daily, Weekly, Monthly };

/// "daily", "weekly", "monthly".
std::string_view frequency_name(Frequency frequency);
Result<Frequency> parse_frequency(std::string_view text);

/// "07:30" as minutes after midnight; InvalidArgument naming what is wrong otherwise.
Result<std::chrono::minutes> parse_time_of_day(std::string_view text);
/// 450 min as "07:30".
std::string time_of_day_text(std::chrono::minutes at);

struct ScheduleTiming {
    Frequency frequency = Frequency::Daily;
    std::chrono::minutes at{0};  ///< after the local midnight starting the next period
    Calendar calendar = Calendar::Gregorian;
};

/// One send: when it is due and the range it reports.
struct DueSend {
    WallTime due;
    WallTime from;
    WallTime to;
    friend bool operator==(const DueSend&, const DueSend&) = default;
};

/// The sends due in (after, until], oldest first.
std::vector<DueSend> dues_between(const ScheduleTiming& timing, WallTime after, WallTime until,
                                  const ZoneOffsets& zone);
/// The first send due after `after`.
DueSend next_due(const ScheduleTiming& timing, WallTime after, const ZoneOffsets& zone);
/// What a send made by hand at `now` reports: the latest period that has ended, due now.
DueSend latest_finished(const ScheduleTiming& timing, WallTime now, const ZoneOffsets& zone);

/// How a send's range is cut: by hour for a daily report, by day for the others.
PeriodRequest report_request(const ScheduleTiming& timing, const DueSend& send);

}  // namespace markaz::reports
