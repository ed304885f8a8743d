#include "sip/b2bua.h"

#include <chrono>
#include <ctime>
#include <set>

#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>

#include "sdp/sdp_session.h"
#include "sip/b2bua_call.h"
#include "sip/sources.h"

namespace markaz::sip {

using namespace b2bua_detail;

B2bua::B2bua(nua_t* nua, LegMedia& media, const LocationService& location,
             const SipSettings& settings, Report report, CallHandler handler)
    : nua_(nua),
      media_(media),
      location_(location),
      settings_(settings),
      report_(std::move(report)),
      handler_(std::move(handler)) {}

void B2bua::emit(CallEvent event) {
    if (handler_.sink) {
        handler_.sink(event);
    }
}

B2bua::~B2bua() {
    // Destroyed after the loop stopped, nua shut down: nua_destroy frees the handles left.
    for (auto& [nh, entry] : legs_) {
        entry.handle.release();
    }
}

void B2bua::track(nua_handle_t* nh, std::uint64_t call, Leg* leg) {
    LegEntry& entry = legs_[nh];
    entry.call = call;
    entry.leg = leg;
    if (!entry.handle.get()) {
        entry.handle = sofia::Handle{nh};
    }
}

sdp::LocalMedia B2bua::local_media(std::uint16_t port) {
    sdp::LocalMedia local;
    local.address = media_.address();
    local.port = port;
    local.session_id = static_cast<std::uint64_t>(std::time(nullptr));
    local.session_version = 1;
    return local;
}

bool B2bua::owns(nua_handle_t* nh) const {
    return legs_.contains(nh);
}

void B2bua::on_invite(nua_handle_t* nh, const sip_t* sip, const std::string& caller,
                      const Trunk* trunk) {
    auto offer = sdp_of(sip);
    if (!offer) {
        // Offerless INVITEs (late offer) are not supported yet; a body we cannot read is 400.
        nua_respond(nh, SIP_488_NOT_ACCEPTABLE, NUTAG_WITH_CURRENT(nua_), TAG_END());
        return;
    }
    auto opened = media_.open(std::nullopt);
    if (!opened) {
        nua_respond(nh, SIP_503_SERVICE_UNAVAILABLE, NUTAG_WITH_CURRENT(nua_), TAG_END());
        return;
    }
    auto answer = sdp::answer_offer(*offer, local_media(opened->port));
    if (!answer) {
        media_.close(opened->id);
        nua_respond(nh, SIP_488_NOT_ACCEPTABLE, NUTAG_WITH_CURRENT(nua_),
                    SIPTAG_WARNING_STR(("399 markaz \"" + answer.error().message + "\"").c_str()),
                    TAG_END());
        return;
    }
    auto call = std::make_unique<Call>();
    call->id = next_call_++;
    call->in = Leg{nh, opened->id, opened->port, answer->session, 1, true};
    call->in.peer_host = host_of(source_of(nua_));
    call->caller_offer = std::move(*offer);
    call->caller = caller;
    call->from_trunk = trunk != nullptr;
    media_.set_remote(opened->id, answer->audio, call->in.peer_host);
    Call& c = *call;
    track(nh, c.id, &c.in);
    calls_[c.id] = std::move(call);

    std::string dialled =
        sip->sip_request->rq_url->url_user ? sip->sip_request->rq_url->url_user : "";
    if (trunk) {
        // The trunk's number mapping: its numbering plan into ours.
        dialled = trunk->add_prefix +
                  dialled.substr(std::min(dialled.size(), static_cast<std::size_t>(trunk->strip)));
    }
    c.dialled = dialled;
    report_(
        SipNotice::Kind::CallStarted, caller,
        "call c" + std::to_string(c.id) + " to " + dialled + (trunk ? " via " + trunk->name : ""));
    if (!handler_.sink) {
        nua_respond(nh, SIP_404_NOT_FOUND, NUTAG_WITH_CURRENT(nua_), TAG_END());
        end_call(c, &c.in);
        return;
    }
    // Where the call goes is the application's decision: it answers, refuses or rings.
    emit(CallEvent::arrived(c.id, caller, dialled, trunk != nullptr, c.in.channel));
}

void B2bua::answer_inbound(Call& call) {
    // Called after the INVITE's callback has returned (the application decided): the handle
    // names the pending request, so no NUTAG_WITH_CURRENT here.
    std::string body = sdp::format_sdp(call.in.our_sdp);
    nua_respond(call.in.nh, SIP_200_OK, SIPTAG_CONTENT_TYPE_STR("application/sdp"),
                SIPTAG_PAYLOAD_STR(body.c_str()), TAG_END());
    call.answered = true;
}

bool B2bua::add_outbound_leg(Call& call, const std::string& uri, const std::string& peer_host,
                             const std::string& to, const std::string& from, const Trunk* trunk,
                             std::uint64_t group) {
    auto opened = media_.open(call.in.channel);
    if (!opened) {
        return false;
    }
    auto leg = std::make_unique<Leg>();
    leg->channel = opened->id;
    leg->port = opened->port;
    leg->trunk = trunk;
    leg->group = group;
    leg->peer_host = peer_host;
    leg->our_sdp = sdp::make_offer(local_media(opened->port));
    std::string body = sdp::format_sdp(leg->our_sdp);
    leg->nh = nua_handle(nua_, nullptr, SIPTAG_TO_STR(to.c_str()), TAG_END());
    track(leg->nh, call.id, leg.get());
    nua_invite(leg->nh, NUTAG_URL(uri.c_str()), SIPTAG_FROM_STR(from.c_str()),
               SIPTAG_CONTENT_TYPE_STR("application/sdp"), SIPTAG_PAYLOAD_STR(body.c_str()),
               TAG_END());
    call.forks.push_back(std::move(leg));
    return true;
}

void B2bua::on_event(nua_event_t event, int status, nua_handle_t* nh, const sip_t* sip,
                     tagi_t tags[]) {
    auto found = legs_.find(nh);
    if (found == legs_.end()) {
        return;
    }
    auto call_it = calls_.find(found->second.call);
    Leg* leg = found->second.leg;
    if (call_it == calls_.end()) {
        if (event == nua_i_state) {
            int state = nua_callstate_init;
            tl_gets(tags, NUTAG_CALLSTATE_REF(state), TAG_END());
            if (state == nua_callstate_terminated) {
                forget(nh);
            }
        }
        return;
    }
    Call& call = *call_it->second;
    switch (event) {
        case nua_r_invite:
            if (!leg->inbound) {
                on_app_response(call, *leg, status, sip);
            }
            break;
        case nua_i_invite:  // a re-INVITE inside the dialog (hold, unhold, new address)
            on_reinvite(call, *leg, sip);
            break;
        case nua_i_info:
            on_info(call, *leg, sip);
            break;
        case nua_i_refer:
            on_refer(call, *leg, sip, tags);
            break;
        case nua_i_cancel:
        case nua_i_bye:
            leg_gone(call, *leg);
            break;
        case nua_i_state: {
            int state = nua_callstate_init;
            tl_gets(tags, NUTAG_CALLSTATE_REF(state), TAG_END());
            if (state == nua_callstate_terminated && leg->alive) {
                leg_gone(call, *leg);
            }
            break;
        }
        default:
            break;
    }
}

bool B2bua::answer_challenge(Leg& leg, int status, const sip_t* sip) {
    if ((status != 401 && status != 407) || !leg.trunk || leg.trunk->username.empty() ||
        leg.authenticated || !sip) {
        return false;
    }
    // The trunk wants credentials: answer its challenge once; nua resends the INVITE.
    const msg_auth_t* challenge =
        status == 401 ? sip->sip_www_authenticate : sip->sip_proxy_authenticate;
    std::string realm;
    for (const char* const* p = challenge ? challenge->au_params : nullptr; p && *p; ++p) {
        std::string_view param{*p};
        if (param.starts_with("realm=")) {
            realm = std::string(param.substr(6));  // keeps the quotes nua expects
        }
    }
    leg.authenticated = true;
    std::string auth = "Digest:" + realm + ":" + leg.trunk->username + ":" + leg.trunk->password;
    nua_authenticate(leg.nh, NUTAG_AUTH(auth.c_str()), TAG_END());
    return true;
}

void B2bua::leg_gone(Call& call, Leg& leg) {
    bool was_alive = leg.alive;
    leg.alive = false;
    if (&leg == &call.in) {
        end_call(call, &leg, CallEvent::Side::Caller);
        return;
    }
    if (&leg == call.connected) {
        end_call(call, &leg, CallEvent::Side::Leg);
        return;
    }
    if (!was_alive) {
        return;  // its end was handled with its final response
    }
    // A leg that never connected: ended without a final response, or answered (a
    // supervisor listening, an agent not connected yet) and hung up.
    release_media(call, leg);
    if (call.dropped_groups.contains(leg.group)) {
        return;
    }
    if (leg.final_status == 200) {
        call.dropped_groups.insert(leg.group);  // its other contacts stopped at its answer
        emit(CallEvent::leg_ended(call.id, leg.group));
        return;
    }
    if (leg.final_status == 0) {
        leg.final_status = 408;
    }
    app_leg_failed(call, leg.group);
}

void B2bua::release_media(Call& call, Leg& leg) {
    if (call.early == &leg) {
        call.early = nullptr;  // closing its channel ends the room the call flow made for it
    }
    if (leg.channel_open) {
        leg.channel_open = false;
        media_.close(leg.channel);
    }
}

void B2bua::end_call(Call& call, Leg* ended_by, CallEvent::Side side, int status) {
    report_(SipNotice::Kind::CallEnded, call.caller, "call c" + std::to_string(call.id));
    if (handler_.sink) {
        emit(CallEvent::ended(call.id, side));
    }
    // Hang up every other leg that is still up, then release the media.
    if (call.in.alive && &call.in != ended_by) {
        call.in.alive = false;
        if (call.answered) {
            nua_bye(call.in.nh, TAG_END());
        } else if (call.originated) {
            nua_cancel(call.in.nh, TAG_END());
        } else {
            nua_respond(call.in.nh, status, sip_status_phrase(status), TAG_END());
        }
    }
    for (auto& fork : call.forks) {
        if (fork.get() == ended_by || !fork->alive) {
            continue;
        }
        fork->alive = false;
        if (fork->final_status == 0) {
            nua_cancel(fork->nh, TAG_END());
        } else {
            nua_bye(fork->nh, TAG_END());  // connected, or answered and not yet connected
        }
    }
    for (auto& fork : call.forks) {
        release_media(call, *fork);
    }
    release_media(call, call.in);
    // The handles stay mapped (to no call) until nua reports each dialog terminated.
    for (auto& [nh, entry] : legs_) {
        if (entry.call == call.id) {
            entry.call = 0;
        }
    }
    calls_.erase(call.id);
}

void B2bua::forget(nua_handle_t* nh) {
    legs_.erase(nh);  // its Handle destroys it
}

void B2bua::hang_up_all() {
    while (!calls_.empty()) {
        end_call(*calls_.begin()->second, nullptr);
    }
}

}  // namespace markaz::sip
