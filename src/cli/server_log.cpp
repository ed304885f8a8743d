#include "cli/server_log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/ostream_sink.h>

namespace markaz::cli {
namespace {

/// The message with every control character written as \xNN, so that nothing a caller, a
/// phone or a web client put in a line (a user name with a newline, an escape sequence) can
/// forge another line or drive the terminal that shows the log.
class EscapedMessage final : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& message, const std::tm&,
                spdlog::memory_buf_t& out) override {
        static constexpr char kHex[] = "0123456789abcdef";
        for (char c : message.payload) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte < 0x20 || byte == 0x7f) {
                const char escaped[] = {'\\', 'x', kHex[byte >> 4], kHex[byte & 0xf]};
                out.append(escaped, escaped + 4);
            } else {
                out.push_back(c);
            }
        }
    }
    std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<EscapedMessage>();
    }
};

}  // namespace

Result<ServerLog> ServerLog::create(std::string_view level, std::ostream& out) {
    auto parsed = spdlog::level::from_str(std::string(level));
    // from_str answers "off" for anything it does not know; "off" itself is not offered.
    if (parsed == spdlog::level::off || parsed == spdlog::level::critical) {
        return fail(Errc::InvalidArgument, "--log-level: unknown level '" + std::string(level) +
                                               "' (" + std::string(kLogLevels) + ")");
    }
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out, /*force_flush=*/true);
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<EscapedMessage>('*').set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %-7l %n: %*");
    sink->set_formatter(std::move(formatter));
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
