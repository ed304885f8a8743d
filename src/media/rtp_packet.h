#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "common/result.h"

namespace markaz::media {

/// The fixed RTP header fields Markaz reads and writes (RFC 3550 §5.1).
struct RtpHeader {
    bool marker = false;
    std::uint8_t payload_type = 0;  ///< 7 bits
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
    friend bool operator==(const RtpHeader&, const RtpHeader&) = default;
};

/// One parsed RTP packet. The spans point into the datagram it was parsed from, so it is valid
/// only while that buffer is (the worker's pooled receive buffer, until the next tick).
struct RtpPacket {
    RtpHeader header;
    std::uint8_t csrc_count = 0;
    std::array<std::uint32_t, 15> csrcs{};  ///< the first csrc_count are set
    bool has_extension = false;
    std::uint16_t extension_profile = 0;      ///< e.g. 0xBEDE for RFC 8285 one-byte headers
    std::span<const std::uint8_t> extension;  ///< extension data after its 4-byte header
    std::span<const std::uint8_t> payload;    ///< padding removed
    std::uint8_t padding = 0;                 ///< padding bytes removed from the end
};

/// Why a datagram is not RTP. Workers count drops by this reason; none of these allocate.
enum class RtpError : std::uint8_t {
    None,
    TooShort,            ///< under the 12-byte fixed header
    BadVersion,          ///< version is not 2
    TruncatedCsrc,       ///< CSRC count runs past the end
    TruncatedExtension,  ///< extension header or its length runs past the end
    BadPadding,          ///< padding count is 0 or larger than what follows the headers
};

/// A short phrase for logs and error messages: "bad padding".
std::string_view describe(RtpError error) noexcept;

/// Parses `datagram` into `out` without allocating (the hot path). Any byte string is safe:
/// on an error `out` is unspecified and the datagram must be dropped.
[[nodiscard]] RtpError parse_rtp(std::span<const std::uint8_t> datagram, RtpPacket& out) noexcept;

/// The same checks for the control path and tests; the error message says what was wrong.
Result<RtpPacket> parse_rtp(std::span<const std::uint8_t> datagram);

inline constexpr std::size_t kRtpHeaderBytes = 12;

/// Writes a version-2 header (no CSRC, extension or padding: Markaz sends none) followed by
/// `payload` into `out`. Returns the datagram length, or 0 when `out` is too small.
[[nodiscard]] std::size_t write_rtp(const RtpHeader& header, std::span<const std::uint8_t> payload,
                                    std::span<std::uint8_t> out) noexcept;

/// True when `a` comes after `b` in RTP's modular order (RFC 3550 A.1: sequence numbers and
/// timestamps wrap, so "later" means less than half the range ahead).
constexpr bool seq_newer(std::uint16_t a, std::uint16_t b) noexcept {
    return a != b && static_cast<std::uint16_t>(a - b) < 0x8000;
}
constexpr bool timestamp_newer(std::uint32_t a, std::uint32_t b) noexcept {
    return a != b && a - b < 0x80000000u;
}

}  // namespace markaz::media
