#pragma once

// The frames of the live feed (docs/api.md "WebSocket /api/v1/events"): snapshot, delta and
// heartbeat, as JSON text. Objects are serialised once per read however many clients get
// them; each client's frame picks what its scope and topics allow.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "acd/events.h"
#include "api/center_read.h"
#include "api/scope.h"

namespace markaz::api {

/// The ids an event (or several) touched since a client's last frame.
struct Touched {
    std::set<AgentId> agents;
    std::set<QueueId> queues;
    std::set<QueueId> queue_calls;  ///< queues whose calls all changed (positions moved)
    std::set<CallId> calls;
    bool all_queues = false;  ///< time alone moved the figures: every queue in scope

    void merge(const Touched& other);
    bool empty() const;
};

/// What `event` touched; an agent's change touches the queues it is a member of too
/// (their agents-by-state figures).
Touched touched_by(const acd::Event& event,
                   const std::map<AgentId, std::vector<QueueId>>& agent_queues);

/// The JSON text of each object of one read, made on first use, and the read's calls by id.
/// One is shared by every client's frame of a tick.
class FrameObjects {
public:
    explicit FrameObjects(const CenterRead& read);

    const CenterRead& read() const { return read_; }
    /// The live call `id` of the read; nullptr when it is not live.
    const LiveCall* find_call(const CallId& id) const;
    /// The configured agent `id`; nullptr when there is none.
    const acd::AgentConfig* find_agent(const AgentId& id) const;
    const std::string& agent(const acd::AgentConfig& config);
    const std::string& queue(const stats::QueueLive& queue);
    const std::string& totals();
    /// The call's JSON; without the supervisors who only listen for those not to be told.
    const std::string& call(const LiveCall& call, bool with_listeners);

private:
    const CenterRead& read_;
    // CenterRead's look-ups by id search its lists: with every client looking up every
    // changed call and agent of a large centre, those searches were most of a tick.
    std::map<CallId, const LiveCall*> call_by_id_;
    std::map<AgentId, const acd::AgentConfig*> agent_by_id_;
    std::map<AgentId, std::string> agents_;
    std::map<QueueId, std::string> queues_;
    std::optional<std::string> totals_;
    std::map<CallId, std::string> calls_;
    std::map<CallId, std::string> calls_without_listeners_;
};

/// One client's view: what it may see, which topics it asked for, and what it already holds
/// (so that removals go only to clients that saw the object).
struct ClientView {
    Scope scope;
    bool agents = true;
    bool queues = true;
    bool calls = true;
    std::set<AgentId> known_agents;
    std::set<CallId> known_calls;
};

/// Everything in the client's view; resets what it is known to hold.
std::string snapshot_frame(FrameObjects& objects, ClientView& view, std::int64_t seq);
/// The changes in `touched` the client may see; nullopt when there are none for it.
std::optional<std::string> delta_frame(FrameObjects& objects, ClientView& view,
                                       const Touched& touched, std::int64_t seq);
std::string heartbeat_frame(std::int64_t seq, WallTime at);

}  // namespace markaz::api
