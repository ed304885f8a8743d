#pragma once

// Alerts to chat tools and on-call systems (docs/alerts.md "Webhooks"): a JSON POST, signed so
// the receiver knows it came from this centre and is fresh. The signature is HMAC-SHA256 with
// the webhook's secret over "<timestamp>.<body>" (as Stripe and Slack sign theirs), sent as
//   X-Markaz-Timestamp: 1796533200
//   X-Markaz-Signature: sha256=<64 hex digits>
// Blocking: run it off the core loop (app/outbox.h).

#include <string>

#include "common/result.h"
#include "common/time.h"

namespace markaz::webhook {

struct WebhookSettings {
    std::string url;     ///< http:// or https://
    std::string secret;  ///< shared with the receiver; at least 16 characters
    Duration timeout = std::chrono::seconds{10};
};

/// "sha256=" and the hex HMAC-SHA256 of "<timestamp>.<body>" under `secret`.
std::string signature(const std::string& secret, const std::string& timestamp,
                      const std::string& body);

/// POSTs `body` (JSON) signed at `at`. Unavailable naming the URL when it cannot be delivered
/// or the receiver does not answer 2xx.
Result<void> post(const WebhookSettings& settings, const std::string& body, WallTime at);

}  // namespace markaz::webhook
