#pragma once

// The `alerts:` section (docs/alerts.md): KPI alert rules.
//
//   alerts:
//     - {name: sales-service-level, measure: service-level, queue: sales, threshold: 80%,
//        window: last-hour, min_calls: 10, raise_after: 5m, clear_after: 10m}
//     - {name: long-breaks, measure: agent-paused, threshold: 15m}

#include <optional>
#include <vector>

#include "alerts/alert_rules.h"
#include "config/yaml_reader.h"
#include "mail/smtp_sender.h"
#include "webhook/webhook.h"

namespace markaz::config {

/// `mail: {smtp: "smtp://mail.example:587", from: markaz@centre.example, username, password,
/// require_tls: true, timeout: 30s}`: where alerts (and reports) are mailed through.
bool read_mail(YamlReader& reader, const YAML::Node& root, std::optional<mail::SmtpSettings>& out);

/// `webhooks: [{url: "https://chat.example/hooks/markaz", secret: "...", timeout: 10s}]`: every
/// alert raised and cleared is POSTed to each, signed (webhook/webhook.h).
bool read_webhooks(YamlReader& reader, const YAML::Node& root,
                   std::vector<webhook::WebhookSettings>& out);

/// Reads the rules into `out`; the error names the rule's index and field. `queues`: the
/// configured queues a rule may name; a rule that mails needs `mail_configured`.
bool read_alerts(YamlReader& reader, const YAML::Node& root, const std::vector<QueueId>& queues,
                 bool mail_configured, std::vector<alerts::AlertRule>& out);

}  // namespace markaz::config
