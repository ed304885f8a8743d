#pragma once

// The `alerts:` section (docs/alerts.md): KPI alert rules.
//
//   alerts:
//     - {name: sales-service-level, measure: service-level, queue: sales, threshold: 80%,
//        window: last-hour, min_calls: 10, raise_after: 5m, clear_after: 10m}
//     - {name: long-breaks, measure: agent-paused, threshold: 15m}

#include <vector>

#include "alerts/alert_rules.h"
#include "config/yaml_reader.h"

namespace markaz::config {

/// Reads the rules into `out`; the error names the rule's index and field. `queues`: the
/// configured queues a rule may name.
bool read_alerts(YamlReader& reader, const YAML::Node& root, const std::vector<QueueId>& queues,
                 std::vector<alerts::AlertRule>& out);

}  // namespace markaz::config
