#pragma once

#include <string>
#include <variant>
#include <vector>

#include "acd/agent_state.h"
#include "acd/commands.h"
#include "acd/config.h"
#include "common/ids.h"
#include "common/time.h"

namespace markaz::acd {

// Everything the router decides, as events (DESIGN rule 3). Field meanings: docs/events.md.
// Durations are measured on the monotonic clock; `Event::at` is the wall time for people.

struct AgentLoggedIn {
    AgentId agent;
    std::string extension;
    std::vector<QueueId> queues;
    std::string by;
    friend bool operator==(const AgentLoggedIn&, const AgentLoggedIn&) = default;
};
struct AgentLoggedOut {
    AgentId agent;
    std::string extension;
    Duration session{};
    std::string by;
    friend bool operator==(const AgentLoggedOut&, const AgentLoggedOut&) = default;
};
struct AgentStateChanged {
    AgentId agent;
    AgentState from = AgentState::LoggedOut;
    AgentState to = AgentState::LoggedOut;
    std::string reason;      ///< pause reason (including "no-answer"), empty otherwise
    Duration in_previous{};  ///< time spent in `from`
    std::string by;
    friend bool operator==(const AgentStateChanged&, const AgentStateChanged&) = default;
};

struct CallEnqueued {
    CallId call;
    QueueId queue;
    int priority = 0;
    int position = 0;  ///< 1 = at the head
    std::string caller;
    friend bool operator==(const CallEnqueued&, const CallEnqueued&) = default;
};
enum class BlockReason { QueueFull, NoAgents };
inline constexpr EnumTable<BlockReason, 2> kBlockReasonNames{{{
    {BlockReason::QueueFull, "queue-full"},
    {BlockReason::NoAgents, "no-agents"},
}}};
/// A caller could not join: counted as offered and blocked.
struct CallBlocked {
    CallId call;
    QueueId queue;
    BlockReason reason = BlockReason::QueueFull;
    std::string caller;
    friend bool operator==(const CallBlocked&, const CallBlocked&) = default;
};
/// Ring `agent` (at `extension`) for `call`. A callback reservation rings only once the
/// customer has answered (customer-first) or before dialling them (agent-first).
struct CallOffered {
    CallId call;
    QueueId queue;
    AgentId agent;
    std::string extension;
    int attempt = 0;  ///< 1 for the first offer of this call in this queue
    bool callback = false;
    std::string by;  ///< a supervisor who moved the call to this agent
    friend bool operator==(const CallOffered&, const CallOffered&) = default;
};
enum class OfferEnd {
    NoAnswer,
    Rejected,
    Busy,
    Unreachable,
    AnsweredElsewhere,
    CallerGone,
    Withdrawn
};
inline constexpr EnumTable<OfferEnd, 7> kOfferEndNames{{{
    {OfferEnd::NoAnswer, "no-answer"},
    {OfferEnd::Rejected, "rejected"},
    {OfferEnd::Busy, "busy"},
    {OfferEnd::Unreachable, "unreachable"},
    {OfferEnd::AnsweredElsewhere, "answered-elsewhere"},
    {OfferEnd::CallerGone, "caller-gone"},
    {OfferEnd::Withdrawn, "withdrawn"},  ///< agent logged out or paused, supervisor moved it
}}};
/// An offer ended without the agent taking the call. Stop ringing the agent's phone.
struct OfferEnded {
    CallId call;
    QueueId queue;
    AgentId agent;
    OfferEnd reason = OfferEnd::NoAnswer;
    Duration ring{};
    friend bool operator==(const OfferEnded&, const OfferEnded&) = default;
};
/// The call is connected to `agent`: bridge them.
struct CallAnswered {
    CallId call;
    QueueId queue;
    AgentId agent;
    Duration wait{};   ///< from joining the queue (callbacks: from the request) to answer
    int position = 0;  ///< position when the call left the waiting line
    bool callback = false;
    friend bool operator==(const CallAnswered&, const CallAnswered&) = default;
};
struct CallAbandoned {
    CallId call;
    QueueId queue;
    Duration wait{};
    int position = 0;
    bool short_abandon = false;  ///< wait below the queue's short-abandon threshold
    friend bool operator==(const CallAbandoned&, const CallAbandoned&) = default;
};
enum class TimeoutReason { MaxWait, QueueEmpty };
inline constexpr EnumTable<TimeoutReason, 2> kTimeoutReasonNames{{{
    {TimeoutReason::MaxWait, "max-wait"},
    {TimeoutReason::QueueEmpty, "queue-empty"},
}}};
/// The caller leaves the queue by its exit rule. For ExitKind::Queue the router enqueues the
/// call in `exit.queue` next; for Hangup the shell plays the announcement and hangs up.
struct CallTimedOut {
    CallId call;
    QueueId queue;
    Duration wait{};
    int position = 0;
    TimeoutReason reason = TimeoutReason::MaxWait;
    ExitAction exit;
    friend bool operator==(const CallTimedOut&, const CallTimedOut&) = default;
};
struct CallRemoved {
    CallId call;
    QueueId queue;
    Duration wait{};
    int position = 0;
    bool callback = false;
    std::string by;
    friend bool operator==(const CallRemoved&, const CallRemoved&) = default;
};
struct CallPriorityChanged {
    CallId call;
    QueueId queue;
    int from = 0;
    int to = 0;
    std::string by;
    friend bool operator==(const CallPriorityChanged&, const CallPriorityChanged&) = default;
};
struct CallHeld {
    CallId call;
    AgentId agent;
    friend bool operator==(const CallHeld&, const CallHeld&) = default;
};
struct CallResumed {
    CallId call;
    AgentId agent;
    Duration hold{};
    friend bool operator==(const CallResumed&, const CallResumed&) = default;
};
/// The conversation ended; the agent starts wrap-up.
struct CallCompleted {
    CallId call;
    QueueId queue;
    AgentId agent;
    Duration talk{};  ///< connected time minus hold
    Duration hold{};
    Party ended_by = Party::Caller;
    bool callback = false;
    friend bool operator==(const CallCompleted&, const CallCompleted&) = default;
};
/// The agent transferred the caller to `to_queue` (blind): their conversation ended as with
/// CallCompleted (talk and hold are theirs, they start wrap-up), and CallEnqueued in
/// `to_queue` follows. In place of CallCompleted: a transfer is a handled call that goes on.
struct CallTransferred {
    CallId call;
    QueueId queue;
    AgentId agent;
    QueueId to_queue;
    Duration talk{};
    Duration hold{};
    std::string by;
    AgentId to_agent;  ///< offered straight to this colleague; empty: to the queue's next agent
    /// After a consult (CompleteTransfer): `to_agent` had talked with the agent and takes the
    /// caller at once (CallEnqueued and CallAnswered follow in the same batch).
    bool attended = false;
    /// Out of the queues, to this number as the agent would dial it (`to_queue` empty): no
    /// CallEnqueued follows, the router is done with the call.
    std::string to_number;
    friend bool operator==(const CallTransferred&, const CallTransferred&) = default;
};
/// The agent of `call` consults `to_agent` (ring them at `extension`); the caller holds.
struct ConsultStarted {
    CallId call;
    QueueId queue;
    AgentId agent;
    AgentId to_agent;  ///< empty when a number is consulted
    std::string extension;
    std::string by;
    std::string to_number;  ///< another phone or outside number, as the agent would dial it
    friend bool operator==(const ConsultStarted&, const ConsultStarted&) = default;
};
/// The consulted colleague joined caller and agent: a three-way conference.
struct ConsultJoined {
    CallId call;
    AgentId to_agent;
    std::string by;
    friend bool operator==(const ConsultJoined&, const ConsultJoined&) = default;
};
/// The consult ended without a transfer: `to_agent` is free again (their phone is hung up).
struct ConsultEnded {
    CallId call;
    AgentId to_agent;
    Duration consult{};  ///< from ConsultStarted
    std::string by;
    friend bool operator==(const ConsultEnded&, const ConsultEnded&) = default;
};
/// After-call work for `call` ended; talk + hold + wrap is the call's handle time.
struct WrapUpCompleted {
    CallId call;
    QueueId queue;
    AgentId agent;
    Duration wrap{};
    friend bool operator==(const WrapUpCompleted&, const WrapUpCompleted&) = default;
};

/// The caller's wait passed the queue's callback threshold: offer them a callback.
struct CallbackOffered {
    CallId call;
    QueueId queue;
    Duration wait{};
    friend bool operator==(const CallbackOffered&, const CallbackOffered&) = default;
};
/// The caller's live wait ended; a request to call `number` back keeps the call's place.
struct CallbackRequested {
    CallId call;
    QueueId queue;
    std::string number;
    Duration wait{};
    int position = 0;
    bool by_exit = false;  ///< made by the queue's max-wait exit, not by the caller
    friend bool operator==(const CallbackRequested&, const CallbackRequested&) = default;
};
/// Dial the customer now; `agent` is reserved for them (agent-first: already on the line).
struct DialCallback {
    CallId call;
    QueueId queue;
    std::string number;
    AgentId agent;
    int attempt = 0;
    friend bool operator==(const DialCallback&, const DialCallback&) = default;
};
struct CallbackAttemptFailed {
    CallId call;
    QueueId queue;
    int attempt = 0;
    DialOutcome outcome = DialOutcome::NoAnswer;
    bool will_retry = false;
    friend bool operator==(const CallbackAttemptFailed&, const CallbackAttemptFailed&) = default;
};
/// Every attempt failed: the request ends.
struct CallbackFailed {
    CallId call;
    QueueId queue;
    int attempts = 0;
    friend bool operator==(const CallbackFailed&, const CallbackFailed&) = default;
};

using EventBody =
    std::variant<AgentLoggedIn, AgentLoggedOut, AgentStateChanged, CallEnqueued, CallBlocked,
                 CallOffered, OfferEnded, CallAnswered, CallAbandoned, CallTimedOut, CallRemoved,
                 CallPriorityChanged, CallHeld, CallResumed, CallCompleted, CallTransferred,
                 ConsultStarted, ConsultJoined, ConsultEnded, WrapUpCompleted, CallbackOffered,
                 CallbackRequested, DialCallback, CallbackAttemptFailed, CallbackFailed>;

/// One thing that happened, stamped with the wall time of the command or tick that caused it.
struct Event {
    WallTime at;
    EventBody body;
    friend bool operator==(const Event&, const Event&) = default;
};

/// The event type's stable name ("CallAnswered"), used by the store and the API.
std::string_view event_name(const EventBody& body);

}  // namespace markaz::acd
