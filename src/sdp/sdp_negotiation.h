#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "sdp/codec_kind.h"
#include "sdp/sdp_session.h"

namespace markaz::sdp {

/// What Markaz puts in its own SDP for one call leg.
struct LocalMedia {
    std::string address;  ///< our RTP address, numeric IPv4 or IPv6
    std::uint16_t port = 0;
    std::uint64_t session_id = 0;       ///< o= sess-id: fixed for the dialog
    std::uint64_t session_version = 0;  ///< o= sess-version: +1 for every new offer/answer
    /// Codecs in our order of preference (offers list them in this order; answers accept only
    /// these).
    std::vector<CodecKind> codecs{CodecKind::Pcmu, CodecKind::Pcma};
    std::uint8_t telephone_event_payload_type = 101;  ///< used in our offers
};

/// The result of offer/answer for the audio stream: everything the media engine needs.
struct NegotiatedAudio {
    CodecKind codec = CodecKind::Pcmu;
    /// The payload type of the codec and of telephone-event in both directions. We answer with
    /// the offerer's numbers; for our own offers we use the answer's numbers, which peers use
    /// for sending too (RFC 3264 §6.1 asks answerers to keep the offer's numbers).
    std::uint8_t payload_type = 0;
    std::optional<std::uint8_t> telephone_event_payload_type;  ///< nullopt: no RFC 4733
    std::string remote_address;  ///< where to send RTP; "0.0.0.0" means do not send
    std::uint16_t remote_port = 0;
    /// Our direction: SendOnly means we send and do not expect to receive.
    MediaDirection direction = MediaDirection::SendRecv;
    /// The packet time the peer asked for (a=ptime), 20 if it did not say.
    std::uint32_t remote_ptime_ms = 20;
    /// The packet time Markaz sends at, and answered with: the peer's a=ptime when it is one
    /// Markaz frames (kMinPtimeMs..kMaxPtimeMs in steps of 10), else 20. Whatever the peer
    /// then sends is heard (InboundAudio); sending what it asked for suits the phones and
    /// trunks that play only their own packet time.
    std::uint32_t ptime_ms = 20;

    bool sends() const noexcept {
        return direction == MediaDirection::SendRecv || direction == MediaDirection::SendOnly;
    }
    bool receives() const noexcept {
        return direction == MediaDirection::SendRecv || direction == MediaDirection::RecvOnly;
    }
    friend bool operator==(const NegotiatedAudio&, const NegotiatedAudio&) = default;
};

inline constexpr std::uint32_t kMinPtimeMs = 10;
inline constexpr std::uint32_t kMaxPtimeMs = 60;
/// The packet time Markaz uses with a peer that asked for `asked` (see NegotiatedAudio).
std::uint32_t packet_time(std::optional<std::uint32_t> asked);

struct SdpAnswer {
    SdpSession session;  ///< format_sdp() it for the 200 OK body
    NegotiatedAudio audio;
};

/// Answers a remote offer (RFC 3264 §6). The first audio stream over RTP/AVP that offers a
/// codec in `local.codecs` is accepted, with the first such codec in the *offerer's* order,
/// plus telephone-event/8000 if offered, and the offer's a=ptime (packet_time()). Every other
/// stream is rejected with port 0, as §6 requires one m= per offered m=. Our direction mirrors the
/// offer's (sendonly → recvonly, inactive → inactive); a c= of 0.0.0.0 counts as the offerer not
/// wanting media (old-style hold). Errors, all of which the SIP layer answers with 488 Not
/// Acceptable Here:
///  * Unavailable — nothing acceptable ("no supported audio codec offered: G729/8000 ...");
///  * InvalidArgument — the accepted stream's address is not a numeric IP.
Result<SdpAnswer> answer_offer(const SdpSession& offer, const LocalMedia& local);

/// Our offer: one audio stream with `local.codecs`, telephone-event/8000 (events 0-15),
/// a=ptime:20 and `direction`.
SdpSession make_offer(const LocalMedia& local, MediaDirection direction = MediaDirection::SendRecv);

/// Reads the answer to an offer we made with make_offer(). Errors (the SIP layer then ends
/// the call: ACK + BYE): a different number of m= lines, our audio rejected (port 0), or no
/// codec we offered in the answer (all Unavailable, except malformed addresses).
Result<NegotiatedAudio> accept_answer(const SdpSession& our_offer, const SdpSession& answer);

}  // namespace markaz::sdp
