#include "sim/simulator.h"

#include <charconv>
#include <cmath>
#include <map>
#include <queue>
#include <random>
#include <string>

#include "acd/router.h"
#include "sim/draw.h"

namespace markaz::sim {

namespace {

using namespace std::chrono_literals;

/// Monday 2026-01-05 00:00 UTC: a fixed virtual date, so that runs are reproducible; the run
/// starts at the scenario's time of day on it.
constexpr WallTime kMidnight{std::chrono::sys_days{std::chrono::year{2026} / 1 / 5}};
constexpr SteadyTime kStartMono{std::chrono::hours{1}};
/// The world draws from its own stream, not the router's (which the same seed also feeds).
constexpr std::uint64_t kWorldSeedSalt = 0x9e3779b97f4a7c15;

enum class Happening { Arrival, PatienceEnds, HangUp, ShiftStart, ShiftEnd };

/// Something the simulated world does at `at`: a caller arrives, gives up, hangs up; an
/// agent starts or ends a shift. `seq` keeps same-instant happenings in scheduling order.
struct Scheduled {
    Duration at;
    std::uint64_t seq;
    Happening what;
    std::size_t index;  ///< queue (Arrival), call (PatienceEnds, HangUp) or agent (shifts)

    bool operator>(const Scheduled& other) const {
        return at != other.at ? at > other.at : seq > other.seq;
    }
};

struct CallTrack {
    bool waiting = false;  ///< in a queue's line as a live caller (can still abandon)
};

/// One run: the router, the virtual clock and the world around them.
class Run {
public:
    Run(const Scenario& scenario, std::uint64_t seed, std::vector<AgentId> agents,
        acd::Router router, stats::IntervalSeries series,
        std::function<void(const acd::Event&)> observe)
        : scenario_(scenario),
          agents_(std::move(agents)),
          rng_(seed ^ kWorldSeedSalt),
          router_(std::move(router)),
          observe_(std::move(observe)),
          series_(std::move(series)) {
        for (std::size_t q = 0; q < scenario.queues.size(); ++q) {
            queue_index_[scenario.queues[q].config.id] = q;
        }
    }

    Result<void> execute() {
        for (std::size_t q = 0; q < scenario_.queues.size(); ++q) {
            schedule_next_arrival(q, Duration::zero());
        }
        schedule_shifts();
        while (true) {
            auto deadline = router_.next_deadline();
            bool world_first =
                !agenda_.empty() && (!deadline || kStartMono + agenda_.top().at <= *deadline);
            Duration next = world_first ? agenda_.top().at
                                        : (deadline ? *deadline - kStartMono : scenario_.duration);
            if (next >= scenario_.duration) {
                break;
            }
            now_ = next;
            if (world_first) {
                Scheduled s = agenda_.top();
                agenda_.pop();
                if (auto ok = happen(s); !ok) {
                    return ok;
                }
            } else if (auto ok = take(router_.tick(clock())); !ok) {
                return ok;
            }
        }
        return {};
    }

    SimulationResult result() const {
        SimulationResult r;
        r.start = kMidnight;
        for (const auto& q : scenario_.queues) {
            r.queues.push_back(q.config.id);
        }
        WallTime end = start_wall() + scenario_.duration;
        r.intervals = series_.rows(end);
        r.totals = series_.totals(end);
        r.events = events_;
        for (const auto& call : calls_) {
            r.waiting_at_end += call.waiting ? 1 : 0;
        }
        return r;
    }

private:
    Now clock() const { return Now{kStartMono + now_, start_wall() + now_}; }
    WallTime start_wall() const { return kMidnight + scenario_.start; }

    void schedule(Duration at, Happening what, std::size_t index) {
        agenda_.push(Scheduled{at, seq_++, what, index});
    }

