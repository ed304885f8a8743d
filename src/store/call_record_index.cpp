#include "store/call_record_index.h"

#include <nlohmann/json.hpp>

#include "store/call_rows.h"
#include "store/migrations.h"

namespace markaz::store {

namespace {

/// The columns of call_from_row(), then the legal hold (column 24) and the number of submitted
/// evaluations (25).
const std::string kEntryColumns =
    std::string(kCallColumns) +
    ", legal_hold, (SELECT COUNT(*) FROM evaluations e WHERE e.call = calls.id AND "
    "e.state != 'draft')";

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
        e.transfers.push_back({t.agent, t.queue, t.to_queue, t.at, t.talk, t.hold, t.to_agent,
                               t.attended, t.to_number});
    }
    e.disposition = std::string(kDispositionNames.name(r.disposition));
    e.hangup_side = r.hangup_side;
    e.hangup_cause = r.hangup_cause;
    e.recording = r.recording;
    for (const MonitorPeriod& m : r.monitors) {
        e.monitors.push_back({m.user, m.extension, m.mode, m.from, m.to});
    }
    e.legal_hold = row.int64(24) != 0;
    e.evaluations = static_cast<int>(row.int64(25));
    for (const RecordingPause& p : r.recording_pauses) {
        e.recording_pauses.push_back({p.by, p.from, p.to});
    }
    return e;
}

// The conditions asked for, each a bound parameter (numbered the same in every search). Agents
// and queues are found through call_parties, indexed by name and start, so a search by agent,
// queue or a supervisor's team reads only that party's calls of the period, not every call.
std::string where_of(const api::RecordQuery& q) {
    // The talk-time conditions are tested in call_parties too (its talk_ms column), so only
    // the calls that meet them are read.
    std::string talk;
    if (q.min_talk) {
        talk += " AND talk_ms >= ?7";
    }
    if (q.max_talk) {
        talk += " AND talk_ms <= ?8";
    }
    auto party = [&talk](const char* kind, const char* name) {
        return std::string(" AND id IN (SELECT call FROM call_parties WHERE kind = '") + kind +
               "' AND name " + name + " AND started_ms >= ?1 AND started_ms < ?2" + talk + ")";
    };
    std::string where = " FROM calls WHERE open = 0 AND started_ms >= ?1 AND started_ms < ?2";
    if (q.agent) {
        where += party("agent", "= ?3");
    }
    if (q.queue) {
        where += party("queue", "= ?4");
    }
    if (!q.caller.empty()) {
        where += " AND instr(caller, ?5) > 0";
    }
    if (q.disposition) {
        where += " AND disposition = ?6";
    }
    if (q.min_talk) {
        where += " AND talk_ms >= ?7";
    }
    if (q.max_talk) {
        where += " AND talk_ms <= ?8";
    }
    if (q.recorded) {
        where += " AND (recording != '') = ?9";
    }
    if (q.within_queues) {
        where += party("queue", "IN (SELECT value FROM json_each(?10))");
    }
    if (q.evaluated) {
        where +=
            " AND EXISTS (SELECT 1 FROM evaluations e WHERE e.call = calls.id AND "
            "e.state != 'draft') = ?13";
    }
    if (q.min_score || q.max_score) {
        where +=
            " AND EXISTS (SELECT 1 FROM evaluations e WHERE e.call = calls.id AND "
            "e.state != 'draft' AND e.score >= ?14 AND e.score <= ?15)";
    }
    return where;
}

/// Binds what where_of() asked for (a parameter the statement lacks cannot be bound).
void bind_query(SqliteStatement& stmt, const api::RecordQuery& q) {
    stmt.bind(1, epoch_ms(q.from)).bind(2, epoch_ms(q.to));
    if (q.agent) {
        stmt.bind(3, *q.agent);
    }
    if (q.queue) {
        stmt.bind(4, *q.queue);
    }
    if (!q.caller.empty()) {
        stmt.bind(5, q.caller);
    }
    if (q.disposition) {
        stmt.bind(6, *q.disposition);
    }
    if (q.min_talk) {
        stmt.bind(7, std::int64_t{q.min_talk->count()});
    }
    if (q.max_talk) {
        stmt.bind(8, std::int64_t{q.max_talk->count()});
    }
    if (q.recorded) {
        stmt.bind(9, std::int64_t{*q.recorded ? 1 : 0});
    }
    if (q.within_queues) {
        stmt.bind(10, json_list(*q.within_queues));
    }
    if (q.evaluated) {
        stmt.bind(13, std::int64_t{*q.evaluated ? 1 : 0});
    }
    if (q.min_score || q.max_score) {
        stmt.bind(14, q.min_score.value_or(0.0)).bind(15, q.max_score.value_or(100.0));
    }
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
    const std::string where = where_of(query);
    auto count = db_.prepare("SELECT COUNT(*)" + where);
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
    const std::string order =
        query.newest_first ? " ORDER BY started_ms DESC, id DESC" : " ORDER BY started_ms, id";
    // The page is chosen by id first (from the index, no row read), then only its rows are
    // read: sorting whole rows of every match would read them all.
    auto stmt = db_.prepare("SELECT " + kEntryColumns + " FROM calls WHERE id IN (SELECT id" +
                            where + order + " LIMIT ?11 OFFSET ?12)" + order);
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

Result<std::vector<qa::Candidate>> CallRecordIndex::unevaluated(const api::RecordQuery& query,
                                                                int max) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare(
        "SELECT id, agent, started_ms, talk_ms, hold_ms, transfers != '[]'" + where_of(query) +
        " AND disposition = 'answered' AND agent != '' AND NOT EXISTS (SELECT 1 FROM "
        "evaluations e WHERE e.call = calls.id) ORDER BY started_ms, id LIMIT ?11");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot list the calls to evaluate");
    }
    bind_query(*stmt, query);
    stmt->bind(11, std::int64_t{max});
    std::vector<qa::Candidate> out;
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return db_.context(row.error(), "cannot list the calls to evaluate");
        }
        if (!*row) {
            return out;
        }
        out.push_back({stmt->text(0), stmt->text(1), wall_from_ms(stmt->int64(2)),
                       Duration{stmt->int64(3)}, Duration{stmt->int64(4)}, stmt->int64(5) != 0});
    }
}

}  // namespace markaz::store
