#include "store/call_log.h"

#include <nlohmann/json.hpp>

#include "store/alert_log.h"
#include "store/call_rows.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"

namespace markaz::store {

namespace {

std::optional<std::int64_t> optional_ms(const std::optional<Duration>& d) {
    return d ? std::optional<std::int64_t>(d->count()) : std::nullopt;
}

}  // namespace

struct CallLog::Impl {
    SqliteDb db;
};

Result<CallLog> CallLog::open(const std::string& path) {
    auto db = SqliteDb::open(path);
    if (!db) {
        return fail(db.error());
    }
    if (auto migrated = migrate(*db, schema_migrations()); !migrated) {
        return fail(migrated.error());
    }
    return CallLog(std::make_unique<Impl>(Impl{std::move(*db)}));
}

CallLog::CallLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CallLog::CallLog(CallLog&&) noexcept = default;
CallLog& CallLog::operator=(CallLog&&) noexcept = default;
CallLog::~CallLog() = default;

Result<void> CallLog::in_transaction(const std::function<Result<void>()>& body) {
    return impl_->db.transaction(body);
}

Result<void> CallLog::save(const CallRecord& record) {
    return write(record, false);
}

Result<void> CallLog::save_open(const CallRecord& record) {
    return write(record, true);
}

Result<int> CallLog::close_open() {
    // The call ended at the last thing the store knows of it (its events), else as it began.
    auto closed = impl_->db.exec(
        "UPDATE calls SET open = 0, hangup_side = 'system', hangup_cause = 'server stopped', "
        "ended_ms = MAX(started_ms, COALESCE((SELECT MAX(at_ms) FROM events "
        "WHERE events.call = calls.id), started_ms)) WHERE open = 1");
    if (!closed) {
        return impl_->db.context(closed.error(), "cannot close the calls left open");
    }
    return impl_->db.changes();
}

Result<void> CallLog::write(const CallRecord& r, bool open) {
    auto stmt = impl_->db.prepare(
        "INSERT OR REPLACE INTO calls (id, started_ms, ended_ms, caller, dialled, ivr_path, "
        "digits, variables, queues, joined_ms, wait_ms, position, agents_offered, agent, "
        "talk_ms, hold_ms, wrap_ms, disposition, hangup_side, hangup_cause, recording, open, "
        "transfers, monitors, recording_pauses, legal_hold) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, "
        // A legal hold is the API's, on the stored record: saving the record again keeps it.
        "COALESCE((SELECT legal_hold FROM calls WHERE id = ?1), 0))");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot save the call record " + r.id);
    }
    stmt->bind(1, r.id)
        .bind(2, epoch_ms(r.started))
        .bind(3, epoch_ms(r.ended))
        .bind(4, r.caller)
        .bind(5, r.dialled)
        .bind(6, json_list(r.ivr_path))
        .bind(7, r.digits)
        .bind(8, nlohmann::json(r.variables).dump())
        .bind(9, json_list(r.queues))
        .bind(10, r.joined ? std::optional<std::int64_t>(epoch_ms(*r.joined)) : std::nullopt)
        .bind(11, optional_ms(r.wait))
        .bind(12, r.position ? std::optional<std::int64_t>(*r.position) : std::nullopt)
        .bind(13, json_list(r.agents_offered))
        .bind(14, r.agent)
        .bind(15, r.talk.count())
        .bind(16, r.hold.count())
        .bind(17, optional_ms(r.wrap))
        .bind(18, kDispositionNames.name(r.disposition))
        .bind(19, r.hangup_side)
        .bind(20, r.hangup_cause)
        .bind(21, r.recording)
        .bind(22, std::int64_t{open ? 1 : 0})
        .bind(23, transfers_json(r.transfers))
        .bind(24, monitors_json(r.monitors))
        .bind(25, pauses_json(r.recording_pauses));
    if (auto ok = stmt->run(); !ok) {
        return impl_->db.context(ok.error(), "cannot save the call record " + r.id);
    }
    return write_parties(r);
}

Result<void> CallLog::write_parties(const CallRecord& r) {
    auto fail_to = [&](const Error& e) {
        return impl_->db.context(e, "cannot save the parties of the call record " + r.id);
    };
    auto cleared = impl_->db.prepare("DELETE FROM call_parties WHERE call = ?1");
    if (!cleared) {
        return fail_to(cleared.error());
    }
    if (auto ok = cleared->bind(1, r.id).run(); !ok) {
        return fail_to(ok.error());
    }
    auto insert = impl_->db.prepare(
        "INSERT OR IGNORE INTO call_parties (kind, name, started_ms, call, talk_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!insert) {
        return fail_to(insert.error());
    }
    std::vector<std::pair<const char*, std::string>> parties;
    for (const std::string& queue : r.queues) {
        parties.emplace_back("queue", queue);
    }
    if (!r.agent.empty()) {
        parties.emplace_back("agent", r.agent);
    }
    for (const Transfer& t : r.transfers) {
        parties.emplace_back("agent", t.agent);
    }
    for (const auto& [kind, name] : parties) {
        insert->reset();
        insert->bind(1, std::string_view(kind))
            .bind(2, name)
            .bind(3, epoch_ms(r.started))
            .bind(4, r.id)
            .bind(5, r.talk.count());
        if (auto ok = insert->run(); !ok) {
            return fail_to(ok.error());
        }
    }
    return {};
}

