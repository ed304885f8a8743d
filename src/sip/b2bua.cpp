#include "sip/b2bua.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>

#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>

#include "media/dtmf_event.h"
#include "media/sdp_session.h"

namespace markaz::sip {

namespace {

SteadyTime steady_now() {
    return std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now());
}

std::optional<media::SdpSession> sdp_of(const sip_t* sip) {
    if (!sip || !sip->sip_payload || !sip->sip_payload->pl_data) {
        return std::nullopt;
    }
    auto parsed =
        media::parse_sdp(std::string_view(sip->sip_payload->pl_data, sip->sip_payload->pl_len));
    if (!parsed) {
        return std::nullopt;
    }
    return std::move(*parsed);
}

media::RemoteMedia remote_of(const media::NegotiatedAudio& audio) {
    return media::RemoteMedia{audio.remote_address,
                              audio.remote_port,
                              audio.codec,
                              audio.payload_type,
                              audio.telephone_event_payload_type,
                              audio.sends() && audio.remote_address != "0.0.0.0",
                              audio.receives(),
                              audio.ptime_ms};
}

/// "recordings/20261123-104512-c7.wav": sortable by time, unique per call.
std::string recording_path(const std::string& dir, std::uint64_t call) {
    auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
    return dir + "/" + utc_text(now, "%Y%m%d-%H%M%S") + "-c" + std::to_string(call) + ".wav";
}

}  // namespace

struct B2bua::Leg {
    nua_handle_t* nh = nullptr;
    media::ChannelId channel{};
    std::uint16_t port = 0;
    media::SdpSession our_sdp;  ///< our offer (outbound) or answer (inbound)
    std::uint64_t sdp_version = 1;
    bool inbound = false;
    bool alive = true;             ///< the dialog is not over
    int final_status = 0;          ///< outbound: the final answer it got
    const Trunk* trunk = nullptr;  ///< outbound through a trunk (its credentials)
    bool authenticated = false;    ///< already answered the trunk's challenge once
    std::uint64_t group = 0;       ///< the application's leg number (its contacts share it)
    bool channel_open = true;
    bool holding = false;  ///< its last offer stopped our audio to it (it holds its peer)
};

struct B2bua::Call {
    std::uint64_t id = 0;
    std::string caller;  ///< the calling extension
    std::string dialled;
    Leg in;
    media::SdpSession caller_offer;
    std::vector<std::unique_ptr<Leg>> forks;
    Leg* connected = nullptr;  ///< the outbound leg that answered
    Leg* early = nullptr;      ///< the outbound leg whose early media the caller hears
    bool answered = false;
    bool ringing_sent = false;
    std::string recording;
    bool app = false;                        ///< steered by the application (call_control.h)
    bool originated = false;                 ///< `in` is our own INVITE to the customer
    std::set<std::uint64_t> ringing_groups;  ///< LegRinging already reported
    std::set<std::uint64_t> dropped_groups;  ///< no more events for these
};

B2bua::B2bua(nua_t* nua, media::MediaEngine& media, const LocationService& location,
             const SipSettings& settings, Sounds sounds, Report report, CallHandler handler)
    : nua_(nua),
      media_(media),
      location_(location),
      settings_(settings),
      sounds_(std::move(sounds)),
      report_(std::move(report)),
      handler_(std::move(handler)) {}

void B2bua::emit(CallEvent event) {
    if (handler_.sink) {
        handler_.sink(event);
    }
}

B2bua::Call* B2bua::app_call(CallRef call) {
    auto it = calls_.find(call);
    return it == calls_.end() || !it->second->app ? nullptr : it->second.get();
}

B2bua::~B2bua() = default;

