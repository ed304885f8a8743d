#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "acd/events.h"
#include "common/result.h"
#include "stats/event_folder.h"
#include "stats/kpi.h"
#include "stats/stats_config.h"
#include "stats/timeline.h"

namespace markaz::stats {

/// Counters and figures of one scope over [from, to).
struct WindowFigures {
    WallTime from{};
    WallTime to{};
    KpiCounters counters;
    Kpis kpis;
};

/// Logged-in agents by state.
struct AgentsByState {
    int available = 0;
    int ringing = 0;
    int on_call = 0;
    int wrap_up = 0;
    int paused = 0;
    int not_ready = 0;

    int logged_in() const { return available + ringing + on_call + wrap_up + paused + not_ready; }
    void count(acd::AgentState state);
    friend bool operator==(const AgentsByState&, const AgentsByState&) = default;
};

/// A queue (or, with an empty id, the whole centre) at one instant.
struct QueueLive {
    QueueId id;  ///< empty for the centre's totals
    double sl_target = 0.8;
    WindowFigures today;        ///< local midnight .. now
    WindowFigures interval;     ///< start of the current interval .. now
    WindowFigures last_hour;    ///< start of the oldest rolling bucket .. now
    int waiting = 0;            ///< callers in line now; callback requests not included
    int callbacks_waiting = 0;  ///< callback requests not yet answered, failed or removed
    Duration longest_wait{};    ///< now minus the join time of the oldest waiting caller; 0 if none
    AgentsByState agents;       ///< members logged in (the centre: every agent logged in)
};

/// An agent at one instant.
struct AgentLive {
    AgentId id;
    acd::AgentState state = acd::AgentState::LoggedOut;
    std::string reason;   ///< pause reason
    Duration in_state{};  ///< now minus the start of `state`; 0 when no state event was seen
    std::vector<QueueId> queues;      ///< logged into
    std::int64_t calls_answered = 0;  ///< today, callbacks included
    Duration talk{};                  ///< today
    std::optional<double> occupancy;  ///< today
    KpiCounters today;
};

/// Everything a wallboard shows, computed at `at`.
struct LiveSnapshot {
    WallTime at{};
    std::vector<QueueLive> queues;  ///< configured queues in order, then any other queue seen
    QueueLive totals;
    std::vector<AgentLive> agents;  ///< logged in now or with counts today, by id
};

/// Live KPIs for the wallboard and the API: folds every acd event as it happens into today,
/// the current interval and the rolling window, per queue, per agent and for the centre, and
/// keeps the live gauges (who waits since when, callback requests).
/// Owns: the EventFolder (agent states), one Timeline per window (older buckets are dropped as
/// time moves on, so memory stays bounded) and the waiting calls per queue.
/// Thread: the core loop only (the owner publishes snapshots to readers). Reads no clock:
/// time comes from Event::at and the `now` given to snapshot().
class LiveStats {
public:
    /// Fails when `config` does not pass validate().
    static Result<LiveStats> create(StatsConfig config);

    /// Folds one event; events come in the order the router emitted them.
    void apply(const acd::Event& event);
    void apply(const std::vector<acd::Event>& events);

    /// The figures at `now`, with every agent's open state span closed at `now`.
    /// Changes nothing: two snapshots at the same `now` are equal. `now` is not before the
    /// last event applied: buckets of windows that time has left are already dropped.
    LiveSnapshot snapshot(WallTime now) const;

    const StatsConfig& config() const { return config_; }

private:
    explicit LiveStats(StatsConfig config);

    /// Forgets buckets no window can show once time has reached `at`.
    void advance(WallTime at);
    void track_waiting(const acd::Event& event);
    void add_gauges(WallTime now, std::vector<QueueLive>& queues, QueueLive& totals) const;
    std::vector<AgentLive> agents_live(WallTime now, const ScopedCounters& today) const;

    StatsConfig config_;
    EventFolder folder_;
    Timeline days_;
    Timeline intervals_;
    Timeline rolling_;
    std::int64_t rolling_buckets_;
    /// queue -> call -> when the caller joined (live) or asked for a callback.
    std::map<QueueId, std::map<CallId, WallTime>> waiting_;
    std::map<QueueId, std::map<CallId, WallTime>> callbacks_;
};

}  // namespace markaz::stats
