#include "store/migrations.h"

#include <array>
#include <string>

#include "store/schema_managers.h"

namespace markaz::store {
namespace {

// Schema v1: the router configuration and the append-only event log.
//
// Every config table keeps a `position` so that load_config() returns queues, agents,
// memberships and pause reasons in the order they were saved: `linear` and `round-robin`
// depend on the order of memberships. A queue's routing settings are one JSON document (the
// same names and units as the event codec); its name is the indexed key that agents refer to.
//
// `events` is the record of DESIGN rule 3. `seq` is the order the router emitted the events
// in; `at_ms` is wall-clock milliseconds since the epoch (UTC). `call`, `agent` and `queue`
// copy the ids found in the body so they can be searched without parsing JSON. The triggers
// make the table append-only: a change to history is a bug, not an operation.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE config_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
CREATE TABLE pause_reasons (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE
);
CREATE TABLE queues (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    settings TEXT NOT NULL CHECK (json_valid(settings))
);
CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL,
    max_no_answer INTEGER NOT NULL,
    no_answer_delay_ms INTEGER NOT NULL,
    reject_delay_ms INTEGER NOT NULL,
    busy_delay_ms INTEGER NOT NULL,
    wrap_up_ms INTEGER NULL
);
CREATE TABLE agent_queue (
    agent TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    queue TEXT NOT NULL REFERENCES queues(name) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    penalty INTEGER NOT NULL CHECK (penalty >= 0),
    PRIMARY KEY (agent, queue),
    UNIQUE (agent, position)
);
CREATE INDEX agent_queue_by_queue ON agent_queue(queue);
CREATE TABLE agent_skills (
    agent TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    proficiency INTEGER NOT NULL,
    PRIMARY KEY (agent, skill)
);
CREATE INDEX agent_skills_by_skill ON agent_skills(skill);

CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    type TEXT NOT NULL,
    call TEXT NULL,
    agent TEXT NULL,
    queue TEXT NULL,
    body TEXT NOT NULL
);
CREATE INDEX events_by_time ON events(at_ms);
CREATE INDEX events_by_call ON events(call);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
)sql";

// Schema v2: the call flow. An agent's fixed desk (the extension logged in at start);
// `calls` holds one record per call (docs/call-records.md), written when the call ends and
// updated once when its wrap-up ends; `callbacks` holds the callback requests a caller was
// told are booked, until they are answered, fail or are removed.
constexpr std::string_view kSchemaV2 = R"sql(
ALTER TABLE agents ADD COLUMN extension TEXT NOT NULL DEFAULT '';
CREATE TABLE calls (
    id TEXT PRIMARY KEY,
    started_ms INTEGER NOT NULL,
    ended_ms INTEGER NOT NULL,
    caller TEXT NOT NULL,
    dialled TEXT NOT NULL,
    ivr_path TEXT NOT NULL,
    digits TEXT NOT NULL,
    variables TEXT NOT NULL,
    queues TEXT NOT NULL,
    joined_ms INTEGER NULL,
    wait_ms INTEGER NULL,
    position INTEGER NULL,
    agents_offered TEXT NOT NULL,
    agent TEXT NOT NULL,
    talk_ms INTEGER NOT NULL,
    hold_ms INTEGER NOT NULL,
    wrap_ms INTEGER NULL,
    disposition TEXT NOT NULL,
    hangup_side TEXT NOT NULL,
    hangup_cause TEXT NOT NULL,
    recording TEXT NOT NULL
);
CREATE INDEX calls_by_start ON calls(started_ms);
CREATE TABLE callbacks (
    call TEXT PRIMARY KEY,
    queue TEXT NOT NULL,
    number TEXT NOT NULL,
    requested_ms INTEGER NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);
CREATE INDEX callbacks_by_state ON callbacks(state, requested_ms);
)sql";

// Schema v3: a call's record is written when the call starts (and again when it is answered)
// with `open` set, then replaced by the finished record. A server killed between a call's end
// and that last write finds the call still open at its next start and closes it
// (CallLog::close_open), so no call goes missing from the records.
constexpr std::string_view kSchemaV3 = R"sql(
ALTER TABLE calls ADD COLUMN open INTEGER NOT NULL DEFAULT 0;
CREATE INDEX calls_open ON calls(open) WHERE open = 1;
)sql";

// Schema v4: the web's accounts (store::AccountStore). `users` holds each user as one JSON
// document (password as its argon2id hash); `account_state` says the configuration's users
// were copied in once, after which the API owns them. API tokens keep the SHA-256 of their
// secret only and go with their user. The audit log is append-only like the events.
constexpr std::string_view kSchemaV4 = R"sql(
CREATE TABLE account_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seeded_ms INTEGER NOT NULL
);
CREATE TABLE users (
    username TEXT PRIMARY KEY,
    body TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NULL,
    last_used_ms INTEGER NULL,
    secret_sha256 TEXT NOT NULL UNIQUE
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
)sql";

