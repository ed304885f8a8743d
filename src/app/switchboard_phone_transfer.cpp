// An attended transfer made on the agent's own phone (its transfer key after a consult call):
// the phone holds the caller, calls a colleague (or any number its class allows) as a call of
// its own, and then sends REFER with Replaces naming that call (RFC 5589 §7). Markaz is both
// ends of both calls, so nothing is re-dialled: the colleague's leg, dialog and media channel
// move into the caller's call as its consult, the router completes it at once (the colleague
// takes the caller in the same queue, as after a consult from the desk), and the phone's own
// call ends. The same router steps as the desk's consult keep the queue figures, the queue log
// (ATTENDEDTRANSFER) and the record the same whichever way the agent transferred.

#include <fmt/format.h>

#include "app/call.h"
#include "app/switchboard.h"

namespace markaz::app {

void Switchboard::phone_transfer(Call& referring, const sip::CallEvent& event, Now now) {
    auto refuse = [&](int status, const std::string& why) {
        log_(fmt::format("call {}: attended transfer from leg {} refused: {}", referring.id.str(),
                         event.leg, why));
        phones_.answer_refer(referring.ref, event.leg, status);
    };
    auto other = calls_.find(*event.replaces);
    if (other == calls_.end()) {
        refuse(481, "the call it names has ended");
        return;
    }
    // RFC 5589 sends the REFER in the caller's call, naming the consult call; some phones send
    // it in the consult call, naming the caller's. Either way: the queue call and the phone's
    // own call with the colleague.
    Call* caller_call = &referring;
    std::uint64_t agent_leg = event.leg;
    Call* consult_call = other->second.get();
    std::uint64_t phone_leg = event.replaces_leg;
    if (!referring.in<stage::Connected>() && consult_call->in<stage::Connected>()) {
        std::swap(caller_call, consult_call);
        std::swap(agent_leg, phone_leg);
    }
    auto* connected = caller_call->at<stage::Connected>();
    if (!connected || agent_leg == 0 || connected->leg != agent_leg || !caller_call->inbound() ||
        !caller_call->queue) {
        refuse(403, "not the agent of a queue call");
        return;
    }
    if (connected->consult) {
        refuse(486, "a consult with " + connected->consult->party() + " is going on already");
        return;
    }
    const auto* direct = consult_call->at<stage::Direct>();
    auto party_channel =
        direct ? consult_call->leg_channels.find(direct->leg) : consult_call->leg_channels.end();
    std::optional<Call::Sides> sides = caller_call->sides();
    if (consult_call->in<stage::Calling>()) {
        refuse(486, "the phone it called has not answered yet");
        return;
    }
    // The phone's own call: placed by it (its own party) and answered by the other phone.
    if (phone_leg != 0 || party_channel == consult_call->leg_channels.end() || !sides) {
        refuse(403, "the other call is not the phone's own call with another phone");
        return;
    }
    const std::uint64_t party_leg = direct->leg;
    const ChannelId party = party_channel->second;
    const std::string number = consult_call->record.dialled;
    const std::string by = "phone " + caller_call->record.agent;
    const CallId id = caller_call->id;

    // The consult is there before the router hears of it, answered: ConsultStarted then finds
    // the party on the line instead of ringing them. A colleague logged in takes the caller in
    // the queue; anyone else (a colleague not free, another phone, an outside number the
    // agent's phone called) takes them out of the queues.
    const std::uint64_t leg = caller_call->next_leg++;
    auto consult_as = [&](const AgentId& agent) {
        caller_call->legs[leg] = agent;
        connected->consult =
            stage::Consult{leg, agent, agent.empty() ? number : "", stage::Consult::Phase::Talking};
        auto started = handle(acd::ConsultAgent{id, agent, by, agent.empty() ? number : ""}, now);
        if (!started) {
            caller_call->at<stage::Connected>()->consult.reset();
            caller_call->legs.erase(leg);
        }
        return started;
    };
    Result<void> started = fail(Errc::NotFound, "no colleague at " + number);
    if (std::optional<AgentId> colleague = agent_at(number)) {
        started = consult_as(*colleague);
    }
    if (!started) {
        started = consult_as(AgentId{});
    }
    if (!started) {
        refuse(486, started.error().message);
        return;
    }
    // The party's phone leaves its call with the agent's phone for the caller's: its room
    // (and recording) ends, and it joins the caller's room heard by the agent alone, as a
    // consult from the desk would.
    phones_.move_leg(consult_call->ref, party_leg, caller_call->ref, leg);
    media_.unbridge(consult_call->channel);
    consult_call->legs.erase(party_leg);
    consult_call->leg_channels.erase(party_leg);
    consult_call->record.talk += now.mono - direct->since;
    consult_call->stage = stage::Ending{};
    consult_call->hangup_cause = "its phone transferred call " + id.str() + " to " + number;
    phones_.hang_up(consult_call->ref);
    caller_call->leg_channels[leg] = party;
    media_.join(caller_call->channel, party, {sides->agent}, {sides->agent});
    view_.apply(api::flow::ConsultAnswered{id});
    log_(fmt::format("call {}: the phone of {} transfers the caller to {}, its call {}", id.str(),
                     caller_call->record.agent, number, consult_call->id.str()));
    // Completing drops the agent's leg, whose final NOTIFY tells the phone it worked.
    if (auto done = handle(acd::CompleteTransfer{id, by}, now); !done) {
        refuse(500, done.error().message);  // the consult stays, for the desk to finish
    }
}

}  // namespace markaz::app