    /// Arrivals are a Poisson process whose rate is constant within an interval: draw an
    /// exponential gap at the current rate; if it crosses into the next interval, start over
    /// at the boundary with that interval's rate (the process is memoryless).
    void schedule_next_arrival(std::size_t q, Duration from) {
        const ScenarioQueue& queue = scenario_.queues[q];
        while (from < scenario_.duration) {
            auto interval = from / scenario_.interval;
            Duration boundary = scenario_.interval * (interval + 1);
            double rate = queue.rates_per_hour.empty()
                              ? queue.rate_per_hour
                              : queue.rates_per_hour[static_cast<std::size_t>(interval) %
                                                     queue.rates_per_hour.size()];
            if (rate > 0) {
                Duration gap = draw_exponential(rng_, Duration{std::llround(3'600'000.0 / rate)});
                if (from + gap < boundary) {
                    schedule(from + gap, Happening::Arrival, q);
                    return;
                }
            }
            from = boundary;
        }
    }

    void schedule_shifts() {
        std::size_t agent = 0;
        for (const auto& group : scenario_.agents) {
            for (int i = 0; i < group.count; ++i, ++agent) {
                schedule(group.shift_start, Happening::ShiftStart, agent);
                if (group.shift_end && *group.shift_end < scenario_.duration) {
                    schedule(*group.shift_end, Happening::ShiftEnd, agent);
                }
            }
        }
    }

    Result<void> happen(const Scheduled& s) {
        switch (s.what) {
            case Happening::Arrival: {
                const ScenarioQueue& queue = scenario_.queues[s.index];
                std::size_t n = calls_.size();
                calls_.push_back({});
                CallId call{"c" + std::to_string(n + 1)};
                if (queue.patience) {
                    schedule(now_ + draw(rng_, *queue.patience), Happening::PatienceEnds, n);
                }
                schedule_next_arrival(s.index, now_);
                return command(acd::EnqueueCall{call, queue.config.id, 0, queue.call_skills,
                                                "+98900" + std::to_string(n + 1)});
            }
            case Happening::PatienceEnds:
                if (!calls_[s.index].waiting) {
                    return {};  // answered, or already gone another way
                }
                return command(acd::AbandonCall{CallId{"c" + std::to_string(s.index + 1)}});
            case Happening::HangUp:
                return command(
                    acd::HangUp{CallId{"c" + std::to_string(s.index + 1)}, acd::Party::Caller});
            case Happening::ShiftStart:
                return command(acd::AgentLogin{agents_[s.index], "sim-" + agents_[s.index].str()});
            case Happening::ShiftEnd:
                return command(acd::AgentLogout{agents_[s.index]});
        }
        return {};
    }

    Result<void> command(const acd::Command& c) {
        auto events = router_.handle(c, clock());
        if (!events) {
            // The world only sends what the router's own events allow: a refusal is a bug.
            return fail(Errc::Internal,
                        "simulator at " + std::to_string(now_.count()) +
                            " ms: the router refused a command: " + events.error().message);
        }
        return take(*events);
    }

    /// Feeds the router's events to the stats and lets the world react: agents answer every
    /// offer at once, customers answer every callback, conversations get their length.
    Result<void> take(const std::vector<acd::Event>& events) {
        std::vector<acd::Command> reactions;
        for (const acd::Event& event : events) {
            ++events_;
            series_.apply(event);
            if (observe_) {
                observe_(event);
            }
            std::visit([&](const auto& e) { react(e, reactions); }, event.body);
        }
        for (const auto& c : reactions) {
            if (auto ok = command(c); !ok) {
                return ok;
            }
        }
        return {};
    }

    std::size_t call_index(const CallId& id) const {
        std::size_t n = 0;
        std::from_chars(id.str().data() + 1, id.str().data() + id.str().size(), n);
        return n - 1;
    }

