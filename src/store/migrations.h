#pragma once

// Internal to src/store: the database schema, as an ordered list of migrations.

#include <span>
#include <string_view>

#include "common/result.h"
#include "store/sqlite_db.h"

namespace markaz::store {

/// One step of the schema. Version N takes a database from version N-1 to N. A released
/// migration is never edited: a change is a new migration at the end of the list.
struct Migration {
    int version;
    std::string_view sql;
};

/// Markaz's own schema, oldest first.
std::span<const Migration> schema_migrations();

/// Brings `db` to the last version of `migrations` (which must be numbered 1, 2, 3, ...).
/// Each migration runs in its own transaction together with the new `PRAGMA user_version`,
/// so a crash leaves the database at the previous version, never half way. Returns how many
/// migrations ran (0 for an up-to-date database). A database whose version is newer than
/// the list is refused: this Markaz does not know its tables.
[[nodiscard]] Result<int> migrate(SqliteDb& db, std::span<const Migration> migrations);

/// The database's schema version (PRAGMA user_version); 0 for a new file.
[[nodiscard]] Result<int> schema_version(SqliteDb& db);

}  // namespace markaz::store