Result<void> CallLog::set_wrap(const std::string& call, Duration wrap) {
    auto stmt = impl_->db.prepare("UPDATE calls SET wrap_ms = ?2 WHERE id = ?1");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot update the call record " + call);
    }
    stmt->bind(1, call).bind(2, wrap.count());
    if (auto ok = stmt->run(); !ok) {
        return impl_->db.context(ok.error(), "cannot update the call record " + call);
    }
    return {};
}

Result<void> CallLog::save_alert(const alerts::AlertEntry& entry) {
    return store::save_alert(impl_->db, entry);
}

Result<std::vector<alerts::AlertEntry>> CallLog::recent_alerts(std::size_t limit) {
    return store::recent_alerts(impl_->db, limit);
}

Result<std::vector<CallLog::ExpiredRecording>> CallLog::expired_recordings(
    WallTime now, const config::RetentionSettings& retention) {
    std::vector<ExpiredRecording> out;
    if (!retention.expires()) {
        return out;
    }
    // Older than the shortest period, then each call by its own queues' period.
    int shortest = retention.recordings_days;
    for (const auto& [queue, days] : retention.queue_days) {
        if (days > 0 && (shortest == 0 || days < shortest)) {
            shortest = days;
        }
    }
    auto stmt = impl_->db.prepare(
        "SELECT id, queues, recording, started_ms FROM calls WHERE recording != '' AND open = 0 "
        "AND legal_hold = 0 AND started_ms < ?1 ORDER BY started_ms");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot look for expired recordings");
    }
    constexpr Duration kDay = std::chrono::hours(24);
    stmt->bind(1, epoch_ms(now - shortest * kDay));
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return impl_->db.context(row.error(), "cannot look for expired recordings");
        }
        if (!*row) {
            return out;
        }
        const std::optional<int> days = retention.days_for(list_of(stmt->text(1)));
        if (days && wall_from_ms(stmt->int64(3)) < now - *days * kDay) {
            out.push_back({stmt->text(0), stmt->text(2)});
        }
    }
}

Result<void> CallLog::forget_recording(const std::string& call) {
    auto stmt = impl_->db.prepare("UPDATE calls SET recording = '' WHERE id = ?1");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot update the call record " + call);
    }
    stmt->bind(1, call);
    if (auto ok = stmt->run(); !ok) {
        return impl_->db.context(ok.error(), "cannot update the call record " + call);
    }
    return {};
}

Result<std::vector<CallRecord>> CallLog::records_between(WallTime from, WallTime to) {
    auto stmt = impl_->db.prepare(std::string("SELECT ") + kCallColumns +
                                  " FROM calls WHERE started_ms >= ?1 AND started_ms < ?2 AND open "
                                  "= 0 ORDER BY started_ms, id");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot read call records");
    }
    stmt->bind(1, epoch_ms(from)).bind(2, epoch_ms(to));
    std::vector<CallRecord> out;
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return impl_->db.context(row.error(), "cannot read call records");
        }
        if (!*row) {
            return out;
        }
        out.push_back(call_from_row(*stmt));
    }
}

Result<void> CallLog::book_callback(const CallbackRequest& request) {
    auto stmt = impl_->db.prepare(
        "INSERT OR REPLACE INTO callbacks (call, queue, number, requested_ms, state, attempts, "
        "updated_ms) VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?4)");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot book the callback " + request.call);
    }
    stmt->bind(1, request.call)
        .bind(2, request.queue)
        .bind(3, request.number)
        .bind(4, epoch_ms(request.requested))
        .bind(5, std::int64_t{request.attempts});
    if (auto ok = stmt->run(); !ok) {
        return impl_->db.context(ok.error(), "cannot book the callback " + request.call);
    }
    return {};
}

Result<void> CallLog::callback_attempted(const std::string& call, int attempts, WallTime at) {
    auto stmt =
        impl_->db.prepare("UPDATE callbacks SET attempts = ?2, updated_ms = ?3 WHERE call = ?1");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot update the callback " + call);
    }
    stmt->bind(1, call).bind(2, std::int64_t{attempts}).bind(3, epoch_ms(at));
    if (auto ok = stmt->run(); !ok) {
        return impl_->db.context(ok.error(), "cannot update the callback " + call);
    }
    return {};
}

Result<void> CallLog::close_callback(const std::string& call, const std::string& state,
                                     WallTime at) {
    auto stmt =
        impl_->db.prepare("UPDATE callbacks SET state = ?2, updated_ms = ?3 WHERE call = ?1");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot close the callback " + call);
    }
    stmt->bind(1, call).bind(2, state).bind(3, epoch_ms(at));
    if (auto ok = stmt->run(); !ok) {
        return impl_->db.context(ok.error(), "cannot close the callback " + call);
    }
    return {};
}

Result<std::vector<CallbackRequest>> CallLog::pending_callbacks() {
    auto stmt = impl_->db.prepare(
        "SELECT call, queue, number, requested_ms, attempts FROM callbacks "
        "WHERE state = 'pending' ORDER BY requested_ms, call");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot read callbacks");
    }
    std::vector<CallbackRequest> out;
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return impl_->db.context(row.error(), "cannot read callbacks");
        }
        if (!*row) {
            return out;
        }
        out.push_back(CallbackRequest{stmt->text(0), stmt->text(1), stmt->text(2),
                                      wall_from_ms(stmt->int64(3)),
                                      static_cast<int>(stmt->int64(4))});
    }
}

}  // namespace markaz::store
