#include "reports/zone_offsets.h"

#include <algorithm>

namespace markaz::reports {

ZoneOffsets::ZoneOffsets(std::chrono::minutes fixed) : initial_(fixed) {}

ZoneOffsets::ZoneOffsets(std::chrono::minutes initial, std::vector<Change> changes)
    : initial_(initial), changes_(std::move(changes)) {}

std::chrono::minutes ZoneOffsets::offset_at(WallTime at) const {
    const auto after = std::upper_bound(changes_.begin(), changes_.end(), at,
                                        [](WallTime t, const Change& c) { return t < c.at; });
    return after == changes_.begin() ? initial_ : std::prev(after)->offset;
}

LocalTime ZoneOffsets::local(WallTime at) const {
    return LocalTime{at.time_since_epoch() + offset_at(at)};
}

WallTime ZoneOffsets::first_at_or_after(LocalTime local) const {
    // Offsets lie within -14:00..+14:00, so the instant is within 15 hours of `local` read as
    // UTC. Local time only goes forward but where the clock was set back, so the first instant
    // reading `local` or later is found by halving.
    WallTime low{local.time_since_epoch() - std::chrono::hours{15}};
    WallTime high{local.time_since_epoch() + std::chrono::hours{15}};
    while (high - low > Duration{1}) {
        const WallTime middle = low + (high - low) / 2;
        if (this->local(middle) >= local) {
            high = middle;
        } else {
            low = middle;
        }
    }
    return high;
}

}  // namespace markaz::reports
