// `markaz serve --config FILE`: runs the server until SIGINT or SIGTERM: the SIP layer
// (registrar, B2BUA), the media engine and the call flow (IVR, queues, agents, callbacks) on
// the core loop; the web desks and the HTTP API when the configuration has `web:`.

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <ostream>
#include <sys/resource.h>
#include <sys/stat.h>

#include <fmt/format.h>

#include "app/core_loop.h"
#include "app/live_ports.h"
#include "cli/commands.h"
#include "cli/server_log.h"
#include "cli/web_server.h"
#include "config/server_config_loader.h"
#include "media/media_engine.h"
#include "sip/sip_server.h"
#include "store/alert_rule_book.h"

namespace markaz::cli {

namespace {

constexpr const char* kServeUsage =
    "usage: markaz serve --config FILE [--log-level trace|debug|info|warn|error]\n";

const char* notice_name(sip::SipNotice::Kind kind) {
    switch (kind) {
        case sip::SipNotice::Kind::Registered:
            return "registered";
        case sip::SipNotice::Kind::Unregistered:
            return "unregistered";
        case sip::SipNotice::Kind::AuthFailed:
            return "authentication failed";
        case sip::SipNotice::Kind::Banned:
            return "banned";
        case sip::SipNotice::Kind::Dtmf:
            return "dtmf from";
        case sip::SipNotice::Kind::CallStarted:
            return "call from";
        case sip::SipNotice::Kind::CallEnded:
            return "call ended, caller";
        case sip::SipNotice::Kind::Error:
            return "error";
        case sip::SipNotice::Kind::Refused:
            return "refused from";
        case sip::SipNotice::Kind::TrunkReachable:
            return "trunk answers";
        case sip::SipNotice::Kind::TrunkUnreachable:
            return "trunk does not answer";
    }
    return "?";
}

/// Calls are info; the SIP detail under them (registrations, digits) debug; refused
/// credentials and bans warn; work the SIP thread lost error.
spdlog::level::level_enum notice_level(sip::SipNotice::Kind kind) {
    switch (kind) {
        case sip::SipNotice::Kind::Registered:
        case sip::SipNotice::Kind::Unregistered:
        case sip::SipNotice::Kind::Dtmf:
            return spdlog::level::debug;
        case sip::SipNotice::Kind::AuthFailed:
        case sip::SipNotice::Kind::Banned:
        case sip::SipNotice::Kind::Refused:
        case sip::SipNotice::Kind::TrunkUnreachable:
            return spdlog::level::warn;
        case sip::SipNotice::Kind::TrunkReachable:
            return spdlog::level::info;
        case sip::SipNotice::Kind::CallStarted:
        case sip::SipNotice::Kind::CallEnded:
            return spdlog::level::info;
        case sip::SipNotice::Kind::Error:
            return spdlog::level::err;
    }
    return spdlog::level::info;
}

/// Every call holds four sockets and a recording file: thousands of calls need more than
/// the usual soft limit of 1,024 descriptors, so the soft limit goes up to the hard one.
void raise_open_file_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

/// The store (callers' numbers, accounts, the audit log) and the recordings are for Markaz's
/// own user and its group (a backup job) only: files are created 0640 at most, whatever umask
/// the service manager or a shell gave us.
void keep_files_private() {
    ::umask(::umask(0) | 0027);
}

/// The clock of the call flow. MARKAZ_FAKE_NOW ("2026-03-21T10:00:00Z") starts the wall
/// clock at that instant instead of now, for tests of opening hours and holidays; time then
/// runs at its normal pace. Anything else in the variable is an error.
Result<app::CoreLoop::Clock> call_flow_clock() {
    const char* fake = std::getenv("MARKAZ_FAKE_NOW");
    Duration shift{};
    if (fake && *fake) {
        std::tm tm{};
        const char* end = strptime(fake, "%Y-%m-%dT%H:%M:%SZ", &tm);
        if (!end || *end != '\0') {
            return fail(
                Errc::InvalidArgument,
                std::string("MARKAZ_FAKE_NOW: expected 2026-03-21T10:00:00Z, got '") + fake + "'");
        }
        auto at = std::chrono::system_clock::from_time_t(timegm(&tm));
        shift = std::chrono::duration_cast<Duration>(at - std::chrono::system_clock::now());
    }
    return app::CoreLoop::Clock([shift] {
        return Now{
            std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now()),
            std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()) + shift};
    });
}

}  // namespace

