#pragma once

// A report's figures per period from the store's quarter-hour rollups (docs/reports.md): the
// counters of every slot that starts in a period, summed, and the figures derived from them
// with the one set of definitions live stats use (stats/kpi.h, docs/metrics.md).

#include <array>
#include <chrono>
#include <span>
#include <vector>

#include "reports/periods.h"
#include "stats/kpi.h"

namespace markaz::reports {

/// One scope's (the centre's, a queue's or an agent's) counters over one quarter hour.
struct Rollup {
    WallTime slot;  ///< the quarter hour's start (UTC, a multiple of kSlot)
    stats::KpiCounters counters;
};

/// Each period's counters: the rollups whose slot starts within it, summed; a period without
/// any is all zeros. `rollups` in slot order.
std::vector<stats::KpiCounters> sum_into_periods(const std::vector<Period>& periods,
                                                 std::span<const Rollup> rollups);

/// The counters of all `rollups` within [from, to), summed.
stats::KpiCounters sum_between(WallTime from, WallTime to, std::span<const Rollup> rollups);

/// The counters by local weekday and hour over a range, for the reports' heatmap: each
/// quarter hour counts in the day and hour of the centre's zone it starts in.
struct WeekHours {
    std::chrono::weekday first_day;  ///< row 0: Saturday or Monday, as the calendar's weeks
    std::array<std::array<stats::KpiCounters, 24>, 7> cells{};  ///< [day from first_day][hour]
};

/// `rollups` summed into weekday and hour in `zone`, days counted from `first_day`.
WeekHours sum_into_week_hours(std::span<const Rollup> rollups, const ZoneOffsets& zone,
                              std::chrono::weekday first_day);

}  // namespace markaz::reports
