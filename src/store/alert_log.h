#pragma once

// Internal to src/store: the KPI alerts as they stand (raised, cleared, acknowledged), kept so
// that the list, its acknowledgements and the alerts still up outlive a restart (docs/alerts.md
// "After a restart"). Written by the call flow's store worker through CallLog.

#include <vector>

#include "alerts/alert_book.h"
#include "store/sqlite_db.h"

namespace markaz::store {

/// Writes `entry` over the row of its id.
Result<void> save_alert(SqliteDb& db, const alerts::AlertEntry& entry);
/// The latest `limit` alerts, the latest first; alerts still up are always among them.
Result<std::vector<alerts::AlertEntry>> recent_alerts(SqliteDb& db, std::size_t limit);

}  // namespace markaz::store
