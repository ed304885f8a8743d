#pragma once

// Internal to src/store: the schema steps of the managers' side — scheduled reports,
// attendance, the longest wait, alert rules, the alert log and the wait curve (v14–v19) — kept
// apart from migrations.cpp, which lists every step in order.

#include <string_view>

namespace markaz::store {

// Schema v14: reports mailed on a schedule (docs/reports.md "Scheduled reports"). A send is
// a row before it is tried, so one due while the server was down, or one that failed, is
// tried after a restart; planned_until_ms says how far a schedule's sends are planned.
inline constexpr std::string_view kSchemaV14 = R"sql(
CREATE TABLE report_schedules (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    owner TEXT NOT NULL,
    scope_kind TEXT NOT NULL,
    scope_id TEXT NOT NULL,
    frequency TEXT NOT NULL,
    at_min INTEGER NOT NULL,
    language TEXT NOT NULL,
    recipients TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    created_ms INTEGER NOT NULL,
    planned_until_ms INTEGER NOT NULL,
    next_due_ms INTEGER NOT NULL
);
CREATE TABLE report_sends (
    id INTEGER PRIMARY KEY,
    schedule INTEGER NOT NULL REFERENCES report_schedules (id) ON DELETE CASCADE,
    due_ms INTEGER NOT NULL,
    from_ms INTEGER NOT NULL,
    to_ms INTEGER NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_try_ms INTEGER NOT NULL,
    last_error TEXT NOT NULL,
    sent_ms INTEGER
);
CREATE INDEX report_sends_by_schedule ON report_sends (schedule, due_ms);
CREATE INDEX report_sends_pending ON report_sends (status, next_try_ms);
)sql";

// Schema v15: attendance (docs/reports.md "Attendance"). Written with the events that make
// them, in the same transaction: a session from an agent's login to their logout, and a span
// per state (with its pause reason) from the change into it to the change out of it; the open
// ones have no end yet. Supervisors' corrections of a day, the latest of a day counting.
inline constexpr std::string_view kSchemaV15 = R"sql(
CREATE TABLE agent_sessions (
    id INTEGER PRIMARY KEY,
    agent TEXT NOT NULL,
    login_ms INTEGER NOT NULL,
    logout_ms INTEGER,
    extension TEXT NOT NULL,
    login_by TEXT NOT NULL,
    logout_by TEXT
);
CREATE INDEX agent_sessions_by_agent ON agent_sessions (agent, login_ms);
CREATE TABLE agent_state_spans (
    id INTEGER PRIMARY KEY,
    agent TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT NOT NULL,
    from_ms INTEGER NOT NULL,
    to_ms INTEGER
);
CREATE INDEX agent_state_spans_by_agent ON agent_state_spans (agent, from_ms);
CREATE TABLE attendance_corrections (
    agent TEXT NOT NULL,
    day_ms INTEGER NOT NULL,
    login_ms INTEGER NOT NULL,
    logout_ms INTEGER NOT NULL,
    reason TEXT NOT NULL,
    by TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    PRIMARY KEY (agent, day_ms)
) WITHOUT ROWID;
)sql";

// Schema v16: the longest wait of each quarter hour, kept as a maximum beside the sums
// (a maximum does not sum). Quarter hours written before have 0.
inline constexpr std::string_view kSchemaV16 = R"sql(
ALTER TABLE report_rollups ADD COLUMN longest_wait_ms INTEGER NOT NULL DEFAULT 0;
)sql";

// Schema v17: KPI alert rules made through the API (docs/alerts.md), each as the API's JSON.
inline constexpr std::string_view kSchemaV17 = R"sql(
CREATE TABLE alert_rules (
    name TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_ms INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Schema v18: the KPI alerts as they stand (docs/alerts.md "After a restart"): the list, who
// acknowledged what, and which are still up outlive a restart.
inline constexpr std::string_view kSchemaV18 = R"sql(
CREATE TABLE alert_log (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,
    measure TEXT NOT NULL,
    subject TEXT NOT NULL,
    queue TEXT,
    value REAL NOT NULL,
    threshold REAL NOT NULL,
    raised_ms INTEGER NOT NULL,
    cleared_ms INTEGER,
    acknowledged_by TEXT NOT NULL,
    acknowledged_ms INTEGER
);
)sql";

// Schema v19: answered and abandoned calls by how long they waited, for the reports' wait
// curve (docs/reports.md). The rollups are made again from the event log at the next start
// (no progress: the writer folds every event), so history has its curve too.
inline constexpr std::string_view kSchemaV19 = R"sql(
ALTER TABLE report_rollups ADD COLUMN answered_w0 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN answered_w1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN answered_w2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN answered_w3 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN answered_w4 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN answered_w5 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN answered_w6 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN answered_w7 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN answered_w8 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN answered_w9 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN abandoned_w0 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN abandoned_w1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN abandoned_w2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN abandoned_w3 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN abandoned_w4 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN abandoned_w5 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN abandoned_w6 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN abandoned_w7 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN abandoned_w8 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollups ADD COLUMN abandoned_w9 INTEGER NOT NULL DEFAULT 0;
DELETE FROM report_rollups;
DELETE FROM report_progress;
)sql";

}  // namespace markaz::store