// Schema v5: a call's transfers, each agent's part of it before they passed the caller on
// (a JSON array of {agent, queue, to_queue, at_ms, talk_ms, hold_ms}).
constexpr std::string_view kSchemaV5 = R"sql(
ALTER TABLE calls ADD COLUMN transfers TEXT NOT NULL DEFAULT '[]';
)sql";

// Schema v6: a call on legal hold keeps its recording whatever the retention says.
constexpr std::string_view kSchemaV6 = R"sql(
ALTER TABLE calls ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0;
CREATE INDEX calls_recorded_by_start ON calls(started_ms) WHERE recording != '';
)sql";

// Schema v7: who and where each call touched, for the searches of finished calls by agent,
// queue or team (store/call_record_index.cpp): every agent who talked to the caller (who
// answered, and who transferred them) and every queue joined. Filled from the calls so far.
// Calls are found again by id, not rowid: calls has no INTEGER PRIMARY KEY, so a VACUUM may
// renumber its rowids.
constexpr std::string_view kSchemaV7 = R"sql(
CREATE TABLE call_parties (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    started_ms INTEGER NOT NULL,
    call TEXT NOT NULL,
    PRIMARY KEY (kind, name, started_ms, call)
) WITHOUT ROWID;
CREATE INDEX call_parties_by_call ON call_parties(call);
INSERT OR IGNORE INTO call_parties
    SELECT 'queue', q.value, calls.started_ms, calls.id FROM calls, json_each(calls.queues) q;
INSERT OR IGNORE INTO call_parties
    SELECT 'agent', agent, started_ms, id FROM calls WHERE agent != '';
INSERT OR IGNORE INTO call_parties
    SELECT 'agent', json_extract(t.value, '$.agent'), calls.started_ms, calls.id
    FROM calls, json_each(calls.transfers) t;
)sql";

// Schema v8: the supervisors who were in a call, each mode's period (a JSON array of
// {user, extension, mode, from_ms, to_ms}).
constexpr std::string_view kSchemaV8 = R"sql(
ALTER TABLE calls ADD COLUMN monitors TEXT NOT NULL DEFAULT '[]';
)sql";

// Schema v9: quality (docs/quality.md). Scorecards keep every version (an evaluation names the
// one it was made with); an evaluation keeps its answers, comments and replies as JSON text
// (api/quality_json.h) and its score beside them, so lists and search filter on it.
constexpr std::string_view kSchemaV9 = R"sql(
CREATE TABLE scorecards (
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    pass_mark INTEGER NOT NULL,
    sections TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (id, version)
);
CREATE TABLE evaluations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    call TEXT NOT NULL,
    agent TEXT NOT NULL,
    queues TEXT NOT NULL,
    call_started_ms INTEGER NOT NULL,
    scorecard TEXT NOT NULL,
    scorecard_version INTEGER NOT NULL,
    evaluator TEXT NOT NULL,
    state TEXT NOT NULL,
    answers TEXT NOT NULL,
    comments TEXT NOT NULL,
    summary TEXT NOT NULL,
    score REAL,
    passed INTEGER NOT NULL,
    critical_failed INTEGER NOT NULL,
    section_scores TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    submitted_ms INTEGER,
    agent_reply TEXT,
    resolution TEXT,
    FOREIGN KEY (scorecard, scorecard_version) REFERENCES scorecards (id, version)
);
CREATE INDEX evaluations_by_call ON evaluations (call);
CREATE INDEX evaluations_by_agent ON evaluations (agent, updated_ms);
CREATE INDEX evaluations_by_update ON evaluations (updated_ms);
)sql";

// Schema v10: when the recording was paused for card details (a JSON array of {by, from_ms,
// to_ms}).
constexpr std::string_view kSchemaV10 = R"sql(
ALTER TABLE calls ADD COLUMN recording_pauses TEXT NOT NULL DEFAULT '[]';
)sql";

// Schema v11: the call's talk time beside each of its parties, so that a search by queue or
// agent with a talk-time condition ("a queue's long calls this year") is decided in
// call_parties' own b-tree instead of reading every call of the queue.
constexpr std::string_view kSchemaV11 = R"sql(
ALTER TABLE call_parties ADD COLUMN talk_ms INTEGER NOT NULL DEFAULT 0;
UPDATE call_parties SET talk_ms = (SELECT talk_ms FROM calls WHERE calls.id = call_parties.call);
)sql";

// Schema v12: a search's calls are looked up by id (from call_parties); this index holds what
// the common conditions test, so counting them and choosing a page read no call's row.
constexpr std::string_view kSchemaV12 = R"sql(
CREATE INDEX calls_for_search ON calls(id, open, started_ms, talk_ms);
)sql";

