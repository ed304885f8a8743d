#include "config/scenario_loader.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>

#include "unit/config/yaml_text.h"

namespace markaz::config {
namespace {

using namespace std::chrono_literals;
using Kind = sim::DurationDistribution::Kind;

std::string scenario_error(const std::string& text) {
    auto scenario = parse_scenario(text, "s.yaml");
    if (scenario) {
        return "(no error)";
    }
    EXPECT_EQ(scenario.error().code, Errc::InvalidArgument);
    return scenario.error().message;
}

const char* const kBriefExample = R"(
seed: 7
duration: 8h
interval: 30m
queues:
  - name: sales
    strategy: longest-idle
    service_level: {threshold: 20s, target: 80%}
    arrivals: {rate_per_hour: 200}        # or rates_per_hour: [..] one per interval
    handle_time: {distribution: exponential, mean: 180s}
    patience: {distribution: exponential, mean: 120s}
agents:
  - {count: 12, queues: [sales], wrap_up: 0s}
)";

TEST(ScenarioLoader, LoadsTheDocumentedExample) {
    auto scenario = parse_scenario(yaml(kBriefExample), "s.yaml");
    ASSERT_TRUE(scenario) << scenario.error().message;
    EXPECT_EQ(scenario->seed, 7u);
    EXPECT_EQ(scenario->duration, 8h);
    EXPECT_EQ(scenario->interval, 30min);
    ASSERT_EQ(scenario->queues.size(), 1u);
    const sim::ScenarioQueue& sales = scenario->queues[0];
    EXPECT_EQ(sales.config.id, QueueId{"sales"});
    EXPECT_EQ(sales.config.strategy, acd::Strategy::LongestIdle);
    EXPECT_EQ(sales.config.sl_threshold, 20s);
    EXPECT_DOUBLE_EQ(sales.config.sl_target, 0.8);
    EXPECT_DOUBLE_EQ(sales.rate_per_hour, 200);
    EXPECT_TRUE(sales.rates_per_hour.empty());
    EXPECT_EQ(sales.handle_time.kind, Kind::Exponential);
    EXPECT_EQ(sales.handle_time.mean, 180s);
    ASSERT_TRUE(sales.patience);
    EXPECT_EQ(sales.patience->mean, 120s);
    ASSERT_EQ(scenario->agents.size(), 1u);
    EXPECT_EQ(scenario->agents[0].count, 12);
    ASSERT_EQ(scenario->agents[0].queues.size(), 1u);
    EXPECT_EQ(scenario->agents[0].queues[0].queue, QueueId{"sales"});
    EXPECT_EQ(scenario->agents[0].wrap_up, 0s);
    EXPECT_FALSE(scenario->agents[0].shift_end);
}

TEST(ScenarioLoader, ReadsEveryOptionalPart) {
    auto scenario = parse_scenario(yaml(R"(
duration: 9h
interval: 1h
queues:
  - name: billing
    strategy: skills
    wrap_up: 20s
    max_wait: 5m
    on_max_wait: {exit: queue, queue: general}
    call_skills: [billing, persian]
    arrivals: {rates_per_hour: [10, 20.5, 0]}
    handle_time: {distribution: lognormal, mean: 240s, sd: 90s}
  - name: general
    handle_time: {distribution: constant, value: 2m}
    patience: {distribution: constant, mean: 1m}
agents:
  - count: 3
    name: night
    queues: [{queue: billing, penalty: 1}, general]
    skills: {billing: 8}
    shift: {start: 1h, end: 9h}
)"),
                                   "s.yaml");
    ASSERT_TRUE(scenario) << scenario.error().message;
    EXPECT_EQ(scenario->seed, sim::Scenario{}.seed);
    const sim::ScenarioQueue& billing = scenario->queues[0];
    EXPECT_EQ(billing.config.strategy, acd::Strategy::Skills);
    EXPECT_EQ(billing.config.on_max_wait.queue, QueueId{"general"});
    EXPECT_EQ(billing.call_skills, (std::vector<std::string>{"billing", "persian"}));
    EXPECT_EQ(billing.rates_per_hour, (std::vector<double>{10, 20.5, 0}));
    EXPECT_EQ(billing.handle_time.kind, Kind::Lognormal);
    EXPECT_EQ(billing.handle_time.sd, 90s);
    EXPECT_FALSE(billing.patience);
    const sim::ScenarioQueue& general = scenario->queues[1];
    EXPECT_EQ(general.handle_time.kind, Kind::Constant);
    EXPECT_EQ(general.handle_time.mean, 2min);
    EXPECT_DOUBLE_EQ(general.rate_per_hour, 0);
    ASSERT_TRUE(general.patience);
    EXPECT_EQ(general.patience->mean, 1min);
    const sim::ScenarioAgentGroup& night = scenario->agents[0];
    EXPECT_EQ(night.name, "night");
    EXPECT_EQ(night.queues[0].penalty, 1);
    EXPECT_EQ(night.queues[1].queue, QueueId{"general"});
    EXPECT_EQ(night.skills.at("billing"), 8);
    EXPECT_EQ(night.shift_start, 1h);
    EXPECT_EQ(night.shift_end, Duration{9h});
}

TEST(ScenarioLoader, LoadsFromAFile) {
    char dir_template[] = "/tmp/markaz-scenario-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    std::string path = std::string(dir_template) + "/day.yaml";
    std::FILE* file = std::fopen(path.c_str(), "w");
    ASSERT_NE(file, nullptr);
    std::string text = yaml(kBriefExample);
    std::fwrite(text.data(), 1, text.size(), file);
    std::fclose(file);
    auto scenario = load_scenario(path);
    std::remove(path.c_str());
    rmdir(dir_template);
    ASSERT_TRUE(scenario) << scenario.error().message;
    EXPECT_EQ(scenario->agents[0].count, 12);
}

TEST(ScenarioLoader, SyntaxAndShapeErrors) {
    EXPECT_EQ(scenario_error("queues: [{name: sales\n"),
              "s.yaml:2: YAML syntax error: end of map flow not found");
    EXPECT_EQ(scenario_error("duration: 8h\n"), "s.yaml:1: queues: missing");
    EXPECT_EQ(scenario_error("queues: []\n"),
              "s.yaml:1: queues: a scenario needs at least one queue");
    EXPECT_EQ(scenario_error(yaml(R"(
queues:
  - name: sales
    arrival: {rate_per_hour: 10}
    handle_time: {distribution: exponential, mean: 3m}
)")),
              "s.yaml:3: queues[0].arrival: unknown key (expected one of: name, strategy, weight, "
              "ring_timeout, retry_delay, wrap_up, max_wait, on_max_wait, max_length, join_empty, "
              "leave_empty, tier_wait, service_level, short_abandon, callback_threshold, "
              "callback, announce_every, arrivals, handle_time, patience, call_skills)");
    EXPECT_EQ(scenario_error(yaml(R"(
queues:
  - name: sales
    handle_time: 3m
)")),
              "s.yaml:3: queues[0].handle_time: expected a map, got '3m'");
    EXPECT_EQ(scenario_error(yaml(R"(
queues:
  - name: sales
)")),
              "s.yaml:2: queues[0].handle_time: missing");
}

TEST(ScenarioLoader, RunLengthChecks) {
    const char* queues = "queues: [{name: q, handle_time: {distribution: constant, value: 1s}}]\n";
    EXPECT_EQ(scenario_error(std::string("duration: 1h\ninterval: 2h\n") + queues),
              "s.yaml:2: interval: must not be longer than duration");
    EXPECT_EQ(scenario_error(std::string("interval: 0s\n") + queues),
              "s.yaml:1: interval: must be more than 0s");
    EXPECT_EQ(scenario_error(std::string("duration: -1h\n") + queues),
              "s.yaml:1: duration: '-1h' is negative");
    EXPECT_EQ(scenario_error(std::string("seed: -3\n") + queues),
              "s.yaml:1: seed: must be at least 0, got -3");
    EXPECT_EQ(scenario_error(std::string("interval: 7m\n") + queues),
              "s.yaml:1: interval: must divide a day into whole intervals (15m, 30m, 1h, ...)");
    EXPECT_EQ(scenario_error(std::string("start: 24h\n") + queues),
              "s.yaml:1: start: must be a time of day from 0s to under 24h (7h = 07:00)");
    auto scenario = parse_scenario(std::string("start: 7h\n") + queues, "s.yaml");
    ASSERT_TRUE(scenario) << scenario.error().message;
    EXPECT_EQ(scenario->start, 7h);
}

TEST(ScenarioLoader, DistributionChecks) {
    EXPECT_EQ(scenario_error(yaml(R"(
queues:
  - name: sales
    handle_time: {distribution: lognormal, mean: 3m}
)")),
              "s.yaml:3: queues[0].handle_time.sd: missing (lognormal needs sd)");
    EXPECT_EQ(scenario_error(yaml(R"(
queues:
  - name: sales
    handle_time: {distribution: normal, mean: 3m}
)")),
              "s.yaml:3: queues[0].handle_time.distribution: unknown value 'normal' (expected "
              "one of: constant, exponential, lognormal)");
    EXPECT_EQ(scenario_error(yaml(R"(
queues:
  - name: sales
    handle_time: {distribution: exponential, mean: 0s}
)")),
              "s.yaml:3: queues[0].handle_time.mean: must be more than 0s");
    EXPECT_EQ(scenario_error(yaml(R"(
queues:
  - name: sales
    handle_time: {distribution: exponential, mean: 3m}
    patience:
      distribution: exponential
      value: 2m
)")),
              "s.yaml:6: queues[0].patience.value: only used with distribution: constant");
}

TEST(ScenarioLoader, ArrivalChecks) {
    EXPECT_EQ(scenario_error(yaml(R"(
queues:
  - name: sales
    arrivals: {rates_per_hour: [10, -2]}
    handle_time: {distribution: exponential, mean: 3m}
)")),
              "s.yaml:3: queues[0].arrivals.rates_per_hour[1]: must not be negative, got -2");
    EXPECT_EQ(scenario_error(yaml(R"(
queues:
  - name: sales
    arrivals: {rate_per_hour: 10, rates_per_hour: [10]}
    handle_time: {distribution: exponential, mean: 3m}
)")),
              "s.yaml:3: queues[0].arrivals.rates_per_hour: give rate_per_hour or "
              "rates_per_hour, not both");
    EXPECT_EQ(scenario_error(yaml(R"(
queues:
  - name: sales
    arrivals: {rate_per_hour: many}
    handle_time: {distribution: exponential, mean: 3m}
)")),
              "s.yaml:3: queues[0].arrivals.rate_per_hour: expected a number, got 'many'");
}

TEST(ScenarioLoader, AgentGroupChecks) {
    const std::string queues = yaml(R"(
queues:
  - name: sales
    handle_time: {distribution: exponential, mean: 3m}
)");
    EXPECT_EQ(scenario_error(queues + "agents:\n  - {count: 0, queues: [sales]}\n"),
              "s.yaml:5: agents[0].count: must be at least 1, got 0");
    EXPECT_EQ(scenario_error(queues + "agents:\n  - {count: 2, queues: [support]}\n"),
              "s.yaml:5: agents[0].queues[0]: unknown queue 'support'");
    EXPECT_EQ(
        scenario_error(queues + "agents:\n  - {queues: [sales], shift: {start: 2h, end: 1h}}\n"),
        "s.yaml:5: agents[0].shift.end: must be later than start");
    EXPECT_EQ(scenario_error(queues + "agents:\n  - {queues: [sales], shift: {start: 9h}}\n"),
              "s.yaml:5: agents[0].shift.start: the shift starts after the run ends");
    EXPECT_EQ(scenario_error(queues + "agents:\n  - {queues: [sales], skils: {billing: 3}}\n"),
              "s.yaml:5: agents[0].skils: unknown key (expected one of: count, name, queues, "
              "skills, wrap_up, shift)");
    EXPECT_EQ(scenario_error(queues + "  - name: sales\n    handle_time: {distribution: constant, "
                                      "value: 1s}\n"),
              "s.yaml:4: queues[1].name: duplicate queue 'sales' (first defined on line 2)");
}

}  // namespace
}  // namespace markaz::config
