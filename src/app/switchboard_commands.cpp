// Commands on a call from outside it (the API's supervisor console): they act on the call's
// phones, and the router hears of it as of any other hang-up.

#include <fmt/format.h>

#include "app/call.h"
#include "app/switchboard.h"

namespace markaz::app {

Result<void> Switchboard::command(const acd::Command& command, Now now) {
    if (const auto* login = std::get_if<acd::AgentLogin>(&command);
        login && !config_.sip.extensions.contains(login->extension)) {
        // The agent's calls ring where they log in: only a phone of this centre, never a
        // number the calls would be dialled out to (toll fraud), nor text that would go into
        // SIP headers.
        return fail(Errc::InvalidArgument,
                    "extension: '" + login->extension + "' is not an extension of this centre");
    }
    if (const auto* hang_up = std::get_if<acd::HangUp>(&command)) {
        return hang_up_by_command(hang_up->call, command, now);
    }
    if (const auto* remove = std::get_if<acd::RemoveCall>(&command)) {
        return hang_up_by_command(remove->call, command, now);
    }
    if (const auto* transfer_call = std::get_if<acd::TransferCall>(&command)) {
        return transfer(*transfer_call, now);
    }
    if (const auto* consult = std::get_if<acd::ConsultAgent>(&command)) {
        return consult_command(command, consult->call, now);
    }
    if (const auto* join = std::get_if<acd::JoinConsult>(&command)) {
        return consult_command(command, join->call, now);
    }
    if (const auto* complete = std::get_if<acd::CompleteTransfer>(&command)) {
        return consult_command(command, complete->call, now);
    }
    return handle(command, now);
}

Result<void> Switchboard::hang_up_by_command(const CallId& id, const acd::Command& command,
                                             Now now) {
    Call* call = call_of(id);
    if (!call || !call->inbound()) {
        return handle(command, now);  // a request waiting for its callback: the router's alone
    }
    if (call->in<stage::Connected>()) {
        // Both phones get BYE now; the router ends the conversation at the same moment, so
        // the agent's wrap-up starts as their phone is hung up, never while they still talk.
        if (auto done = handle(command, now); !done) {
            return done;
        }
        call->hangup_cause = "hung up from the console";
        phones_.hang_up(call->ref);
        return {};
    }
    if (call->in_line()) {
        // Waiting or ringing: the router takes it out of line (its agents' phones get CANCEL
        // through OfferEnded) and the caller hears the exit announcement (CallRemoved).
        return handle(command, now);
    }
    // Not in any queue (the IVR, a callback dialogue, an extension ringing): nothing for the
    // router to do; the call ends on the phones.
    log_(fmt::format("call {}: hung up from the console", call->id.str()));
    call->hangup_cause = "hung up from the console";
    phones_.hang_up(call->ref);
    return {};
}

}  // namespace markaz::app
