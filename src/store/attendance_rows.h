#pragma once

// Internal to src/store: attendance rows written with the agent events that make them
// (docs/reports.md "Attendance"), inside the transaction that appends those events to the log,
// so the two never disagree — not even after a kill -9.

#include "acd/events.h"
#include "store/sqlite_db.h"

namespace markaz::store {

/// A login opens a session, a logout closes the agent's open one; a state change closes the
/// agent's open state span and opens one for the new state (none for logged out). Other
/// events write nothing.
Result<void> record_attendance(SqliteDb& db, const acd::Event& event);

}  // namespace markaz::store
