#include "config/router_config_loader.h"

#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "unit/config/yaml_text.h"

namespace markaz::config {
namespace {

using namespace std::chrono_literals;

std::string source_dir() {
    if (const char* dir = std::getenv("MARKAZ_SOURCE_DIR")) {
        return dir;
    }
    std::string file = __FILE__;  // <source>/tests/unit/config/this_test.cpp
    for (int i = 0; i < 4; ++i) {
        file = file.substr(0, file.rfind('/'));
    }
    return file;
}

std::string router_error(const std::string& text) {
    auto config = parse_router_config(text, "t.yaml");
    if (config) {
        return "(no error)";
    }
    EXPECT_EQ(config.error().code, Errc::InvalidArgument);
    return config.error().message;
}

TEST(RouterConfigLoader, ShippedExampleLoads) {
    auto config = load_router_config(source_dir() + "/config/markaz.yaml");
    ASSERT_TRUE(config) << config.error().message;
    ASSERT_EQ(config->queues.size(), 2u);
    ASSERT_EQ(config->agents.size(), 10u);
    EXPECT_EQ(config->pause_reasons,
              (std::vector<std::string>{"break", "lunch", "training", "meeting", "coaching"}));

    const acd::QueueConfig& sales = config->queues[0];
    EXPECT_EQ(sales.id, QueueId{"sales"});
    EXPECT_EQ(sales.strategy, acd::Strategy::LongestIdle);
    EXPECT_EQ(sales.weight, 10);
    EXPECT_EQ(sales.wrap_up, 30s);
    EXPECT_EQ(sales.max_length, 50u);
    EXPECT_EQ(sales.join_empty, acd::EmptyRule::NoAgentsLoggedIn);
    EXPECT_EQ(sales.max_wait, Duration{10min});
    EXPECT_EQ(sales.on_max_wait.kind, acd::ExitKind::Queue);
    EXPECT_EQ(sales.on_max_wait.queue, QueueId{"support"});
    EXPECT_EQ(sales.on_max_wait.announcement, "sales-busy");
    EXPECT_EQ(sales.sl_threshold, 20s);
    EXPECT_DOUBLE_EQ(sales.sl_target, 0.8);
    EXPECT_EQ(sales.callback_threshold, Duration{2min});
    EXPECT_TRUE(sales.callback.enabled);
    EXPECT_EQ(sales.callback.max_attempts, 3);

    const acd::QueueConfig& support = config->queues[1];
    EXPECT_EQ(support.strategy, acd::Strategy::RoundRobin);
    EXPECT_EQ(support.sl_formula, acd::ServiceLevelFormula::AnsweredOnly);
    EXPECT_EQ(support.callback.mode, acd::CallbackMode::AgentFirst);

    for (int i = 0; i < 10; ++i) {
        const acd::AgentConfig& agent = config->agents[i];
        EXPECT_EQ(agent.id, AgentId{"a" + std::to_string(1001 + i)});
        ASSERT_FALSE(agent.queues.empty());
        EXPECT_EQ(agent.queues[0].queue, QueueId{i < 5 ? "sales" : "support"});
    }
    EXPECT_EQ(config->agents[4].queues[1].queue, QueueId{"support"});
    EXPECT_EQ(config->agents[4].queues[1].penalty, 2);
    EXPECT_EQ(config->agents[4].max_no_answer, 2);
    EXPECT_EQ(config->agents[5].skills,
              (std::map<std::string, int>{{"billing", 9}, {"persian", 10}}));
}

TEST(RouterConfigLoader, MinimalConfigTakesDefaults) {
    auto config = parse_router_config(yaml(R"(
queues:
  - name: sales
agents:
  - id: a1
)"),
                                      "t.yaml");
    ASSERT_TRUE(config) << config.error().message;
    acd::QueueConfig defaults;
    EXPECT_EQ(config->queues[0].strategy, defaults.strategy);
    EXPECT_EQ(config->queues[0].ring_timeout, defaults.ring_timeout);
    EXPECT_FALSE(config->queues[0].max_wait);
    EXPECT_EQ(config->agents[0].max_no_answer, acd::AgentConfig{}.max_no_answer);
    EXPECT_TRUE(config->agents[0].queues.empty());
    EXPECT_EQ(config->pause_reasons, acd::RouterConfig{}.pause_reasons);
}

TEST(RouterConfigLoader, EmptyFileIsAnEmptyConfig) {
    auto config = parse_router_config("", "t.yaml");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_TRUE(config->queues.empty());
}

TEST(RouterConfigLoader, MissingFileNamesThePath) {
    auto config = load_router_config("/nonexistent/markaz.yaml");
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().message,
              "/nonexistent/markaz.yaml: cannot read: No such file or directory");
}

TEST(RouterConfigLoader, SyntaxErrorNamesTheLine) {
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    strategy: [ring-all
agents: []
)")),
              "t.yaml:4: YAML syntax error: end of sequence flow not found");
}

TEST(RouterConfigLoader, UnknownKeys) {
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    stratgy: ring-all
)")),
              "t.yaml:3: queues[0].stratgy: unknown key (expected one of: name, strategy, "
              "weight, ring_timeout, retry_delay, wrap_up, max_wait, on_max_wait, max_length, "
              "join_empty, leave_empty, tier_wait, service_level, short_abandon, "
              "callback_threshold, callback, announce_every)");
    EXPECT_EQ(router_error("queue: []\n"),
              "t.yaml:1: queue: unknown key (expected one of: pause_reasons, queues, agents)");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    service_level: {threshold: 20s, taget: 80%}
)")),
              "t.yaml:3: queues[0].service_level.taget: unknown key (expected one of: "
              "threshold, target, formula)");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    name: support
)")),
              "t.yaml:3: queues[0].name: duplicate key");
}

