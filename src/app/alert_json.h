#pragma once

// An alert change as the webhooks' JSON (docs/alerts.md "Webhooks").

#include <string>

#include "alerts/alert_evaluator.h"

namespace markaz::app {

/// {"event": "alert.raised" | "alert.cleared", "rule", "measure", "subject", "value",
///  "threshold", "at_ms"}
std::string alert_json(const alerts::AlertChange& change);

}  // namespace markaz::app
