#include "store/alert_rule_book.h"

#include "api/alert_rule_json.h"
#include "store/migrations.h"

namespace markaz::store {

Result<std::unique_ptr<AlertRuleBook>> AlertRuleBook::open(const std::string& path) {
    auto db = SqliteDb::open(path);
    if (!db) {
        return fail(db.error());
    }
    if (auto migrated = migrate(*db, schema_migrations()); !migrated) {
        return fail(migrated.error());
    }
    return std::unique_ptr<AlertRuleBook>(new AlertRuleBook(std::move(*db)));
}

Result<std::vector<api::StoredAlertRule>> AlertRuleBook::alert_rules() {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare("SELECT body, created_by, updated_ms FROM alert_rules ORDER BY name");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot read the alert rules");
    }
    std::vector<api::StoredAlertRule> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return db_.context(row.error(), "cannot read the alert rules");
        }
        if (!*row) {
            return out;
        }
        // Written by put_alert_rule from a checked rule. Its queue is checked against the
        // configuration by whoever evaluates it, not here.
        const api::Json body = api::Json::parse(stmt->text(0), nullptr, false);
        if (!body.is_object() || api::check_fields(body, api::alert_rule_fields())) {
            continue;  // damaged: skipped rather than evaluated wrong
        }
        std::vector<QueueId> its_queue;
        if (body.contains("queue") && body["queue"].is_string()) {
            its_queue.emplace_back(body["queue"].get<std::string>());
        }
        auto rule = api::alert_rule_from_json(body, its_queue);
        if (rule) {
            out.push_back({*rule, stmt->text(1), wall_from_ms(stmt->int64(2))});
        }
    }
}

Result<void> AlertRuleBook::put_alert_rule(const api::StoredAlertRule& r) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare(
        "INSERT OR REPLACE INTO alert_rules (name, body, created_by, updated_ms) "
        "VALUES (?1, ?2, ?3, ?4)");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot save the alert rule");
    }
    stmt->bind(1, r.rule.name)
        .bind(2, api::alert_rule_json(r.rule).dump())
        .bind(3, r.created_by)
        .bind(4, epoch_ms(r.updated));
    if (auto done = stmt->run(); !done) {
        return db_.context(done.error(), "cannot save the alert rule");
    }
    return {};
}

Result<bool> AlertRuleBook::remove_alert_rule(const std::string& name) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare("DELETE FROM alert_rules WHERE name = ?1");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot remove the alert rule");
    }
    stmt->bind(1, name);
    if (auto done = stmt->run(); !done) {
        return db_.context(done.error(), "cannot remove the alert rule");
    }
    return db_.changes() > 0;
}

}  // namespace markaz::store
