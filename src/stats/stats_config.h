#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "acd/config.h"
#include "common/ids.h"
#include "common/result.h"
#include "common/time.h"

namespace markaz::stats {

using namespace std::chrono_literals;

/// What stats needs to know about one queue: its service-level rule. Short abandons are not
/// configured here: the router decides them and marks CallAbandoned::short_abandon.
struct QueuePolicy {
    QueueId id;
    Duration sl_threshold = 20s;  ///< answered with wait <= this counts as within
    double sl_target = 0.8;       ///< 0..1, shown next to the service level
    acd::ServiceLevelFormula sl_formula = acd::ServiceLevelFormula::AnsweredAndAbandoned;

    static QueuePolicy from(const acd::QueueConfig& queue);
};

/// Settings of LiveStats and IntervalSeries.
struct StatsConfig {
    std::vector<QueuePolicy> queues;
    /// Length of a reporting interval; must divide 24 h. Intervals start at local midnight.
    Duration interval = 30min;
    /// Local time minus UTC (+03:30 for Tehran = 210 min): where "today" and intervals begin.
    std::chrono::minutes utc_offset{0};
    /// The centre's IANA time zone ("Asia/Tehran"), which historical reports cut days in;
    /// empty: reports use utc_offset too.
    std::string time_zone;
    /// The rolling window ("last hour") and the bucket it moves by; the bucket divides it.
    Duration rolling_window = 60min;
    Duration rolling_bucket = 1min;
    /// The centre's totals use this formula and target (queues use their own).
    acd::ServiceLevelFormula center_sl_formula = acd::ServiceLevelFormula::AnsweredAndAbandoned;
    double center_sl_target = 0.8;

    /// Policies from the router's queues; every other field keeps its default.
    static StatsConfig from(const acd::RouterConfig& router);
};

/// Checks every field; the error names the field ("stats.interval: ...") and leaves nothing
/// half-applied because nothing is applied.
Result<void> validate(const StatsConfig& config);

/// "+03:30", "-05:00", "+00:00", "Z" -> minutes east of UTC (within -14:00..+14:00).
Result<std::chrono::minutes> parse_utc_offset(std::string_view text);

}  // namespace markaz::stats
