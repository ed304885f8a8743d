#include "cli/web_server.h"

#include <stdexcept>

#include <fmt/format.h>

#include "api/qa_marks.h"
#include "mail/smtp_sender.h"
#include "media/recording_export.h"
#include "media/recording_reader.h"
#include "media/waveform.h"
#include "pdf/html_to_pdf.h"
#include "store/account_store.h"
#include "store/event_codec.h"

namespace markaz::cli {

std::string sip_metrics_text(const sip::SipStats& s) {
    std::string out;
    auto family = [&out](const char* name, const char* type, const char* help, auto value) {
        out += fmt::format("# HELP {0} {2}\n# TYPE {0} {1}\n{0} {3}\n", name, type, help, value);
    };
    family("markaz_sip_registered_extensions", "gauge", "Extensions with a live registration now.",
           s.registered_extensions);
    family("markaz_sip_auth_failures_total", "counter",
           "Requests with wrong or unknown credentials since start.", s.auth_failures);
    family("markaz_sip_bans_total", "counter", "Addresses banned since start.", s.bans);
    family("markaz_sip_banned_addresses", "gauge", "Addresses whose ban is running now.",
           s.banned_now);
    family("markaz_sip_requests_dropped_total", "counter",
           "Requests from banned addresses left unanswered since start.", s.requests_dropped);
    family("markaz_sip_calls_active", "gauge", "Calls up now.", s.calls_active);
    family("markaz_sip_calls_started_total", "counter", "Calls started since start.",
           s.calls_started);
    family("markaz_routing_offers_total", "counter",
           "Agent offers rung by the call flow since start.", s.offers);
    out += fmt::format(
        "# HELP markaz_routing_latency_ms From the event that made a match reaching Markaz to "
        "the agent's INVITE leaving.\n# TYPE markaz_routing_latency_ms summary\n"
        "markaz_routing_latency_ms{{quantile=\"0.5\"}} {}\n"
        "markaz_routing_latency_ms{{quantile=\"0.99\"}} {}\n"
        "markaz_routing_latency_ms{{quantile=\"1\"}} {}\n",
        s.routing_ms_p50, s.routing_ms_p99, s.routing_ms_max);
    return out;
}

namespace {

app::ReportMailerDeps report_mailer_deps(const config::ServerConfig& config,
                                         api::ReportSchedules& schedules,
                                         api::ReportSource& reports, app::LiveCenter& center,
                                         const api::UserDirectory& users,
                                         const WebServer::Log& log) {
    app::ReportMailerDeps deps{.schedules = schedules, .reports = reports};
    deps.zone = config.zone;
    deps.time_zone = config.stats.time_zone;
    deps.center_formula = config.stats.center_sl_formula;
    deps.router_config = [&center] { return center.router_config(); };
    deps.owner = [&users](const std::string& name) { return users.find(name); };
    deps.render_pdf = [](const std::string& html) { return pdf::html_to_pdf(html); };
    deps.render_png = [](const std::string& html, int width, int height) {
        return pdf::html_to_png(html, width, height);
    };
    if (config.mail) {
        deps.from = config.mail->from;
        deps.send = [settings = *config.mail](const mail::MailMessage& message, WallTime at,
                                              const std::string& id) {
            return mail::send_mail(settings, message, at, id);
        };
    }
    deps.clock = [] {
        return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
    };
    deps.log = log;
    return deps;
}

}  // namespace

Result<std::unique_ptr<WebServer>> WebServer::start(const config::ServerConfig& config,
                                                    const std::string& config_path,
                                                    app::CoreLoop& loop, sip::SipServer& sip,
                                                    Log log) {
    const config::WebSettings& web = *config.web;
    const auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
    auto configured = api::users_from_specs(web.users, config.router, now);
    if (!configured) {
        return fail(Errc::InvalidArgument, config_path + ": web." + configured.error().message);
    }
    auto accounts = store::AccountStore::open(config.store);
    if (!accounts) {
        return fail(accounts.error());
    }
    auto users = (*accounts)->seed_users(*configured, now);
    if (!users) {
        return fail(users.error());
    }
    if (!(*accounts)->seeded_now()) {
        log(fmt::format("web: {} users from {}; the configuration's users seed a new store only",
                        users->size(), config.store));
    }
    auto tokens = (*accounts)->tokens();
    if (!tokens) {
        return fail(tokens.error());
    }
    auto directory = api::UserDirectory::create(std::move(*users));
    if (!directory) {
        return fail(Errc::InvalidArgument, config_path + ": web." + directory.error().message);
    }
    auto records = store::CallRecordIndex::open(config.store);
    if (!records) {
        return fail(records.error());
    }
    auto report_book = store::ReportBook::open(config.store);
    if (!report_book) {
        return fail(report_book.error());
    }
    auto quality = store::QualityBook::open(config.store);
    if (!quality) {
        return fail(quality.error());
    }
    auto alert_rules = store::AlertRuleBook::open(config.store);
    if (!alert_rules) {
        return fail(alert_rules.error());
    }
    auto attendance = store::AttendanceBook::open(config.store);
    if (!attendance) {
        return fail(attendance.error());
    }
    auto schedules = store::ScheduleBook::open(config.store);
    if (!schedules) {
        return fail(schedules.error());
    }
    std::unique_ptr<WebServer> server(
        new WebServer(config, loop, std::move(*accounts), std::move(*directory), std::move(log)));
    server->records_ = std::move(*records);
    server->quality_ = std::move(*quality);
    server->reports_ = std::move(*report_book);
    server->schedules_ = std::move(*schedules);
    server->attendance_ = std::move(*attendance);
    server->alert_rules_ = std::move(*alert_rules);
    server->mailer_ = std::make_unique<app::ReportMailer>(
        report_mailer_deps(config, *server->schedules_, *server->reports_, server->center_,
                           server->users_, server->log_),
        true);
    // The QA-score alert rules start from the evaluations of the last 30 days.
    if (auto marks = api::recent_qa_marks(*server->quality_, now); marks) {
        server->center_.note_qa_marks(std::move(*marks));
    } else {
        server->log_("qa: cannot read the recent evaluations: " + marks.error().message);
    }
    server->users_.keep_in(*server->accounts_);
    if (auto kept = server->audit_.keep_in(*server->accounts_); !kept) {
        return fail(kept.error());
    }

    api::ApiOptions options;
    options.address = web.address;
    options.port = static_cast<unsigned short>(web.port);
    options.threads = web.threads;
    options.web_root = web.root;
    options.openapi_path = web.openapi;
    options.secure_cookies = web.secure_cookies;
    options.trusted_proxies = web.trusted_proxies;
    options.max_connections = web.max_connections;
    options.max_connections_per_address = web.max_connections_per_address;
    options.call_records = server->records_.get();
    options.quality = server->quality_.get();
    options.reports = server->reports_.get();
    options.report_zone = config.zone;
    options.report_schedules = server->schedules_.get();
    options.attendance = server->attendance_.get();
    options.alert_rule_store = server->alert_rules_.get();
    options.configured_alert_rules = config.alerts;
    options.mail_configured = config.mail.has_value();
    options.shifts = config.shifts;
    options.wake_report_mailer = [mailer = server->mailer_.get()] { mailer->wake(); };
    options.time_zone = config.stats.time_zone;
    options.center_sl_formula = config.stats.center_sl_formula;
    options.render_pdf = [](const std::string& html) { return pdf::html_to_pdf(html); };
    options.recordings_dir = config.sip.recordings_dir;
    options.agents_hear_own_calls = web.agents_hear_own_calls;
    // Sealed recordings (encryption at rest) are opened with the key the media engine seals with.
    std::shared_ptr<const media::RecordingKey> key = config.media.recording_key;
    options.open_recording = [key](const std::string& path) {
        return media::open_recording(path, key.get());
    };
    options.export_recording = [key](const std::string& path, const std::string& format) {
        return media::export_recording(
            path, format == "opus" ? media::ExportFormat::Opus : media::ExportFormat::Mp3,
            key.get());
    };
    options.waveform = [key](const std::string& path, int points) {
        return media::read_waveform(path, points, key.get());
    };
    options.event_json = [](const acd::Event& event) { return store::encode_event(event); };
    options.extra_metrics = [&sip] { return sip_metrics_text(sip.stats()); };
    options.log_error = [log = server->log_](const std::string& line) { log("api: " + line); };
    server->api_ = std::make_unique<api::ApiServer>(server->center_, server->users_, server->audit_,
                                                    std::move(options));
    server->api_->tokens().keep_in(*server->accounts_, *tokens);
    server->phone_monitoring_ = loop.view().watch_flow(
        [audit = &server->api_->phone_audit()](const api::FlowEvent& e) { audit->note(e); });
    try {
        server->api_->start();
    } catch (const std::runtime_error& e) {
        return fail(Errc::Unavailable, e.what());
    }
    return server;
}

WebServer::WebServer(const config::ServerConfig& config, app::CoreLoop& loop,
                     std::unique_ptr<store::AccountStore> accounts, api::UserDirectory users,
                     Log log)
    : log_(std::move(log)),
      accounts_(std::move(accounts)),
      center_(loop, config),
      users_(std::move(users)),
      audit_(10000, [this](const api::AuditEntry& e) {
          log_(fmt::format("audit: {} {} {} {} from {}{}", e.username, e.action,
                           e.target.empty() ? "-" : e.target, e.detail.empty() ? "{}" : e.detail,
                           e.address.empty() ? "-" : e.address,
                           e.kept ? "" : " (not kept: the store refused the write)"));
      }) {}

WebServer::~WebServer() {
    if (api_) {
        api_->stop();
    }
}

}  // namespace markaz::cli
