#pragma once

// The centre behind `api_load serve`: a real acd::Router and app::CenterView driven in real
// time by a small simulated world (callers arriving, agents answering, talking, wrapping up
// and taking breaks, some callers giving up), so that the HTTP API and its live feed can be
// measured against the event rate of a busy centre of any size.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <queue>
#include <random>
#include <thread>
#include <vector>

#include "acd/router.h"
#include "api/center.h"
#include "app/center_view.h"
#include "sim/scenario.h"

namespace markaz::bench {

/// The size and load of the simulated centre.
struct CenterShape {
    int agents = 1000;
    /// Share of a working (not paused) agent's time spent ringing, talking and wrapping up.
    double occupancy = 0.8;
    std::uint64_t seed = 1;
};

/// What the world did since start (for the summary line).
struct WorldCounts {
    std::int64_t arrivals = 0;
    std::int64_t answered = 0;
    std::int64_t abandoned = 0;
    std::int64_t breaks = 0;  ///< agents who went on a break
    std::int64_t events = 0;
    /// World actions the router refused because the API or the router's own timers got there
    /// first (a supervisor hung the call up, the caller gave up while the agent answered).
    std::int64_t overtaken = 0;
};

/// An api::Center over a simulated centre that runs in real time on its own thread.
/// Owns the router, the view, the world's agenda and that thread. A mutex stands in for the
/// core loop: the world and every Center method take it, and the view's listeners (the API's
/// live feed) are called with it held, as they are on the core loop. Thread: any.
class SimCenter final : public api::Center {
public:
    /// Fails when the shape makes no valid router (fewer than four agents).
    static Result<std::unique_ptr<SimCenter>> create(const CenterShape& shape);
    ~SimCenter() override;
    SimCenter(const SimCenter&) = delete;
    SimCenter& operator=(const SimCenter&) = delete;

    /// Logs every agent in, puts as many callers through as the centre works on at its
    /// occupancy (so that it is busy at once, not after one handle time), and starts the world.
    void start();
    /// Stops the world; the router keeps its state for reads.
    void stop();

    /// Callers arriving per second, over all queues.
    double arrival_rate() const;
    WorldCounts counts() const;

    Result<void> command(const acd::Command& command) override;
    stats::LiveSnapshot live() const override;
    std::vector<api::LiveCall> calls() const override;
    std::vector<acd::AgentSnapshot> agents() const override;
    acd::RouterConfig router_config() const override;
    /// The history of the last kKeptCalls calls.
    Result<std::vector<acd::Event>> call_events(const CallId& call) const override;
    std::shared_ptr<void> subscribe(std::function<void(const acd::Event&)> listener) override;
    Result<api::TodayIntervals> today_intervals() const override;

    static constexpr std::size_t kKeptCalls = 20000;

private:
    enum class Happening { Arrival, PatienceEnds, Answer, HangUp, BreakRequest, BreakEnds };
    struct Scheduled {
        SteadyTime at;
        std::uint64_t seq;  ///< same-instant happenings in scheduling order
        Happening what;
        std::size_t index;  ///< queue (Arrival), call, or agent (BreakEnds)
        std::size_t agent;  ///< Answer only
        bool operator>(const Scheduled& other) const {
            return at != other.at ? at > other.at : seq > other.seq;
        }
    };
    struct CallTrack {
        std::size_t queue = 0;
        bool waiting = false;  ///< in line as a live caller: may still give up
        bool warm = false;     ///< talking since before the start (see start())
    };

    SimCenter(sim::Scenario world, acd::RouterConfig config, acd::Router router,
              std::unique_ptr<app::CenterView> view, const CenterShape& shape);

    static Now clock();
    void run();
    /// Everything due by `now`: the world's happenings and the router's timers. Holds mutex_.
    void step(Now now);
    void happen(const Scheduled& s, Now now);
    void schedule(SteadyTime at, Happening what, std::size_t index, std::size_t agent = 0);
    void schedule_arrival(std::size_t queue, SteadyTime from);
    void schedule_break(SteadyTime from);
    std::size_t new_call(std::size_t queue, Now now);
    /// Applies a world action; a refusal means the world was overtaken (counted).
    void act(const acd::Command& command, Now now);
    /// Folds events into the view (and so the listeners) and lets the world react.
    void take(const std::vector<acd::Event>& events, Now now);
    void react(const acd::Event& event, Now now);
    void keep_history(const acd::Event& event);

    const sim::Scenario world_;
    const acd::RouterConfig config_;
    const double break_rate_;  ///< break requests per second, over the centre
    std::map<AgentId, std::size_t> agent_index_;

    mutable std::mutex mutex_;  ///< the core loop: everything below
    std::condition_variable wake_;
    acd::Router router_;
    std::unique_ptr<app::CenterView> view_;
    std::mt19937_64 rng_;
    std::priority_queue<Scheduled, std::vector<Scheduled>, std::greater<>> agenda_;
    std::uint64_t seq_ = 0;
    std::vector<CallTrack> calls_;
    std::map<CallId, std::vector<acd::Event>> history_;
    std::deque<CallId> history_order_;
    WorldCounts counts_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace markaz::bench
