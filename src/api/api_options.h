#pragma once

// How the API server is set up: where it listens, where the pages and the OpenAPI document
// are, and the hooks the rest of Markaz fills in.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "acd/events.h"
#include "api/alert_rule_store.h"
#include "api/attendance_source.h"
#include "api/call_records.h"
#include "api/login_limiter.h"
#include "api/quality.h"
#include "api/report_schedules.h"
#include "api/report_source.h"
#include "api/sessions.h"
#include "common/recording_bytes.h"
#include "common/time.h"
#include "common/waveform.h"

namespace markaz::api {

/// WebSocket pacing (docs/api.md "Coalescing and pacing"); tests shorten them.
struct LivePacing {
    Duration frame_interval = std::chrono::milliseconds(250);  ///< at most one frame per this
    Duration refresh = std::chrono::seconds(5);     ///< all queues and totals at least this often
    Duration heartbeat = std::chrono::seconds(10);  ///< a heartbeat after this much silence
    Duration ping = std::chrono::seconds(30);       ///< ping, and close without pong after as long
    std::size_t resync_bytes = 1024 * 1024;         ///< queued over this: drop deltas, resync
    std::size_t close_bytes = 4 * 1024 * 1024;      ///< queued over this for `slow_close`: 4408
    Duration slow_close = std::chrono::seconds(30);
};

struct ApiOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;  ///< 0: any free port (tests); ApiServer::port() tells which
    int threads = 2;
    std::string web_root;      ///< the built pages (web/dist); empty: no pages
    std::string openapi_path;  ///< docs/openapi.json, served at /api/v1/openapi.json
    std::size_t max_body_bytes = 64 * 1024;
    /// docs/api.md "Connections": caps on open connections, and how long a client may take.
    int max_connections = 4000;
    int max_connections_per_address = 500;
    Duration header_timeout = std::chrono::seconds(10);  ///< a request's head; idle keep-alive
    Duration body_timeout = std::chrono::seconds(30);    ///< its body, and reading the answer
    /// Reverse proxies whose X-Forwarded-For names the client (client_address.h).
    std::vector<std::string> trusted_proxies;
    /// Behind TLS: cookies get `Secure` and the server's origin is https://host.
    bool secure_cookies = false;
    SessionPolicy sessions;
    LoginLimits login_limits;
    LivePacing pacing;
    /// The wall clock; the system clock when empty.
    std::function<WallTime()> clock;
    /// The JSON text of an event as the store writes it (store::encode_event); when empty,
    /// events show only their type, time and ids.
    std::function<std::string(const acd::Event&)> event_json;
    /// More Prometheus text appended to /metrics (SIP and media counters).
    std::function<std::string()> extra_metrics;
    /// The finished calls' records, searched by GET /api/v1/call-records; none: those
    /// endpoints answer 503. Must outlive the server.
    CallRecords* call_records = nullptr;
    /// Scorecards and evaluations (docs/quality.md); none: those endpoints answer 503. Must
    /// outlive the server.
    Quality* quality = nullptr;
    /// The historical reports' rollups (docs/reports.md); none: GET /api/v1/reports answers
    /// 503. Must outlive the server.
    ReportSource* reports = nullptr;
    /// The centre's zone reports cut periods in (stats.time_zone or utc_offset), and its name
    /// ("" for a fixed offset).
    reports::ZoneOffsets report_zone;
    /// KPI alert rules made through the API (docs/alerts.md); none: those endpoints answer
    /// 503. Must outlive the server. The configuration's rules are shown read-only beside.
    AlertRuleStore* alert_rule_store = nullptr;
    std::vector<alerts::AlertRule> configured_alert_rules;
    /// Whether a `mail:` server is configured: a rule may mail only then.
    bool mail_configured = false;
    /// Agents' sessions, states and corrections (docs/reports.md "Attendance"); none: the
    /// attendance endpoints answer 503. Must outlive the server.
    AttendanceSource* attendance = nullptr;
    /// The working shifts attendance is measured against (`shifts:`).
    std::vector<reports::Shift> shifts;
    /// Reports mailed on a schedule (docs/reports.md "Scheduled reports"); none: those
    /// endpoints answer 503. Must outlive the server.
    ReportSchedules* report_schedules = nullptr;
    /// Tells the mailer (app/report_mailer.h) a send was asked for; may be empty.
    std::function<void()> wake_report_mailer;
    std::string time_zone;
    /// A page of HTML printed to PDF (pdf::html_to_pdf); none: reports' format=pdf answers 503.
    std::function<Result<std::string>(const std::string& html)> render_pdf;
    /// The service-level formula of the centre's and agents' figures (stats.center_sl_formula).
    acd::ServiceLevelFormula center_sl_formula = acd::ServiceLevelFormula::AnsweredAndAbandoned;
    /// The recording at a path as the bytes of its WAV, decrypted when it is sealed
    /// (media::RecordingReader); none: recordings answer 503.
    std::function<Result<std::unique_ptr<RecordingBytes>>(const std::string& path)> open_recording;
    /// The waveform of the recording at a path, in that many slices (media::read_waveform);
    /// none: the waveform endpoints answer 503.
    std::function<Result<Waveform>(const std::string& path, int points)> waveform;
    /// The recording at a path encoded as "opus" or "mp3" (media::export_recording); none:
    /// those formats answer 503.
    std::function<Result<std::string>(const std::string& path, const std::string& format)>
        export_recording;
    /// Agents may search and hear the finished calls they talked in (not others').
    bool agents_hear_own_calls = false;
    /// Where the recordings are (sip.recordings): a recording is served only from inside it.
    std::string recordings_dir;
    /// Where the server reports what no client should see (a handler's exception, a failed
    /// accept); nothing is reported when empty. Called from HTTP threads.
    std::function<void(const std::string&)> log_error;
};

}  // namespace markaz::api
