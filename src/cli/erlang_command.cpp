// `markaz erlang --calls N --interval 30m --aht 180s --sl 80/20 [--patience 120s]
// [--shrinkage 30%] [--max-occupancy 85%] [--asa 30s] [--json]`: how many agents one interval
// needs, with the figures for a few agent counts around the answer (Erlang C, or Erlang A
// when --patience is given).

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/options.h"
#include "config/duration.h"
#include "wfm/staffing.h"

namespace markaz::cli {

namespace {

constexpr const char* kErlangUsage =
    "usage: markaz erlang --calls N --interval 30m --aht 180s --sl 80/20 [--patience 120s]\n"
    "                     [--shrinkage 30%] [--max-occupancy 85%] [--asa 30s] [--json]\n"
    "  --sl 80/20 (or 80%/20s): 80% of calls answered within 20 seconds\n";

constexpr std::array<std::string_view, 8> kValueOptions{"--calls",     "--interval",     "--aht",
                                                        "--sl",        "--patience",     "--asa",
                                                        "--shrinkage", "--max-occupancy"};

struct ErlangArgs {
    wfm::StaffingRequest request;
    std::map<std::string, std::string> given;  ///< option -> text, echoed in the header
    bool json = false;
};

Failure bad_option(const std::string& option, const std::string& message) {
    return fail(Errc::InvalidArgument, option + ": " + message);
}

Result<double> parse_percent(const std::string& option, const std::string& text) {
    auto value = config::parse_fraction(text);
    if (!value) {
        return bad_option(option, "expected a percentage like 30%, got '" + text + "'");
    }
    return *value;
}

/// "80/20", "80%/20s": a bare number before the slash is a percentage, after it seconds.
Result<void> parse_sl(const std::string& text, wfm::StaffingRequest& request) {
    auto bad = [&] {
        return bad_option("--sl",
                          "expected a target like 80/20 (80% answered within 20 "
                          "seconds), got '" +
                              text + "'");
    };
    auto slash = text.find('/');
    if (slash == std::string::npos) {
        return bad();
    }
    std::string share = text.substr(0, slash);
    auto fraction = config::parse_fraction(share.ends_with('%') ? share : share + "%");
    auto threshold = config::parse_duration(text.substr(slash + 1));
    if (!fraction || !threshold) {
        return bad();
    }
    request.service_level = *fraction;
    request.sl_threshold = *threshold;
    return {};
}

Result<void> apply_option(const std::string& option, const std::string& text, ErlangArgs& out) {
    wfm::StaffingRequest& r = out.request;
    auto set = [](auto parsed, auto& field) -> Result<void> {
        if (!parsed) {
            return fail(parsed.error());
        }
        field = *parsed;
        return {};
    };
    if (option == "--calls") {
        return set(number_option(option, text), r.calls);
    }
    if (option == "--interval") {
        return set(duration_option(option, text), r.interval);
    }
    if (option == "--aht") {
        return set(duration_option(option, text), r.aht);
    }
    if (option == "--sl") {
        return parse_sl(text, r);
    }
    if (option == "--patience") {
        return set(duration_option(option, text), r.patience);
    }
    if (option == "--asa") {
        return set(duration_option(option, text), r.max_asa);
    }
    if (option == "--shrinkage") {
        return set(parse_percent(option, text), r.shrinkage);
    }
    if (option == "--max-occupancy") {
        return set(parse_percent(option, text), r.max_occupancy);
    }
    return fail(Errc::InvalidArgument, "unknown option '" + option + "'");
}

Result<ErlangArgs> parse_args(const std::vector<std::string>& args) {
    auto options = read_options(args, {kValueOptions.begin(), kValueOptions.end()}, {"--json"});
    if (!options) {
        return fail(options.error());
    }
    ErlangArgs out;
    out.json = options->flags.contains("--json");
    for (const auto& [option, text] : options->values) {
        if (auto applied = apply_option(option, text, out); !applied) {
            return fail(applied.error());
        }
    }
    out.given = options->values;
    for (const char* required : {"--calls", "--interval", "--aht", "--sl"}) {
        if (!out.given.contains(required)) {
            return bad_option(required, "required");
        }
    }
    return out;
}

/// The option a wfm::validate_staffing() message is about: "aht: must be positive" ->
/// "--aht: must be positive".
std::string as_option_message(const std::string& message) {
    static const std::map<std::string, std::string, std::less<>> kOptions{
        {"calls", "--calls"},
        {"interval", "--interval"},
        {"aht", "--aht"},
        {"service_level", "--sl"},
        {"sl_threshold", "--sl"},
        {"patience", "--patience"},
        {"max_asa", "--asa"},
        {"max_occupancy", "--max-occupancy"},
        {"shrinkage", "--shrinkage"}};
    auto colon = message.find(':');
    auto it = kOptions.find(std::string_view(message).substr(0, colon));
    return it == kOptions.end() ? message : it->second + message.substr(colon);
}

std::string percent(double fraction) {
    return fmt::format("{:.1f}%", fraction * 100);
}

nlohmann::ordered_json row_json(const wfm::QueueMetrics& m) {
    return {{"agents", m.agents},
            {"service_level", m.service_level},
            {"asa_s", m.asa_s ? nlohmann::ordered_json(*m.asa_s) : nullptr},
            {"occupancy", m.occupancy},
            {"p_wait", m.p_wait},
            {"abandon_rate", m.abandon_rate}};
}

void print_header(std::ostream& out, const ErlangArgs& a, const wfm::StaffingPlan& plan) {
    const auto& g = a.given;
    out << fmt::format(
        "{} calls per {}, AHT {}, target {} -> traffic {:.2f} Erlangs ({})", g.at("--calls"),
        g.at("--interval"), g.at("--aht"), g.at("--sl"), plan.traffic_erlangs,
        a.request.patience ? "Erlang A, patience " + g.at("--patience") : std::string("Erlang C"));
    if (a.request.max_asa) {
        out << ", ASA at most " << g.at("--asa");
    }
    if (a.request.max_occupancy) {
        out << ", occupancy at most " << percent(*a.request.max_occupancy);
    }
    out << "\n\n";
}

void print_text(std::ostream& out, const ErlangArgs& a, const wfm::StaffingPlan& plan,
                const std::vector<wfm::QueueMetrics>& rows) {
    const bool abandon = a.request.patience.has_value();
    print_header(out, a, plan);
    out << fmt::format("{:>6} {:>13} {:>8} {:>9} {:>7}{}\n", "agents", "service level", "ASA",
                       "occupancy", "P(wait)", abandon ? fmt::format(" {:>7}", "abandon") : "");
    for (const auto& m : rows) {
        out << fmt::format(
            "{:>6} {:>13} {:>8} {:>9} {:>7}{}{}\n", m.agents, percent(m.service_level),
            m.asa_s ? fmt::format("{:.1f}s", *m.asa_s) : "unstable", percent(m.occupancy),
            percent(m.p_wait), abandon ? fmt::format(" {:>7}", percent(m.abandon_rate)) : "",
            m.agents == plan.required_agents ? "  <- required" : "");
    }
    out << "\nrequired agents: " << plan.required_agents << '\n';
    out << fmt::format("scheduled with {:g}% shrinkage: {}\n", a.request.shrinkage * 100,
                       plan.scheduled_agents);
}

/// From a few agents below the answer (never below the first count worth showing: the first
/// stable one in Erlang C) to five above it.
std::vector<wfm::QueueMetrics> table_rows(const wfm::StaffingRequest& request,
                                          const wfm::StaffingPlan& plan) {
    int first = 0;
    if (plan.traffic_erlangs > 0) {
        first = request.patience ? 1 : static_cast<int>(std::floor(plan.traffic_erlangs)) + 1;
    }
    std::vector<wfm::QueueMetrics> rows;
    for (int n = std::max(first, plan.required_agents - 3); n <= plan.required_agents + 5; ++n) {
        rows.push_back(wfm::evaluate(request, n));
    }
    return rows;
}

}  // namespace

int run_erlang(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    auto parsed = parse_args(args);
    if (!parsed) {
        err << "markaz erlang: " << parsed.error().message << '\n' << kErlangUsage;
        return 2;
    }
    auto plan = wfm::plan_staffing(parsed->request);
    if (!plan) {
        err << "markaz erlang: " << as_option_message(plan.error().message) << '\n';
        return 2;
    }
    auto rows = table_rows(parsed->request, *plan);
    if (!parsed->json) {
        print_text(out, *parsed, *plan, rows);
        return 0;
    }
    nlohmann::ordered_json json_rows = nlohmann::ordered_json::array();
    for (const auto& m : rows) {
        json_rows.push_back(row_json(m));
    }
    nlohmann::ordered_json doc{{"traffic_erlangs", plan->traffic_erlangs},
                               {"required_agents", plan->required_agents},
                               {"scheduled_agents", plan->scheduled_agents},
                               {"rows", std::move(json_rows)}};
    out << doc.dump(2) << '\n';
    return 0;
}

}  // namespace markaz::cli
