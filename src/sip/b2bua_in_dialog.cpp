// Requests inside a dialog: a re-INVITE (hold and resume, a new address), SIP INFO digits,
// and what the media engine reports of a leg's channel.

#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>

#include "sip/b2bua.h"
#include "sip/b2bua_call.h"
#include "sip/sip_info_dtmf.h"

namespace markaz::sip {

using namespace b2bua_detail;

void B2bua::on_reinvite(Call& call, Leg& leg, const sip_t* sip) {
    auto offer = sdp_of(sip);
    if (!offer) {
        nua_respond(leg.nh, SIP_488_NOT_ACCEPTABLE, NUTAG_WITH_CURRENT(nua_), TAG_END());
        return;
    }
    sdp::LocalMedia local = local_media(leg.port);
    local.session_version = ++leg.sdp_version;
    auto answer = sdp::answer_offer(*offer, local);
    if (!answer) {
        nua_respond(leg.nh, SIP_488_NOT_ACCEPTABLE, NUTAG_WITH_CURRENT(nua_), TAG_END());
        return;
    }
    leg.our_sdp = answer->session;
    media_.set_remote(leg.channel, answer->audio, leg.peer_host);
    // A leg that stops receiving from us (sendonly, inactive, c=0.0.0.0) has put the other
    // party on hold: the application is told (Held, Resumed) and plays the music.
    bool holding = !answer->audio.sends();
    if (holding != leg.holding) {
        leg.holding = holding;
        emit(CallEvent::hold(call.id, &leg == &call.in ? 0 : leg.group, holding));
    }
    std::string body = sdp::format_sdp(answer->session);
    nua_respond(leg.nh, SIP_200_OK, NUTAG_WITH_CURRENT(nua_),
                SIPTAG_CONTENT_TYPE_STR("application/sdp"), SIPTAG_PAYLOAD_STR(body.c_str()),
                TAG_END());
}

std::string B2bua::party(const Call& call, const Leg& leg) const {
    return leg.inbound ? call.caller : call.dialled;
}

void B2bua::on_info(Call& call, Leg& leg, const sip_t* sip) {
    // SIP INFO digits (application/dtmf-relay, application/dtmf); nua has answered 200.
    if (!sip || !sip->sip_content_type || !sip->sip_payload) {
        return;
    }
    auto digit =
        parse_sip_info_dtmf(sip->sip_content_type->c_type ? sip->sip_content_type->c_type : "",
                            std::string_view(sip->sip_payload->pl_data, sip->sip_payload->pl_len));
    if (!digit) {
        return;
    }
    emit(CallEvent::pressed(call.id, &leg == &call.in ? 0 : leg.group, digit->digit));
    report_(
        SipNotice::Kind::Dtmf, party(call, leg),
        std::string("digit ") + digit->digit + " (sip-info) in call c" + std::to_string(call.id));
}

}  // namespace markaz::sip
