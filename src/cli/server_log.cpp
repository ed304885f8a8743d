#include "cli/server_log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/ostream_sink.h>

namespace markaz::cli {

Result<ServerLog> ServerLog::create(std::string_view level, std::ostream& out) {
    auto parsed = spdlog::level::from_str(std::string(level));
    // from_str answers "off" for anything it does not know; "off" itself is not offered.
    if (parsed == spdlog::level::off || parsed == spdlog::level::critical) {
        return fail(Errc::InvalidArgument, "--log-level: unknown level '" + std::string(level) +
                                               "' (" + std::string(kLogLevels) + ")");
    }
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out, /*force_flush=*/true);
    sink->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        "%Y-%m-%dT%H:%M:%S.%eZ %-7l %n: %v", spdlog::pattern_time_type::utc));
    ServerLog log;
    for (auto [logger, name] : {std::pair{&log.app_, "app"}, std::pair{&log.sip_, "sip"},
                                std::pair{&log.web_, "web"}, std::pair{&log.store_, "store"}}) {
        *logger = std::make_shared<spdlog::logger>(name, sink);
        (*logger)->set_level(parsed);
    }
    return log;
}

spdlog::logger& ServerLog::layer(std::string_view name) {
    if (name == "sip") {
        return *sip_;
    }
    if (name == "web") {
        return *web_;
    }
    if (name == "store") {
        return *store_;
    }
    return *app_;
}

}  // namespace markaz::cli
