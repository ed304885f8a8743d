// Routing decisions per second on a large centre: 10,000 agents in 200 queues with 50,000
// callers waiting (docs/performance.md has the figures and the command).
//
// BM_AgentFreesUp: the steady state of a busy centre. Each iteration one agent hangs up, the
// router picks the best waiting call across the agent's three queues (priority, queue weight,
// longest wait) and offers it, the agent answers, and a new caller joins so that 50,000 keep
// waiting. One routing decision per iteration; the rate includes the three commands around it.
//
// BM_RoutingDecision: the decision alone, in the same busy state: for agent after agent, which
// of the 50,000 waiting calls across their three queues (tiers by penalty, priority, queue
// weight, longest wait) they would take next (Router::next_call_for). This is the figure the
// 1,000,000-per-second target is about; BM_AgentFreesUp shows what the commands around it cost.
//
// BM_CallArrives: the quiet centre. Thousands of agents are free; each iteration a caller
// arrives, the queue's strategy picks an agent, the agent answers and hangs up.
//
// BM_EnqueueAbandon/N: one caller joins and leaves a queue holding N callers; the time should
// grow with log N, not N.

#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "acd/router.h"

namespace markaz::acd {
namespace {

using namespace std::chrono_literals;

constexpr int kAgents = 10'000;
constexpr int kQueues = 200;
constexpr int kWaiting = 50'000;

RouterConfig big_center(Strategy strategy) {
    RouterConfig config;
    for (int q = 0; q < kQueues; ++q) {
        QueueConfig queue;
        queue.id = QueueId{"q" + std::to_string(q)};
        queue.strategy = strategy;
        queue.weight = q % 3;
        config.queues.push_back(queue);
    }
    for (int a = 0; a < kAgents; ++a) {
        AgentConfig agent;
        agent.id = AgentId{"a" + std::to_string(a)};
        // Each agent works three queues with rising penalty; every queue has 150 members.
        for (int k = 0; k < 3; ++k) {
            agent.queues.push_back({QueueId{"q" + std::to_string((a + k * 67) % kQueues)}, k});
        }
        config.agents.push_back(agent);
    }
    return config;
}

/// Drives a router with a clock that moves 1 ms per command.
class Driver {
public:
    explicit Driver(Strategy strategy)
        : router_(std::move(*Router::create(big_center(strategy), 1))) {}

    std::vector<Event> run(const Command& command) {
        now_ = now_ + 1ms;
        auto events = router_.handle(command, now_);
        if (!events) {
            std::abort();  // a benchmark that silently measures rejections measures nothing
        }
        return std::move(*events);
    }

    /// Answers every offer among `events` and remembers who is on which call.
    void answer_offers(const std::vector<Event>& events) {
        for (const auto& e : events) {
            if (const auto* offer = std::get_if<CallOffered>(&e.body)) {
                run(OfferAnswered{offer->call, offer->agent});
                on_call_.push_back(offer->call);
            }
        }
    }

    CallId new_call() { return CallId{"c" + std::to_string(next_call_++)}; }
    QueueId some_queue() { return QueueId{"q" + std::to_string(next_call_ * 7919 % kQueues)}; }

    void login_all() {
        for (int a = 0; a < kAgents; ++a) {
            run(AgentLogin{.agent = AgentId{"a" + std::to_string(a)},
                           .extension = std::to_string(1000 + a)});
        }
    }

