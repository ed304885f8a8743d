#pragma once

// The live calls as the API lists them, folded from the router's events (who is waiting,
// ringing, connected or asking for a callback, since when, with which agent) and from the call
// flow's own events (a call arriving in the IVR, the IVR's facts, a call ending that the
// router never had). The core loop (and the API's tests) keep one and answer Center::calls()
// from it.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "acd/events.h"
#include "acd/router.h"
#include "api/center.h"

namespace markaz::api {

/// What the call flow tells the book of what the router does not see.
namespace flow {

/// A call reached one of the centre's flows (an IVR or a queue's number).
struct CallArrived {
    CallId call;
    std::string caller;
    std::string dialled;
    WallTime at{};
};
/// The IVR finished: its facts go with the call (the agent's screen pop).
struct IvrFinished {
    CallId call;
    std::vector<std::string> path;
    std::string digits;
    std::map<std::string, std::string> variables;
};
/// The call is over. One the router never had (ended in the IVR, blocked, sent to an
/// extension) leaves the book; the router's events take out the others.
struct CallEnded {
    CallId call;
};
/// A supervisor's phone answered and joined the call.
struct MonitorJoined {
    CallId call;
    CallMonitor monitor;
};
/// The supervisor at `extension` now listens, whispers or barges in.
struct MonitorModeChanged {
    CallId call;
    std::string extension;
    MonitorMode mode = MonitorMode::Listen;
};
/// The supervisor at `extension` left the call.
struct MonitorLeft {
    CallId call;
    std::string extension;
};
/// The colleague the agent consults answered their phone.
struct ConsultAnswered {
    CallId call;
};
/// The call's recording was paused (card details) or resumed.
struct RecordingPaused {
    CallId call;
    bool paused = true;
};

}  // namespace flow

using FlowEvent = std::variant<flow::CallArrived, flow::IvrFinished, flow::CallEnded,
                               flow::MonitorJoined, flow::MonitorModeChanged, flow::MonitorLeft,
                               flow::RecordingPaused, flow::ConsultAnswered>;

/// The call a flow event is about.
const CallId& call_of(const FlowEvent& event);

/// Thread: the core loop only, like the router it follows. Pure: no clock, no I/O.
class CallBook {
public:
    void apply(const FlowEvent& event);
    void apply(const acd::Event& event);
    void apply(const std::vector<acd::Event>& events);

    /// Every live call, with position and priority as `router` has them now.
    std::vector<LiveCall> calls(const acd::Router& router) const;
    std::size_t size() const { return calls_.size(); }

private:
    /// The call's entry; nullptr when not live.
    LiveCall* find(const CallId& id);
    void forget(const CallId& id);
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
