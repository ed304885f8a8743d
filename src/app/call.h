#pragma once

// Internal to the switchboard: what it keeps per call. Split out so the switchboard's files
// (calls, media, callbacks, agents) share one definition.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "app/switchboard.h"
#include "ivr/session.h"
#include "store/call_record.h"

namespace markaz::app {

struct Switchboard::Call {
    enum class Phase {
        Ivr,        ///< in the IVR flow
        Queued,     ///< in a queue's line (waiting, or agents ringing)
        Connected,  ///< talking to an agent (or an extension)
        Direct,     ///< ringing an extension the flow routed to, without the router
        Calling,    ///< not answered: the caller hears the phone they dialled ring
        Test,       ///< the echo or the prompt test
        Dialogue,   ///< the callback dialogue (confirm or enter the number)
        Feature,    ///< a feature code's confirmation
        Saying,     ///< a last announcement, then hang up
        Dialling,   ///< a callback dial to the customer, not answered yet
    };
    enum class Dialogue { None, Confirm, Enter, Booking };

    sip::CallRef ref = 0;
    CallId id;
    ChannelId channel{};
    Phase phase = Phase::Ivr;
    std::unique_ptr<ivr::Session> ivr;
    ivr::Language language = ivr::Language::Fa;

    std::uint64_t play_tag = 0;  ///< the prompt whose end is awaited; 0 = none
    std::optional<SteadyTime> gather_until;
    std::optional<SteadyTime> announce_at;

    std::optional<QueueId> queue;
    bool in_router = false;        ///< the router has the call (waiting, offered, connected)
    bool callback_booked = false;  ///< the router turned it into a callback request
    std::map<std::uint64_t, AgentId> legs;  ///< agents ringing, by leg number
    std::uint64_t next_leg = 1;
    std::optional<std::uint64_t> connected_leg;
    std::map<std::uint64_t, ChannelId> leg_channels;  ///< answered legs' media
    /// The leg whose channel `channel` shares a room with: the one connected, or before the
    /// answer one whose early media the caller hears.
    std::optional<std::uint64_t> bridged_leg;
    std::optional<SteadyTime> talk_started;

    Dialogue dialogue = Dialogue::None;
    std::string callback_queue;
    std::string entered;  ///< digits typed for the callback number

    bool callback_dial = false;  ///< our call to a customer who asked for a callback
    /// Agent-first callback: this call's own party (leg 0) is the agent; the customer is
    /// `customer_leg` once the agent has answered.
    bool agent_first = false;
    AgentId reserved;
    std::optional<std::uint64_t> customer_leg;
    std::string hangup_cause;
    store::CallRecord record;
};

}  // namespace markaz::app
