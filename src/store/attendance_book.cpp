#include "store/attendance_book.h"

#include "store/migrations.h"

namespace markaz::store {
namespace {

std::optional<WallTime> maybe_time(const SqliteStatement& row, int column) {
    return row.is_null(column) ? std::nullopt
                               : std::optional<WallTime>(wall_from_ms(row.int64(column)));
}

/// Runs `sql` (?1 the agent, ?2 from, ?3 to) and reads each row with `read`.
template <class T, class Read>
Result<std::vector<T>> rows(SqliteDb& db, std::string_view sql, const std::string& agent,
                            WallTime from, WallTime to, Read read) {
    auto stmt = db.prepare(sql);
    if (!stmt) {
        return db.context(stmt.error(), "cannot read attendance");
    }
    stmt->bind(1, agent).bind(2, epoch_ms(from)).bind(3, epoch_ms(to));
    std::vector<T> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return db.context(row.error(), "cannot read attendance");
        }
        if (!*row) {
            return out;
        }
        out.push_back(read(*stmt));
    }
}

}  // namespace

Result<std::unique_ptr<AttendanceBook>> AttendanceBook::open(const std::string& path) {
    auto db = SqliteDb::open(path);
    if (!db) {
        return fail(db.error());
    }
    if (auto migrated = migrate(*db, schema_migrations()); !migrated) {
        return fail(migrated.error());
    }
    return std::unique_ptr<AttendanceBook>(new AttendanceBook(std::move(*db)));
}

Result<std::vector<reports::SessionSpan>> AttendanceBook::sessions(const std::string& agent,
                                                                   WallTime from, WallTime to) {
    std::lock_guard lock(mutex_);
    return rows<reports::SessionSpan>(
        db_,
        "SELECT login_ms, logout_ms FROM agent_sessions WHERE agent = ?1 AND login_ms < ?3 "
        "AND (logout_ms IS NULL OR logout_ms >= ?2) ORDER BY login_ms",
        agent, from, to, [](const SqliteStatement& r) {
            return reports::SessionSpan{wall_from_ms(r.int64(0)), maybe_time(r, 1)};
        });
}

Result<std::vector<reports::StateSpan>> AttendanceBook::state_spans(const std::string& agent,
                                                                    WallTime from, WallTime to) {
    std::lock_guard lock(mutex_);
    return rows<reports::StateSpan>(
        db_,
        "SELECT state, reason, from_ms, to_ms FROM agent_state_spans WHERE agent = ?1 AND "
        "from_ms < ?3 AND (to_ms IS NULL OR to_ms > ?2) ORDER BY from_ms, id",
        agent, from, to, [](const SqliteStatement& r) {
            return reports::StateSpan{r.text(0), r.text(1), wall_from_ms(r.int64(2)),
                                      maybe_time(r, 3)};
        });
}

Result<std::vector<reports::Correction>> AttendanceBook::corrections(const std::string& agent,
                                                                     WallTime from, WallTime to) {
    std::lock_guard lock(mutex_);
    return rows<reports::Correction>(
        db_,
        "SELECT day_ms, login_ms, logout_ms, reason, by, at_ms FROM attendance_corrections "
        "WHERE agent = ?1 AND day_ms >= ?2 AND day_ms < ?3 ORDER BY day_ms",
        agent, from, to, [](const SqliteStatement& r) {
            return reports::Correction{wall_from_ms(r.int64(0)),
                                       wall_from_ms(r.int64(1)),
                                       wall_from_ms(r.int64(2)),
                                       r.text(3),
                                       r.text(4),
                                       wall_from_ms(r.int64(5))};
        });
}

Result<void> AttendanceBook::correct(const std::string& agent, const reports::Correction& c) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare(
        "INSERT OR REPLACE INTO attendance_corrections (agent, day_ms, login_ms, logout_ms, "
        "reason, by, at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot save the correction");
    }
    stmt->bind(1, agent)
        .bind(2, epoch_ms(c.day))
        .bind(3, epoch_ms(c.login))
        .bind(4, epoch_ms(c.logout))
        .bind(5, c.reason)
        .bind(6, c.by)
        .bind(7, epoch_ms(c.at));
    if (auto done = stmt->run(); !done) {
        return db_.context(done.error(), "cannot save the correction");
    }
    return {};
}

}  // namespace markaz::store
