// Transfers: an agent passes the caller on. A blind transfer to a queue is the router's
// (TransferCall): the agent's conversation ends and the caller joins the queue again, keeping
// their priority, their IVR answers and their one recording. Here the phones and the media
// follow: the agent's leg (and any supervisor's) is hung up and the caller hears music until
// the next agent answers.

#include <fmt/format.h>

#include "app/call.h"
#include "app/dialplan.h"
#include "app/switchboard.h"

namespace markaz::app {

Result<void> Switchboard::transfer(const acd::TransferCall& transfer, Now now) {
    Call* call = call_of(transfer.call);
    if (!call || !call->in<stage::Connected>()) {
        return fail(Errc::Conflict,
                    "call '" + transfer.call.str() + "' is not connected to an agent");
    }
    if (!call->inbound()) {
        // The call's own party of an agent-first callback is the agent: there is no caller's
        // line to put back in a queue.
        return fail(Errc::Conflict, "call '" + transfer.call.str() +
                                        "' is a callback, which cannot be transferred");
    }
    if (!transfer.number.empty()) {
        if (auto refused = refuse_forward(*call, transfer.number)) {
            return fail(Errc::InvalidArgument, "number: " + *refused);
        }
    }
    return handle(transfer, now);
}

namespace {

/// Where the agent at `extension` would reach `number` from their own phone: the same
/// dialplan and class of service decide, so a transfer never sends a caller where the agent
/// could not call (an outside number beyond their class costs the centre, a feature code or an
/// IVR number is not a phone).
std::variant<destination::Extension, destination::Trunk, std::string> forward_route(
    const config::ServerConfig& config, const std::string& extension, const std::string& number) {
    Destination to = route_call(config, extension, number, false);
    if (auto* phone = std::get_if<destination::Extension>(&to)) {
        return *phone;
    }
    if (auto* trunk = std::get_if<destination::Trunk>(&to)) {
        return *trunk;
    }
    if (auto* refused = std::get_if<destination::Refused>(&to)) {
        return refused->reason;
    }
    return "'" + number + "' is one of the centre's own numbers: transfer to its queue instead";
}

}  // namespace

std::optional<std::string> Switchboard::refuse_forward(const Call& call,
                                                       const std::string& number) const {
    auto agent = router_.agent(AgentId{call.record.agent});
    const std::string extension = agent ? agent->extension : "";
    if (number == extension || number == call.record.caller) {
        return "'" + number + "' is a party of the call";
    }
    auto route = forward_route(config_, extension, number);
    if (auto* why = std::get_if<std::string>(&route)) {
        return *why;
    }
    return std::nullopt;
}

void Switchboard::on(const acd::CallTransferred& e, Now now) {
    Call* call = call_of(e.call);
    if (!call) {
        return;
    }
    // Attended: the colleague consulted, on the line already, takes the caller (CallAnswered
    // follows in this batch and connects their leg). They are in the caller's room: they
    // hear each other from now, and the room's recording goes on.
    std::optional<std::uint64_t> colleague;
    if (const stage::Consult* consult = consult_of(*call); consult && e.attended) {
        colleague = consult->leg;
        auto channel = call->leg_channels.find(consult->leg);
        if (auto sides = call->sides(); sides && channel != call->leg_channels.end()) {
            media_.set_hearing(sides->customer, channel->second, true);
            media_.set_hearing(channel->second, sides->customer, true);
        }
    }
    if (std::optional<std::uint64_t> leg = call->talking_leg()) {
        phones_.drop_leg(call->ref, *leg);
        call->legs.erase(*leg);
        call->leg_channels.erase(*leg);
        if (call->bridged_leg == leg) {
            call->bridged_leg.reset();
        }
    }
    // Supervisors coached the agent who is gone: their phones hang up, as ChanSpy ends with
    // the channel it spies on. They may monitor the next agent's conversation.
    std::vector<std::uint64_t> monitor_legs;
    for (const auto& [monitor_leg, monitor] : call->monitors) {
        monitor_legs.push_back(monitor_leg);
    }
    for (std::uint64_t monitor_leg : monitor_legs) {
        drop_monitor(*call, monitor_leg);
        monitor_gone(*call, monitor_leg, "the agent transferred the call", now);
    }
    if (colleague) {
        call->bridged_leg = colleague;  // in the caller's room already
        if (e.to_number.empty()) {
            call->stage = stage::Queued{};  // CallAnswered connects the colleague in this batch
        } else {  // a number: out of the queues, the caller talks with it from now
            call->stage = stage::Direct{*colleague, now.mono};
            phones_.connect_leg(call->ref, *colleague);
            media_.stop_playing(call->channel);
        }
        log_(fmt::format("call {} handed over by {} to {} after a consult", e.call.str(),
                         e.agent.str(), e.to_number.empty() ? e.to_agent.str() : e.to_number));
        return;
    }
    if (!e.to_number.empty()) {
        forward(*call, e.agent, e.to_number);
        return;
    }
    call->stage = stage::Queued{};  // CallEnqueued follows in the same batch
    hold_music(*call);
    log_(fmt::format("call {} transferred by {} from {} to queue {}", e.call.str(), e.agent.str(),
                     e.queue.str(), e.to_queue.str()));
}

void Switchboard::forward(Call& call, const AgentId& agent, const std::string& number) {
    call.stage = stage::Forwarding{};
    hold_music(call);
    const std::uint64_t leg = call.next_leg++;
    call.legs[leg] = AgentId{};
    ring_forward(call, leg, agent, number);
    log_(fmt::format("call {} transferred by {} to {}", call.id.str(), agent.str(), number));
}

void Switchboard::ring_forward(Call& call, std::uint64_t leg, const AgentId& agent,
                               const std::string& number) {
    // Checked by refuse_forward() a moment ago; the route is worked out again from the same
    // configuration, so it is the same.
    auto at = router_.agent(agent);
    auto route = forward_route(config_, at ? at->extension : "", number);
    if (auto* phone = std::get_if<destination::Extension>(&route)) {
        phones_.ring(call.ref, leg, phone->number, call.record.caller, input_time_);
    } else if (auto* trunk = std::get_if<destination::Trunk>(&route)) {
        phones_.ring_trunk(call.ref, leg, trunk->trunk, trunk->number, call.record.caller,
                           input_time_);
    } else {
        phones_.hang_up(call.ref);
    }
}

void Switchboard::referred(Call& call, const sip::CallEvent& event, Now now) {
    // Only the agent talking with a caller may pass them on, and only inside the centre: a
    // REFER from the caller's own phone, a supervisor's or anyone not in a conversation would
    // otherwise move calls (or, to an outside number, dial out at the centre's expense).
    if (event.replaces) {
        phone_transfer(call, event, now);  // attended, after the phone's own consult call
        return;
    }
    auto refuse = [&](int status, const std::string& why) {
        log_(fmt::format("call {}: REFER to '{}' from leg {} refused: {}", call.id.str(),
                         event.target, event.leg, why));
        phones_.answer_refer(call.ref, event.leg, status);
    };
    std::optional<std::uint64_t> talking = call.talking_leg();
    if (event.leg == 0 || talking != event.leg || !call.in<stage::Connected>() || !call.inbound() ||
        !call.queue) {
        refuse(403, "not the agent of a queue call");
        return;
    }
    acd::TransferCall transfer{call.id, *call.queue, "phone " + call.record.agent, std::nullopt};
    if (std::optional<AgentId> colleague = agent_at(event.target)) {
        transfer.agent = *colleague;  // a colleague's extension: to them, in the same queue
    } else if (auto route = config_.dialplan.find(event.target);
               route != config_.dialplan.end() &&
               route->second.kind == config::NumberRoute::Kind::Queue) {
        transfer.queue = QueueId{route->second.target};
    } else {
        transfer.number = event.target;  // a phone or an outside number, if the agent may
    }
    if (auto done = this->transfer(transfer, now); !done) {
        const Errc code = done.error().code;
        refuse(code == Errc::Conflict          ? 486
               : code == Errc::InvalidArgument ? 403
                                               : 404,
               done.error().message);
        return;
    }
    // CallTransferred has dropped the agent's leg, which tells the phone it worked.
    log_(fmt::format("call {}: transferred by the phone of {} to '{}'", call.id.str(),
                     call.record.agent, event.target));
}

}  // namespace markaz::app
