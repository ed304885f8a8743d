// The application's calls (call_control.h): legs the call flow rings, connects, drops and
// originates, and their answers reported back as CallEvents. Routing is the application's;
// this file only carries it out on the dialogs.

#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>

#include "sip/b2bua.h"
#include "sip/b2bua_call.h"
#include "sip/sources.h"

namespace markaz::sip {

using namespace b2bua_detail;

B2bua::Call* B2bua::find_call(CallRef call) {
    auto it = calls_.find(call);
    return it == calls_.end() ? nullptr : it->second.get();
}

void B2bua::answer(CallRef ref) {
    Call* call = find_call(ref);
    if (call && !call->answered && !call->originated) {
        answer_inbound(*call);
    }
}

void B2bua::reject(CallRef ref, int status) {
    Call* call = find_call(ref);
    if (!call) {
        return;
    }
    end_call(*call, nullptr, CallEvent::Side::Server, status);
}

void B2bua::on_app_response(Call& call, Leg& leg, int status, const sip_t* sip) {
    if (status < 200) {
        if ((status == 180 || status == 183) && &leg != &call.in &&
            !call.dropped_groups.contains(leg.group)) {
            pass_progress(call, leg, status, sip);
            if (call.ringing_groups.insert(leg.group).second) {
                emit(CallEvent::ringing(call.id, leg.group));
            }
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
                         ? sdp::accept_answer(leg.our_sdp, *answer_sdp)
                         : Result<sdp::NegotiatedAudio>(fail(Errc::InvalidArgument, "no SDP"));
        bool taken = false;  // another contact of the same leg answered first
        for (const auto& fork : call.forks) {
            taken = taken || (fork.get() != &leg && fork->group == leg.group &&
                              fork->final_status == 200 && fork->alive);
        }
        if (!audio || dropped || taken || !leg.alive) {
            nua_bye(leg.nh, TAG_END());
            leg.final_status = audio ? 487 : 488;
            leg.alive = false;
            release_media(call, leg);
            if (&leg == &call.in) {
                emit(CallEvent::failed(call.id, 0, 488));
                end_call(call, &leg);
            } else if (!dropped && !taken) {
                app_leg_failed(call, leg.group);
            }
            return;
        }
        leg.final_status = 200;
        media_.set_remote(leg.channel, *audio, leg.peer_host);
        std::uint64_t answered_leg = leg.group;
        if (&leg == &call.in) {
            call.answered = true;
            answered_leg = 0;
        } else {
            for (auto& fork : call.forks) {  // the other contacts of this agent stop ringing
                if (fork.get() != &leg && fork->group == leg.group && fork->final_status == 0) {
                    fork->final_status = 487;
                    fork->alive = false;
                    nua_cancel(fork->nh, TAG_END());
                    release_media(call, *fork);
                }
            }
        }
        emit(CallEvent::answered(call.id, answered_leg, leg.channel));
        return;
    }
    leg.final_status = status;
    leg.alive = false;
    release_media(call, leg);
    if (&leg == &call.in) {
        emit(CallEvent::failed(call.id, 0, status));
        end_call(call, &leg);
        return;
    }
    if (!dropped) {
        app_leg_failed(call, leg.group);
    }
}

void B2bua::pass_progress(Call& call, Leg& leg, int status, const sip_t* sip) {
    if (call.answered || call.originated) {
        return;
    }
    if (status == 183 && !call.early) {
        if (auto sdp = sdp_of(sip)) {
            if (auto audio = sdp::accept_answer(leg.our_sdp, *sdp)) {
                // Early media (announcements, ringback from a carrier or a PBX): the caller
                // gets our SDP in a 183, and the call flow bridges the two channels.
                call.early = &leg;
                media_.set_remote(leg.channel, *audio, leg.peer_host);
                std::string body = sdp::format_sdp(call.in.our_sdp);
                nua_respond(call.in.nh, SIP_183_SESSION_PROGRESS,
                            SIPTAG_CONTENT_TYPE_STR("application/sdp"),
                            SIPTAG_PAYLOAD_STR(body.c_str()), TAG_END());
                emit(CallEvent::early_media(call.id, leg.group, leg.channel));
                return;
            }
        }
    }
    if (!call.ringing_sent) {
        call.ringing_sent = true;
        nua_respond(call.in.nh, SIP_180_RINGING, TAG_END());
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
    emit(CallEvent::failed(call.id, group, status));
}

bool B2bua::ring_uri(Call& call, std::uint64_t group, const std::string& uri,
                     const std::string& peer_host, const std::string& to, const std::string& caller,
                     const Trunk* trunk, std::chrono::steady_clock::time_point since) {
    // The phone rung shows who calls: the caller's number, at Markaz.
    std::string from = "<sip:" + caller + "@" + settings_.address + ">";
    if (!add_outbound_leg(call, uri, peer_host, to, from, trunk, group)) {
        return false;
    }
    if (routing_ms_.size() < 10'000'000) {
        routing_ms_.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
                .count());
    }
    return true;
}

void B2bua::ring(CallRef ref, std::uint64_t leg, const std::string& extension,
                 const std::string& caller, std::chrono::steady_clock::time_point since) {
    Call* call = find_call(ref);
    if (!call) {
        return;
    }
    std::string to = "<sip:" + extension + "@" + settings_.address + ">";
    bool any = false;
    for (const auto& binding : location_.lookup(extension, steady_now())) {
        if (ring_uri(*call, leg, binding.contact, host_of(binding.source), to, caller, nullptr,
                     since)) {
            call->forks.back()->extension = extension;  // whose dialogs its REFERs may name
            any = true;
        }
    }
    if (!any) {
        // Known but not registered: temporarily unavailable, as RFC 3261 §21.4.18 says.
        call->dropped_groups.insert(leg);
        emit(CallEvent::failed(ref, leg, 480));
    }
}

void B2bua::ring_trunk(CallRef ref, std::uint64_t leg, const std::string& trunk,
                       const std::string& number, const std::string& caller,
                       std::chrono::steady_clock::time_point since) {
    Call* call = find_call(ref);
    if (!call) {
        return;
    }
    for (const Trunk& out : settings_.trunks) {
        if ((trunk.empty() || out.name == trunk) && !out.target.empty()) {
            std::string uri = "sip:" + number + "@" + out.target;
            if (ring_uri(*call, leg, uri, host_of_target(out.target), "<" + uri + ">", caller, &out,
                         since)) {
                return;
            }
            break;
        }
    }
    call->dropped_groups.insert(leg);
    emit(CallEvent::failed(ref, leg, 503));
}

void B2bua::drop_leg(CallRef ref, std::uint64_t leg) {
    Call* call = find_call(ref);
    if (!call) {
        return;
    }
    call->dropped_groups.insert(leg);
    for (auto& fork : call->forks) {
        if (fork->group != leg || !fork->alive) {
            continue;
        }
        if (fork.get() == call->connected) {
            call->connected = nullptr;  // the call goes on without it (a transfer)
        }
        fork->alive = false;
        if (fork->final_status == 0) {
            fork->final_status = 487;
            nua_cancel(fork->nh, TAG_END());
        } else {
            notify_refer(*fork, 200);  // dropped after its REFER: the transfer was made
            nua_bye(fork->nh, TAG_END());
        }
        release_media(*call, *fork);
    }
}

void B2bua::connect_leg(CallRef ref, std::uint64_t leg) {
    Call* call = find_call(ref);
    if (!call) {
        return;
    }
    for (auto& fork : call->forks) {
        if (fork->group == leg && fork->alive && fork->final_status == 200) {
            if (!call->answered && !call->originated) {
                answer_inbound(*call);  // the caller was hearing the phone ring
            }
            call->connected = fork.get();
            call->early = nullptr;
            return;
        }
    }
}

void B2bua::release_leg(CallRef ref, std::uint64_t leg) {
    Call* call = find_call(ref);
    if (call && call->connected && call->connected->group == leg) {
        call->connected = nullptr;
    }
}

void B2bua::move_leg(CallRef from_ref, std::uint64_t leg, CallRef to_ref, std::uint64_t as) {
    Call* from = find_call(from_ref);
    Call* to = find_call(to_ref);
    if (!from || !to || from == to) {
        return;
    }
    for (auto it = from->forks.begin(); it != from->forks.end();) {
        if ((*it)->group != leg) {
            ++it;
            continue;
        }
        Leg& moved = **it;
        if (from->connected == &moved) {
            from->connected = nullptr;
        }
        if (from->early == &moved) {
            from->early = nullptr;
        }
        moved.group = as;
        if (auto entry = legs_.find(moved.nh); entry != legs_.end()) {
            entry->second.call = to->id;  // its dialog's events now belong to `to`
        }
        to->forks.push_back(std::move(*it));
        it = from->forks.erase(it);
    }
    from->dropped_groups.insert(leg);
}

void B2bua::answer_refer(CallRef ref, std::uint64_t leg, int status) {
    Call* call = find_call(ref);
    if (!call) {
        return;
    }
    if (leg == 0) {
        notify_refer(call->in, status);
        return;
    }
    for (auto& fork : call->forks) {
        if (fork->group == leg && fork->alive) {
            notify_refer(*fork, status);
        }
    }
}

void B2bua::hang_up(CallRef ref) {
    if (Call* call = find_call(ref)) {
        end_call(*call, nullptr, CallEvent::Side::Server);
    }
}

void B2bua::originate(std::uint64_t tag, const std::string& number, const std::string& caller_id) {
    std::string uri;
    std::string peer_host;
    const Trunk* trunk = nullptr;
    if (auto contacts = location_.lookup(number, steady_now()); !contacts.empty()) {
        uri = contacts.front().contact;
        peer_host = host_of(contacts.front().source);
    } else {
        for (const Trunk& t : settings_.trunks) {
            if (!t.target.empty()) {
                trunk = &t;
                uri = "sip:" + number + "@" + t.target;
                peer_host = host_of_target(t.target);
                break;
            }
        }
    }
    auto call = std::make_unique<Call>();
    call->id = next_call_++;
    call->originated = true;
    call->caller = caller_id;
    call->dialled = number;
    Call& c = *call;
    calls_[c.id] = std::move(call);
    emit(CallEvent::originated(c.id, tag));
    auto opened = uri.empty()
                      ? Result<LegMedia::Opened>(fail(Errc::NotFound, "no route to " + number))
                      : media_.open(std::nullopt);
    if (!opened) {
        c.in.alive = false;
        c.in.channel_open = false;
        emit(CallEvent::failed(c.id, 0, uri.empty() ? 404 : 503));
        end_call(c, &c.in);
        return;
    }
    c.in.channel = opened->id;
    c.in.port = opened->port;
    c.in.trunk = trunk;
    c.in.peer_host = peer_host;
    c.in.our_sdp = sdp::make_offer(local_media(opened->port));
    std::string body = sdp::format_sdp(c.in.our_sdp);
    std::string from = "<sip:" + caller_id + "@" + settings_.address + ">";
    std::string to = trunk ? "<" + uri + ">" : "<sip:" + number + "@" + settings_.address + ">";
    c.in.nh = nua_handle(nua_, nullptr, SIPTAG_TO_STR(to.c_str()), TAG_END());
    track(c.in.nh, c.id, &c.in);
    report_(SipNotice::Kind::CallStarted, caller_id,
            "call c" + std::to_string(c.id) + " to " + number + " (originated)");
    nua_invite(c.in.nh, NUTAG_URL(uri.c_str()), SIPTAG_FROM_STR(from.c_str()),
               SIPTAG_CONTENT_TYPE_STR("application/sdp"), SIPTAG_PAYLOAD_STR(body.c_str()),
               TAG_END());
}

}  // namespace markaz::sip
