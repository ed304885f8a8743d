#pragma once

// A time zone's offsets from UTC over time (docs/reports.md "Periods"): the offset before the
// first change and each change after, as the tz database records them (Asia/Tehran: +04:30 in
// summer until 2022, +03:30 all year since). Made from the database by an adapter
// (config/time_zone.h); pure here, so reports are tested on hand-made zones.

#include <chrono>
#include <vector>

#include "common/time.h"

namespace markaz::reports {

/// A local wall-clock reading ("2026-12-06 08:30" in the centre's zone), as a count from the
/// local epoch.
using LocalTime = std::chrono::local_time<Duration>;

class ZoneOffsets {
public:
    struct Change {
        WallTime at;                  ///< from this instant on
        std::chrono::minutes offset;  ///< local time minus UTC
    };

    /// UTC.
    ZoneOffsets() = default;
    /// A zone that never changes (stats.utc_offset).
    explicit ZoneOffsets(std::chrono::minutes fixed);
    /// `changes` in time order.
    ZoneOffsets(std::chrono::minutes initial, std::vector<Change> changes);

    std::chrono::minutes offset_at(WallTime at) const;
    LocalTime local(WallTime at) const;
    /// The first instant whose local time is `local` or later: `local` itself where it exists,
    /// the moment of the change where the clock skipped it (a midnight a summer-time change
    /// jumped over), its first occurrence where the clock went back over it.
    WallTime first_at_or_after(LocalTime local) const;

private:
    std::chrono::minutes initial_{0};
    std::vector<Change> changes_;
};

}  // namespace markaz::reports
