#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "acd/config.h"
#include "common/time.h"

namespace markaz::sim {

/// A random duration: how long calls last, or how long callers are willing to wait.
struct DurationDistribution {
    enum class Kind { Constant, Exponential, Lognormal };
    Kind kind = Kind::Exponential;
    Duration mean{};
    Duration sd{};  ///< lognormal only
};

struct ScenarioQueue {
    acd::QueueConfig config;   ///< strategy, service level, wrap-up... as the live router uses
    double rate_per_hour = 0;  ///< used when `rates_per_hour` is empty
    std::vector<double> rates_per_hour;  ///< one per interval, repeating if shorter
    DurationDistribution handle_time;
    std::optional<DurationDistribution> patience;  ///< absent: nobody abandons
    /// Skills each arriving call requires (may be empty).
    std::vector<std::string> call_skills;
};

/// A group of identical agents.
struct ScenarioAgentGroup {
    int count = 1;
    std::string name;  ///< prefix of the generated agent ids; defaults to "agent"
    std::vector<acd::Membership> queues;
    std::map<std::string, int> skills;
    /// After-call work for this group's agents; absent: each queue's own `wrap_up`.
    std::optional<Duration> wrap_up;
    Duration shift_start{};             ///< offset from the start of the run
    std::optional<Duration> shift_end;  ///< absent: to the end of the run
};

/// Everything `markaz simulate` needs: parsed from YAML by config/scenario_loader.
struct Scenario {
    std::uint64_t seed = 1;
    /// Time of day the run starts (7h = 07:00): labels intervals; they still start at midnight
    /// plus whole intervals, so `start` should be a multiple of `interval`.
    Duration start{};
    Duration duration = std::chrono::hours{8};
    Duration interval = std::chrono::minutes{30};
    std::vector<ScenarioQueue> queues;
    std::vector<ScenarioAgentGroup> agents;
};

}  // namespace markaz::sim
