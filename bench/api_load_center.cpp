#include "api_load_center.h"

#include <charconv>
#include <cmath>

#include "sim/draw.h"
#include "sim/simulator.h"
#include "stats/stats_config.h"

namespace markaz::bench {
namespace {

using namespace std::chrono_literals;
using Kind = sim::DurationDistribution::Kind;

// One call as an agent spends it: about 3 s ringing, 170 s talking, 10 s wrapping up.
// Lognormal talk times with a wide spread are what handle-time reports show.
const sim::DurationDistribution kRing{Kind::Lognormal, 3s, 1500ms};
const sim::DurationDistribution kTalk{Kind::Lognormal, 170s, 110s};
constexpr Duration kWrapUp = 10s;
const double kHandleSeconds = seconds(kRing.mean + kTalk.mean + kWrapUp);
// Two minutes of patience on average: with short waits, mostly callers who give up while
// the agent's phone rings, and some short abandons.
const sim::DurationDistribution kPatience{Kind::Exponential, 120s, {}};
// Breaks of five minutes on average, requested so often that 3% of agents are on one.
const sim::DurationDistribution kBreak{Kind::Exponential, 5min, {}};
constexpr double kOnBreak = 0.03;

/// A queue and the group of agents whose first queue it is; `overflow` is their second queue
/// (penalty 1), so that busy lines borrow agents as real centres do.
struct Line {
    const char* queue;
    acd::Strategy strategy;
    double share;  ///< of the agents, and so of the calls
    const char* overflow;
};
constexpr Line kLines[] = {
    {"sales", acd::Strategy::LongestIdle, 0.40, nullptr},
    {"support", acd::Strategy::RoundRobin, 0.30, nullptr},
    {"billing", acd::Strategy::LeastTalkTime, 0.15, "support"},
    {"vip", acd::Strategy::LongestIdle, 0.15, "sales"},
};

sim::Scenario make_world(const CenterShape& shape) {
    sim::Scenario world;
    world.seed = shape.seed;
    int placed = 0;
    for (std::size_t i = 0; i < std::size(kLines); ++i) {
        const Line& line = kLines[i];
        const bool last = i + 1 == std::size(kLines);
        const int count =
            last ? shape.agents - placed : static_cast<int>(std::lround(shape.agents * line.share));
        placed += count;

        sim::ScenarioQueue queue;
        queue.config.id = QueueId{line.queue};
        queue.config.strategy = line.strategy;
        queue.config.wrap_up = kWrapUp;
        // Each line carries the work its own group does at the target occupancy.
        const double working = count * (1 - kOnBreak);
        queue.rate_per_hour = shape.occupancy * working / kHandleSeconds * 3600;
        queue.handle_time = kTalk;
        queue.patience = kPatience;
        world.queues.push_back(std::move(queue));

        sim::ScenarioAgentGroup group;
        group.count = count;
        group.name = line.queue;
        group.queues.push_back({QueueId{line.queue}, 0});
        if (line.overflow != nullptr) {
            group.queues.push_back({QueueId{line.overflow}, 1});
        }
        world.agents.push_back(std::move(group));
    }
    return world;
}

/// What is left of a conversation in progress at a random instant (for the warm start): a
/// uniform share of a length-biased talk time. The length-biased form of a lognormal is
/// lognormal with the same spread relative to its mean, and mean m (1 + cv^2).
Duration remaining_talk(std::mt19937_64& rng, const sim::DurationDistribution& talk) {
    const double cv = seconds(talk.sd) / seconds(talk.mean);
    const double scale = 1 + cv * cv;
    const sim::DurationDistribution biased{
        Kind::Lognormal, Duration{std::llround(static_cast<double>(talk.mean.count()) * scale)},
        Duration{std::llround(static_cast<double>(talk.sd.count()) * scale)}};
    std::uniform_real_distribution<double> share(0, 1);
    return Duration{std::llround(share(rng) * static_cast<double>(sim::draw(rng, biased).count()))};
}

CallId call_id(std::size_t index) {
    return CallId{"c" + std::to_string(index + 1)};
}

/// The world's index of one of its calls; nullopt for an id it did not make.
std::optional<std::size_t> call_index(const CallId& id, std::size_t known) {
    const std::string& text = id.str();
    std::size_t n = 0;
    if (text.size() < 2 || text[0] != 'c') {
        return std::nullopt;
    }
    auto [end, ec] = std::from_chars(text.data() + 1, text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size() || n == 0 || n > known) {
        return std::nullopt;
    }
    return n - 1;
}

}  // namespace

Result<std::unique_ptr<SimCenter>> SimCenter::create(const CenterShape& shape) {
    if (shape.agents < static_cast<int>(std::size(kLines))) {
        return fail(Errc::InvalidArgument, "agents: at least " + std::to_string(std::size(kLines)) +
                                               " (one for each queue)");
    }
    if (!(shape.occupancy > 0 && shape.occupancy < 1)) {
        return fail(Errc::InvalidArgument, "occupancy: must be between 0 and 1");
    }
    sim::Scenario world = make_world(shape);
    acd::RouterConfig config = sim::router_config(world);
    auto router = acd::Router::create(config, shape.seed);
    if (!router) {
        return fail(router.error());
    }
    auto view = app::CenterView::create(stats::StatsConfig::from(config), clock().wall);
    if (!view) {
        return fail(view.error());
    }
    return std::unique_ptr<SimCenter>(new SimCenter(std::move(world), std::move(config),
                                                    std::move(*router), std::move(*view), shape));
}

SimCenter::SimCenter(sim::Scenario world, acd::RouterConfig config, acd::Router router,
                     std::unique_ptr<app::CenterView> view, const CenterShape& shape)
    : world_(std::move(world)),
      config_(std::move(config)),
      break_rate_(kOnBreak * shape.agents / seconds(kBreak.mean)),
      router_(std::move(router)),
      view_(std::move(view)),
      rng_(shape.seed) {
    for (std::size_t a = 0; a < config_.agents.size(); ++a) {
        agent_index_[config_.agents[a].id] = a;
    }
}

SimCenter::~SimCenter() {
    stop();
}

Now SimCenter::clock() {
    return {std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now()),
            std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now())};
}

