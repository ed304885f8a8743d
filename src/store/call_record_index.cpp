#include "store/call_record_index.h"

#include <nlohmann/json.hpp>

#include "store/call_rows.h"
#include "store/migrations.h"

namespace markaz::store {

namespace {

/// The columns of call_from_row(), then the legal hold (column 22).
const std::string kEntryColumns = std::string(kCallColumns) + ", legal_hold";

api::CallRecordEntry entry_of(const SqliteStatement& row) {
    const CallRecord r = call_from_row(row);
    api::CallRecordEntry e;
    e.id = r.id;
    e.started = r.started;
    e.ended = r.ended;
    e.caller = r.caller;
    e.dialled = r.dialled;
    e.ivr_path = r.ivr_path;
    e.digits = r.digits;
    e.variables = r.variables;
    e.queues = r.queues;
    e.wait = r.wait;
    e.agent = r.agent;
    e.talk = r.talk;
    e.hold = r.hold;
    e.wrap = r.wrap;
    for (const Transfer& t : r.transfers) {
        e.transfers.push_back({t.agent, t.queue, t.to_queue, t.at, t.talk, t.hold});
    }
    e.disposition = std::string(kDispositionNames.name(r.disposition));
    e.hangup_side = r.hangup_side;
    e.hangup_cause = r.hangup_cause;
    e.recording = r.recording;
    e.legal_hold = row.int64(22) != 0;
    return e;
}

// Every condition is a parameter that is NULL when not asked for, so one statement serves
// every search. The agent matches the one who answered last or one who transferred the call;
// the queues are JSON arrays, searched with json_each.
constexpr const char* kWhere =
    " FROM calls WHERE open = 0 AND started_ms >= ?1 AND started_ms < ?2"
    " AND (?3 IS NULL OR agent = ?3 OR EXISTS (SELECT 1 FROM json_each(calls.transfers) t"
    "      WHERE json_extract(t.value, '$.agent') = ?3))"
    " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM json_each(calls.queues) q WHERE q.value = ?4))"
    " AND (?5 = '' OR instr(caller, ?5) > 0)"
    " AND (?6 IS NULL OR disposition = ?6)"
    " AND (?7 IS NULL OR talk_ms >= ?7) AND (?8 IS NULL OR talk_ms <= ?8)"
    " AND (?9 IS NULL OR (recording != '') = ?9)"
    " AND (?10 IS NULL OR EXISTS (SELECT 1 FROM json_each(calls.queues) q"
    "      WHERE q.value IN (SELECT value FROM json_each(?10))))";

std::optional<std::int64_t> ms_or_null(const std::optional<Duration>& d) {
    return d ? std::optional<std::int64_t>(d->count()) : std::nullopt;
}

void bind_query(SqliteStatement& stmt, const api::RecordQuery& q) {
    auto text_or_null = [&stmt](int index, const std::optional<std::string>& value) {
        if (value) {
            stmt.bind(index, *value);
        } else {
            stmt.bind(index, std::nullopt);
        }
    };
    stmt.bind(1, epoch_ms(q.from)).bind(2, epoch_ms(q.to));
    text_or_null(3, q.agent);
    text_or_null(4, q.queue);
    stmt.bind(5, q.caller);
    text_or_null(6, q.disposition);
    stmt.bind(7, ms_or_null(q.min_talk)).bind(8, ms_or_null(q.max_talk));
    stmt.bind(9, q.recorded ? std::optional<std::int64_t>(*q.recorded ? 1 : 0) : std::nullopt);
    text_or_null(10, q.within_queues ? std::optional<std::string>(json_list(*q.within_queues))
                                     : std::nullopt);
}

}  // namespace

Result<std::unique_ptr<CallRecordIndex>> CallRecordIndex::open(const std::string& path) {
    auto db = SqliteDb::open(path);
    if (!db) {
        return fail(db.error());
    }
    if (auto migrated = migrate(*db, schema_migrations()); !migrated) {
        return fail(migrated.error());
    }
    return std::unique_ptr<CallRecordIndex>(new CallRecordIndex(std::move(*db)));
}

Result<api::RecordPage> CallRecordIndex::search(const api::RecordQuery& query) {
    std::lock_guard lock(mutex_);
    auto count = db_.prepare(std::string("SELECT COUNT(*)") + kWhere);
    if (!count) {
        return db_.context(count.error(), "cannot search the call records");
    }
    bind_query(*count, query);
    api::RecordPage page;
    if (auto row = count->step(); !row) {
        return db_.context(row.error(), "cannot search the call records");
    } else if (*row) {
        page.total = count->int64(0);
    }
    const char* order =
        query.newest_first ? " ORDER BY started_ms DESC, id DESC" : " ORDER BY started_ms, id";
    auto stmt = db_.prepare("SELECT " + kEntryColumns + kWhere + order + " LIMIT ?11 OFFSET ?12");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot search the call records");
    }
    bind_query(*stmt, query);
    stmt->bind(11, std::int64_t{query.limit}).bind(12, std::int64_t{query.offset});
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return db_.context(row.error(), "cannot search the call records");
        }
        if (!*row) {
            return page;
        }
        page.records.push_back(entry_of(*stmt));
    }
}

Result<std::optional<api::CallRecordEntry>> CallRecordIndex::find(const std::string& id) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare("SELECT " + kEntryColumns + " FROM calls WHERE id = ?1 AND open = 0");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot read the call record " + id);
    }
    stmt->bind(1, id);
    auto row = stmt->step();
    if (!row) {
        return db_.context(row.error(), "cannot read the call record " + id);
    }
    if (!*row) {
        return std::optional<api::CallRecordEntry>();
    }
    return std::optional<api::CallRecordEntry>(entry_of(*stmt));
}

Result<void> CallRecordIndex::set_legal_hold(const std::string& id, bool on) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare("UPDATE calls SET legal_hold = ?2 WHERE id = ?1 AND open = 0");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot update the call record " + id);
    }
    stmt->bind(1, id).bind(2, std::int64_t{on ? 1 : 0});
    if (auto ok = stmt->run(); !ok) {
        return db_.context(ok.error(), "cannot update the call record " + id);
    }
    return {};
}

}  // namespace markaz::store
