#pragma once

// What the load generator keeps per SIP dialog, and the small helpers its run uses.

#include <chrono>
#include <cstdint>
#include <string>

#include <sofia-sip/sip.h>

#include "sdp/sdp_negotiation.h"
#include "sdp/sdp_session.h"
#include "sip/sofia.h"

namespace markaz::loadgen {

/// One SIP dialog (or registration) the load generator has open.
struct Dialog {
    enum class Role { Registration, Caller, Callee };
    Role role;
    std::string number;  ///< the extension registered or called
    std::uint64_t leg = 0;
    sdp::SdpSession offer;  ///< a caller's own offer
    double invited_at = 0;
    bool answered = false;
    bool media_on = false;
    int auth_attempts = 0;
    bool registered = false;
    sip::sofia::Handle handle;  ///< its nua handle, destroyed with it
};

/// Seconds on the steady clock.
inline double seconds_now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// A message's body ("" when it has none).
inline std::string body_of(const sip_t* sip) {
    return sip && sip->sip_payload
               ? std::string(sip->sip_payload->pl_data, sip->sip_payload->pl_len)
               : std::string{};
}

/// Our side of a leg's SDP: μ-law only, at `address`:`port`.
inline sdp::LocalMedia load_media(const std::string& address, std::uint16_t port,
                                  std::uint64_t leg) {
    sdp::LocalMedia local;
    local.address = address;
    local.port = port;
    local.session_id = leg;
    local.session_version = 1;
    local.codecs = {sdp::CodecKind::Pcmu};
    return local;
}

}  // namespace markaz::loadgen