media::LocalMedia B2bua::local_media(std::uint16_t port) {
    media::LocalMedia local;
    local.address = media_.settings().address;
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
    auto opened = media_.open_channel();
    if (!opened) {
        nua_respond(nh, SIP_503_SERVICE_UNAVAILABLE, NUTAG_WITH_CURRENT(nua_), TAG_END());
        return;
    }
    auto answer = media::answer_offer(*offer, local_media(opened->port));
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
    call->caller_offer = std::move(*offer);
    call->caller = caller;
    media_.set_remote(opened->id, remote_of(answer->audio));
    Call& c = *call;
    legs_[nh] = {c.id, &c.in};
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
    if (dialled == settings_.echo_number) {
        answer_inbound(c);
        media_.echo(c.in.channel);
        return;
    }
    if (dialled == settings_.loop_number && sounds_.loop_prompt) {
        answer_inbound(c);
        media_.play(c.in.channel, sounds_.loop_prompt, true);
        return;
    }
    if (handler_.handles && handler_.handles(dialled)) {
        answer_inbound(c);
        c.app = true;
        CallEvent arrived{CallEvent::Kind::Arrived, c.id};
        arrived.caller = caller;
        arrived.dialled = dialled;
        arrived.from_trunk = trunk != nullptr;
        arrived.channel = c.in.channel;
        emit(std::move(arrived));
        return;
    }
    if (settings_.extensions.contains(dialled) && dialled != caller) {
        fork_to_extension(c, dialled, caller);
        return;
    }
    // Calls from extensions may go out through a trunk by its dial prefix (never a call that
    // came in from a trunk: Markaz is not an open relay).
    for (const Trunk& out : settings_.trunks) {
        if (!trunk && !out.target.empty() && !out.dial_prefix.empty() &&
            dialled.size() > out.dial_prefix.size() && dialled.starts_with(out.dial_prefix)) {
            dial_out(c, out, dialled.substr(out.dial_prefix.size()), caller);
            return;
        }
    }
    nua_respond(nh, SIP_404_NOT_FOUND, NUTAG_WITH_CURRENT(nua_), TAG_END());
    end_call(c, nullptr);
}

void B2bua::answer_inbound(Call& call) {
    std::string body = media::format_sdp(call.in.our_sdp);
    nua_respond(call.in.nh, SIP_200_OK, NUTAG_WITH_CURRENT(nua_),
                SIPTAG_CONTENT_TYPE_STR("application/sdp"), SIPTAG_PAYLOAD_STR(body.c_str()),
                TAG_END());
    call.answered = true;
}

void B2bua::fork_to_extension(Call& call, const std::string& extension, const std::string& caller) {
    auto contacts = location_.lookup(extension, steady_now());
    if (contacts.empty()) {
        // Known but not registered: temporarily unavailable, as RFC 3261 §21.4.18 says.
        nua_respond(call.in.nh, SIP_480_TEMPORARILY_UNAVAILABLE, NUTAG_WITH_CURRENT(nua_),
                    TAG_END());
        end_call(call, nullptr);
        return;
    }
    // The callee's phone shows who calls: the caller's number, at Markaz.
    std::string from = "<sip:" + caller + "@" + settings_.address + ">";
    std::string to = "<sip:" + extension + "@" + settings_.address + ">";
    for (const auto& binding : contacts) {
        add_outbound_leg(call, binding.contact, to, from, nullptr);
    }
    if (call.forks.empty()) {
        nua_respond(call.in.nh, SIP_503_SERVICE_UNAVAILABLE, NUTAG_WITH_CURRENT(nua_), TAG_END());
        end_call(call, nullptr);
    }
}

void B2bua::dial_out(Call& call, const Trunk& trunk, const std::string& number,
                     const std::string& caller) {
    std::string uri = "sip:" + number + "@" + trunk.target;
    std::string from = "<sip:" + caller + "@" + settings_.address + ">";
    if (!add_outbound_leg(call, uri, "<" + uri + ">", from, &trunk)) {
        nua_respond(call.in.nh, SIP_503_SERVICE_UNAVAILABLE, NUTAG_WITH_CURRENT(nua_), TAG_END());
        end_call(call, nullptr);
    }
}