// Schema v13: historical reports (docs/reports.md). Each quarter hour's counters (stats/kpi.h)
// for the centre (scope ''), each queue ('q:sales') and each agent ('a:a1001'), written when
// the quarter hour ends; report_progress says how far the event log is folded in, and the
// agents' states there, so a restart resumes where the last run stopped.
constexpr std::string_view kSchemaV13 = R"sql(
CREATE TABLE report_rollups (
    scope TEXT NOT NULL,
    slot_ms INTEGER NOT NULL,
    offered INTEGER NOT NULL, blocked INTEGER NOT NULL, answered INTEGER NOT NULL,
    answered_within INTEGER NOT NULL, abandoned INTEGER NOT NULL,
    short_abandoned INTEGER NOT NULL, abandoned_after INTEGER NOT NULL,
    timed_out INTEGER NOT NULL, removed INTEGER NOT NULL, callbacks_requested INTEGER NOT NULL,
    callbacks_answered INTEGER NOT NULL, callbacks_failed INTEGER NOT NULL,
    handled INTEGER NOT NULL, transferred INTEGER NOT NULL,
    answered_wait_ms INTEGER NOT NULL, abandoned_wait_ms INTEGER NOT NULL,
    talk_ms INTEGER NOT NULL, hold_ms INTEGER NOT NULL, wrap_ms INTEGER NOT NULL,
    available_ms INTEGER NOT NULL, ringing_ms INTEGER NOT NULL, on_call_ms INTEGER NOT NULL,
    wrap_up_ms INTEGER NOT NULL, paused_ms INTEGER NOT NULL, not_ready_ms INTEGER NOT NULL,
    PRIMARY KEY (scope, slot_ms)
) WITHOUT ROWID;
CREATE TABLE report_progress (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    floor_ms INTEGER NOT NULL,
    agents TEXT NOT NULL
);
)sql";

constexpr std::array<Migration, 19> kMigrations{{
    {1, kSchemaV1},   {2, kSchemaV2},   {3, kSchemaV3},   {4, kSchemaV4},   {5, kSchemaV5},
    {6, kSchemaV6},   {7, kSchemaV7},   {8, kSchemaV8},   {9, kSchemaV9},   {10, kSchemaV10},
    {11, kSchemaV11}, {12, kSchemaV12}, {13, kSchemaV13}, {14, kSchemaV14}, {15, kSchemaV15},
    {16, kSchemaV16}, {17, kSchemaV17}, {18, kSchemaV18}, {19, kSchemaV19},
}};

}  // namespace

std::span<const Migration> schema_migrations() {
    return kMigrations;
}

Result<int> schema_version(SqliteDb& db) {
    auto stmt = db.prepare("PRAGMA user_version");
    if (!stmt) {
        return db.context(stmt.error(), "cannot read the schema version");
    }
    auto row = stmt->step();
    if (!row) {
        return db.context(row.error(), "cannot read the schema version");
    }
    if (!*row) {
        return 0;
    }
    return static_cast<int>(stmt->int64(0));
}

Result<int> migrate(SqliteDb& db, std::span<const Migration> migrations) {
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        if (migrations[i].version != static_cast<int>(i) + 1) {
            return fail(Errc::Internal, "migration list is not numbered 1, 2, 3, ...: entry " +
                                            std::to_string(i) + " has version " +
                                            std::to_string(migrations[i].version));
        }
    }
    const int latest = static_cast<int>(migrations.size());
    auto current = schema_version(db);
    if (!current) {
        return current;
    }
    if (*current > latest) {
        return fail(Errc::Conflict,
                    db.path() + ": the database has schema version " + std::to_string(*current) +
                        ", newer than this Markaz knows (" + std::to_string(latest) +
                        "); use a newer Markaz or another database file");
    }
    int ran = 0;
    for (int version = *current + 1; version <= latest; ++version) {
        const Migration& step = migrations[static_cast<std::size_t>(version - 1)];
        // Read the version again inside the write lock: another process may have migrated
        // the file since we looked.
        bool skipped = false;
        auto applied = db.transaction([&]() -> Result<void> {
            auto now = schema_version(db);
            if (!now) {
                return fail(now.error());
            }
            if (*now >= version) {
                skipped = true;
                return {};
            }
            if (auto ok = db.exec(step.sql); !ok) {
                return ok;
            }
            // PRAGMA takes no parameters; `version` is our own integer.
            return db.exec("PRAGMA user_version = " + std::to_string(version));
        });
        if (!applied) {
            return db.context(applied.error(),
                              "migration to schema version " + std::to_string(version) + " failed");
        }
        if (!skipped) {
            ++ran;
        }
    }
    return ran;
}

}  // namespace markaz::store