    void react(const acd::CallEnqueued& e, std::vector<acd::Command>&) {
        calls_[call_index(e.call)].waiting = true;
    }
    void react(const acd::CallOffered& e, std::vector<acd::Command>& out) {
        out.push_back(acd::OfferAnswered{e.call, e.agent});
    }
    void react(const acd::DialCallback& e, std::vector<acd::Command>& out) {
        out.push_back(acd::CallbackDialed{e.call, acd::DialOutcome::Answered});
    }
    void react(const acd::CallAnswered& e, std::vector<acd::Command>&) {
        std::size_t n = call_index(e.call);
        calls_[n].waiting = false;
        const ScenarioQueue& queue = scenario_.queues[queue_index_.at(e.queue)];
        schedule(now_ + draw(rng_, queue.handle_time), Happening::HangUp, n);
    }
    void react(const acd::CallAbandoned& e, std::vector<acd::Command>&) { leave(e.call); }
    void react(const acd::CallTimedOut& e, std::vector<acd::Command>&) {
        // An exit to another queue keeps the caller waiting there (the router enqueues it).
        if (e.exit.kind != acd::ExitKind::Queue) {
            leave(e.call);
        }
    }
    void react(const acd::CallbackRequested& e, std::vector<acd::Command>&) { leave(e.call); }
    void react(const acd::CallRemoved& e, std::vector<acd::Command>&) { leave(e.call); }
    template <class Other>
    void react(const Other&, std::vector<acd::Command>&) {}

    void leave(const CallId& call) { calls_[call_index(call)].waiting = false; }

    const Scenario& scenario_;
    std::vector<AgentId> agents_;  ///< in scenario order, indexed by the shift happenings
    std::mt19937_64 rng_;
    acd::Router router_;
    std::function<void(const acd::Event&)> observe_;
    stats::IntervalSeries series_;
    std::map<QueueId, std::size_t> queue_index_;
    std::priority_queue<Scheduled, std::vector<Scheduled>, std::greater<>> agenda_;
    std::uint64_t seq_ = 0;
    Duration now_{};
    std::vector<CallTrack> calls_;
    std::int64_t events_ = 0;
};

std::string padded(int n, int width) {
    std::string digits = std::to_string(n);
    return std::string(
               static_cast<std::size_t>(std::max(0, width - static_cast<int>(digits.size()))),
               '0') +
           digits;
}

}  // namespace

acd::RouterConfig router_config(const Scenario& scenario) {
    acd::RouterConfig config;
    for (const auto& q : scenario.queues) {
        config.queues.push_back(q.config);
    }
    std::map<std::string, int> per_name;  // groups sharing a name number their agents on
    for (const auto& group : scenario.agents) {
        per_name[group.name.empty() ? "agent" : group.name] += group.count;
    }
    std::map<std::string, int> next;
    for (const auto& group : scenario.agents) {
        std::string name = group.name.empty() ? "agent" : group.name;
        int width = static_cast<int>(std::to_string(per_name[name]).size());
        for (int i = 0; i < group.count; ++i) {
            acd::AgentConfig agent;
            agent.id = AgentId{name + "-" + padded(++next[name], width)};
            agent.name = agent.id.str();
            agent.queues = group.queues;
            agent.skills = group.skills;
            agent.wrap_up = group.wrap_up;
            config.agents.push_back(std::move(agent));
        }
    }
    return config;
}

Result<SimulationResult> simulate(const Scenario& scenario, std::optional<std::uint64_t> seed,
                                  const std::function<void(const acd::Event&)>& observe) {
    std::uint64_t used_seed = seed.value_or(scenario.seed);
    acd::RouterConfig config = router_config(scenario);
    stats::StatsConfig stats_config = stats::StatsConfig::from(config);
    stats_config.interval = scenario.interval;
    std::vector<AgentId> agents;
    for (const auto& a : config.agents) {
        agents.push_back(a.id);
    }
    auto router = acd::Router::create(std::move(config), used_seed);
    if (!router) {
        return fail(router.error());
    }
    auto series = stats::IntervalSeries::create(stats_config, kMidnight + scenario.start);
    if (!series) {
        return fail(series.error());
    }
    Run run{scenario,           used_seed,          std::move(agents),
            std::move(*router), std::move(*series), observe};
    if (auto ok = run.execute(); !ok) {
        return fail(ok.error());
    }
    SimulationResult result = run.result();
    result.seed = used_seed;
    return result;
}

}  // namespace markaz::sim
