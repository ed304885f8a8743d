#pragma once

// A report's figures per period from the store's quarter-hour rollups (docs/reports.md): the
// counters of every slot that starts in a period, summed, and the figures derived from them
// with the one set of definitions live stats use (stats/kpi.h, docs/metrics.md).

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

}  // namespace markaz::reports
