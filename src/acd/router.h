#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "acd/commands.h"
#include "acd/config.h"
#include "acd/events.h"
#include "common/result.h"
#include "common/time.h"

namespace markaz::acd {

/// Checks a configuration the way Router::create does; the error names the field
/// ("agents[3].queues[0]: unknown queue 'sles'").
Result<void> validate(const RouterConfig& config);

/// An agent as the router sees it now (for snapshots, the API and tests).
struct AgentSnapshot {
    AgentId id;
    AgentState state = AgentState::LoggedOut;
    std::string reason;
    std::string extension;
    SteadyTime state_since{};
    int calls_answered = 0;
    Duration talk_time{};
    SteadyTime idle_since{};  ///< last call end, or login if no call yet
    int consecutive_no_answers = 0;
    std::optional<CallId> call;   ///< ringing, on call or wrapping up
    std::vector<QueueId> queues;  ///< queues logged into
    /// A pause, not-ready or logout asked for during a call, applied when its work ends.
    std::optional<AgentState> pending;
};

/// A caller or callback request in a queue's line, in serving order.
struct WaitingCall {
    CallId id;
    int priority = 0;
    int position = 0;
    SteadyTime since{};
    bool callback = false;
    bool ringing = false;  ///< being offered to an agent right now
};

struct QueueSnapshot {
    QueueId id;
    int waiting = 0;                         ///< callers on the line plus callback requests
    int callbacks = 0;                       ///< of `waiting`, callback requests
    std::optional<SteadyTime> oldest_since;  ///< longest waiting caller's join time
    int logged_in = 0;
    int ready = 0;  ///< logged in and not paused or not-ready
};

/// The routing brain: queues, agents, waiting calls and who is offered what.
/// Thread: the core loop only. Reads no clock, socket or file; the same object runs live, in
/// sim/, and in unit tests. Every change is returned as events; a rejected command changes
/// nothing and returns the reason.
class Router {
public:
    /// Validates `config` (unknown queues, duplicate ids, bad numbers); `seed` feeds the random
    /// strategies.
    static Result<Router> create(RouterConfig config, std::uint64_t seed);

    Router(Router&&) noexcept;
    Router& operator=(Router&&) noexcept;
    ~Router();

    /// Applies one command at `now`; returns the events it caused, in order.
    Result<std::vector<Event>> handle(const Command& command, Now now);

    /// Fires everything due by `now`: ring timeouts, wrap-up ends, retries, tier widening,
    /// max-wait exits, callback offers and retries.
    std::vector<Event> tick(Now now);

    /// Earliest instant tick() may have work; the shell arms one timer for it.
    std::optional<SteadyTime> next_deadline() const;

    std::optional<AgentSnapshot> agent(const AgentId& id) const;
    /// The routing decision for `id` without acting on it: the waiting call the agent would be
    /// offered on becoming free now, across all their queues by (priority, queue weight,
    /// longest wait), honouring tiers and skills. For the agent desk's "next call" and for
    /// measuring decisions. nullopt for an unknown agent or when no waiting call fits.
    std::optional<CallId> next_call_for(const AgentId& id) const;
    std::optional<QueueSnapshot> queue(const QueueId& id) const;
    std::vector<WaitingCall> waiting_calls(const QueueId& id) const;
    const RouterConfig& config() const;

private:
    struct State;
    explicit Router(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace markaz::acd