double SimCenter::arrival_rate() const {
    double per_hour = 0;
    for (const sim::ScenarioQueue& queue : world_.queues) {
        per_hour += queue.rate_per_hour;
    }
    return per_hour / 3600;
}

WorldCounts SimCenter::counts() const {
    std::lock_guard lock(mutex_);
    return counts_;
}

void SimCenter::start() {
    std::lock_guard lock(mutex_);
    const Now now = clock();
    // The centre starts as it would be found at any moment: some agents on a break, and as
    // many callers talking as the target occupancy keeps busy, each with what is left of
    // their call. Without this it would take a handle time or two to settle.
    std::bernoulli_distribution on_break(kOnBreak);
    std::uniform_int_distribution<std::size_t> reason(0, config_.pause_reasons.size() - 1);
    for (std::size_t a = 0; a < config_.agents.size(); ++a) {
        acd::AgentLogin login{config_.agents[a].id, std::to_string(100000 + a)};
        if (on_break(rng_)) {
            login.initial = acd::AgentState::Paused;
            login.reason = config_.pause_reasons[reason(rng_)];
        }
        act(login, now);
    }
    for (std::size_t q = 0; q < world_.queues.size(); ++q) {
        const auto talking =
            std::lround(world_.queues[q].rate_per_hour / 3600 * seconds(kRing.mean + kTalk.mean));
        for (long i = 0; i < talking; ++i) {
            calls_[new_call(q, now)].warm = true;
        }
        schedule_arrival(q, now.mono);
    }
    schedule_break(now.mono);
    thread_ = std::thread([this] { run(); });
}

