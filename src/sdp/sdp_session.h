#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace markaz::sdp {

/// a=sendrecv / sendonly / recvonly / inactive (RFC 4566 §6), always from the point of view of
/// the side that wrote the description.
enum class MediaDirection { SendRecv, SendOnly, RecvOnly, Inactive };

std::string_view to_string(MediaDirection direction) noexcept;
/// The direction an answerer takes for an offered one (RFC 3264 §6.1): sendonly ⇄ recvonly.
MediaDirection mirror(MediaDirection direction) noexcept;

/// c= and the address part of o=: "IN <IP4|IP6> <address>".
struct SdpAddress {
    std::string type = "IP4";  ///< IP4 or IP6
    std::string address;       ///< without a multicast "/ttl" suffix
    /// 0.0.0.0 (or ::): RFC 2543 hold, "do not send to me" (RFC 3264 §8.4 still honours it).
    bool is_hold() const noexcept;
    friend bool operator==(const SdpAddress&, const SdpAddress&) = default;
};

/// a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>]
struct SdpRtpMap {
    std::uint8_t payload_type = 0;
    std::string encoding;
    std::uint32_t clock_rate = 0;
    std::uint8_t channels = 1;
    friend bool operator==(const SdpRtpMap&, const SdpRtpMap&) = default;
};

/// a=fmtp:<format> <parameters>
struct SdpFmtp {
    std::string format;
    std::string parameters;
    friend bool operator==(const SdpFmtp&, const SdpFmtp&) = default;
};

/// One m= section and the attributes Markaz reads from it.
struct SdpMedia {
    std::string media;  ///< "audio", "video", ...
    std::uint16_t port = 0;
    std::string protocol;                     ///< "RTP/AVP", "RTP/SAVP", ...
    std::vector<std::string> formats;         ///< as written, in the offerer's order
    std::vector<std::uint8_t> payload_types;  ///< the formats as numbers, for RTP protocols
    std::vector<SdpRtpMap> rtpmaps;
    std::vector<SdpFmtp> fmtps;
    std::optional<SdpAddress> connection;     ///< this section's c=, if any
    std::optional<MediaDirection> direction;  ///< this section's direction attribute, if any
    std::optional<std::uint32_t> ptime_ms;
    std::size_t line = 0;  ///< line number of the m= (for error messages); 0 when built

    const SdpRtpMap* rtpmap(std::uint8_t payload_type) const noexcept;
    const SdpFmtp* fmtp(std::string_view format) const noexcept;
};

/// The subset of an SDP session description (RFC 4566) that audio offer/answer needs.
struct SdpSession {
    std::string origin_username = "-";
    std::string session_id = "0";       ///< digits; kept as text, peers use up to 64 bits
    std::string session_version = "0";  ///< digits
    SdpAddress origin_address;
    std::string session_name = "-";
    std::optional<SdpAddress> connection;     ///< session-level c=
    std::optional<MediaDirection> direction;  ///< session-level direction attribute
    std::vector<SdpMedia> media;

    /// The c= that applies to `m`: its own, else the session's.
    const SdpAddress* connection_for(const SdpMedia& m) const noexcept;
    /// The direction that applies to `m`: its own, else the session's, else sendrecv.
    MediaDirection direction_for(const SdpMedia& m) const noexcept;
};

/// Parses an SDP body, strictly for the lines Markaz uses (v o s c m a=rtpmap/fmtp/ptime and
/// direction) and leniently for the rest (i u e p b t r z k and other a= lines are skipped).
/// Lines end in CRLF or LF. Errors name the line: "sdp line 6: m=: port 'x' is not a number".
/// Bodies over 64 KiB are refused.
Result<SdpSession> parse_sdp(std::string_view text);

/// Writes `session` with CRLF line endings: v o s c t, then per m= its c, rtpmap, fmtp, ptime
/// and direction lines.
std::string format_sdp(const SdpSession& session);

}  // namespace markaz::sdp
