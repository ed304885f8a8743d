#pragma once

// Internal to src/store: the router configuration in the config tables of schema v1
// (pause_reasons, queues, agents, agent_queue, agent_skills, config_state).

#include "acd/config.h"
#include "common/result.h"
#include "store/sqlite_db.h"

namespace markaz::store {

/// Replaces every config table's rows with `config`. Call inside a transaction: on failure
/// the caller's rollback leaves the previous configuration whole.
[[nodiscard]] Result<void> write_config(SqliteDb& db, const acd::RouterConfig& config);

/// The configuration last written, in the order it was saved; NotFound when none was ever
/// saved. Call inside a transaction so that every table is read at one instant.
[[nodiscard]] Result<acd::RouterConfig> read_config(SqliteDb& db);

}  // namespace markaz::store