TEST(RouterConfigLoader, WrongTypes) {
    EXPECT_EQ(router_error("queues: sales\n"), "t.yaml:1: queues: expected a list, got 'sales'");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    weight: heavy
)")),
              "t.yaml:3: queues[0].weight: expected an integer, got 'heavy'");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: [sales]
)")),
              "t.yaml:2: queues[0].name: expected a string, got a list");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    callback: {enabled: maybe}
)")),
              "t.yaml:3: queues[0].callback.enabled: expected true or false, got 'maybe'");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    max_wait:
)")),
              "t.yaml:3: queues[0].max_wait: missing a value");
    EXPECT_EQ(router_error(yaml(R"(
agents:
  - id: a1
    skills: {billing: }
)")),
              "t.yaml:3: agents[0].skills.billing: missing a value");
    EXPECT_EQ(router_error("agents:\n  - a1001\n"),
              "t.yaml:2: agents[0]: expected a map, got 'a1001'");
}

TEST(RouterConfigLoader, UnknownEnumValue) {
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
  - name: support
  - name: billing
    strategy: fastest
)")),
              "t.yaml:5: queues[2].strategy: unknown value 'fastest' (expected one of: "
              "ring-all, round-robin, linear, longest-idle, fewest-calls, least-talk-time, "
              "random, weighted-random, skills)");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    on_max_wait: {exit: voicemail}
)")),
              "t.yaml:3: queues[0].on_max_wait.exit: unknown value 'voicemail' (expected one "
              "of: hangup, queue, callback)");
}

TEST(RouterConfigLoader, BadDurationsAndNumbers) {
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    ring_timeout: -5s
)")),
              "t.yaml:3: queues[0].ring_timeout: '-5s' is negative");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    wrap_up: soon
)")),
              "t.yaml:3: queues[0].wrap_up: 'soon' is not a duration (like 250ms, 20s, 30m, 8h)");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    ring_timeout: 0s
)")),
              "t.yaml:3: queues[0].ring_timeout: must be more than 0s");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    callback: {max_attempts: 0}
)")),
              "t.yaml:3: queues[0].callback.max_attempts: must be at least 1, got 0");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    max_length: -1
)")),
              "t.yaml:3: queues[0].max_length: must be at least 0, got -1");
}

TEST(RouterConfigLoader, BadPercentage) {
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    service_level: {threshold: 20s, target: 180%}
)")),
              "t.yaml:3: queues[0].service_level.target: '180%' is outside 0%..100%");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    service_level:
      target: most
)")),
              "t.yaml:4: queues[0].service_level.target: 'most' is not a fraction (like 80% or "
              "0.8)");
}

TEST(RouterConfigLoader, UnknownQueueReferences) {
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
agents:
  - id: a1
    queues: [sales, salez]
)")),
              "t.yaml:5: agents[0].queues[1]: unknown queue 'salez'");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
agents:
  - id: a1
    queues:
      - {queue: sales, penalty: 0}
      - queue: support
        penalty: 1
)")),
              "t.yaml:7: agents[0].queues[1].queue: unknown queue 'support'");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    max_wait: 5m
    on_max_wait:
      exit: queue
      queue: overflow
)")),
              "t.yaml:6: queues[0].on_max_wait.queue: unknown queue 'overflow'");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
    on_max_wait: {exit: queue}
)")),
              "t.yaml:3: queues[0].on_max_wait.queue: missing (exit: queue needs the queue to "
              "move callers to)");
}

TEST(RouterConfigLoader, DuplicateIds) {
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
  - name: support
  - name: sales
)")),
              "t.yaml:4: queues[2].name: duplicate queue 'sales' (first defined on line 2)");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
agents:
  - {id: a1, queues: [sales]}
  - {id: a2, queues: [sales]}
  - {id: a1, queues: [sales]}
)")),
              "t.yaml:6: agents[2].id: duplicate agent 'a1' (first defined on line 4)");
    EXPECT_EQ(router_error(yaml(R"(
queues:
  - name: sales
agents:
  - {id: a1, queues: [sales, sales]}
)")),
              "t.yaml:4: agents[0].queues[1]: queue 'sales' listed twice");
    EXPECT_EQ(router_error("pause_reasons: [break, lunch, break]\n"),
              "t.yaml:1: pause_reasons[2]: 'break' listed twice");
}

TEST(RouterConfigLoader, SkillsAndMissingFields) {
    EXPECT_EQ(router_error(yaml(R"(
agents:
  - id: a1
    skills: {billing: 11}
)")),
              "t.yaml:3: agents[0].skills.billing: 11 is outside 1..10");
    EXPECT_EQ(router_error(yaml(R"(
agents:
  - id: a1
    skills: [billing]
)")),
              "t.yaml:3: agents[0].skills: expected a map of skill: proficiency (like "
              "{billing: 7})");
    EXPECT_EQ(router_error(yaml(R"(
agents:
  - name: Sara
)")),
              "t.yaml:2: agents[0].id: missing");
    EXPECT_EQ(router_error("pause_reasons: [no-answer]\n"),
              "t.yaml:1: pause_reasons[0]: 'no-answer' is reserved: the router pauses agents "
              "with it after missed offers");
}

}  // namespace
}  // namespace markaz::config
