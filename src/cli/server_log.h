#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

#include "common/result.h"

namespace markaz::cli {

/// The levels `markaz serve --log-level` takes, least to most severe.
inline constexpr std::string_view kLogLevels = "trace, debug, info, warn, error";

/// The server's log (spdlog): one logger per layer ("app", "sip", "web", "store"), all on one
/// sink, so a line is written whole whichever thread logs it:
///   2026-12-04T17:42:02.123Z info    app: call mx98hjvv-1 answered by a1001 after 5 ms
/// Lines below the chosen level are dropped: call events are info, SIP detail (registrations,
/// digits) debug, refused credentials and bans warn, lost work error.
/// Thread: any.
class ServerLog {
public:
    /// Fails with the levels it knows when `level` is none of them.
    static Result<ServerLog> create(std::string_view level, std::ostream& out);

    spdlog::logger& layer(std::string_view name);

private:
    std::shared_ptr<spdlog::logger> app_;
    std::shared_ptr<spdlog::logger> sip_;
    std::shared_ptr<spdlog::logger> web_;
    std::shared_ptr<spdlog::logger> store_;
};

}  // namespace markaz::cli
