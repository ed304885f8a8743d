#pragma once

// The JSON of live figures (docs/api.md "QueueStats", "Window", "Counters", "Kpis"), with the
// engine's names and units: durations as integer milliseconds in `_ms` fields, KPI seconds as
// numbers, ratios 0..1, and null for "no data".

#include <cstdint>

#include "acd/config.h"
#include "api/json_body.h"
#include "common/time.h"
#include "stats/interval_series.h"
#include "stats/live_stats.h"

namespace markaz::api {

inline std::int64_t ms(Duration d) {
    return d.count();
}
inline std::int64_t ms(WallTime t) {
    return t.time_since_epoch().count();
}

Json counters_json(const stats::KpiCounters& counters);
Json kpis_json(const stats::Kpis& kpis);
Json figures_json(const stats::Figures& figures);
Json window_json(const stats::WindowFigures& window, WallTime at);

/// A queue's QueueStats; with `config` null, the centre's totals (`queue` and
/// `sl_threshold_ms` null).
Json queue_stats_json(const stats::QueueLive& queue, const acd::QueueConfig* config, WallTime at);

}  // namespace markaz::api
