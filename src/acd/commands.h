#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "acd/agent_state.h"
#include "common/enum_table.h"
#include "common/ids.h"

namespace markaz::acd {

// Commands the shell (app, simulator, API) sends the router. `by` names who asked when it
// is not the agent or caller themselves (a supervisor's user name); it is copied to events.

/// Log in on an extension (hot-desking), into all configured queues or the listed subset.
struct AgentLogin {
    AgentId agent;
    std::string extension;
    std::vector<QueueId> queues;                 ///< empty = every configured membership
    AgentState initial = AgentState::Available;  ///< Available, Paused or NotReady
    std::string reason;                          ///< pause reason when `initial` is Paused
    std::string by;
};
struct AgentLogout {
    AgentId agent;
    std::string by;
};
/// Pause with a configured reason. On a call, the pause takes effect when the call's work ends.
struct AgentPause {
    AgentId agent;
    std::string reason;
    std::string by;
};
/// Ready for calls: ends a pause, not-ready or wrap-up early.
struct AgentReady {
    AgentId agent;
    std::string by;
};
struct AgentNotReady {
    AgentId agent;
    std::string by;
};
/// Supervisor: put an agent in `state` (any of the states an agent can ask for).
struct ForceAgentState {
    AgentId agent;
    AgentState state;
    std::string reason;
    std::string by;
};

/// A caller arrives at a queue. Higher `priority` is served first.
struct EnqueueCall {
    CallId call;
    QueueId queue;
    int priority = 0;
    std::vector<std::string> skills;  ///< required skills
    std::string caller;               ///< caller's number, the default callback number
};
/// The caller hung up before being answered.
struct AbandonCall {
    CallId call;
};
struct OfferAnswered {
    CallId call;
    AgentId agent;
};
enum class OfferFailure { NoAnswer, Rejected, Busy, Unreachable };
inline constexpr EnumTable<OfferFailure, 4> kOfferFailureNames{{{
    {OfferFailure::NoAnswer, "no-answer"},
    {OfferFailure::Rejected, "rejected"},
    {OfferFailure::Busy, "busy"},
    {OfferFailure::Unreachable, "unreachable"},
}}};
/// The agent's phone did not take the offer (the router's own ring timeout is NoAnswer too).
struct OfferFailed {
    CallId call;
    AgentId agent;
    OfferFailure failure = OfferFailure::NoAnswer;
};
enum class Party { Caller, Agent };
inline constexpr EnumTable<Party, 2> kPartyNames{
    {{{Party::Caller, "caller"}, {Party::Agent, "agent"}}}};
/// A connected call's conversation ended; the agent goes to wrap-up.
struct HangUp {
    CallId call;
    Party side = Party::Caller;
};
struct HoldCall {
    CallId call;
};
struct ResumeCall {
    CallId call;
};
/// Blind transfer: the agent's conversation ends (they start wrap-up) and the caller joins
/// `queue` keeping their priority and skills, as a new arrival there; with `agent`, offered to
/// that free agent at once (back in line at their place if the agent does not answer).
/// Refused, the call untouched, when `queue` would turn the caller away or `agent` is not free.
/// With `number` instead (queue and agent ignored), the caller leaves the centre's queues for
/// that phone or outside number (the call flow has checked the agent may send calls there).
struct TransferCall {
    CallId call;
    QueueId queue;
    std::string by;  ///< who asked (the agent's or a supervisor's user)
    std::optional<AgentId> agent;
    std::string number;
};

/// Attended transfer, first step: the agent of connected `call` consults free colleague
/// `agent` while the caller holds (the hold counts as any other). The colleague is busy
/// (on-call) from now until the consult ends, so the router offers them nothing meanwhile.
/// Refused when a consult is going on already or the colleague is not free. With `number`
/// instead (agent ignored), another phone or an outside number is consulted (the call flow
/// has checked the agent may call it); completing sends the caller there, out of the queues.
struct ConsultAgent {
    CallId call;
    AgentId agent;
    std::string by;
    std::string number;
};
/// The consulted colleague joins caller and agent: a three-way conference (the caller is taken
/// off hold).
struct JoinConsult {
    CallId call;
    std::string by;
};
/// The consult ends without a transfer (cancelled, not answered, the colleague hung up): the
/// colleague is free again and the caller, held for it, is back with the agent.
struct EndConsult {
    CallId call;
    std::string by;
};
/// Attended transfer, last step: the agent leaves and the colleague consulted takes the caller
/// over in the same queue (CallTransferred, attended; CallEnqueued; CallAnswered at once).
struct CompleteTransfer {
    CallId call;
    std::string by;
};

/// Turn a waiting call into a callback request that keeps its place in the queue.
struct RequestCallback {
    CallId call;
    std::string number;  ///< empty = the caller's number
};
enum class DialOutcome { Answered, NoAnswer, Busy, Failed };
inline constexpr EnumTable<DialOutcome, 4> kDialOutcomeNames{{{
    {DialOutcome::Answered, "answered"},
    {DialOutcome::NoAnswer, "no-answer"},
    {DialOutcome::Busy, "busy"},
    {DialOutcome::Failed, "failed"},
}}};
/// How the dial the router asked for (DialCallback) ended.
struct CallbackDialed {
    CallId call;
    DialOutcome outcome = DialOutcome::Answered;
};

/// Supervisor: offer a waiting call to a named free agent now.
struct MoveCallToAgent {
    CallId call;
    AgentId agent;
    std::string by;
};
struct SetCallPriority {
    CallId call;
    int priority = 0;
    std::string by;
};
/// Supervisor: take a waiting call or callback request out of its queue.
struct RemoveCall {
    CallId call;
    std::string by;
};

using Command =
    std::variant<AgentLogin, AgentLogout, AgentPause, AgentReady, AgentNotReady, ForceAgentState,
                 EnqueueCall, AbandonCall, OfferAnswered, OfferFailed, HangUp, HoldCall, ResumeCall,
                 TransferCall, ConsultAgent, JoinConsult, EndConsult, CompleteTransfer,
                 RequestCallback, CallbackDialed, MoveCallToAgent, SetCallPriority, RemoveCall>;

}  // namespace markaz::acd
