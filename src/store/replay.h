#pragma once

#include <chrono>

#include "common/result.h"
#include "common/time.h"
#include "stats/live_stats.h"
#include "stats/stats_config.h"
#include "store/sqlite_store.h"

namespace markaz::store {

/// Local midnight (local = UTC + `utc_offset`) that starts the day holding `now`, as a UTC
/// instant.
WallTime local_midnight(WallTime now, std::chrono::minutes utc_offset);

/// Rebuilds the wallboard after a restart: a LiveStats fed with every stored event from local
/// midnight (per `config.utc_offset`) up to and including `now`, in the order they were
/// appended. What happened before midnight is not read, so an agent who logged in yesterday
/// and did nothing since is not known until their next event. Fails when `config` is
/// invalid or an event cannot be read. Thread: the store's thread.
[[nodiscard]] Result<stats::LiveStats> replay_today(SqliteStore& store, stats::StatsConfig config,
                                                    WallTime now);

}  // namespace markaz::store
