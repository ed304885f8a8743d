#include "sip/sip_info_dtmf.h"

#include <charconv>
#include <optional>
#include <string>

#include "common/dtmf_keys.h"
#include "common/text.h"

namespace markaz::sip {

namespace {

/// "5", "*", "a", or an event code "10".."15".
std::optional<char> signal_digit(std::string_view value) {
    value = trim(value);
    if (value.size() == 1) {
        if (const auto code = dtmf_event_code(value[0])) {
            return dtmf_digit(*code);
        }
        return std::nullopt;
    }
    unsigned code = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), code);
    if (ec != std::errc{} || end != value.data() + value.size() || code > 15) {
        return std::nullopt;
    }
    return dtmf_digit(static_cast<std::uint8_t>(code));
}

Result<SipInfoDigit> parse_dtmf_relay(std::string_view body) {
    std::optional<char> digit;
    Duration duration{0};
    while (!body.empty()) {
        const auto eol = body.find('\n');
        const std::string_view line = trim(body.substr(0, eol));
        body = eol == std::string_view::npos ? std::string_view{} : body.substr(eol + 1);
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) {
            continue;
        }
        const std::string_view key = trim(line.substr(0, eq));
        const std::string_view value = trim(line.substr(eq + 1));
        if (iequals(key, "Signal")) {
            digit = signal_digit(value);
            if (!digit) {
                return fail(Errc::InvalidArgument,
                            "dtmf-relay: Signal '" + std::string(value) + "' is not a DTMF digit");
            }
        } else if (iequals(key, "Duration")) {
            unsigned ms = 0;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
            if (ec == std::errc{} && end == value.data() + value.size()) {
                duration = Duration{ms};
            }  // a malformed duration is not worth losing the digit over
        }
    }
    if (!digit) {
        return fail(Errc::InvalidArgument, "dtmf-relay: no Signal line");
    }
    return SipInfoDigit{*digit, duration};
}

}  // namespace

Result<SipInfoDigit> parse_sip_info_dtmf(std::string_view content_type, std::string_view body) {
    const std::string_view type = trim(content_type.substr(0, content_type.find(';')));
    if (iequals(type, "application/dtmf-relay")) {
        return parse_dtmf_relay(body);
    }
    if (iequals(type, "application/dtmf")) {
        const auto digit = signal_digit(body);
        if (!digit) {
            return fail(Errc::InvalidArgument,
                        "application/dtmf: '" + std::string(trim(body)) + "' is not a DTMF digit");
        }
        return SipInfoDigit{*digit, Duration{0}};
    }
    return fail(Errc::InvalidArgument,
                "INFO content type '" + std::string(type) + "' does not carry DTMF");
}

}  // namespace markaz::sip
