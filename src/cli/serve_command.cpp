// `markaz serve --config FILE`: runs the server until SIGINT or SIGTERM: the SIP layer
// (registrar, B2BUA) and the media engine; the call flow and the web API join as they land.

#include <atomic>
#include <csignal>
#include <ctime>
#include <ostream>
#include <sys/resource.h>

#include <fmt/format.h>

#include "cli/commands.h"
#include "config/server_config_loader.h"
#include "media/media_engine.h"
#include "sip/sip_server.h"

namespace markaz::cli {

namespace {

constexpr const char* kUsage = "usage: markaz serve --config FILE\n";

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
    }
    return "?";
}

std::string timestamp() {
    std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return text;
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

}  // namespace

int run_serve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string config_path;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--config" && i + 1 < args.size()) {
            config_path = args[++i];
        } else {
            err << "markaz serve: unexpected argument '" << args[i] << "'\n" << kUsage;
            return 2;
        }
    }
    if (config_path.empty()) {
        err << "markaz serve: --config FILE is required\n" << kUsage;
        return 2;
    }
    auto config = config::load_server_config(config_path);
    if (!config) {
        err << config.error().message << '\n';
        return 2;
    }
    raise_open_file_limit();
    // Block the stop signals before any thread starts, so that every thread inherits the mask
    // and only sigwait() below sees them.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);

    // Media events go to the SIP layer, which knows the calls; the server starts second.
    std::atomic<sip::SipServer*> calls{nullptr};
    auto media = media::MediaEngine::start(config->media, [&calls](const media::MediaEvent& e) {
        if (sip::SipServer* server = calls.load()) {
            server->media_event(e);
        }
    });
    if (!media) {
        err << "markaz serve: " << media.error().message << '\n';
        return 1;
    }
    auto server = sip::SipServer::start(
        config->sip,
        [&err](const sip::SipNotice& n) {
            // Called on the SIP thread; one line per notice, written whole.
            err << fmt::format("{} sip: {} {}{}{}\n", timestamp(), notice_name(n.kind),
                               n.extension.empty() ? "-" : n.extension,
                               n.source.empty() ? "" : " from " + n.source,
                               n.detail.empty() ? "" : " (" + n.detail + ")")
                << std::flush;
        },
        media->get());
    if (!server) {
        err << "markaz serve: " << server.error().message << '\n';
        return 1;
    }
    calls = server->get();
    out << fmt::format(
               "markaz: SIP on {}:{} (UDP and TCP), realm '{}', {} extensions; RTP on {}:{}-{}; "
               "echo test {}, prompt test {}; Ctrl-C stops\n",
               config->sip.address, config->sip.port, config->sip.realm,
               config->sip.extensions.size(), config->media.address, config->media.port_min,
               config->media.port_max, config->sip.echo_number,
               config->sip.loop_prompt.empty() ? "off" : config->sip.loop_number)
        << std::flush;
    int signal = 0;
    sigwait(&stop, &signal);
    out << "markaz: stopping\n";
    calls = nullptr;
    server->reset();  // hangs up every call before the media engine goes
    media->reset();
    return 0;
}

}  // namespace markaz::cli
