// A month's report of a large centre (docs/performance.md has the figures and the command):
// 500 agents in 20 queues, about 3,000,000 calls in 31 days, as the store's quarter-hour
// rollups hold them (each agent working 12 hours a day: 744,000 agent rows, and a row per
// quarter hour for each queue and the centre). Each repetition reads and sums one report the
// way GET /api/v1/reports does (store::ReportBook, reports::periods, sum_into_periods); the
// target is under 2 s for the month.
//
// The store file is made once (about half a minute) and kept in the temporary folder.

#include <filesystem>
#include <random>
#include <string>

#include <benchmark/benchmark.h>

#include "reports/period_sums.h"
#include "store/report_book.h"
#include "store/rollup_rows.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store.h"

namespace markaz::store {
namespace {

using namespace std::chrono;

constexpr int kAgents = 500;
constexpr int kQueues = 20;
constexpr int kDays = 31;
constexpr int kSlotsPerDay = 96;
// 1 Azar 1405 in Tehran (2026-11-21T20:30Z): the month is Azar, 30 days, plus a day of Dey.
const WallTime kStart{sys_days{year{2026} / 11 / 21} + hours{20} + minutes{30}};
const reports::ZoneOffsets kTehran{minutes{210}};

std::string store_path() {
    return (std::filesystem::temp_directory_path() / "markaz-reports-bench-v2.db").string();
}

stats::KpiCounters random_counters(std::mt19937& rng, int calls) {
    std::uniform_int_distribution<int> share(0, 100);
    stats::KpiCounters c;
    c.offered = calls;
    c.answered = calls * 90 / 100;
    c.answered_within_threshold = c.answered * share(rng) / 100;
    c.abandoned = calls - c.answered;
    c.handled = c.answered;
    c.answered_wait = std::chrono::seconds{15 * c.answered};
    c.talk = std::chrono::seconds{180 * c.answered};
    c.wrap = std::chrono::seconds{20 * c.answered};
    // The wait curve (schema v19): most answered early, the abandons spread.
    c.answered_by_wait[0] = c.answered / 2;
    c.answered_by_wait[1] = c.answered - c.answered / 2;
    c.abandoned_by_wait[3] = c.abandoned;
    c.agent_time.available = std::chrono::seconds{200};
    c.agent_time.on_call = std::chrono::seconds{600};
    c.agent_time.wrap_up = std::chrono::seconds{100};
    return c;
}

void make_store(const std::string& path) {
    std::filesystem::remove(path);
    if (!SqliteStore::open(path)) {  // the schema
        std::abort();
    }
    auto db = SqliteDb::open(path);
    std::string marks;
    for (int i = 0; i < kRollupColumnCount; ++i) {
        marks += ", ?" + std::to_string(i + 3);
    }
    std::mt19937 rng(7);
    auto written = db->transaction([&]() -> Result<void> {
        auto insert = db->prepare("INSERT INTO report_rollups (scope, slot_ms, " + kRollupColumns +
                                  ") VALUES (?1, ?2" + marks + ")");
        auto put = [&](const std::string& scope, WallTime slot, int calls) {
            insert->reset();
            insert->bind(1, std::string_view(scope)).bind(2, slot.time_since_epoch().count());
            bind_counters(*insert, 3, random_counters(rng, calls));
            (void)insert->run();
        };
        for (int slot = 0; slot < kDays * kSlotsPerDay; ++slot) {
            const WallTime at = kStart + minutes{15 * slot};
            put("", at, 1008);
            for (int q = 0; q < kQueues; ++q) {
                put("q:queue-" + std::to_string(q), at, 50);
            }
            // Half the agents work each half of the day.
            const bool first_half = slot % kSlotsPerDay < kSlotsPerDay / 2;
            for (int a = first_half ? 0 : kAgents / 2; a < (first_half ? kAgents / 2 : kAgents);
                 ++a) {
                put("a:agent-" + std::to_string(a), at, 4);
            }
        }
        return {};
    });
    if (!written) {
        std::abort();
    }
}

ReportBook& book() {
    static std::unique_ptr<ReportBook> opened = [] {
        const std::string path = store_path();
        if (!std::filesystem::exists(path)) {
            make_store(path);
        }
        return std::move(*ReportBook::open(path));
    }();
    return *opened;
}

/// One report: the periods, the scope's rows summed into them, and the rankings beside.
void run_report(benchmark::State& state, const std::string& scope, reports::Grain grain) {
    ReportBook& reports = book();
    const reports::PeriodRequest request{kStart + hours{24}, kStart + hours{24 * 29}, grain,
                                         reports::Calendar::Jalali};
    for (auto _ : state) {
        auto periods = reports::periods(request, kTehran);
        auto rows = reports.rollups(scope, periods->front().from, periods->back().to);
        auto sums = reports::sum_into_periods(*periods, *rows);
        benchmark::DoNotOptimize(sums.data());
        auto week = reports::sum_into_week_hours(*rows, kTehran, std::chrono::Saturday);
        benchmark::DoNotOptimize(week.cells.data());
        if (scope.empty()) {
            auto queues = reports.totals("q:", periods->front().from, periods->back().to);
            benchmark::DoNotOptimize(queues->size());
        }
        if (scope.rfind("a:", 0) != 0) {
            auto agents = reports.totals("a:", periods->front().from, periods->back().to);
            if (agents->size() != kAgents) {
                state.SkipWithError("not every agent");
                break;
            }
        }
    }
}

void BM_CentreMonthByDay(benchmark::State& state) {
    run_report(state, "", reports::Grain::Day);
}
void BM_QueueMonthByHalfHour(benchmark::State& state) {
    run_report(state, "q:queue-3", reports::Grain::Interval);
}
void BM_AgentMonthByDay(benchmark::State& state) {
    run_report(state, "a:agent-42", reports::Grain::Day);
}
BENCHMARK(BM_CentreMonthByDay)->Unit(benchmark::kMillisecond)->Iterations(5)->Repetitions(5);
BENCHMARK(BM_QueueMonthByHalfHour)->Unit(benchmark::kMillisecond)->Iterations(5)->Repetitions(5);
BENCHMARK(BM_AgentMonthByDay)->Unit(benchmark::kMillisecond)->Iterations(20)->Repetitions(5);

}  // namespace
}  // namespace markaz::store

BENCHMARK_MAIN();