void SimCenter::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void SimCenter::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        step(clock());
        std::optional<SteadyTime> next;
        if (!agenda_.empty()) {
            next = agenda_.top().at;
        }
        if (auto deadline = router_.next_deadline(); deadline && (!next || *deadline < *next)) {
            next = deadline;
        }
        if (next) {
            wake_.wait_until(lock, *next);
        } else {
            wake_.wait(lock);
        }
    }
}

void SimCenter::step(Now now) {
    while (true) {
        const auto deadline = router_.next_deadline();
        const bool world_due = !agenda_.empty() && agenda_.top().at <= now.mono;
        if (world_due && (!deadline || agenda_.top().at <= *deadline)) {
            const Scheduled s = agenda_.top();
            agenda_.pop();
            happen(s, now);
        } else if (deadline && *deadline <= now.mono) {
            take(router_.tick(now), now);
        } else {
            return;
        }
    }
}

void SimCenter::schedule(SteadyTime at, Happening what, std::size_t index, std::size_t agent) {
    agenda_.push(Scheduled{at, seq_++, what, index, agent});
}

void SimCenter::schedule_arrival(std::size_t queue, SteadyTime from) {
    const auto gap = Duration{std::llround(3'600'000.0 / world_.queues[queue].rate_per_hour)};
    schedule(from + sim::draw_exponential(rng_, gap), Happening::Arrival, queue);
}

void SimCenter::schedule_break(SteadyTime from) {
    const auto gap = Duration{std::llround(1000.0 / break_rate_)};
    schedule(from + sim::draw_exponential(rng_, gap), Happening::BreakRequest, 0);
}

std::size_t SimCenter::new_call(std::size_t queue, Now now) {
    const std::size_t n = calls_.size();
    calls_.push_back(CallTrack{queue, true});
    ++counts_.arrivals;
    const sim::ScenarioQueue& line = world_.queues[queue];
    schedule(now.mono + sim::draw(rng_, *line.patience), Happening::PatienceEnds, n);
    act(acd::EnqueueCall{call_id(n), line.config.id, 0, {}, "+98912" + std::to_string(n + 1)}, now);
    return n;
}

void SimCenter::happen(const Scheduled& s, Now now) {
    switch (s.what) {
        case Happening::Arrival:
            new_call(s.index, now);
            schedule_arrival(s.index, now.mono);
            return;
        case Happening::PatienceEnds:
            if (calls_[s.index].waiting) {
                act(acd::AbandonCall{call_id(s.index)}, now);
            }
            return;
        case Happening::Answer:
            act(acd::OfferAnswered{call_id(s.index), config_.agents[s.agent].id}, now);
            return;
        case Happening::HangUp:
            act(acd::HangUp{call_id(s.index), acd::Party::Caller}, now);
            return;
        case Happening::BreakRequest: {
            // On a call the break starts when the call's work ends, as the router defers it.
            std::uniform_int_distribution<std::size_t> agent(0, config_.agents.size() - 1);
            std::uniform_int_distribution<std::size_t> reason(0, config_.pause_reasons.size() - 1);
            act(acd::AgentPause{config_.agents[agent(rng_)].id,
                                config_.pause_reasons[reason(rng_)]},
                now);
            schedule_break(now.mono);
            return;
        }
        case Happening::BreakEnds:
            act(acd::AgentReady{config_.agents[s.index].id}, now);
            return;
    }
}

void SimCenter::act(const acd::Command& command, Now now) {
    auto events = router_.handle(command, now);
    if (!events) {
        ++counts_.overtaken;
        return;
    }
    take(*events, now);
}

Result<void> SimCenter::command(const acd::Command& command) {
    std::lock_guard lock(mutex_);
    const Now now = clock();
    auto events = router_.handle(command, now);
    if (!events) {
        return fail(events.error());
    }
    take(*events, now);
    wake_.notify_one();  // the router's next deadline may have moved earlier
    return {};
}

