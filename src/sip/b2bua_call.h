#pragma once

// Internal to the B2BUA (b2bua.cpp, b2bua_app_calls.cpp): what it keeps per call and per leg,
// and the helpers both files use. Thread: the SIP thread only.

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <sofia-sip/nua.h>
#include <sofia-sip/sip.h>

#include "sdp/sdp_negotiation.h"
#include "sdp/sdp_session.h"
#include "sip/b2bua.h"
#include "sip/sip_clock.h"

namespace markaz::sip {

namespace b2bua_detail {

inline std::optional<sdp::SdpSession> sdp_of(const sip_t* sip) {
    if (!sip || !sip->sip_payload || !sip->sip_payload->pl_data) {
        return std::nullopt;
    }
    auto parsed =
        sdp::parse_sdp(std::string_view(sip->sip_payload->pl_data, sip->sip_payload->pl_len));
    if (!parsed) {
        return std::nullopt;
    }
    return std::move(*parsed);
}

}  // namespace b2bua_detail

struct B2bua::Leg {
    nua_handle_t* nh = nullptr;
    ChannelId channel{};
    std::uint16_t port = 0;
    sdp::SdpSession our_sdp;  ///< our offer (outbound) or answer (inbound)
    std::uint64_t sdp_version = 1;
    bool inbound = false;
    bool alive = true;             ///< the dialog is not over
    int final_status = 0;          ///< outbound: the final answer it got
    const Trunk* trunk = nullptr;  ///< outbound through a trunk (its credentials)
    bool authenticated = false;    ///< already answered the trunk's challenge once
    std::uint64_t group = 0;       ///< the application's leg number (its contacts share it)
    bool channel_open = true;
    bool holding = false;   ///< its last offer stopped our audio to it (it holds its peer)
    std::string peer_host;  ///< where its SIP comes from (inbound) or goes to (outbound)
    std::string extension;  ///< outbound to a registered phone: whose (ring())
    /// The Event header ("refer;id=7") of a REFER it sent that awaits its final NOTIFY.
    std::string refer_event;
};

struct B2bua::Call {
    std::uint64_t id = 0;
    std::string caller;  ///< the calling extension, or the number a trunk sent
    bool from_trunk = false;
    std::string dialled;
    Leg in;
    sdp::SdpSession caller_offer;
    std::vector<std::unique_ptr<Leg>> forks;
    Leg* connected = nullptr;  ///< the outbound leg the caller talks to
    Leg* early = nullptr;      ///< the outbound leg whose early media the caller was offered
    bool answered = false;     ///< the caller has had its 200 (or `in` was answered)
    bool ringing_sent = false;
    bool originated = false;                 ///< `in` is our own INVITE to the customer
    std::set<std::uint64_t> ringing_groups;  ///< LegRinging already reported
    std::set<std::uint64_t> dropped_groups;  ///< no more events for these
};

}  // namespace markaz::sip
