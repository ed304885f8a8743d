#include "store/alert_log.h"

namespace markaz::store {
namespace {

constexpr const char* kColumns =
    "id, rule, measure, subject, queue, value, threshold, raised_ms, cleared_ms, "
    "acknowledged_by, acknowledged_ms";

std::optional<std::int64_t> ms_or_null(const std::optional<WallTime>& at) {
    return at ? std::optional<std::int64_t>(epoch_ms(*at)) : std::nullopt;
}

alerts::AlertEntry entry_of(const SqliteStatement& row) {
    alerts::AlertEntry e;
    e.id = static_cast<std::uint64_t>(row.int64(0));
    e.rule = row.text(1);
    e.measure = alerts::kMeasureNames.parse(row.text(2)).value_or(alerts::Measure::Waiting);
    e.subject = row.text(3);
    if (!row.is_null(4)) {
        e.queue = QueueId{row.text(4)};
    }
    e.value = row.real(5);
    e.threshold = row.real(6);
    e.raised = wall_from_ms(row.int64(7));
    if (!row.is_null(8)) {
        e.cleared = wall_from_ms(row.int64(8));
    }
    e.acknowledged_by = row.text(9);
    if (!row.is_null(10)) {
        e.acknowledged = wall_from_ms(row.int64(10));
    }
    return e;
}

}  // namespace

Result<void> save_alert(SqliteDb& db, const alerts::AlertEntry& e) {
    auto stmt = db.prepare(std::string("INSERT OR REPLACE INTO alert_log (") + kColumns +
                           ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!stmt) {
        return db.context(stmt.error(), "cannot save alert " + std::to_string(e.id));
    }
    stmt->bind(1, static_cast<std::int64_t>(e.id))
        .bind(2, e.rule)
        .bind(3, alerts::kMeasureNames.name(e.measure))
        .bind(4, e.subject);
    if (e.queue) {
        stmt->bind(5, e.queue->str());
    } else {
        stmt->bind(5, std::nullopt);
    }
    stmt->bind(6, e.value)
        .bind(7, e.threshold)
        .bind(8, epoch_ms(e.raised))
        .bind(9, ms_or_null(e.cleared))
        .bind(10, e.acknowledged_by)
        .bind(11, ms_or_null(e.acknowledged));
    if (auto done = stmt->run(); !done) {
        return db.context(done.error(), "cannot save alert " + std::to_string(e.id));
    }
    return {};
}

Result<std::vector<alerts::AlertEntry>> recent_alerts(SqliteDb& db, std::size_t limit) {
    auto stmt = db.prepare(std::string("SELECT ") + kColumns +
                           " FROM alert_log WHERE cleared_ms IS NULL OR id IN (SELECT id FROM "
                           "alert_log ORDER BY id DESC LIMIT ?1) ORDER BY id DESC");
    if (!stmt) {
        return db.context(stmt.error(), "cannot read the alerts");
    }
    stmt->bind(1, static_cast<std::int64_t>(limit));
    std::vector<alerts::AlertEntry> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return db.context(row.error(), "cannot read the alerts");
        }
        if (!*row) {
            return out;
        }
        out.push_back(entry_of(*stmt));
    }
}

}  // namespace markaz::store
