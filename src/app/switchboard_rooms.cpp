// Whom a call's own party hears: the room its channel shares with one leg, for that leg's
// early media and then for the conversation, and the room's recording. The SIP layer only
// reports legs and their channels; the rooms are made here, on the core loop, the one thread
// that commands a call's media (prompts and music are played from here too).

#include "app/call.h"
#include "app/switchboard.h"

namespace markaz::app {

void Switchboard::early_media(Call& call, const sip::CallEvent& event) {
    if (call.bridged_leg || call.talking_leg()) {
        return;  // the first phone to offer early media is heard, until one answers
    }
    call.bridged_leg = event.leg;
    media_.bridge(call.channel, event.channel, std::nullopt);
}

void Switchboard::bridge_with(Call& call, std::uint64_t leg, std::optional<std::string> recording) {
    auto channel = call.leg_channels.find(leg);
    if (channel == call.leg_channels.end()) {
        return;
    }
    if (call.bridged_leg == leg) {  // already heard for its early media: record from the answer
        if (recording) {
            media_.record(call.channel, std::move(*recording));
        }
        return;
    }
    if (call.bridged_leg) {
        media_.unbridge(call.channel);  // another phone's early media gives way
    }
    call.bridged_leg = leg;
    media_.bridge(call.channel, channel->second, std::move(recording));
}

}  // namespace markaz::app
