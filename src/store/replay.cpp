#include "store/replay.h"

#include <utility>

namespace markaz::store {

WallTime local_midnight(WallTime now, std::chrono::minutes utc_offset) {
    const auto local = now.time_since_epoch() + utc_offset;
    // floor, not duration_cast: instants before the epoch round down to their own day.
    return WallTime{std::chrono::floor<std::chrono::days>(local) - utc_offset};
}

Result<stats::LiveStats> replay_today(SqliteStore& store, stats::StatsConfig config, WallTime now) {
    const WallTime from = local_midnight(now, config.utc_offset);
    auto live = stats::LiveStats::create(std::move(config));
    if (!live) {
        return fail(live.error());
    }
    // events_between excludes its end; an event stamped exactly `now` already happened.
    auto read = store.for_each_event_between(
        from, now + Duration{1}, [&live](const acd::Event& event) { live->apply(event); });
    if (!read) {
        return fail(read.error());
    }
    return std::move(*live);
}

}  // namespace markaz::store
