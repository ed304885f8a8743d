// A simulated day of a 1,000-agent centre with about 400,000 calls, through the real router
// and stats (config/scenarios/large-center.yaml). Target: under 10 s on one core.

#include <benchmark/benchmark.h>

#include "config/scenario_loader.h"
#include "sim/simulator.h"

namespace markaz::sim {
namespace {

void BM_SimulateLargeCenterDay(benchmark::State& state) {
    auto scenario = config::load_scenario(MARKAZ_SOURCE_DIR "/config/scenarios/large-center.yaml");
    if (!scenario) {
        state.SkipWithError(scenario.error().message.c_str());
        return;
    }
    std::int64_t calls = 0;
    std::int64_t events = 0;
    for (auto _ : state) {
        auto result = simulate(*scenario);
        if (!result) {
            state.SkipWithError(result.error().message.c_str());
            return;
        }
        calls = result->totals.total.counters.offered;
        events = result->events;
    }
    state.counters["calls"] = static_cast<double>(calls);
    state.counters["events"] = static_cast<double>(events);
    state.counters["calls_per_s"] =
        benchmark::Counter(static_cast<double>(calls) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimulateLargeCenterDay)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
}  // namespace markaz::sim

BENCHMARK_MAIN();