bool B2bua::add_outbound_leg(Call& call, const std::string& uri, const std::string& to,
                             const std::string& from, const Trunk* trunk, std::uint64_t group) {
    auto opened = media_.open_channel(call.in.channel);
    if (!opened) {
        return false;
    }
    auto leg = std::make_unique<Leg>();
    leg->channel = opened->id;
    leg->port = opened->port;
    leg->trunk = trunk;
    leg->group = group;
    leg->our_sdp = media::make_offer(local_media(opened->port));
    std::string body = media::format_sdp(leg->our_sdp);
    leg->nh = nua_handle(nua_, nullptr, SIPTAG_TO_STR(to.c_str()), TAG_END());
    legs_[leg->nh] = {call.id, leg.get()};
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
    auto call_it = calls_.find(found->second.first);
    Leg* leg = found->second.second;
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
            if (call.app && !leg->inbound) {
                on_app_response(call, *leg, status, sip);
            } else if (!leg->inbound) {
                on_outbound_response(call, *leg, status, sip);
            }
            break;
        case nua_i_invite:  // a re-INVITE inside the dialog (hold, unhold, new address)
            on_reinvite(call, *leg, sip);
            break;
        case nua_i_info:
            on_info(call, *leg, sip);
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

void B2bua::on_outbound_response(Call& call, Leg& leg, int status, const sip_t* sip) {
    if (status == 183 && !call.answered && !call.early) {
        if (auto sdp = sdp_of(sip)) {
            if (auto audio = media::accept_answer(leg.our_sdp, *sdp)) {
                // Early media (announcements, ringback from a carrier or a PBX): the caller
                // hears this leg before anyone answers, through the same bridge.
                call.early = &leg;
                media_.set_remote(leg.channel, remote_of(*audio));
                media_.bridge(call.in.channel, leg.channel, std::nullopt);
                std::string body = media::format_sdp(call.in.our_sdp);
                nua_respond(call.in.nh, SIP_183_SESSION_PROGRESS,
                            SIPTAG_CONTENT_TYPE_STR("application/sdp"),
                            SIPTAG_PAYLOAD_STR(body.c_str()), TAG_END());
                return;
            }
        }
    }
    if (status == 180 || status == 183) {
        if (!call.ringing_sent && !call.answered) {
            call.ringing_sent = true;
            nua_respond(call.in.nh, SIP_180_RINGING, TAG_END());
        }
        return;
    }
    if (status >= 200 && status < 300) {
        if (call.answered) {
            nua_bye(leg.nh, TAG_END());  // a second phone answered too late
            return;
        }
        connect(call, leg, sip);
        return;
    }
    if (answer_challenge(leg, status, sip)) {
        return;
    }
    if (status >= 300) {
        leg.final_status = status;
        leg.alive = false;
        if (call.early == &leg) {
            call.early = nullptr;
            media_.unbridge(call.in.channel);
        }
        bool any_left = false;
        bool busy = false;
        bool declined = false;
        for (const auto& fork : call.forks) {
            any_left = any_left || fork->final_status == 0;
            busy = busy || fork->final_status == 486;
            declined = declined || fork->final_status == 603;
        }
        if (!any_left && !call.answered) {
            if (busy) {
                nua_respond(call.in.nh, SIP_486_BUSY_HERE, TAG_END());
            } else if (declined) {
                nua_respond(call.in.nh, SIP_603_DECLINE, TAG_END());
            } else {
                nua_respond(call.in.nh, SIP_480_TEMPORARILY_UNAVAILABLE, TAG_END());
            }
            end_call(call, nullptr);
        }
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

void B2bua::on_app_response(Call& call, Leg& leg, int status, const sip_t* sip) {
    if (status < 200) {
        if ((status == 180 || status == 183) && &leg != &call.in &&
            !call.dropped_groups.contains(leg.group) &&
            call.ringing_groups.insert(leg.group).second) {
            emit(CallEvent{CallEvent::Kind::LegRinging, call.id, leg.group});
        }
        return;
    }
    if (answer_challenge(leg, status, sip)) {
        return;
    }
    bool dropped = &leg != &call.in && call.dropped_groups.contains(leg.group);
    if (status < 300) {
        auto answer_sdp = sdp_of(sip);
        auto audio = answer_sdp
                         ? media::accept_answer(leg.our_sdp, *answer_sdp)
                         : Result<media::NegotiatedAudio>(fail(Errc::InvalidArgument, "no SDP"));
        bool taken = false;  // another contact of the same leg answered first
        for (const auto& fork : call.forks) {
            taken = taken || (fork.get() != &leg && fork->group == leg.group &&
                              fork->final_status == 200 && fork->alive);
        }
        if (!audio || dropped || taken || !leg.alive) {
            nua_bye(leg.nh, TAG_END());
            leg.final_status = audio ? 487 : 488;
            leg.alive = false;
            release_media(leg);
            if (&leg == &call.in) {
                emit(CallEvent{CallEvent::Kind::LegFailed, call.id, 0, {}, {}, false, {}, 488});
                end_call(call, &leg);
            } else if (!dropped && !taken) {
                app_leg_failed(call, leg.group);
            }
            return;
        }
        leg.final_status = 200;
        media_.set_remote(leg.channel, remote_of(*audio));
        CallEvent answered{CallEvent::Kind::LegAnswered, call.id, leg.group};
        answered.channel = leg.channel;
        if (&leg == &call.in) {
            call.answered = true;
            answered.leg = 0;
        } else {
            for (auto& fork : call.forks) {  // the other contacts of this agent stop ringing
                if (fork.get() != &leg && fork->group == leg.group && fork->final_status == 0) {
                    fork->final_status = 487;
                    fork->alive = false;
                    nua_cancel(fork->nh, TAG_END());
                    release_media(*fork);
                }
            }
        }
        emit(std::move(answered));
        return;
    }
    leg.final_status = status;
    leg.alive = false;
    release_media(leg);
    if (&leg == &call.in) {
        emit(CallEvent{CallEvent::Kind::LegFailed, call.id, 0, {}, {}, false, {}, status});
        end_call(call, &leg);
        return;
    }
    if (!dropped) {
        app_leg_failed(call, leg.group);
    }
}

void B2bua::app_leg_failed(Call& call, std::uint64_t group) {
    int status = 0;
    for (const auto& fork : call.forks) {
        if (fork->group != group) {
            continue;
        }
        if (fork->alive) {
            return;  // another contact still rings or talks
        }
        // Busy or declined on any contact says more than a timeout on another.
        if (status != 486 && status != 603) {
            status = fork->final_status;
        }
    }
    call.dropped_groups.insert(group);
    emit(CallEvent{CallEvent::Kind::LegFailed, call.id, group, {}, {}, false, {}, status});
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
    // A leg that never connected: ended without a final response, or answered and hung up
    // before it was connected.
    if (leg.final_status == 0 || leg.final_status == 200) {
        leg.final_status = leg.final_status == 0 ? 408 : 487;
    }
    release_media(leg);
    if (call.app) {
        if (!call.dropped_groups.contains(leg.group)) {
            app_leg_failed(call, leg.group);
        }
        return;
    }
    on_outbound_response(call, leg, leg.final_status, nullptr);
}

void B2bua::release_media(Leg& leg) {
    if (leg.channel_open) {
        leg.channel_open = false;
        media_.close(leg.channel);
    }
}

void B2bua::ring(CallRef ref, std::uint64_t leg, const std::string& extension,
                 const std::string& caller, std::chrono::steady_clock::time_point since) {
    Call* call = app_call(ref);
    if (!call) {
        return;
    }
    // The agent's phone shows who calls: the caller's number, at Markaz.
    std::string from = "<sip:" + caller + "@" + settings_.address + ">";
    std::string to = "<sip:" + extension + "@" + settings_.address + ">";
    bool any = false;
    for (const auto& binding : location_.lookup(extension, steady_now())) {
        any = add_outbound_leg(*call, binding.contact, to, from, nullptr, leg) || any;
    }
    if (!any && !settings_.extensions.contains(extension)) {
        // Not one of ours: a customer's number, through the first trunk that dials out.
        for (const Trunk& trunk : settings_.trunks) {
            if (!trunk.target.empty()) {
                std::string uri = "sip:" + extension + "@" + trunk.target;
                any = add_outbound_leg(*call, uri, "<" + uri + ">", from, &trunk, leg);
                break;
            }
        }
    }
    if (any && routing_ms_.size() < 10'000'000) {
        routing_ms_.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
                .count());
    }
    if (!any) {
        call->dropped_groups.insert(leg);
        emit(CallEvent{CallEvent::Kind::LegFailed, ref, leg, {}, {}, false, {}, 480});
    }
}

void B2bua::drop_leg(CallRef ref, std::uint64_t leg) {
    Call* call = app_call(ref);
    if (!call) {
        return;
    }
    call->dropped_groups.insert(leg);
    for (auto& fork : call->forks) {
        if (fork->group != leg || !fork->alive || fork.get() == call->connected) {
            continue;
        }
        fork->alive = false;
        if (fork->final_status == 0) {
            fork->final_status = 487;
            nua_cancel(fork->nh, TAG_END());
        } else {
            nua_bye(fork->nh, TAG_END());
        }
        release_media(*fork);
    }
}

void B2bua::connect_leg(CallRef ref, std::uint64_t leg, std::optional<std::string> recording) {
    Call* call = app_call(ref);
    if (!call) {
        return;
    }
    for (auto& fork : call->forks) {
        if (fork->group == leg && fork->alive && fork->final_status == 200) {
            if (call->connected) {
                media_.unbridge(call->in.channel);
            }
            call->connected = fork.get();
            if (recording) {
                std::error_code ignored;
                std::filesystem::create_directories(std::filesystem::path(*recording).parent_path(),
                                                    ignored);
                call->recording = *recording;
            }
            media_.bridge(call->in.channel, fork->channel, std::move(recording));
            return;
        }
    }
}

void B2bua::hang_up(CallRef ref) {
    if (Call* call = app_call(ref)) {
        end_call(*call, nullptr, CallEvent::Side::Server);
    }
}

void B2bua::originate(std::uint64_t tag, const std::string& number, const std::string& caller_id) {
    std::string uri;
    const Trunk* trunk = nullptr;
    if (auto contacts = location_.lookup(number, steady_now()); !contacts.empty()) {
        uri = contacts.front().contact;
    } else {
        for (const Trunk& t : settings_.trunks) {
            if (!t.target.empty()) {
                trunk = &t;
                uri = "sip:" + number + "@" + t.target;
                break;
            }
        }
    }
    auto call = std::make_unique<Call>();
    call->id = next_call_++;
    call->app = true;
    call->originated = true;
    call->caller = caller_id;
    call->dialled = number;
    Call& c = *call;
    calls_[c.id] = std::move(call);
    emit(CallEvent{CallEvent::Kind::Originated, c.id, tag});
    auto opened =
        uri.empty()
            ? Result<media::MediaEngine::Opened>(fail(Errc::NotFound, "no route to " + number))
            : media_.open_channel();
    if (!opened) {
        c.in.alive = false;
        c.in.channel_open = false;
        emit(CallEvent{
            CallEvent::Kind::LegFailed, c.id, 0, {}, {}, false, {}, uri.empty() ? 404 : 503});
        end_call(c, &c.in);
        return;
    }
    c.in.channel = opened->id;
    c.in.port = opened->port;
    c.in.trunk = trunk;
    c.in.our_sdp = media::make_offer(local_media(opened->port));
    std::string body = media::format_sdp(c.in.our_sdp);
    std::string from = "<sip:" + caller_id + "@" + settings_.address + ">";
    std::string to = trunk ? "<" + uri + ">" : "<sip:" + number + "@" + settings_.address + ">";
    c.in.nh = nua_handle(nua_, nullptr, SIPTAG_TO_STR(to.c_str()), TAG_END());
    legs_[c.in.nh] = {c.id, &c.in};
    report_(SipNotice::Kind::CallStarted, caller_id,
            "call c" + std::to_string(c.id) + " to " + number + " (originated)");
    nua_invite(c.in.nh, NUTAG_URL(uri.c_str()), SIPTAG_FROM_STR(from.c_str()),
               SIPTAG_CONTENT_TYPE_STR("application/sdp"), SIPTAG_PAYLOAD_STR(body.c_str()),
               TAG_END());
}

void B2bua::connect(Call& call, Leg& winner, const sip_t* sip) {
    auto answer_sdp = sdp_of(sip);
    auto audio = answer_sdp ? media::accept_answer(winner.our_sdp, *answer_sdp)
                            : Result<media::NegotiatedAudio>(fail(Errc::InvalidArgument, "no SDP"));
    if (!audio) {
        nua_bye(winner.nh, TAG_END());
        winner.final_status = 488;
        return;
    }
    call.answered = true;
    call.connected = &winner;
    winner.final_status = 200;
    media_.set_remote(winner.channel, remote_of(*audio));
    for (auto& fork : call.forks) {
        if (fork.get() != &winner && fork->final_status == 0) {
            nua_cancel(fork->nh, TAG_END());
        }
    }
    std::string body = media::format_sdp(call.in.our_sdp);
    nua_respond(call.in.nh, SIP_200_OK, SIPTAG_CONTENT_TYPE_STR("application/sdp"),
                SIPTAG_PAYLOAD_STR(body.c_str()), TAG_END());
    std::optional<std::string> recording;
    if (!settings_.recordings_dir.empty()) {
        std::error_code ignored;
        std::filesystem::create_directories(settings_.recordings_dir, ignored);
        call.recording = recording_path(settings_.recordings_dir, call.id);
        recording = call.recording;
    }
    if (call.early == &winner) {
        // Already bridged for its early media: the recording starts with the answer.
        if (recording) {
            media_.record(call.in.channel, *recording);
        }
        return;
    }
    if (call.early) {
        media_.unbridge(call.in.channel);  // another phone's early media gives way
    }
    media_.bridge(call.in.channel, winner.channel, recording);
}

void B2bua::on_reinvite(Call& call, Leg& leg, const sip_t* sip) {
    auto offer = sdp_of(sip);
    if (!offer) {
        nua_respond(leg.nh, SIP_488_NOT_ACCEPTABLE, NUTAG_WITH_CURRENT(nua_), TAG_END());
        return;
    }
    media::LocalMedia local = local_media(leg.port);
    local.session_version = ++leg.sdp_version;
    auto answer = media::answer_offer(*offer, local);
    if (!answer) {
        nua_respond(leg.nh, SIP_488_NOT_ACCEPTABLE, NUTAG_WITH_CURRENT(nua_), TAG_END());
        return;
    }
    leg.our_sdp = answer->session;
    media_.set_remote(leg.channel, remote_of(answer->audio));
    // A leg that stops receiving from us (sendonly, inactive, c=0.0.0.0) has put the other
    // party on hold: they hear music until it takes them back. The application's calls are
    // told (Held, Resumed) and play the music themselves.
    bool holding = !answer->audio.sends();
    if (call.app && holding != leg.holding) {
        leg.holding = holding;
        emit(CallEvent{holding ? CallEvent::Kind::Held : CallEvent::Kind::Resumed, call.id,
                       &leg == &call.in ? 0 : leg.group});
    }
    Leg* other = leg.inbound ? call.connected : &call.in;
    if (!call.app && other && call.connected) {
        if (!answer->audio.sends() && sounds_.music_on_hold) {
            media_.play(other->channel, sounds_.music_on_hold, true);
        } else if (answer->audio.sends()) {
            media_.stop_playing(other->channel);
        }
    }
    std::string body = media::format_sdp(answer->session);
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
    auto digit = media::parse_sip_info_dtmf(
        sip->sip_content_type->c_type ? sip->sip_content_type->c_type : "",
        std::string_view(sip->sip_payload->pl_data, sip->sip_payload->pl_len));
    if (digit && call.app) {
        CallEvent pressed{CallEvent::Kind::Digit, call.id, &leg == &call.in ? 0 : leg.group};
        pressed.digit = digit->digit;
        emit(std::move(pressed));
    }
    if (digit) {
        report_(SipNotice::Kind::Dtmf, party(call, leg),
                std::string("digit ") + digit->digit + " (sip-info) in call c" +
                    std::to_string(call.id));
    }
}

void B2bua::on_media_event(const media::MediaEvent& event) {
    if (event.kind == media::MediaEvent::Kind::PlayFinished) {
        return;  // the B2BUA's own sounds loop
    }
    for (auto& [id, call] : calls_) {
        std::vector<Leg*> legs{&call->in};
        for (auto& fork : call->forks) {
            legs.push_back(fork.get());
        }
        for (Leg* leg : legs) {
            if (leg->channel != event.channel) {
                continue;
            }
            if (event.kind == media::MediaEvent::Kind::Dtmf) {
                report_(SipNotice::Kind::Dtmf, party(*call, *leg),
                        std::string("digit ") + event.digit + " (" +
                            std::string(media::to_string(event.source)) + ") in call c" +
                            std::to_string(call->id));
            } else {
                end_call(*call, nullptr);  // the peer's media died: hang both sides up
            }
            return;
        }
    }
}

void B2bua::end_call(Call& call, Leg* ended_by, CallEvent::Side side) {
    report_(SipNotice::Kind::CallEnded, call.caller,
            "call c" + std::to_string(call.id) +
                (call.recording.empty() ? "" : ", recorded in " + call.recording));
    if (call.app) {
        CallEvent ended{CallEvent::Kind::Ended, call.id};
        ended.ended_by = side;
        emit(std::move(ended));
    }
    // Hang up every other leg that is still up, then release the media.
    if (call.in.alive && &call.in != ended_by) {
        call.in.alive = false;
        if (call.answered) {
            nua_bye(call.in.nh, TAG_END());
        } else if (call.originated) {
            nua_cancel(call.in.nh, TAG_END());
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
    release_media(call.in);
    for (auto& fork : call.forks) {
        release_media(*fork);
    }
    // The handles stay mapped (to no call) until nua reports each dialog terminated.
    for (auto& [nh, entry] : legs_) {
        if (entry.first == call.id) {
            entry.first = 0;
        }
    }
    calls_.erase(call.id);
}

void B2bua::forget(nua_handle_t* nh) {
    legs_.erase(nh);
    nua_handle_destroy(nh);
}

void B2bua::hang_up_all() {
    while (!calls_.empty()) {
        end_call(*calls_.begin()->second, nullptr);
    }
}

}  // namespace markaz::sip
