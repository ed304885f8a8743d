#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace markaz {

/// The sixteen DTMF keys in the order of their RFC 4733 event codes (§3.2, table 3): the same
/// numbering whether a digit came as an RTP event, in a SIP INFO body or as tones.
inline constexpr std::string_view kDtmfKeys = "0123456789*#ABCD";

/// The DTMF digit of event codes 0..15, nullopt for other events.
constexpr std::optional<char> dtmf_digit(std::uint8_t event) noexcept {
    if (event >= kDtmfKeys.size()) {
        return std::nullopt;
    }
    return kDtmfKeys[event];
}

/// The event code of a DTMF digit (lower-case a-d accepted), nullopt for anything else.
constexpr std::optional<std::uint8_t> dtmf_event_code(char digit) noexcept {
    if (digit >= 'a' && digit <= 'd') {
        digit = static_cast<char>(digit - 'a' + 'A');
    }
    const auto position = kDtmfKeys.find(digit);
    if (digit == '\0' || position == std::string_view::npos) {
        return std::nullopt;
    }
    return static_cast<std::uint8_t>(position);
}

}  // namespace markaz
