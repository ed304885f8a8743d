#include "store/call_log.h"

#include <nlohmann/json.hpp>

#include "store/migrations.h"
#include "store/sqlite_db.h"

namespace markaz::store {

namespace {

std::optional<std::int64_t> optional_ms(const std::optional<Duration>& d) {
    return d ? std::optional<std::int64_t>(d->count()) : std::nullopt;
}

/// Lists are kept as JSON arrays, so names with commas survive.
std::string json_list(const std::vector<std::string>& items) {
    return nlohmann::json(items).dump();
}
std::vector<std::string> list_of(const std::string& text) {
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    return parsed.is_array() ? parsed.get<std::vector<std::string>>() : std::vector<std::string>{};
}

std::string transfers_json(const std::vector<Transfer>& transfers) {
    nlohmann::json out = nlohmann::json::array();
    for (const Transfer& t : transfers) {
        out.push_back({{"agent", t.agent},
                       {"queue", t.queue},
                       {"to_queue", t.to_queue},
                       {"at_ms", epoch_ms(t.at)},
                       {"talk_ms", t.talk.count()},
                       {"hold_ms", t.hold.count()}});
    }
    return out.dump();
}
/// Written by transfers_json() only; an entry that is not what it wrote is skipped.
std::vector<Transfer> transfers_of(const std::string& text) {
    std::vector<Transfer> out;
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_array()) {
        return out;
    }
    for (const auto& t : parsed) {
        if (!t.is_object() || !t.value("agent", nlohmann::json()).is_string() ||
            !t.value("at_ms", nlohmann::json()).is_number_integer()) {
            continue;
        }
        out.push_back(Transfer{t.value("agent", ""), t.value("queue", ""), t.value("to_queue", ""),
                               wall_from_ms(t.value("at_ms", std::int64_t{0})),
                               Duration{t.value("talk_ms", std::int64_t{0})},
                               Duration{t.value("hold_ms", std::int64_t{0})}});
    }
    return out;
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
        "transfers) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
        "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)");
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
        .bind(23, transfers_json(r.transfers));
    if (auto ok = stmt->run(); !ok) {
        return impl_->db.context(ok.error(), "cannot save the call record " + r.id);
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

Result<std::vector<CallRecord>> CallLog::records_between(WallTime from, WallTime to) {
    auto stmt = impl_->db.prepare(
        "SELECT id, started_ms, ended_ms, caller, dialled, ivr_path, digits, variables, queues, "
        "joined_ms, wait_ms, position, agents_offered, agent, talk_ms, hold_ms, wrap_ms, "
        "disposition, hangup_side, hangup_cause, recording, transfers FROM calls "
        "WHERE started_ms >= ?1 AND started_ms < ?2 AND open = 0 ORDER BY started_ms, id");
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
        CallRecord& r = out.emplace_back();
        r.id = stmt->text(0);
        r.started = wall_from_ms(stmt->int64(1));
        r.ended = wall_from_ms(stmt->int64(2));
        r.caller = stmt->text(3);
        r.dialled = stmt->text(4);
        r.ivr_path = list_of(stmt->text(5));
        r.digits = stmt->text(6);
        auto variables = nlohmann::json::parse(stmt->text(7), nullptr, false);
        if (variables.is_object()) {
            r.variables = variables.get<std::map<std::string, std::string>>();
        }
        r.queues = list_of(stmt->text(8));
        if (!stmt->is_null(9)) {
            r.joined = wall_from_ms(stmt->int64(9));
        }
        if (!stmt->is_null(10)) {
            r.wait = Duration{stmt->int64(10)};
        }
        if (!stmt->is_null(11)) {
            r.position = static_cast<int>(stmt->int64(11));
        }
        r.agents_offered = list_of(stmt->text(12));
        r.agent = stmt->text(13);
        r.talk = Duration{stmt->int64(14)};
        r.hold = Duration{stmt->int64(15)};
        if (!stmt->is_null(16)) {
            r.wrap = Duration{stmt->int64(16)};
        }
        r.disposition = kDispositionNames.parse(stmt->text(17)).value_or(Disposition::Ivr);
        r.hangup_side = stmt->text(18);
        r.hangup_cause = stmt->text(19);
        r.recording = stmt->text(20);
        r.transfers = transfers_of(stmt->text(21));
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
