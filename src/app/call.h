#pragma once

// Internal to the switchboard: what it keeps per call. Split out so the switchboard's files
// (arrivals, legs, queueing, callbacks, media, agents) share one definition.
//
// A call is in exactly one stage, and each stage carries the data only it has. A digit, a
// prompt's end, a leg answering or failing and the call ending each mean what the stage says,
// so the handlers switch on the stage instead of testing flags.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "app/switchboard.h"
#include "ivr/session.h"
#include "store/call_record.h"

namespace markaz::app {

namespace stage {

/// In its IVR flow (Call::ivr): prompts, digits, timeouts.
struct Ivr {};
/// In a queue's line, waiting or with agents' phones ringing: the router has it. A callback
/// dial's customer waits here for the reserved agent.
struct Queued {};
/// The callback dialogue: the caller confirms their number or types another.
struct CallbackDialogue {
    enum class Step { Confirm, Enter };
    Step step = Step::Confirm;
    std::string queue;    ///< whose callback it is
    std::string entered;  ///< digits typed for the number
    /// The caller pressed 9 while waiting and is still in the queue's line: a dialogue that
    /// comes to nothing returns them to the music. From the IVR, it ends the call.
    bool in_line = false;
};
/// The request is made and being written to disk; music until it is (callback_booked()).
struct CallbackBooking {};
/// The caller dialled a phone (an extension or a trunk number) and hears it ring; Markaz has
/// not answered.
struct Calling {};
/// Markaz answered the caller and sends them on to a phone (an IVR's extension node, an
/// agent's transfer to an outside number): music while it rings.
struct Forwarding {};
/// A colleague the agent consults while the caller holds (attended transfer), rung on `leg`:
/// ringing, talking with the agent alone, or in a three-way conference with the caller.
struct Consult {
    enum class Phase { Ringing, Talking, Conference };
    std::uint64_t leg = 0;
    AgentId agent;       ///< a colleague; empty when a number is consulted
    std::string number;  ///< another phone or an outside number, as the agent dialled it
    Phase phase = Phase::Ringing;
    /// Whom the agent consults, for messages: the colleague's id or the number.
    std::string party() const { return agent.empty() ? number : agent.str(); }
};
/// Talking with an agent on leg `leg`; the router counts the conversation.
struct Connected {
    std::uint64_t leg = 0;
    std::optional<Consult> consult;
};
/// Talking with a phone reached without the router (Calling or Forwarding answered).
struct Direct {
    std::uint64_t leg = 0;
    SteadyTime since{};  ///< for the record's talk time: no router measures it
};
/// An agent-first callback: the agent's phone rings, the customer is not dialled yet.
struct RingingAgent {};
/// A callback dial: the customer's phone rings. `customer_leg` is 0 when the call's own party
/// is the customer, and the leg dialled from the agent's call for an agent-first callback.
struct Dialling {
    std::uint64_t customer_leg = 0;
};
/// The echo or the prompt test.
struct Test {};
/// A feature code's confirmation, then hang up.
struct Feature {};
/// A supervisor's own call (*31, *32, *33) in an agent's call `target`, as its monitor `leg`.
struct Spying {
    CallId target;
    std::uint64_t leg = 0;
};
/// A last announcement, then hang up. The router has nothing of the call any more.
struct Saying {};
/// The router is done with it and its phones are being hung up.
struct Ending {};

}  // namespace stage

using Stage =
    std::variant<stage::Ivr, stage::Queued, stage::CallbackDialogue, stage::CallbackBooking,
                 stage::Calling, stage::Forwarding, stage::Connected, stage::Direct,
                 stage::RingingAgent, stage::Dialling, stage::Test, stage::Feature, stage::Spying,
                 stage::Saying, stage::Ending>;

namespace origin {

/// Someone phoned the centre, or an extension.
struct Inbound {};
/// Markaz dialled a customer who asked for a callback; the reserved agent is rung once they
/// answer. The call's id is the request's.
struct Callback {};
/// A callback whose agent is rung first (the call's own party); the customer is a leg of the
/// agent's call.
struct AgentFirstCallback {
    AgentId agent;
};

}  // namespace origin

using Origin = std::variant<origin::Inbound, origin::Callback, origin::AgentFirstCallback>;

/// A supervisor's phone in a call; its channel, once it has answered, is in leg_channels.
struct Switchboard::Monitor {
    std::string extension;
    api::MonitorMode mode = api::MonitorMode::Listen;
    std::string by;  ///< the user who asked
    /// Their current period in the call's record (record.monitors), once their phone answered.
    std::optional<std::size_t> period;
    /// The supervisor dialled in (*31..*33): their phone is a call of its own (stage Spying),
    /// not a leg of this one, and is hung up rather than dropped.
    std::optional<sip::CallRef> own_call;
};

struct Switchboard::Call {
    sip::CallRef ref = 0;
    CallId id;
    ChannelId channel{};
    Origin origin = origin::Inbound{};
    Stage stage = stage::Ivr{};
    std::unique_ptr<ivr::Session> ivr;
    ivr::Language language = ivr::Language::Fa;

    std::uint64_t play_tag = 0;  ///< the prompt whose end is awaited; 0 = none
    std::optional<SteadyTime> gather_until;
    std::optional<SteadyTime> announce_at;

    std::optional<QueueId> queue;           ///< the last queue it joined
    std::map<std::uint64_t, AgentId> legs;  ///< phones ringing, by leg number (agent or none)
    std::uint64_t next_leg = 1;
    std::map<std::uint64_t, ChannelId> leg_channels;  ///< answered legs' media
    /// The leg whose channel `channel` shares a room with: the one talking, or before the
    /// answer one whose early media the caller hears.
    std::optional<std::uint64_t> bridged_leg;

    /// Supervisors' phones in the call (listening, whispering, barging in), by leg number.
    std::map<std::uint64_t, Monitor> monitors;

    std::string hangup_cause;
    store::CallRecord record;

    template <class S>
    bool in() const {
        return std::holds_alternative<S>(stage);
    }
    template <class S>
    S* at() {
        return std::get_if<S>(&stage);
    }
    bool inbound() const { return std::holds_alternative<origin::Inbound>(origin); }
    /// The leg the call's own party talks with, in a conversation.
    std::optional<std::uint64_t> talking_leg() const {
        if (const auto* connected = std::get_if<stage::Connected>(&stage)) {
            return connected->leg;
        }
        if (const auto* direct = std::get_if<stage::Direct>(&stage)) {
            return direct->leg;
        }
        return std::nullopt;
    }
    /// The channels of a conversation's two sides. An agent-first callback's own party is
    /// the agent; otherwise it is the customer, and the talking leg the agent.
    struct Sides {
        ChannelId agent;
        ChannelId customer;
    };
    std::optional<Sides> sides() const {
        std::optional<std::uint64_t> leg = talking_leg();
        auto it = leg ? leg_channels.find(*leg) : leg_channels.end();
        if (it == leg_channels.end()) {
            return std::nullopt;
        }
        if (std::holds_alternative<origin::AgentFirstCallback>(origin)) {
            return Sides{channel, it->second};
        }
        return Sides{it->second, channel};
    }
    /// Waiting in a queue's line (listening to music, an announcement or the callback
    /// dialogue): the router has the caller and no agent talks with them.
    bool in_line() const {
        const auto* dialogue = std::get_if<stage::CallbackDialogue>(&stage);
        return in<stage::Queued>() || (dialogue && dialogue->in_line);
    }
};

}  // namespace markaz::app
