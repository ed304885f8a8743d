// Consulting a colleague before passing the caller on (attended transfer), and the three-way
// conference it can become. The router decides (ConsultAgent, JoinConsult, EndConsult,
// CompleteTransfer: the colleague is busy meanwhile, the caller's hold is counted); here the
// phones and the media follow. The colleague's phone is one more leg of the call: while they
// talk with the agent the caller hears music and nobody hears the caller; in a conference all
// three hear each other; completing drops the agent's leg and connects the colleague's, in the
// same room, so the call keeps its one recording.

#include <fmt/format.h>

#include "app/call.h"
#include "app/switchboard.h"

namespace markaz::app {

stage::Consult* Switchboard::consult_of(Call& call) {
    auto* connected = call.at<stage::Connected>();
    return connected && connected->consult ? &*connected->consult : nullptr;
}

Result<void> Switchboard::consult_command(const acd::Command& command, const CallId& id, Now now) {
    Call* call = call_of(id);
    if (call && !call->inbound()) {
        return fail(Errc::Conflict, "call '" + id.str() + "' is a callback, whose agent is the " +
                                        "call's own party: it has no consult");
    }
    const stage::Consult* consult = call ? consult_of(*call) : nullptr;
    const bool answered = consult && consult->phase != stage::Consult::Phase::Ringing;
    if (const auto* consult_number = std::get_if<acd::ConsultAgent>(&command)) {
        if (call && !call->sides()) {
            return fail(Errc::Conflict, "call '" + id.str() + "' is not connected to an agent");
        }
        // A number: where the agent's own phone may call, as a transfer to it.
        if (std::optional<std::string> refused = call && !consult_number->number.empty()
                                                     ? refuse_forward(*call, consult_number->number)
                                                     : std::nullopt) {
            return fail(Errc::InvalidArgument, "number: " + *refused);
        }
    }
    if ((std::holds_alternative<acd::JoinConsult>(command) ||
         std::holds_alternative<acd::CompleteTransfer>(command)) &&
        consult && !answered) {
        return fail(Errc::Conflict, "'" + consult->party() +
                                        "' has not answered the consult of call '" + id.str() +
                                        "' yet");
    }
    return handle(command, now);
}

void Switchboard::on(const acd::ConsultStarted& e, Now) {
    Call* call = call_of(e.call);
    auto* connected = call ? call->at<stage::Connected>() : nullptr;
    std::optional<Call::Sides> sides = call ? call->sides() : std::nullopt;
    if (!connected || !sides) {
        return;
    }
    // A consult already there is the agent's phone's own call with the party, handed to this
    // call (phone_transfer()): they are on the line, nobody to ring.
    const bool on_the_line = connected->consult.has_value();
    if (!on_the_line) {
        const std::uint64_t leg = call->next_leg++;
        call->legs[leg] = e.to_agent;  // completing makes it the call's talking leg
        connected->consult =
            stage::Consult{leg, e.to_agent, e.to_number, stage::Consult::Phase::Ringing};
    }
    const std::uint64_t leg = connected->consult->leg;
    hold_media(sides->customer, sides->agent, true);  // the caller holds while the agent consults
    // The agent may leave by hanging up their phone, as with Asterisk's attended transfer:
    // their hang-up then no longer ends the caller's call (agent_hung_up()).
    phones_.release_leg(call->ref, connected->leg);
    log_(fmt::format("call {}: {} consults {} at {}", e.call.str(), e.agent.str(), e.to_agent.str(),
                     e.to_number.empty() ? e.extension : e.to_number));
    if (on_the_line) {
        return;
    }
    if (e.to_number.empty()) {
        phones_.ring(call->ref, leg, e.extension, call->record.caller, input_time_);
    } else {
        ring_forward(*call, leg, e.agent, e.to_number);
    }
}

void Switchboard::consult_answered(Call& call, stage::Consult& consult, ChannelId channel, Now) {
    std::optional<Call::Sides> sides = call.sides();
    if (!sides) {
        return;
    }
    call.leg_channels[consult.leg] = channel;
    consult.phase = stage::Consult::Phase::Talking;
    media_.join(call.channel, channel, {sides->agent}, {sides->agent});
    view_.apply(api::flow::ConsultAnswered{call.id});
    log_(fmt::format("call {}: {} answered the consult", call.id.str(), consult.party()));
}

bool Switchboard::consult_leg_gone(Call& call, std::uint64_t leg, const std::string& why, Now now) {
    const stage::Consult* consult = consult_of(call);
    if (!consult || consult->leg != leg) {
        return false;
    }
    log_(fmt::format("call {}: the consulted {} left ({})", call.id.str(), consult->party(), why));
    call.legs.erase(leg);  // gone from the phones already: nothing to drop
    if (auto done = handle(acd::EndConsult{call.id, "phone"}, now); !done) {
        log_(fmt::format("call {}: {}", call.id.str(), done.error().message));
    }
    return true;
}

bool Switchboard::agent_hung_up(Call& call, std::uint64_t leg, Now now) {
    const stage::Consult* consult = consult_of(call);
    if (!consult || call.talking_leg() != leg) {
        return false;
    }
    if (consult->phase == stage::Consult::Phase::Ringing) {
        // Nobody to leave the caller with yet: the call ends, as the agent's hang-up always did.
        call.hangup_cause = "the agent hung up while the consult rang";
        phones_.hang_up(call.ref);
        return true;
    }
    log_(fmt::format("call {}: the agent hung up: the caller stays with {}", call.id.str(),
                     consult->party()));
    if (auto done = handle(acd::CompleteTransfer{call.id, "phone " + call.record.agent}, now);
        !done) {
        log_(fmt::format("call {}: {}", call.id.str(), done.error().message));
        phones_.hang_up(call.ref);
    }
    return true;
}

void Switchboard::on(const acd::ConsultJoined& e, Now) {
    Call* call = call_of(e.call);
    stage::Consult* consult = call ? consult_of(*call) : nullptr;
    std::optional<Call::Sides> sides = call ? call->sides() : std::nullopt;
    if (!consult || !sides || !call->leg_channels.contains(consult->leg)) {
        return;
    }
    const ChannelId party = call->leg_channels.at(consult->leg);
    consult->phase = stage::Consult::Phase::Conference;
    hold_media(sides->customer, sides->agent, false);
    media_.set_hearing(sides->customer, party, true);
    media_.set_hearing(party, sides->customer, true);
    log_(fmt::format("call {}: {} joined caller and agent", e.call.str(), consult->party()));
}

void Switchboard::on(const acd::ConsultEnded& e, Now) {
    Call* call = call_of(e.call);
    stage::Consult* consult = call ? consult_of(*call) : nullptr;
    if (!consult) {
        return;
    }
    const std::uint64_t leg = consult->leg;
    const std::string party = consult->party();
    call->at<stage::Connected>()->consult.reset();
    if (auto channel = call->leg_channels.find(leg); channel != call->leg_channels.end()) {
        media_.leave(channel->second);
        call->leg_channels.erase(channel);
    }
    if (call->legs.erase(leg) > 0) {
        phones_.drop_leg(call->ref, leg);  // CANCEL while it rings, BYE once answered
    }
    // The caller is back with the agent (the router's CallResumed says so in the same batch),
    // whose hang-up ends the call again.
    if (std::optional<Call::Sides> sides = call->sides()) {
        hold_media(sides->customer, sides->agent, false);
        phones_.connect_leg(call->ref, *call->talking_leg());
    }
    log_(fmt::format("call {}: the consult with {} ended", e.call.str(), party));
}

}  // namespace markaz::app
