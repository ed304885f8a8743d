#pragma once

// A KPI alert rule as JSON (docs/api.md "GET /api/v1/alert-rules"): what the API answers and
// takes, and what the store keeps of a rule made through it.

#include <vector>

#include "alerts/alert_rules.h"
#include "api/json_body.h"

namespace markaz::api {

/// The rule's own fields: name, measure, queue, threshold, window, min_calls, raise_after_s,
/// clear_after_s, email, language.
Json alert_rule_json(const alerts::AlertRule& rule);

/// The body's checks, field by field (json_body.h), for POST and PUT.
const std::vector<FieldRule>& alert_rule_fields();

/// The rule a checked body gives (defaults for what it leaves out), validated against the
/// configured `queues`; 400 naming the field, 404 for a queue that is not configured.
ApiResult<alerts::AlertRule> alert_rule_from_json(const Json& body,
                                                  const std::vector<QueueId>& queues);

}  // namespace markaz::api
