#include "store/schedule_book.h"

#include "store/call_rows.h"
#include "store/migrations.h"

namespace markaz::store {
namespace {

using api::ReportSchedule;
using api::ReportSend;

/// A schedule's columns after its id, as bind_schedule() writes them.
constexpr const char* kScheduleContent =
    "name, owner, scope_kind, scope_id, frequency, at_min, language, recipients, enabled, "
    "created_ms, planned_until_ms, next_due_ms";
constexpr const char* kSendColumns =
    "id, schedule, due_ms, from_ms, to_ms, status, attempts, next_try_ms, last_error, sent_ms";

void bind_schedule(SqliteStatement& stmt, const ReportSchedule& s) {
    stmt.bind(2, s.name)
        .bind(3, s.owner)
        .bind(4, s.scope_kind)
        .bind(5, s.scope_id)
        .bind(6, reports::frequency_name(s.frequency))
        .bind(7, std::int64_t{s.at.count()})
        .bind(8, api::kLanguageNames.name(s.language))
        .bind(9, json_list(s.recipients))
        .bind(10, std::int64_t{s.enabled ? 1 : 0})
        .bind(11, epoch_ms(s.created))
        .bind(12, epoch_ms(s.planned_until))
        .bind(13, epoch_ms(s.next_due));
}

ReportSchedule schedule_of(const SqliteStatement& row) {
    ReportSchedule s;
    s.id = row.int64(0);
    s.name = row.text(1);
    s.owner = row.text(2);
    s.scope_kind = row.text(3);
    s.scope_id = row.text(4);
    if (auto frequency = reports::parse_frequency(row.text(5))) {
        s.frequency = *frequency;
    }
    s.at = std::chrono::minutes{row.int64(6)};
    s.language = api::kLanguageNames.parse(row.text(7)).value_or(api::Language::En);
    s.recipients = list_of(row.text(8));
    s.enabled = row.int64(9) != 0;
    s.created = wall_from_ms(row.int64(10));
    s.planned_until = wall_from_ms(row.int64(11));
    s.next_due = wall_from_ms(row.int64(12));
    return s;
}

/// A send's columns after its id, from ?2 on.
void bind_send(SqliteStatement& stmt, const ReportSend& s) {
    stmt.bind(2, s.schedule_id)
        .bind(3, epoch_ms(s.period.due))
        .bind(4, epoch_ms(s.period.from))
        .bind(5, epoch_ms(s.period.to))
        .bind(6, api::kSendStatusNames.name(s.status))
        .bind(7, std::int64_t{s.attempts})
        .bind(8, epoch_ms(s.next_try))
        .bind(9, s.last_error)
        .bind(10, s.sent_at ? std::optional<std::int64_t>(epoch_ms(*s.sent_at)) : std::nullopt);
}

ReportSend send_of(const SqliteStatement& row) {
    ReportSend s;
    s.id = row.int64(0);
    s.schedule_id = row.int64(1);
    s.period = {wall_from_ms(row.int64(2)), wall_from_ms(row.int64(3)), wall_from_ms(row.int64(4))};
    s.status = api::kSendStatusNames.parse(row.text(5)).value_or(api::SendStatus::Failed);
    s.attempts = static_cast<int>(row.int64(6));
    s.next_try = wall_from_ms(row.int64(7));
    s.last_error = row.text(8);
    if (!row.is_null(9)) {
        s.sent_at = wall_from_ms(row.int64(9));
    }
    return s;
}

}  // namespace

Result<std::unique_ptr<ScheduleBook>> ScheduleBook::open(const std::string& path) {
    auto db = SqliteDb::open(path);
    if (!db) {
        return fail(db.error());
    }
    if (auto migrated = migrate(*db, schema_migrations()); !migrated) {
        return fail(migrated.error());
    }
    return std::unique_ptr<ScheduleBook>(new ScheduleBook(std::move(*db)));
}

Result<std::vector<ReportSchedule>> ScheduleBook::read_schedules(std::string_view where,
                                                                 std::optional<std::int64_t> id) {
    auto stmt = db_.prepare(std::string("SELECT id, ") + kScheduleContent +
                            " FROM report_schedules " + std::string(where));
    if (!stmt) {
        return db_.context(stmt.error(), "cannot read the report schedules");
    }
    if (id) {
        stmt->bind(1, *id);
    }
    std::vector<ReportSchedule> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return db_.context(row.error(), "cannot read the report schedules");
        }
        if (!*row) {
            return out;
        }
        out.push_back(schedule_of(*stmt));
    }
}

Result<std::vector<ReportSchedule>> ScheduleBook::schedules() {
    std::lock_guard lock(mutex_);
    return read_schedules("ORDER BY name, id", std::nullopt);
}

Result<std::optional<ReportSchedule>> ScheduleBook::schedule(std::int64_t id) {
    std::lock_guard lock(mutex_);
    auto found = read_schedules("WHERE id = ?1", id);
    if (!found) {
        return fail(found.error());
    }
    if (found->empty()) {
        return std::optional<ReportSchedule>{};
    }
    return std::optional<ReportSchedule>{std::move(found->front())};
}

Result<ReportSchedule> ScheduleBook::add_schedule(ReportSchedule schedule) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare(std::string("INSERT INTO report_schedules (") + kScheduleContent +
                            ") VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
                            "RETURNING id");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot save the report schedule");
    }
    bind_schedule(*stmt, schedule);
    auto row = stmt->step();
    if (!row || !*row) {
        return db_.context(row ? Error{Errc::Internal, "no id returned"} : row.error(),
                           "cannot save the report schedule");
    }
    schedule.id = stmt->int64(0);
    // RETURNING hands the row over before the statement is done; finish it to commit.
    if (auto done = stmt->run(); !done) {
        return db_.context(done.error(), "cannot save the report schedule");
    }
    return schedule;
}

