#pragma once

// The web desks and the HTTP API of `markaz serve` (the `web:` section): the users (kept in the
// store, seeded from the configuration), the audit log, and the API server on the running core
// loop.

#include <functional>
#include <memory>
#include <string>

#include "api/api_server.h"
#include "api/audit.h"
#include "api/users.h"
#include "app/core_loop.h"
#include "app/live_center.h"
#include "app/report_mailer.h"
#include "config/server_config_loader.h"
#include "sip/sip_server.h"
#include "store/account_store.h"
#include "store/alert_rule_book.h"
#include "store/attendance_book.h"
#include "store/call_record_index.h"
#include "store/quality_book.h"
#include "store/report_book.h"
#include "store/schedule_book.h"

namespace markaz::cli {

/// Prometheus text of the SIP layer's counters, appended to /metrics.
std::string sip_metrics_text(const sip::SipStats& stats);

/// Thread: created, started and destroyed on main's thread; serves on its own threads.
class WebServer {
public:
    using Log = std::function<void(const std::string&)>;

    /// Hashes the configured users' passwords and checks their roles, agents and teams
    /// (errors name the file and "web.users[i]..."), opens the accounts in the store (the
    /// configured users are copied there on the first start only), then listens. `loop` must
    /// be running.
    static Result<std::unique_ptr<WebServer>> start(const config::ServerConfig& config,
                                                    const std::string& config_path,
                                                    app::CoreLoop& loop, sip::SipServer& sip,
                                                    Log log);
    ~WebServer();  ///< stops serving: before the core loop stops

    unsigned short port() const { return api_->port(); }

private:
    WebServer(const config::ServerConfig& config, app::CoreLoop& loop,
              std::unique_ptr<store::AccountStore> accounts, api::UserDirectory users, Log log);

    Log log_;
    std::unique_ptr<store::AccountStore> accounts_;      ///< users, tokens, audit: outlives them
    std::unique_ptr<store::CallRecordIndex> records_;    ///< finished calls: outlives the API
    std::unique_ptr<store::ReportBook> reports_;         ///< historical reports: as long
    std::unique_ptr<store::QualityBook> quality_;        ///< scorecards, evaluations: as long
    std::unique_ptr<store::ScheduleBook> schedules_;     ///< report schedules: as long
    std::unique_ptr<store::AttendanceBook> attendance_;  ///< sessions, corrections: as long
    std::unique_ptr<store::AlertRuleBook> alert_rules_;  ///< rules made in the browser: as long
    app::LiveCenter center_;
    api::UserDirectory users_;
    api::AuditLog audit_;
    std::unique_ptr<app::ReportMailer> mailer_;  ///< stops before what it reads
    std::unique_ptr<api::ApiServer> api_;
    /// Monitoring started from phones, handed from the core loop to the API's audit log;
    /// dropped first, before the API goes.
    std::shared_ptr<void> phone_monitoring_;
};

}  // namespace markaz::cli
