// The legs of a call: an agent's phone answering or failing, the call ending, its record.

#include <fmt/format.h>

#include "app/call.h"
#include "app/switchboard.h"

namespace markaz::app {

namespace {

/// "recordings/20261123-104512-mk3x9a-7.wav": sortable by time, named by the call; sealed
/// (encrypted at rest) ones end in ".wav.sealed", so nobody takes them for playable files.
std::string recording_path(const std::string& dir, WallTime at, const CallId& call, bool sealed) {
    return dir + "/" + utc_text(at, "%Y%m%d-%H%M%S") + "-" + call.str() +
           (sealed ? ".wav.sealed" : ".wav");
}

acd::OfferFailure offer_failure(int status) {
    switch (status) {
        case 486:
        case 600:
            return acd::OfferFailure::Busy;
        case 603:
            return acd::OfferFailure::Rejected;
        case 404:
        case 480:
        case 503:
            return acd::OfferFailure::Unreachable;
        default:
            return acd::OfferFailure::NoAnswer;
    }
}

acd::DialOutcome dial_outcome(int status) {
    switch (status) {
        case 486:
        case 600:
            return acd::DialOutcome::Busy;
        case 408:
        case 480:
        case 487:
            return acd::DialOutcome::NoAnswer;
        default:
            return acd::DialOutcome::Failed;
    }
}

}  // namespace

void Switchboard::leg_answered(Call& call, const sip::CallEvent& event, Now now) {
    if (call.in<stage::RingingAgent>() && event.leg == 0) {
        // The agent took the callback: the router has the customer dialled (DialCallback).
        call.channel = event.channel;
        by_channel_[call.channel] = &call;
        const auto& first = std::get<origin::AgentFirstCallback>(call.origin);
        if (auto ok = handle(acd::OfferAnswered{call.id, first.agent}, now); !ok) {
            log_(fmt::format("callback {}: {}", call.id.str(), ok.error().message));
            call.stage = stage::Ending{};
            phones_.hang_up(call.ref);
        }
        return;
    }
    if (const auto* dialling = call.at<stage::Dialling>();
        dialling && dialling->customer_leg == event.leg) {  // the customer answered
        call.gather_until.reset();
        if (event.leg == 0) {
            // The call's own party: they hear a greeting while the reserved agent is rung.
            call.stage = stage::Queued{};
            call.channel = event.channel;
            by_channel_[call.channel] = &call;
            play(call,
                 prompts_.announcement({ivr::say(ivr::Phrase::CallbackGreeting, call.language)},
                                       call.language),
                 now);
        } else {
            call.leg_channels[event.leg] = event.channel;  // the agent waits on the line
        }
        if (auto ok = handle(acd::CallbackDialed{call.id, acd::DialOutcome::Answered}, now); !ok) {
            log_(fmt::format("callback {}: {}", call.id.str(), ok.error().message));
            call.stage = stage::Ending{};
            phones_.hang_up(call.ref);
        }
        return;
    }
    if (call.monitors.contains(event.leg)) {
        monitor_answered(call, event.leg, event.channel, now);
        return;
    }
    if (stage::Consult* consult = consult_of(call); consult && consult->leg == event.leg) {
        consult_answered(call, *consult, event.channel, now);
        return;
    }
    auto leg = call.legs.find(event.leg);
    if (leg == call.legs.end()) {
        phones_.drop_leg(call.ref, event.leg);
        return;
    }
    call.leg_channels[event.leg] = event.channel;
    if (call.in<stage::Forwarding>() || call.in<stage::Calling>()) {
        call.stage = stage::Direct{event.leg, now.mono};
        start_talking(call, event.leg, now);
        return;
    }
    AgentId agent = leg->second;
    if (auto ok = handle(acd::OfferAnswered{call.id, agent}, now); !ok) {
        // The offer ended while the phone was answering (ring timeout, another agent won).
        log_(fmt::format("call {}: answer of {} not taken: {}", call.id.str(), agent.str(),
                         ok.error().message));
        call.legs.erase(leg);
        phones_.drop_leg(call.ref, event.leg);
    }
}

void Switchboard::leg_failed(Call& call, const sip::CallEvent& event, Now now) {
    if (call.bridged_leg == event.leg) {
        call.bridged_leg.reset();  // its channel closed, and the room of its early media ended
    }
    if (call.monitors.contains(event.leg)) {
        monitor_gone(call, event.leg, fmt::format("did not answer ({})", event.status), now);
        return;
    }
    if (call.in<stage::RingingAgent>() && event.leg == 0) {
        // The agent's phone did not take the callback: the router offers it again later.
        call.stage = stage::Ending{};
        call.hangup_cause = fmt::format("agent did not answer ({})", event.status);
        const auto& first = std::get<origin::AgentFirstCallback>(call.origin);
        if (auto ok =
                handle(acd::OfferFailed{call.id, first.agent, offer_failure(event.status)}, now);
            !ok) {
            log_(fmt::format("callback {}: {}", call.id.str(), ok.error().message));
        }
        return;
    }
    if (const auto* dialling = call.at<stage::Dialling>();
        dialling && dialling->customer_leg == event.leg) {  // the customer did not answer
        bool agent_waits = event.leg != 0;
        call.gather_until.reset();
        call.stage = stage::Ending{};  // the request waits in the router, not this call
        call.hangup_cause = fmt::format("customer did not answer ({})", event.status);
        if (auto ok = handle(acd::CallbackDialed{call.id, dial_outcome(event.status)}, now); !ok) {
            log_(fmt::format("callback {}: {}", call.id.str(), ok.error().message));
        }
        if (agent_waits) {
            phones_.hang_up(call.ref);  // the agent, waiting on the line, is let go
        }
        return;
    }
    if (consult_leg_gone(call, event.leg, fmt::format("status {}", event.status), now)) {
        return;
    }
    auto leg = call.legs.find(event.leg);
    if (leg == call.legs.end()) {
        return;
    }
    AgentId agent = leg->second;
    call.legs.erase(leg);
    if (call.in<stage::Calling>()) {
        // The caller hears what the dialled phone said: busy, declined, or not there.
        call.hangup_cause = fmt::format("dialled phone did not answer ({})", event.status);
        phones_.reject(call.ref, event.status == 486 || event.status == 603 ? event.status : 480);
        return;
    }
    if (call.in<stage::Forwarding>()) {
        call.hangup_cause = fmt::format("extension did not answer ({})", event.status);
        say_and_hang_up(call, {ivr::say(ivr::Phrase::AllBusy, call.language)}, now);
        return;
    }
    if (auto ok = handle(acd::OfferFailed{call.id, agent, offer_failure(event.status)}, now); !ok) {
        log_(fmt::format("call {}: {} failed with {}: {}", call.id.str(), agent.str(), event.status,
                         ok.error().message));
    }
}

void Switchboard::ended(Call& call, const sip::CallEvent& event, Now now) {
    using Side = sip::CallEvent::Side;
    call.record.hangup_side = event.ended_by == Side::Caller ? "caller"
                              : event.ended_by == Side::Leg  ? "agent"
                                                             : "system";
    if (call.hangup_cause.empty()) {
        call.hangup_cause = call.record.hangup_side + " hung up";
    }
    // What the router hears depends on where the call was: a conversation ends, a caller in
    // line abandons, a callback dial's attempt fails. Elsewhere the router has nothing of it.
    bool agent_first = std::holds_alternative<origin::AgentFirstCallback>(call.origin);
    Result<void> done;
    if (call.in<stage::Spying>()) {
        spy_ended(call, now);
    } else if (call.in<stage::Connected>()) {
        // An agent-first callback's own party is the agent; its leg is the customer.
        bool leg_hung_up = event.ended_by == Side::Leg;
        acd::Party side = leg_hung_up != agent_first ? acd::Party::Agent : acd::Party::Caller;
        done = handle(acd::HangUp{call.id, side}, now);
    } else if (agent_first && (call.in<stage::RingingAgent>() || call.in<stage::Dialling>())) {
        done = handle(acd::CallbackDialed{call.id, acd::DialOutcome::Failed}, now);
    } else if (call.in_line() || call.in<stage::Dialling>()) {
        done = handle(acd::AbandonCall{call.id}, now);
    }
    if (!done) {
        log_(fmt::format("call {}: {}", call.id.str(), done.error().message));
    }
    finish(call, now);
}

void Switchboard::finish(Call& call, Now now) {
    call.record.ended = now.wall;
    for (auto& [leg, monitor] : call.monitors) {
        end_monitor_period(call, leg, now);  // in the call to its end
        if (monitor.own_call) {
            phones_.hang_up(*monitor.own_call);  // a supervisor who dialled in
        }
    }
    for (store::RecordingPause& pause : call.record.recording_pauses) {
        if (pause.to == WallTime{}) {
            pause.to = now.wall;  // paused to the end of the call
        }
    }
    call.record.hangup_cause = call.hangup_cause;
    if (call.ivr && call.record.ivr_path.empty()) {
        call.record.ivr_path = call.ivr->path();
        call.record.digits = call.ivr->digits();
        call.record.variables = call.ivr->variables();
    }
    if (const auto* direct = call.at<stage::Direct>()) {
        // No router measured it (after a transfer out, the agents' talk is in already).
        call.record.talk += now.mono - direct->since;
    }
    log_(
        fmt::format("call {} ended: {}, {}{}", call.id.str(),
                    store::kDispositionNames.name(call.record.disposition), call.hangup_cause,
                    call.record.recording.empty() ? "" : ", recorded in " + call.record.recording));
    store_.save(call.record);
    if (call.inbound()) {
        view_.apply(api::flow::CallEnded{call.id});
    }
    by_channel_.erase(call.channel);
    placed_.ended(call.ref);
    if (by_id_[call.id] == &call) {
        by_id_.erase(call.id);
    }
    calls_.erase(call.ref);
}

void Switchboard::start_talking(Call& call, std::optional<std::uint64_t> leg, Now now) {
    media_.stop_playing(call.channel);
    std::optional<std::string> recording;
    // A transferred caller's recording goes on: the media kept their room (bridge()).
    if (!config_.sip.recordings_dir.empty() && call.record.recording.empty()) {
        recording = recording_path(config_.sip.recordings_dir, now.wall, call.id,
                                   config_.media.recording_key != nullptr);
        call.record.recording = *recording;
    }
    if (leg) {
        phones_.connect_leg(call.ref, *leg);
        bridge_with(call, *leg, std::move(recording));
    }
}

}  // namespace markaz::app
