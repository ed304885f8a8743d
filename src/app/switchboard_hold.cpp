// Hold from a phone: a re-INVITE that stops our audio to a connected leg (sendonly, inactive)
// puts the other party on hold. They hear music on hold, and the router hears of it, so hold
// time is counted in the call record (hold_s) and in the live figures.

#include <fmt/format.h>

#include "app/call.h"
#include "app/switchboard.h"

namespace markaz::app {

void Switchboard::held(Call& call, std::uint64_t leg, bool on_hold, Now now) {
    std::optional<std::uint64_t> talking = call.talking_leg();
    if (!talking || call.monitors.contains(leg)) {  // a supervisor's phone holds nobody
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

}  // namespace markaz::app
