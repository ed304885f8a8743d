#include "reports/period_sums.h"

#include <algorithm>

namespace markaz::reports {

std::vector<stats::KpiCounters> sum_into_periods(const std::vector<Period>& periods,
                                                 std::span<const Rollup> rollups) {
    std::vector<stats::KpiCounters> out(periods.size());
    auto rollup = rollups.begin();
    for (std::size_t p = 0; p < periods.size(); ++p) {
        rollup = std::find_if(rollup, rollups.end(),
                              [&](const Rollup& r) { return r.slot >= periods[p].from; });
        for (; rollup != rollups.end() && rollup->slot < periods[p].to; ++rollup) {
            out[p] += rollup->counters;
        }
    }
    return out;
}

stats::KpiCounters sum_between(WallTime from, WallTime to, std::span<const Rollup> rollups) {
    stats::KpiCounters out;
    for (const Rollup& r : rollups) {
        if (r.slot >= from && r.slot < to) {
            out += r.counters;
        }
    }
    return out;
}

WeekHours sum_into_week_hours(std::span<const Rollup> rollups, const ZoneOffsets& zone,
                              std::chrono::weekday first_day) {
    using namespace std::chrono;
    WeekHours out{first_day};
    for (const Rollup& r : rollups) {
        const LocalTime local = zone.local(r.slot);
        const local_days day = floor<days>(local);
        const auto hour = floor<hours>(local - day).count();
        const auto row = static_cast<std::size_t>((weekday(day) - first_day).count());
        out.cells[row][static_cast<std::size_t>(hour)] += r.counters;
    }
    return out;
}

}  // namespace markaz::reports
