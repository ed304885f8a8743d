#pragma once

// report_rollups' columns (schema v13) and stats::KpiCounters, both ways: one list, used by
// the writer and the reader.

#include <string>

#include "stats/kpi.h"
#include "store/sqlite_db.h"

namespace markaz::store {

/// "offered, blocked, ..., not_ready_ms": the counters' columns, in the order below.
extern const std::string kRollupColumns;
/// Whether the wait curve's columns are among them.
enum class WaitCurve { With, Without };

/// "SUM(offered), SUM(blocked), ..., MAX(longest_wait_ms)": the rankings' totals, without the
/// wait curve (20 sums more over a month's agent rows would cost half again as much).
extern const std::string kRollupSums;
/// How many there are.
inline constexpr int kRollupColumnCount = 46;

/// Binds `c`'s fields to parameters first .. first + kRollupColumnCount - 1.
void bind_counters(SqliteStatement& stmt, int first, const stats::KpiCounters& c);
/// The counters in columns first .. first + kRollupColumnCount - 1 of the current row; with
/// WaitCurve::Without, those of kRollupSums (the curve left at zero).
stats::KpiCounters counters_from(const SqliteStatement& row, int first,
                                 WaitCurve curve = WaitCurve::With);

}  // namespace markaz::store
