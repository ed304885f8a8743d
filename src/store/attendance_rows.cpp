#include "store/attendance_rows.h"

namespace markaz::store {
namespace {

Result<void> run(SqliteDb& db, std::string_view sql,
                 const std::function<void(SqliteStatement&)>& bind) {
    auto stmt = db.prepare(sql);
    if (!stmt) {
        return fail(stmt.error());
    }
    bind(*stmt);
    return stmt->run();
}

}  // namespace

Result<void> record_attendance(SqliteDb& db, const acd::Event& event) {
    const std::int64_t at = epoch_ms(event.at);
    if (const auto* in = std::get_if<acd::AgentLoggedIn>(&event.body)) {
        return run(db,
                   "INSERT INTO agent_sessions (agent, login_ms, extension, login_by) "
                   "VALUES (?1, ?2, ?3, ?4)",
                   [&](SqliteStatement& s) {
                       s.bind(1, in->agent.str()).bind(2, at).bind(3, in->extension);
                       s.bind(4, in->by);
                   });
    }
    if (const auto* out = std::get_if<acd::AgentLoggedOut>(&event.body)) {
        return run(
            db,
            "UPDATE agent_sessions SET logout_ms = ?2, logout_by = ?3 "
            "WHERE agent = ?1 AND logout_ms IS NULL",
            [&](SqliteStatement& s) { s.bind(1, out->agent.str()).bind(2, at).bind(3, out->by); });
    }
    if (const auto* change = std::get_if<acd::AgentStateChanged>(&event.body)) {
        auto closed = run(db,
                          "UPDATE agent_state_spans SET to_ms = ?2 "
                          "WHERE agent = ?1 AND to_ms IS NULL",
                          [&](SqliteStatement& s) { s.bind(1, change->agent.str()).bind(2, at); });
        if (!closed || change->to == acd::AgentState::LoggedOut) {
            return closed;
        }
        return run(db,
                   "INSERT INTO agent_state_spans (agent, state, reason, from_ms) "
                   "VALUES (?1, ?2, ?3, ?4)",
                   [&](SqliteStatement& s) {
                       s.bind(1, change->agent.str())
                           .bind(2, acd::kAgentStateNames.name(change->to))
                           .bind(3, change->reason)
                           .bind(4, at);
                   });
    }
    return {};
}

}  // namespace markaz::store
