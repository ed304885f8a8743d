// Requests inside a dialog: a re-INVITE (hold and resume, a new address), SIP INFO digits,
// and what the media engine reports of a leg's channel.

#include <algorithm>
#include <cctype>
#include <cstring>

#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/url.h>

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

void B2bua::on_refer(Call& call, Leg& leg, const sip_t* sip, tagi_t tags[]) {
    // nua has accepted the REFER (202) and keeps its implicit subscription; the final
    // NOTIFY says how it went (notify_refer()). Only the user part of Refer-To is passed on:
    // where it points is the application's to decide, never a host the phone names.
    const sip_event_t* event = nullptr;
    tl_gets(tags, NUTAG_REFER_EVENT_REF(event), TAG_END());
    leg.refer_event = "refer";
    if (event && event->o_id) {
        leg.refer_event += std::string(";id=") + event->o_id;
    }
    std::string target;
    if (sip && sip->sip_refer_to && sip->sip_refer_to->r_url->url_user) {
        target = sip->sip_refer_to->r_url->url_user;
    }
    const std::uint64_t group = &leg == &call.in ? 0 : leg.group;
    const char* headers =
        sip && sip->sip_refer_to ? sip->sip_refer_to->r_url->url_headers : nullptr;
    const std::string replaces = replaces_of(headers ? headers : "");
    if (replaces.empty()) {
        emit(CallEvent::referred(call.id, group, std::move(target)));
        return;
    }
    // An attended transfer: the phone held this call, called the target itself and now asks
    // that its two peers talk (Refer-To: <sip:target?Replaces=...>, RFC 5589 §7).
    Replaced replaced = replaced_dialog(call, leg, replaces);
    if (replaced.refused != 0) {
        const std::string phone = phone_of(call, leg);
        report_(SipNotice::Kind::Refused, phone.empty() ? party(call, leg) : phone,
                "REFER with Replaces in call c" + std::to_string(call.id) +
                    (replaced.refused == 481 ? ": no such call (481)"
                                             : ": the call it names is not its own (403)"));
        notify_refer(leg, replaced.refused);
        return;
    }
    emit(CallEvent::referred_replacing(call.id, group, std::move(target), replaced.call,
                                       replaced.leg));
}

std::string B2bua::phone_of(const Call& call, const Leg& leg) const {
    if (&leg == &call.in) {
        return call.from_trunk || call.originated ? "" : call.caller;
    }
    return leg.extension;
}

std::string B2bua::replaces_of(std::string_view headers) {
    // Only the Replaces header of the URI's headers counts (others are not ours to follow).
    std::string value;
    for (std::string_view rest = headers; !rest.empty();) {
        std::string_view header = rest.substr(0, rest.find('&'));
        rest.remove_prefix(std::min(rest.size(), header.size() + 1));
        constexpr std::string_view kKey = "replaces=";
        if (header.size() > kKey.size() &&
            std::equal(kKey.begin(), kKey.end(), header.begin(), [](char a, char b) {
                return a == std::tolower(static_cast<unsigned char>(b));
            })) {
            value = std::string(header.substr(kKey.size()));
        }
    }
    value.resize(std::strlen(url_unescape(value.data(), value.c_str())));
    return value;
}

B2bua::Replaced B2bua::replaced_dialog(const Call& call, const Leg& leg, const std::string& value) {
    // nua finds the dialog by Call-ID and both tags (a phone learns them only by being in it).
    su_home_t home[1] = {SU_HOME_INIT(home)};
    const sip_replaces_t* replaces = sip_replaces_make(home, value.c_str());
    nua_handle_t* found = replaces ? nua_handle_by_replaces(nua_, replaces) : nullptr;
    su_home_deinit(home);
    if (found) {
        nua_handle_unref(found);  // only compared: legs_ holds the dialog's own reference
    }
    auto entry = found ? legs_.find(found) : legs_.end();
    auto other_call = entry != legs_.end() ? calls_.find(entry->second.call) : calls_.end();
    if (other_call == calls_.end() || other_call->first == call.id) {
        return Replaced{0, 0, 481};
    }
    const Call& other = *other_call->second;
    const Leg& named = *entry->second.leg;
    const std::string phone = phone_of(call, leg);
    if (phone.empty() || phone != phone_of(other, named) || !named.alive) {
        // Another phone's call: knowing its tags must not let one phone take it over.
        return Replaced{0, 0, 403};
    }
    return Replaced{other.id, &named == &other.in ? 0 : named.group, 0};
}

void B2bua::notify_refer(Leg& leg, int status) {
    if (leg.refer_event.empty()) {
        return;
    }
    const std::string frag =
        "SIP/2.0 " + std::to_string(status) + " " + sip_status_phrase(status) + "\r\n";
    nua_notify(leg.nh, NUTAG_SUBSTATE(nua_substate_terminated),
               SIPTAG_EVENT_STR(leg.refer_event.c_str()),
               SIPTAG_CONTENT_TYPE_STR("message/sipfrag;version=2.0"),
               SIPTAG_PAYLOAD_STR(frag.c_str()), TAG_END());
    leg.refer_event.clear();
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
