#pragma once

// KPI alert rules made through the API (api::AlertRuleStore) on the store's SQLite file, on a
// connection of its own; each change committed before it returns.

#include <memory>
#include <mutex>

#include "api/alert_rule_store.h"
#include "store/sqlite_db.h"

namespace markaz::store {

class AlertRuleBook final : public api::AlertRuleStore {
public:
    /// The store at `path`, its schema brought up to date.
    [[nodiscard]] static Result<std::unique_ptr<AlertRuleBook>> open(const std::string& path);

    Result<std::vector<api::StoredAlertRule>> alert_rules() override;
    Result<void> put_alert_rule(const api::StoredAlertRule& rule) override;
    Result<bool> remove_alert_rule(const std::string& name) override;

private:
    explicit AlertRuleBook(SqliteDb db) : db_(std::move(db)) {}
    std::mutex mutex_;
    SqliteDb db_;
};

}  // namespace markaz::store