int run_serve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string config_path;
    std::string log_level = "info";
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--config" && i + 1 < args.size()) {
            config_path = args[++i];
        } else if (args[i] == "--log-level" && i + 1 < args.size()) {
            log_level = args[++i];
        } else {
            err << "markaz serve: unexpected argument '" << args[i] << "'\n" << kServeUsage;
            return 2;
        }
    }
    if (config_path.empty()) {
        err << "markaz serve: --config FILE is required\n" << kServeUsage;
        return 2;
    }
    auto server_log = ServerLog::create(log_level, err);
    if (!server_log) {
        err << "markaz serve: " << server_log.error().message << '\n' << kServeUsage;
        return 2;
    }

    auto config = config::load_server_config(config_path);
    if (!config) {
        err << config.error().message << '\n';
        return 2;
    }
    auto clock = call_flow_clock();
    if (!clock) {
        err << "markaz serve: " << clock.error().message << '\n';
        return 2;
    }
    raise_open_file_limit();
    keep_files_private();
    // Block the stop signals before any thread starts, so that every thread inherits the mask
    // and only sigwait() below sees them.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);

    // Call events, the web's audit lines: info.
    auto log = [&server_log](const std::string& what, const std::string& line) {
        server_log->layer(what).info(line);
    };
    // The call flow comes first: the media engine and the SIP server report to it.
    auto core = app::CoreLoop::create(
        *config, [&log](const std::string& line) { log("app", line); }, *clock);
    if (!core) {
        err << "markaz serve: " << core.error().message << '\n';
        return 1;
    }
    (*core)->set_detail_log(
        [&server_log](const std::string& line) { server_log->layer("app").debug(line); });
    // KPI alert rules made in the browser join the configuration's (docs/alerts.md).
    if (auto book = store::AlertRuleBook::open(config->store); !book) {
        err << "markaz serve: " << book.error().message << '\n';
        return 1;
    } else if (auto stored = (*book)->alert_rules(); !stored) {
        err << "markaz serve: " << stored.error().message << '\n';
        return 1;
    } else {
        std::vector<alerts::AlertRule> rules;
        for (api::StoredAlertRule& s : *stored) {
            rules.push_back(std::move(s.rule));
        }
        (*core)->add_alert_rules(std::move(rules));
    }
    auto media = media::MediaEngine::start(config->media, (*core)->media_sink());
    if (!media) {
        err << "markaz serve: " << media.error().message << '\n';
        return 1;
    }
    app::CoreLoop* flow = core->get();
    app::EngineLegMedia leg_media{**media};  // the SIP layer's legs' channels
    auto server = sip::SipServer::start(
        config->sip,
        [&server_log, flow](const sip::SipNotice& n) {
            server_log->layer("sip").log(notice_level(n.kind), "{} {}{}{}", notice_name(n.kind),
                                         n.extension.empty() ? "-" : n.extension,
                                         n.source.empty() ? "" : " from " + n.source,
                                         n.detail.empty() ? "" : " (" + n.detail + ")");
            flow->sip_notice(n);
        },
        &leg_media, flow->call_handler());
    if (!server) {
        err << "markaz serve: " << server.error().message << '\n';
        return 1;
    }
    if (auto running = flow->run(**server, **media); !running) {
        err << "markaz serve: " << running.error().message << '\n';
        return 1;
    }
    std::unique_ptr<WebServer> web;
    if (config->web) {
        auto started = WebServer::start(*config, config_path, *flow, **server,
                                        [&log](const std::string& line) { log("web", line); });
        if (!started) {
            err << "markaz serve: " << started.error().message << '\n';
            flow->stop();
            return 1;
        }
        web = std::move(*started);
    }
    std::string numbers;
    for (const auto& [number, route] : config->dialplan) {
        numbers += fmt::format("{}{} -> {} {}", numbers.empty() ? "" : ", ", number,
                               route.kind == config::NumberRoute::Kind::Ivr ? "IVR" : "queue",
                               route.target);
    }
    out << fmt::format(
               "markaz: SIP on {}:{} (UDP and TCP), realm '{}', {} extensions; RTP on {}:{}-{}; "
               "echo test {}, prompt test {}; {}; store {}; {}; Ctrl-C stops\n",
               config->sip.address, config->sip.port, config->sip.realm,
               config->sip.extensions.size(), config->media.address, config->media.port_min,
               config->media.port_max, config->sip.echo_number,
               config->sip.loop_prompt.empty() ? "off" : config->sip.loop_number,
               numbers.empty() ? "no dialplan" : numbers, config->store,
               web ? fmt::format("web on http://{}:{}/", config->web->address, web->port())
                   : std::string("no web"))
        << std::flush;
    int signal = 0;
    sigwait(&stop, &signal);
    out << "markaz: stopping\n";
    if (sip::SipStats stats = (*server)->stats(); stats.offers > 0) {
        log("app", fmt::format("routing latency over {} offers: p50 {:.3f} ms, p99 {:.3f} ms, "
                               "max {:.3f} ms",
                               stats.offers, stats.routing_ms_p50, stats.routing_ms_p99,
                               stats.routing_ms_max));
    }
    web.reset();      // no more API requests waiting for the core loop
    flow->stop();     // no more commands to SIP and media
    server->reset();  // hangs up every call before the media engine goes
    media->reset();
    core->reset();  // the store writes what is queued
    return 0;
}

}  // namespace markaz::cli
