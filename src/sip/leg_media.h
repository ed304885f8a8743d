#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/ids.h"
#include "common/result.h"
#include "sdp/sdp_negotiation.h"

namespace markaz::sip {

/// The RTP end of a call's legs, as far as signalling needs it: a port to put in the SDP,
/// where the peer's audio goes once offer and answer agree, and closing it. The SIP layer
/// touches no audio; the application implements this over its media engine
/// (app/live_ports.h) and puts the channels in rooms itself. Called on the SIP thread.
class LegMedia {
public:
    struct Opened {
        ChannelId id;
        std::uint16_t port;  ///< the RTP port to put in SDP
    };
    virtual ~LegMedia() = default;
    /// The address our SDP announces for RTP.
    virtual std::string address() const = 0;
    /// A channel for a new leg, next to `near` (the caller's: they will share rooms).
    /// Unavailable when no port is free.
    virtual Result<Opened> open(std::optional<ChannelId> near) = 0;
    /// What offer and answer agreed for the leg (first answer, re-INVITE, hold);
    /// `signalling_host` is where its SIP came from (behind NAT, its RTP does too).
    virtual void set_remote(ChannelId channel, const sdp::NegotiatedAudio& audio,
                            const std::string& signalling_host) = 0;
    virtual void close(ChannelId channel) = 0;
};

}  // namespace markaz::sip
