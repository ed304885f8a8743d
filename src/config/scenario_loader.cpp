#include "config/scenario_loader.h"

#include <climits>

#include "config/queue_yaml.h"
#include "config/yaml_reader.h"

namespace markaz::config {
namespace {

using Kind = sim::DurationDistribution::Kind;
inline constexpr EnumTable<Kind, 3> kDistributionNames{{{
    {Kind::Constant, "constant"},
    {Kind::Exponential, "exponential"},
    {Kind::Lognormal, "lognormal"},
}}};

/// `{distribution: exponential, mean: 180s}`, `{distribution: lognormal, mean: 180s, sd: 60s}`,
/// `{distribution: constant, value: 30s}` (or `mean:`).
bool read_distribution(YamlReader& reader, const YAML::Node& node, const std::string& path,
                       sim::DurationDistribution& out) {
    if (!reader.check_map(node, path, {"distribution", "mean", "sd", "value"}) ||
        !reader.require(node, path, "distribution")) {
        return false;
    }
    reader.read(node, path, "distribution", kDistributionNames, out.kind);
    reader.read(node, path, "mean", out.mean);
    reader.read(node, path, "sd", out.sd);
    if (!reader.ok()) {
        return false;
    }
    auto mean = YamlReader::find(node, "mean");
    auto sd = YamlReader::find(node, "sd");
    auto value = YamlReader::find(node, "value");
    std::string name(kDistributionNames.name(out.kind));
    if (out.kind == Kind::Constant) {
        if (mean && value) {
            return reader.fail_at(*value, field_path(path, "value"),
                                  "give mean or value, not both");
        }
        if (!mean && !value) {
            return reader.fail_at(node, field_path(path, "value"), "missing");
        }
        reader.read(node, path, "value", out.mean);
    } else if (value) {
        return reader.fail_at(*value, field_path(path, "value"),
                              "only used with distribution: constant");
    } else if (!mean) {
        return reader.fail_at(node, field_path(path, "mean"), "missing");
    } else if (out.mean <= Duration::zero()) {
        return reader.fail_at(*mean, field_path(path, "mean"), "must be more than 0s");
    }
    if (out.kind == Kind::Lognormal && !sd) {
        return reader.fail_at(node, field_path(path, "sd"), "missing (lognormal needs sd)");
    }
    if (out.kind != Kind::Lognormal && sd) {
        return reader.fail_at(*sd, field_path(path, "sd"),
                              "only used with distribution: lognormal");
    }
    return reader.ok();
}

bool read_arrivals(YamlReader& reader, const YAML::Node& queue, const std::string& path,
                   sim::ScenarioQueue& out) {
    auto node = reader.ok() ? YamlReader::find(queue, "arrivals") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    std::string arrivals_path = field_path(path, "arrivals");
    if (!reader.check_map(*node, arrivals_path, {"rate_per_hour", "rates_per_hour"})) {
        return false;
    }
    auto rate = YamlReader::find(*node, "rate_per_hour");
    auto rates = YamlReader::find(*node, "rates_per_hour");
    if (rate && rates) {
        return reader.fail_at(*rates, field_path(arrivals_path, "rates_per_hour"),
                              "give rate_per_hour or rates_per_hour, not both");
    }
    if (rate) {
        if (auto value = reader.number(*rate, field_path(arrivals_path, "rate_per_hour"), 0)) {
            out.rate_per_hour = *value;
        }
    }
    if (rates) {
        std::string rates_path = field_path(arrivals_path, "rates_per_hour");
        if (!reader.check_sequence(*rates, rates_path)) {
            return false;
        }
        const YAML::Node& list = *rates;
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto value = reader.number(list[i], index_path(rates_path, i), 0);
            if (!value) {
                return false;
            }
            out.rates_per_hour.push_back(*value);
        }
    }
    return reader.ok();
}

bool read_scenario_queue(YamlReader& reader, const YAML::Node& node, const std::string& path,
                         sim::ScenarioQueue& out) {
    if (!read_queue(reader, node, path, out.config,
                    {"arrivals", "handle_time", "patience", "call_skills"}) ||
        !reader.require(node, path, "handle_time")) {
        return false;
    }
    read_arrivals(reader, node, path, out);
    read_distribution(reader, *YamlReader::find(node, "handle_time"),
                      field_path(path, "handle_time"), out.handle_time);
    if (auto patience = reader.ok() ? YamlReader::find(node, "patience") : std::nullopt) {
        sim::DurationDistribution distribution;
        if (read_distribution(reader, *patience, field_path(path, "patience"), distribution)) {
            out.patience = distribution;
        }
    }
    reader.read(node, path, "call_skills", out.call_skills);
    return reader.ok();
}

bool read_shift(YamlReader& reader, const YAML::Node& group, const std::string& path, Duration run,
                sim::ScenarioAgentGroup& out) {
    auto node = reader.ok() ? YamlReader::find(group, "shift") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    std::string shift_path = field_path(path, "shift");
    reader.check_map(*node, shift_path, {"start", "end"});
    reader.read(*node, shift_path, "start", out.shift_start);
    reader.read(*node, shift_path, "end", out.shift_end);
    if (!reader.ok()) {
        return false;
    }
    if (out.shift_start >= run) {
        return reader.fail_at(*YamlReader::find(*node, "start"), field_path(shift_path, "start"),
                              "the shift starts after the run ends");
    }
    if (out.shift_end && *out.shift_end <= out.shift_start) {
        return reader.fail_at(*YamlReader::find(*node, "end"), field_path(shift_path, "end"),
                              "must be later than start");
    }
    return true;
}

bool read_agent_group(YamlReader& reader, const YAML::Node& node, const std::string& path,
                      const QueueLines& known, Duration run, sim::ScenarioAgentGroup& out) {
    reader.check_map(node, path, {"count", "name", "queues", "skills", "wrap_up", "shift"});
    reader.read(node, path, "count", out.count, 1, INT_MAX);
    reader.read(node, path, "name", out.name);
    read_memberships(reader, node, path, known, out.queues);
    read_skills(reader, node, path, out.skills);
    reader.read(node, path, "wrap_up", out.wrap_up);
    read_shift(reader, node, path, run, out);
    return reader.ok();
}

bool read_run(YamlReader& reader, const YAML::Node& root, sim::Scenario& out) {
    if (auto seed = reader.ok() ? YamlReader::find(root, "seed") : std::nullopt) {
        if (auto value = reader.integer(*seed, "seed", 0, LLONG_MAX)) {
            out.seed = static_cast<std::uint64_t>(*value);
        }
    }
    reader.read(root, "", "duration", out.duration);
    reader.read(root, "", "interval", out.interval);
    reader.read(root, "", "start", out.start);
    if (!reader.ok()) {
        return false;
    }
    if (out.start < Duration::zero() || out.start >= std::chrono::hours{24}) {
        return reader.fail_at(*YamlReader::find(root, "start"), "start",
                              "must be a time of day from 0s to under 24h (7h = 07:00)");
    }
    if (out.duration <= Duration::zero()) {
        return reader.fail_at(*YamlReader::find(root, "duration"), "duration",
                              "must be more than 0s");
    }
    auto interval = YamlReader::find(root, "interval");
    if (out.interval <= Duration::zero()) {
        return reader.fail_at(interval ? *interval : root, "interval", "must be more than 0s");
    }
    if (std::chrono::hours{24} % out.interval != Duration::zero()) {
        return reader.fail_at(interval ? *interval : root, "interval",
                              "must divide a day into whole intervals (15m, 30m, 1h, ...)");
    }
    if (out.interval > out.duration) {
        return reader.fail_at(interval ? *interval : root, "interval",
                              "must not be longer than duration");
    }
    return true;
}

Result<sim::Scenario> parse(const YAML::Node& root, std::string_view source_name) {
    YamlReader reader{std::string(source_name)};
    sim::Scenario scenario;
    reader.check_map(root, "", {"seed", "start", "duration", "interval", "queues", "agents"});
    reader.require(root, "", "queues");
    read_run(reader, root, scenario);
    QueueLines queue_lines;
    if (auto node = reader.ok() ? YamlReader::find(root, "queues") : std::nullopt;
        node && reader.check_sequence(*node, "queues")) {
        const YAML::Node& list = *node;
        if (list.size() == 0) {
            reader.fail_at(list, "queues", "a scenario needs at least one queue");
        }
        scenario.queues.resize(list.size());
        std::vector<acd::QueueConfig> configs;
        for (std::size_t i = 0; i < list.size() && reader.ok(); ++i) {
            read_scenario_queue(reader, list[i], index_path("queues", i), scenario.queues[i]);
            configs.push_back(scenario.queues[i].config);
        }
        if (reader.ok()) {
            check_queues(reader, list, "queues", configs, queue_lines);
        }
    }
    if (auto node = reader.ok() ? YamlReader::find(root, "agents") : std::nullopt;
        node && reader.check_sequence(*node, "agents")) {
        const YAML::Node& list = *node;
        scenario.agents.resize(list.size());
        for (std::size_t i = 0; i < list.size() && reader.ok(); ++i) {
            read_agent_group(reader, list[i], index_path("agents", i), queue_lines,
                             scenario.duration, scenario.agents[i]);
        }
    }
    if (!reader.ok()) {
        return reader.failure();
    }
    return scenario;
}

}  // namespace

Result<sim::Scenario> parse_scenario(std::string_view text, std::string_view source_name) {
    try {
        auto root = parse_yaml(text, source_name);
        if (!root) {
            return fail(root.error());
        }
        return parse(*root, source_name);
    } catch (const YAML::Exception& e) {
        // The reader checks shapes before it indexes, so this is a safety net, not a path.
        return fail(Errc::InvalidArgument, std::string(source_name) + ":" +
                                               std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
}

Result<sim::Scenario> load_scenario(const std::string& path) {
    auto text = read_text_file(path);
    if (!text) {
        return fail(text.error());
    }
    return parse_scenario(*text, path);
}

}  // namespace markaz::config
