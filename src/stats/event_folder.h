#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "acd/events.h"
#include "stats/stats_config.h"
#include "stats/timeline.h"

namespace markaz::stats {

/// What the folder remembers about an agent between events.
struct AgentTrack {
    acd::AgentState state = acd::AgentState::LoggedOut;
    WallTime since{};             ///< when `state` began (the event's wall time)
    std::string reason;           ///< pause reason while paused
    std::vector<QueueId> queues;  ///< logged into (AgentLoggedIn::queues)
    /// The queue of the call the agent was last offered or answered; the on-call and wrap-up
    /// time of the agent belongs to it. Cleared when the agent is free, paused or out.
    std::optional<QueueId> busy_queue;
};

/// The one mapping from acd events to counters (docs/metrics.md). LiveStats and IntervalSeries
/// both feed events through it and differ only in the sinks they give it.
/// Owns the per-agent state needed to turn AgentStateChanged into time spans, and each queue's
/// policy (the SL threshold decides answered-within and abandoned-after). Events must come in
/// the order the router emitted them. Single-threaded.
class EventFolder {
public:
    explicit EventFolder(const std::vector<QueuePolicy>& queues);

    /// Puts the counts of `event` into `sink`; an AgentStateChanged or AgentLoggedOut closes the
    /// agent's previous state span at `event.at` and puts it into `sink`.
    void apply(const acd::Event& event, CounterSink& sink);

    /// Puts every agent's open span [since, now) into `sink`, changing nothing here: what a
    /// snapshot at `now` adds to the closed spans.
    void add_open_spans(WallTime now, CounterSink& sink) const;

    /// The policy of `queue`; an unconfigured queue gets QueuePolicy's defaults.
    const QueuePolicy& policy(const QueueId& queue) const;
    /// Configured queues, in configured order.
    const std::vector<QueuePolicy>& queues() const { return order_; }
    /// Every agent seen, including those logged out.
    const std::map<AgentId, AgentTrack>& agents() const { return agents_; }
    /// Starts from agents as agents() gave them at a checkpoint (reports' rollups resume after
    /// a restart where they stopped).
    void restore_agents(std::map<AgentId, AgentTrack> agents) { agents_ = std::move(agents); }

private:
    friend struct FoldVisitor;

    /// Closes `agent`'s current span at `at` into `sink` and starts the next one at `at`.
    void close_span(const AgentId& id, AgentTrack& agent, WallTime at, CounterSink& sink) const;
    /// The queues a span of `agent` in its current state is shared among.
    const std::vector<QueueId>& share_of(const AgentTrack& agent,
                                         std::vector<QueueId>& scratch) const;

    std::vector<QueuePolicy> order_;
    std::map<QueueId, QueuePolicy> policies_;
    QueuePolicy default_policy_;
    std::map<AgentId, AgentTrack> agents_;
};

}  // namespace markaz::stats
