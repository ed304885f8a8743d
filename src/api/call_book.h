#pragma once

// The live calls as the API lists them, folded from the router's events: who is waiting,
// ringing, connected or asking for a callback, since when, with which agent. The core loop
// (and the API's tests) keep one and answer Center::calls() from it; the shell adds what only
// it knows (the number dialled, the IVR path and variables) with note_arrival() / find().

#include <map>
#include <optional>
#include <set>
#include <vector>

#include "acd/events.h"
#include "acd/router.h"
#include "api/center.h"

namespace markaz::api {

/// Thread: the core loop only, like the router it follows. Pure: no clock, no I/O.
class CallBook {
public:
    /// A call the shell knows about before it reaches a queue (in the IVR).
    void note_arrival(LiveCall call);
    /// The call's entry, for the shell to add IVR facts; nullptr when not live.
    LiveCall* find(const CallId& id);
    /// Forgets a call the shell ended outside the router (hung up in the IVR).
    void forget(const CallId& id);

    void apply(const acd::Event& event);
    void apply(const std::vector<acd::Event>& events);

    /// Every live call, with position and priority as `router` has them now.
    std::vector<LiveCall> calls(const acd::Router& router) const;
    std::size_t size() const { return calls_.size(); }

private:
    /// Back in line after an offer ended: a callback request or a waiting caller again.
    void back_in_line(LiveCall& call);
    void enqueued(const acd::CallEnqueued& e, WallTime at);
    void offered(const acd::CallOffered& e);
    void offer_ended(const acd::OfferEnded& e);
    void answered(const acd::CallAnswered& e, WallTime at);
    void callback_requested(const acd::CallbackRequested& e, WallTime at);
    void set_state(const CallId& id, LiveCall::State state);

    std::map<CallId, LiveCall> calls_;
    std::map<CallId, std::set<AgentId>> ringing_;  ///< agents ringing for a call (ring-all)
};

}  // namespace markaz::api
