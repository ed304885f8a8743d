#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "common/dtmf_keys.h"

namespace markaz::media {

/// One RFC 4733 telephone-event payload (§2.3):
///   event (8) | E (1) | R (1) | volume (6) | duration (16)
struct TelephoneEvent {
    std::uint8_t event = 0;      ///< 0-9, 10 '*', 11 '#', 12-15 'A'-'D', 16 flash (§3.2)
    bool end = false;            ///< the E bit: this is (one of the copies of) the last packet
    std::uint8_t volume = 10;    ///< power in -dBm0, 0..63
    std::uint16_t duration = 0;  ///< in RTP timestamp units since the event's timestamp
    friend bool operator==(const TelephoneEvent&, const TelephoneEvent&) = default;
};

inline constexpr std::size_t kTelephoneEventBytes = 4;

/// Reads the first event of a payload; nullopt when it is shorter than 4 bytes.
/// The reserved R bit is ignored as §2.3 asks.
std::optional<TelephoneEvent> parse_telephone_event(std::span<const std::uint8_t> payload) noexcept;

/// Writes 4 bytes into `out`; returns 4, or 0 when `out` is too small.
[[nodiscard]] std::size_t write_telephone_event(const TelephoneEvent& event,
                                                std::span<std::uint8_t> out) noexcept;

}  // namespace markaz::media