Result<bool> ScheduleBook::replace_schedule(const ReportSchedule& schedule) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare(
        "UPDATE report_schedules SET name = ?2, owner = ?3, scope_kind = ?4, scope_id = ?5, "
        "frequency = ?6, at_min = ?7, language = ?8, recipients = ?9, enabled = ?10, "
        "created_ms = ?11, planned_until_ms = ?12, next_due_ms = ?13 WHERE id = ?1");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot save the report schedule");
    }
    stmt->bind(1, schedule.id);
    bind_schedule(*stmt, schedule);
    if (auto done = stmt->run(); !done) {
        return db_.context(done.error(), "cannot save the report schedule");
    }
    return db_.changes() > 0;
}

Result<bool> ScheduleBook::remove_schedule(std::int64_t id) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare("DELETE FROM report_schedules WHERE id = ?1");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot remove the report schedule");
    }
    stmt->bind(1, id);
    if (auto done = stmt->run(); !done) {
        return db_.context(done.error(), "cannot remove the report schedule");
    }
    return db_.changes() > 0;
}

Result<std::int64_t> ScheduleBook::insert_send(const ReportSend& send) {
    auto stmt = db_.prepare(
        "INSERT INTO report_sends (schedule, due_ms, from_ms, to_ms, status, attempts, "
        "next_try_ms, last_error, sent_ms) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
        "RETURNING id");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot save the report send");
    }
    bind_send(*stmt, send);
    auto row = stmt->step();
    if (!row || !*row) {
        return db_.context(row ? Error{Errc::Internal, "no id returned"} : row.error(),
                           "cannot save the report send");
    }
    const std::int64_t id = stmt->int64(0);
    if (auto done = stmt->run(); !done) {
        return db_.context(done.error(), "cannot save the report send");
    }
    return id;
}

Result<void> ScheduleBook::plan_sends(std::int64_t schedule, const std::vector<ReportSend>& sends,
                                      WallTime planned_until, WallTime next_due) {
    std::lock_guard lock(mutex_);
    return db_.transaction([&]() -> Result<void> {
        for (const ReportSend& send : sends) {
            if (auto id = insert_send(send); !id) {
                return fail(id.error());
            }
        }
        auto stmt = db_.prepare(
            "UPDATE report_schedules SET planned_until_ms = ?2, next_due_ms = ?3 WHERE id = ?1");
        if (!stmt) {
            return db_.context(stmt.error(), "cannot save the report schedule");
        }
        stmt->bind(1, schedule).bind(2, epoch_ms(planned_until)).bind(3, epoch_ms(next_due));
        if (auto done = stmt->run(); !done) {
            return db_.context(done.error(), "cannot save the report schedule");
        }
        return {};
    });
}

Result<ReportSend> ScheduleBook::add_send(ReportSend send) {
    std::lock_guard lock(mutex_);
    auto id = insert_send(send);
    if (!id) {
        return fail(id.error());
    }
    send.id = *id;
    return send;
}

Result<std::vector<ReportSend>> ScheduleBook::read_sends(std::string_view rest, std::int64_t first,
                                                         std::int64_t second) {
    auto stmt = db_.prepare(std::string("SELECT ") + kSendColumns + " FROM report_sends " +
                            std::string(rest));
    if (!stmt) {
        return db_.context(stmt.error(), "cannot read the report sends");
    }
    stmt->bind(1, first).bind(2, second);
    std::vector<ReportSend> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return db_.context(row.error(), "cannot read the report sends");
        }
        if (!*row) {
            return out;
        }
        out.push_back(send_of(*stmt));
    }
}

Result<std::optional<ReportSend>> ScheduleBook::send(std::int64_t id) {
    std::lock_guard lock(mutex_);
    auto found = read_sends("WHERE id = ?1 AND ?2 = ?2", id, 0);
    if (!found) {
        return fail(found.error());
    }
    if (found->empty()) {
        return std::optional<ReportSend>{};
    }
    return std::optional<ReportSend>{std::move(found->front())};
}

Result<std::vector<ReportSend>> ScheduleBook::sends(std::int64_t schedule, int limit) {
    std::lock_guard lock(mutex_);
    return read_sends("WHERE schedule = ?1 ORDER BY due_ms DESC, id DESC LIMIT ?2", schedule,
                      limit);
}

Result<std::vector<ReportSend>> ScheduleBook::sends_due(WallTime now) {
    std::lock_guard lock(mutex_);
    return read_sends(
        "WHERE status = 'pending' AND next_try_ms <= ?1 ORDER BY next_try_ms, id "
        "LIMIT ?2",
        epoch_ms(now), 100);
}

Result<std::optional<WallTime>> ScheduleBook::next_try() {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare("SELECT MIN(next_try_ms) FROM report_sends WHERE status = 'pending'");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot read the report sends");
    }
    auto row = stmt->step();
    if (!row) {
        return db_.context(row.error(), "cannot read the report sends");
    }
    if (!*row || stmt->is_null(0)) {
        return std::optional<WallTime>{};
    }
    return std::optional<WallTime>{wall_from_ms(stmt->int64(0))};
}

Result<void> ScheduleBook::update_send(const ReportSend& send) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare(
        "UPDATE report_sends SET schedule = ?2, due_ms = ?3, from_ms = ?4, to_ms = ?5, "
        "status = ?6, attempts = ?7, next_try_ms = ?8, last_error = ?9, sent_ms = ?10 "
        "WHERE id = ?1");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot save the report send");
    }
    stmt->bind(1, send.id);
    bind_send(*stmt, send);
    if (auto done = stmt->run(); !done) {
        return db_.context(done.error(), "cannot save the report send");
    }
    return {};
}

}  // namespace markaz::store
