#pragma once

// /metrics in the Prometheus text exposition format 0.0.4 (docs/api.md "Metrics"): queue and
// agent gauges from the live snapshot, counters since start, and the server's own counters.

#include <string>

#include "api/center_read.h"
#include "api/running_counters.h"
#include "api/server_counters.h"

namespace markaz::api {

/// The exposition text; `read` holds every part (kReadAll).
std::string prometheus_text(const CenterRead& read, const stats::ScopedCounters& since_start,
                            const ServerCounters& server);

/// A label value with backslash, double quote and line feed escaped.
std::string label_value(std::string_view text);

}  // namespace markaz::api