    Router& router() { return router_; }
    std::vector<CallId>& on_call() { return on_call_; }

private:
    Router router_;
    Now now_{SteadyTime{1h}, WallTime{std::chrono::hours{24 * 20000}}};
    long next_call_ = 0;
    std::vector<CallId> on_call_;
};

void BM_AgentFreesUp(benchmark::State& state) {
    Driver d{static_cast<Strategy>(state.range(0))};
    d.login_all();
    // Every agent takes a call, then 50,000 more callers wait.
    for (int i = 0; i < kAgents + kWaiting; ++i) {
        d.answer_offers(d.run(EnqueueCall{d.new_call(), d.some_queue()}));
    }
    if (static_cast<int>(d.on_call().size()) != kAgents) {
        state.SkipWithError("not every agent is on a call");
        return;
    }
    std::size_t next = 0;
    std::int64_t decisions = 0;
    for (auto _ : state) {
        CallId ending = d.on_call()[next];
        auto events = d.run(HangUp{ending, Party::Caller});
        for (const auto& e : events) {
            if (const auto* offer = std::get_if<CallOffered>(&e.body)) {
                d.run(OfferAnswered{offer->call, offer->agent});
                d.on_call()[next] = offer->call;
                ++decisions;
            }
        }
        next = (next + 1) % d.on_call().size();
        d.run(EnqueueCall{d.new_call(), d.some_queue()});
    }
    state.counters["decisions_per_s"] =
        benchmark::Counter(static_cast<double>(decisions), benchmark::Counter::kIsRate);
    state.SetLabel(std::string{kStrategyNames.name(static_cast<Strategy>(state.range(0)))});
}
BENCHMARK(BM_AgentFreesUp)
    ->Arg(static_cast<int>(Strategy::LongestIdle))
    ->Arg(static_cast<int>(Strategy::RoundRobin))
    ->Arg(static_cast<int>(Strategy::Skills))
    ->Unit(benchmark::kMicrosecond);

void BM_RoutingDecision(benchmark::State& state) {
    Driver d{Strategy::LongestIdle};
    d.login_all();
    for (int i = 0; i < kAgents + kWaiting; ++i) {
        // Priorities 0..2 so that decisions compare across priority buckets too.
        d.answer_offers(d.run(EnqueueCall{d.new_call(), d.some_queue(), i % 3}));
    }
    std::vector<AgentId> agents;
    for (int a = 0; a < kAgents; ++a) {
        agents.emplace_back("a" + std::to_string(a));
    }
    std::size_t next = 0;
    std::int64_t found = 0;
    for (auto _ : state) {
        auto call = d.router().next_call_for(agents[next]);
        found += call ? 1 : 0;
        benchmark::DoNotOptimize(call);
        next = next + 1 == agents.size() ? 0 : next + 1;
    }
    if (found != static_cast<std::int64_t>(state.iterations())) {
        state.SkipWithError("an agent found no call among 50,000 waiting");
    }
    state.counters["decisions_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RoutingDecision)->Unit(benchmark::kNanosecond);

void BM_CallArrives(benchmark::State& state) {
    Driver d{static_cast<Strategy>(state.range(0))};
    d.login_all();
    std::int64_t decisions = 0;
    for (auto _ : state) {
        CallId call = d.new_call();
        auto events = d.run(EnqueueCall{call, d.some_queue()});
        for (const auto& e : events) {
            if (const auto* offer = std::get_if<CallOffered>(&e.body)) {
                d.run(OfferAnswered{offer->call, offer->agent});
                ++decisions;
            }
        }
        d.run(HangUp{call, Party::Caller});
    }
    state.counters["decisions_per_s"] =
        benchmark::Counter(static_cast<double>(decisions), benchmark::Counter::kIsRate);
    state.SetLabel(std::string{kStrategyNames.name(static_cast<Strategy>(state.range(0)))});
}
BENCHMARK(BM_CallArrives)
    ->Arg(static_cast<int>(Strategy::LongestIdle))
    ->Arg(static_cast<int>(Strategy::FewestCalls))
    ->Arg(static_cast<int>(Strategy::RoundRobin))
    ->Arg(static_cast<int>(Strategy::Linear))
    ->Arg(static_cast<int>(Strategy::Skills))
    ->Unit(benchmark::kMicrosecond);

void BM_EnqueueAbandon(benchmark::State& state) {
    RouterConfig config;
    QueueConfig queue;
    queue.id = QueueId{"q"};
    config.queues.push_back(queue);
    Router router = std::move(*Router::create(config, 1));
    Now now{SteadyTime{1h}, WallTime{std::chrono::hours{24 * 20000}}};
    for (long i = 0; i < state.range(0); ++i) {
        now = now + 1ms;
        (void)router.handle(
            EnqueueCall{CallId{"w" + std::to_string(i)}, QueueId{"q"}, static_cast<int>(i % 5)},
            now);
    }
    long n = 0;
    for (auto _ : state) {
        now = now + 1ms;
        CallId call{"x" + std::to_string(n++)};
        auto joined = router.handle(EnqueueCall{call, QueueId{"q"}, static_cast<int>(n % 5)}, now);
        auto left = router.handle(AbandonCall{call}, now);
        if (!joined || !left) {
            state.SkipWithError("router refused");
            return;
        }
        benchmark::DoNotOptimize(left);
    }
    state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_EnqueueAbandon)->RangeMultiplier(10)->Range(100, 1'000'000)->Complexity();

}  // namespace
}  // namespace markaz::acd

BENCHMARK_MAIN();
