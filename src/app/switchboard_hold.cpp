// Hold from a phone: a re-INVITE that stops our audio to a connected leg (sendonly, inactive)
// puts the other party on hold. Hold from the agent's desk: the media anchored here does it
// without the phones (the customer hears music, the agent no longer hears the customer). The
// router hears of both, so hold time is counted in the call record (hold_s) and in the live
// figures.

#include <fmt/format.h>

#include "app/call.h"
#include "app/switchboard.h"

namespace markaz::app {

void Switchboard::held(Call& call, std::uint64_t leg, bool on_hold, Now now) {
    std::optional<std::uint64_t> talking = call.talking_leg();
    if (!talking || call.monitors.contains(leg) || consult_of(call)) {
        // A supervisor's phone holds nobody; in a consult the caller holds already.
        return;  // only a conversation is held; a phone that holds a prompt changes nothing
    }
    // Who was put on hold: the call's own party (leg 0) holds the connected leg, any other
    // leg holds the call's own party.
    std::optional<ChannelId> other;
    if (leg != 0) {
        other = call.channel;
    } else {
        if (auto it = call.leg_channels.find(*talking); it != call.leg_channels.end()) {
            other = it->second;
        }
    }
    if (other) {
        auto music = on_hold ? prompts_.music_on_hold() : nullptr;
        if (music) {
            media_.play(*other, std::move(music), true, 0);
        } else {
            media_.stop_playing(*other);
        }
    }
    if (auto sides = call.sides(); sides && !on_hold) {
        // Taken back from the phone after a hold from the desk: the agent hears the customer
        // again (a no-op otherwise).
        media_.set_hearing(sides->agent, sides->customer, true);
    }
    log_(fmt::format("call {} {} by leg {}", call.id.str(), on_hold ? "held" : "resumed", leg));
    if (!call.in<stage::Connected>()) {
        return;  // an extension call: no queue figures to keep
    }
    auto done =
        on_hold ? handle(acd::HoldCall{call.id}, now) : handle(acd::ResumeCall{call.id}, now);
    if (!done) {
        log_(fmt::format("call {}: {}", call.id.str(), done.error().message));
    }
}

Result<void> Switchboard::hold_call(const CallId& id, bool on_hold, const std::string& by,
                                    Now now) {
    Call* call = call_of(id);
    if (!call) {
        return fail(Errc::NotFound, "no live call '" + id.str() + "'");
    }
    std::optional<Call::Sides> sides = call->sides();
    if (!call->in<stage::Connected>() || !sides) {
        return fail(Errc::Conflict, "call '" + id.str() + "' is not connected to an agent");
    }
    if (consult_of(*call)) {
        return fail(Errc::Conflict, "call '" + id.str() +
                                        "' has a consult going on: the caller holds until it "
                                        "is completed or cancelled");
    }
    // The router says whether it is already held (or not): nothing changes on a refusal.
    auto done = on_hold ? handle(acd::HoldCall{id}, now) : handle(acd::ResumeCall{id}, now);
    if (!done) {
        return done;
    }
    hold_media(sides->customer, sides->agent, on_hold);
    log_(fmt::format("call {} {} from the desk by {}", id.str(), on_hold ? "held" : "resumed", by));
    return {};
}

void Switchboard::hold_media(ChannelId customer, ChannelId agent, bool on_hold) {
    auto music = on_hold ? prompts_.music_on_hold() : nullptr;
    if (music) {
        media_.play(customer, std::move(music), true, 0);
    } else {
        media_.stop_playing(customer);  // resumed, or no music: silence
    }
    media_.set_hearing(agent, customer, !on_hold);
}

Result<void> Switchboard::pause_recording(const CallId& id, bool paused, const std::string& by,
                                          Now now) {
    Call* call = call_of(id);
    if (!call) {
        return fail(Errc::NotFound, "no live call '" + id.str() + "'");
    }
    if (!call->in<stage::Connected>() || !call->sides()) {
        return fail(Errc::Conflict, "call '" + id.str() + "' is not connected to an agent");
    }
    if (call->record.recording.empty()) {
        return fail(Errc::Conflict, "call '" + id.str() + "' is not recorded");
    }
    // The last pause without an end is the one in progress: the record is the only state.
    std::vector<store::RecordingPause>& pauses = call->record.recording_pauses;
    const bool is_paused = !pauses.empty() && pauses.back().to == WallTime{};
    if (paused == is_paused) {
        return fail(Errc::Conflict, "the recording of call '" + id.str() + "' is " +
                                        (paused ? "paused already" : "not paused"));
    }
    media_.pause_recording(call->channel, paused);
    if (paused) {
        pauses.push_back(store::RecordingPause{by, now.wall, WallTime{}});
    } else {
        pauses.back().to = now.wall;
    }
    view_.apply(api::flow::RecordingPaused{id, paused});
    log_(fmt::format("call {}: recording {} by {}", id.str(), paused ? "paused" : "resumed", by));
    return {};
}

}  // namespace markaz::app
