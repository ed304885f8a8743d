#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "acd/config.h"
#include "alerts/alert_rules.h"
#include "api/users.h"
#include "common/result.h"
#include "config/retention.h"
#include "dial/dial_rules.h"
#include "ivr/flow.h"
#include "mail/smtp_sender.h"
#include "media/media_engine.h"
#include "reports/attendance.h"
#include "reports/zone_offsets.h"
#include "sip/sip_settings.h"
#include "stats/stats_config.h"
#include "webhook/webhook.h"

namespace markaz::config {

/// The web desks and the HTTP API (the `web:` section); absent: no web server.
struct WebSettings {
    std::string address = "127.0.0.1";
    int port = 8080;
    std::string root = "web/dist";              ///< the built pages; empty: the API alone
    std::string openapi = "docs/openapi.json";  ///< served at /api/v1/openapi.json
    int threads = 2;
    bool secure_cookies = false;  ///< behind a TLS proxy: cookies get `Secure`
    /// Reverse proxies whose X-Forwarded-For is believed (exact IP addresses).
    std::vector<std::string> trusted_proxies;
    int max_connections = 4000;             ///< open HTTP and WebSocket connections
    int max_connections_per_address = 500;  ///< of one client address
    /// Agents may find and hear their own finished calls (docs/api.md "Call records").
    bool agents_hear_own_calls = false;
    /// Who may log in; passwords are hashed (argon2id) when the server starts, where the
    /// roles, agents and teams are checked too (api::users_from_specs).
    std::vector<api::UserSpec> users;
};

/// What `markaz serve` runs with: the router's pause reasons, queues and agents, and the SIP
/// layer's listen address, realm, extensions and protections.
/// Where a dialled number goes (the `dialplan:` section): an IVR flow or straight into a
/// queue.
struct NumberRoute {
    enum class Kind { Ivr, Queue };
    Kind kind = Kind::Ivr;
    std::string target;  ///< the flow's or the queue's name
    friend bool operator==(const NumberRoute&, const NumberRoute&) = default;
};

struct ServerConfig {
    acd::RouterConfig router;
    sip::SipSettings sip;
    media::MediaSettings media;
    std::map<std::string, ivr::Flow> ivr;         ///< IVR flows by name
    std::map<std::string, NumberRoute> dialplan;  ///< by dialled number
    std::string store = "markaz.db";  ///< the SQLite file: events, call records, callbacks
    std::string prompts = "prompts";  ///< where `markaz prompts` wrote the spoken prompts
    std::optional<WebSettings> web;
    /// Where "today" and report intervals begin (`stats: {utc_offset: "+03:30", interval:
    /// 30m}`); the queue policies come from the router's queues.
    stats::StatsConfig stats;
    /// The centre's zone for historical reports: stats.time_zone's offsets over the years, or
    /// the fixed stats.utc_offset.
    reports::ZoneOffsets zone;
    /// Classes of service: which numbers each extension and callbacks may dial, and how many
    /// calls an extension may have up at once (`dial_rules:`).
    dial::DialRules dial;
    /// How long recordings are kept (`retention:`); by default, for ever.
    RetentionSettings retention;
    /// KPI alert rules (`alerts:`, docs/alerts.md); none by default.
    std::vector<alerts::AlertRule> alerts;
    /// Working shifts attendance is measured against (`shifts:`, docs/reports.md).
    std::vector<reports::Shift> shifts;
    /// The SMTP server mail goes through (`mail:`); none: nothing is mailed.
    std::optional<mail::SmtpSettings> mail;
    /// Where alerts are POSTed, signed (`webhooks:`).
    std::vector<webhook::WebhookSettings> webhooks;
};

// The server configuration file (config/demo.yaml): the router sections of
// router_config_loader.h plus `sip:`, `media:` and `ivr:` (ivr_yaml.h). Errors name the file, the
// line and the field path; unknown keys are errors; nothing is half-applied. Thread: any.

Result<ServerConfig> load_server_config(const std::string& path);
Result<ServerConfig> parse_server_config(std::string_view text, std::string_view source_name);

}  // namespace markaz::config
