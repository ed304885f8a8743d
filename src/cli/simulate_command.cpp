// `markaz simulate SCENARIO.yaml [--seed N] [--json]`: runs the ACD engine on a virtual clock
// and prints the KPI table per interval and in total (or the same figures as JSON).

#include <charconv>
#include <optional>
#include <ostream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "config/scenario_loader.h"
#include "sim/simulator.h"

namespace markaz::cli {

namespace {

constexpr const char* kSimulateUsage = "usage: markaz simulate SCENARIO.yaml [--seed N] [--json]\n";

struct SimulateArgs {
    std::string scenario;
    std::optional<std::uint64_t> seed;
    bool json = false;
};

Result<SimulateArgs> parse_args(const std::vector<std::string>& args) {
    SimulateArgs out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--json") {
            out.json = true;
        } else if (arg == "--seed") {
            if (i + 1 == args.size()) {
                return fail(Errc::InvalidArgument, "--seed: expected a number");
            }
            const std::string& text = args[++i];
            std::uint64_t seed = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
            if (ec != std::errc{} || end != text.data() + text.size()) {
                return fail(Errc::InvalidArgument,
                            "--seed: expected a non-negative whole number, got '" + text + "'");
            }
            out.seed = seed;
        } else if (arg.starts_with("-")) {
            return fail(Errc::InvalidArgument, "unknown option '" + arg + "'");
        } else if (out.scenario.empty()) {
            out.scenario = arg;
        } else {
            return fail(Errc::InvalidArgument, "more than one scenario file given ('" +
                                                   out.scenario + "', '" + arg + "')");
        }
    }
    if (out.scenario.empty()) {
        return fail(Errc::InvalidArgument, "no scenario file given");
    }
    return out;
}

nlohmann::ordered_json optional_number(const std::optional<double>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

/// The figures every block of the JSON carries (docs/metrics.md defines each).
nlohmann::ordered_json figures_json(const stats::Figures& f) {
    const stats::KpiCounters& c = f.counters;
    return {
        {"offered", c.offered},
        {"answered", c.answered},
        {"answered_within_threshold", c.answered_within_threshold},
        {"abandoned", c.abandoned},
        {"short_abandoned", c.short_abandoned},
        {"blocked", c.blocked},
        {"timed_out", c.timed_out},
        {"service_level", optional_number(f.kpis.service_level)},
        {"asa_s", optional_number(f.kpis.asa_s)},
        {"aht_s", optional_number(f.kpis.aht_s)},
        {"abandon_rate", optional_number(f.kpis.abandon_rate)},
        {"avg_abandon_s", optional_number(f.kpis.avg_abandon_s)},
        {"occupancy", optional_number(f.kpis.occupancy)},
    };
}

/// "08:30" for an instant `offset` after the run's start.
std::string clock_label(Duration offset) {
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(offset).count();
    return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

nlohmann::ordered_json result_json(const sim::SimulationResult& r) {
    nlohmann::ordered_json queues = nlohmann::ordered_json::object();
    for (const auto& id : r.queues) {
        auto it = r.totals.queues.find(id);
        queues[id.str()] =
            figures_json(it != r.totals.queues.end() ? it->second : stats::Figures{});
    }
    nlohmann::ordered_json intervals = nlohmann::ordered_json::array();
    for (const auto& row : r.intervals) {
        nlohmann::ordered_json block = figures_json(row.total);
        block["start"] = clock_label(row.from - r.start);
        block["end"] = clock_label(row.to - r.start);
        nlohmann::ordered_json per_queue = nlohmann::ordered_json::object();
        for (const auto& id : r.queues) {
            auto it = row.queues.find(id);
            per_queue[id.str()] =
                figures_json(it != row.queues.end() ? it->second : stats::Figures{});
        }
        block["queues"] = std::move(per_queue);
        intervals.push_back(std::move(block));
    }
    nlohmann::ordered_json totals = figures_json(r.totals.total);
    totals["waiting_at_end"] = r.waiting_at_end;
    return {{"seed", r.seed},
            {"totals", std::move(totals)},
            {"queues", std::move(queues)},
            {"intervals", std::move(intervals)}};
}

std::string percent(const std::optional<double>& value) {
    return value ? fmt::format("{:.1f}%", *value * 100) : "-";
}
std::string secs(const std::optional<double>& value) {
    return value ? fmt::format("{:.1f}s", *value) : "-";
}

void print_row(std::ostream& out, const std::string& label, const stats::Figures& f) {
    const stats::KpiCounters& c = f.counters;
    out << fmt::format("{:<13} {:>7} {:>8} {:>9} {:>7} {:>7} {:>7} {:>7} {:>7} {:>6}\n", label,
                       c.offered, c.answered, c.abandoned, c.blocked, percent(f.kpis.service_level),
                       secs(f.kpis.asa_s), secs(f.kpis.aht_s), percent(f.kpis.abandon_rate),
                       percent(f.kpis.occupancy));
}

void print_header(std::ostream& out, const std::string& first) {
    out << fmt::format("{:<13} {:>7} {:>8} {:>9} {:>7} {:>7} {:>7} {:>7} {:>7} {:>6}\n", first,
                       "offered", "answered", "abandoned", "blocked", "SL", "ASA", "AHT", "aband",
                       "occ");
}

void print_text(std::ostream& out, const std::string& file, const sim::Scenario& scenario,
                const sim::SimulationResult& r) {
    std::size_t agents = sim::router_config(scenario).agents.size();
    out << fmt::format("Markaz simulation of {} (seed {}): {} agent{}, {} queue{}, {} to {}\n\n",
                       file, r.seed, agents, agents == 1 ? "" : "s", r.queues.size(),
                       r.queues.size() == 1 ? "" : "s", clock_label(scenario.start),
                       clock_label(scenario.start + scenario.duration));
    print_header(out, "interval");
    for (const auto& row : r.intervals) {
        print_row(out, clock_label(row.from - r.start) + "-" + clock_label(row.to - r.start),
                  row.total);
    }
    print_row(out, "total", r.totals.total);
    out << '\n';
    print_header(out, "queue");
    for (const auto& id : r.queues) {
        auto it = r.totals.queues.find(id);
        print_row(out, id.str(), it != r.totals.queues.end() ? it->second : stats::Figures{});
    }
    out << "\nSL: answered within the queue's threshold / (answered + abandoned) unless the "
           "queue says otherwise; occ: (talk + wrap-up) / logged-in working time.\n";
    if (r.waiting_at_end > 0) {
        out << r.waiting_at_end
            << " callers were still waiting when the run ended (not counted).\n";
    }
}

}  // namespace

int run_simulate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    auto parsed = parse_args(args);
    if (!parsed) {
        err << "markaz simulate: " << parsed.error().message << '\n' << kSimulateUsage;
        return 2;
    }
    auto scenario = config::load_scenario(parsed->scenario);
    if (!scenario) {
        err << scenario.error().message << '\n';
        return 2;
    }
    auto result = sim::simulate(*scenario, parsed->seed);
    if (!result) {
        err << "markaz simulate: " << result.error().message << '\n';
        return result.error().code == Errc::InvalidArgument ? 2 : 1;
    }
    if (parsed->json) {
        out << result_json(*result).dump(2) << '\n';
    } else {
        print_text(out, parsed->scenario, *scenario, *result);
    }
    return 0;
}

}  // namespace markaz::cli