void SimCenter::take(const std::vector<acd::Event>& events, Now now) {
    counts_.events += static_cast<std::int64_t>(events.size());
    for (const acd::Event& event : events) {
        keep_history(event);
    }
    view_->apply(events);
    for (const acd::Event& event : events) {
        react(event, now);
    }
}

void SimCenter::react(const acd::Event& event, Now now) {
    std::visit(
        [&](const auto& e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, acd::AgentStateChanged>) {
                if (e.to == acd::AgentState::Paused) {
                    ++counts_.breaks;
                    schedule(now.mono + sim::draw(rng_, kBreak), Happening::BreakEnds,
                             agent_index_.at(e.agent));
                }
            } else if constexpr (requires { e.call; }) {
                // Callback requests are off in every queue, so no DialCallback needs answering.
                const auto n = call_index(e.call, calls_.size());
                if (!n) {
                    return;
                }
                if constexpr (std::is_same_v<E, acd::CallOffered>) {
                    schedule(now.mono + sim::draw(rng_, kRing), Happening::Answer, *n,
                             agent_index_.at(e.agent));
                } else if constexpr (std::is_same_v<E, acd::CallAnswered>) {
                    calls_[*n].waiting = false;
                    ++counts_.answered;
                    const sim::ScenarioQueue& line = world_.queues[calls_[*n].queue];
                    const Duration talk = calls_[*n].warm ? remaining_talk(rng_, line.handle_time)
                                                          : sim::draw(rng_, line.handle_time);
                    schedule(now.mono + talk, Happening::HangUp, *n);
                } else if constexpr (std::is_same_v<E, acd::CallAbandoned>) {
                    calls_[*n].waiting = false;
                    ++counts_.abandoned;
                } else if constexpr (std::is_same_v<E, acd::CallTimedOut> ||
                                     std::is_same_v<E, acd::CallRemoved> ||
                                     std::is_same_v<E, acd::CallBlocked>) {
                    calls_[*n].waiting = false;
                }
            }
        },
        event.body);
}

void SimCenter::keep_history(const acd::Event& event) {
    std::visit(
        [&](const auto& e) {
            if constexpr (requires { e.call; }) {
                auto [it, added] = history_.try_emplace(e.call);
                it->second.push_back(event);
                if (added) {
                    history_order_.push_back(e.call);
                }
            }
        },
        event.body);
    while (history_order_.size() > kKeptCalls) {
        history_.erase(history_order_.front());
        history_order_.pop_front();
    }
}

stats::LiveSnapshot SimCenter::live() const {
    std::lock_guard lock(mutex_);
    return view_->live(clock().wall);
}

std::vector<api::LiveCall> SimCenter::calls() const {
    std::lock_guard lock(mutex_);
    return view_->book().calls(router_);
}

std::vector<acd::AgentSnapshot> SimCenter::agents() const {
    std::lock_guard lock(mutex_);
    std::vector<acd::AgentSnapshot> out;
    out.reserve(config_.agents.size());
    for (const acd::AgentConfig& agent : config_.agents) {
        if (auto snapshot = router_.agent(agent.id)) {
            out.push_back(std::move(*snapshot));
        }
    }
    return out;
}

acd::RouterConfig SimCenter::router_config() const {
    return config_;  // fixed for the run: reconfigure() is not offered
}

Result<std::vector<acd::Event>> SimCenter::call_events(const CallId& call) const {
    std::lock_guard lock(mutex_);
    auto it = history_.find(call);
    if (it == history_.end()) {
        return fail(Errc::NotFound, "call '" + call.str() + "' is unknown");
    }
    return it->second;
}

std::shared_ptr<void> SimCenter::subscribe(std::function<void(const acd::Event&)> listener) {
    return view_->subscribe(std::move(listener));
}

Result<api::TodayIntervals> SimCenter::today_intervals() const {
    std::lock_guard lock(mutex_);
    return view_->today(clock().wall);
}

}  // namespace markaz::bench
