#pragma once

// KPI alert rules made through the API (docs/alerts.md "Rules made in the browser"), kept in
// the store (store::AlertRuleBook) so they outlive a restart. The configuration file's rules
// are not here: they are read-only to the API. Thread: any; implementations synchronise.

#include <string>
#include <vector>

#include "alerts/alert_rules.h"
#include "common/result.h"

namespace markaz::api {

struct StoredAlertRule {
    alerts::AlertRule rule;
    std::string created_by;
    WallTime updated;
};

class AlertRuleStore {
public:
    virtual ~AlertRuleStore() = default;
    /// Every stored rule, by name.
    virtual Result<std::vector<StoredAlertRule>> alert_rules() = 0;
    /// Adds the rule, or replaces the one of the same name.
    virtual Result<void> put_alert_rule(const StoredAlertRule& rule) = 0;
    /// False when there was none.
    virtual Result<bool> remove_alert_rule(const std::string& name) = 0;
};

}  // namespace markaz::api
