#pragma once

// Where historical reports read from (docs/reports.md): the quarter-hour rollups the store
// writes as events arrive (store::ReportBook). Thread: any; implementations synchronise.

#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "reports/period_sums.h"

namespace markaz::api {

class ReportSource {
public:
    virtual ~ReportSource() = default;
    /// One scope's quarter hours starting in [from, to), in time order. `scope`: "" the
    /// centre, "q:<queue>", "a:<agent>".
    virtual Result<std::vector<reports::Rollup>> rollups(const std::string& scope, WallTime from,
                                                         WallTime to) = 0;
    /// Every scope starting with `prefix` ("q:", "a:") that has counts in [from, to), its
    /// counters summed, by scope.
    virtual Result<std::map<std::string, stats::KpiCounters>> totals(const std::string& prefix,
                                                                     WallTime from,
                                                                     WallTime to) = 0;
};

}  // namespace markaz::api
