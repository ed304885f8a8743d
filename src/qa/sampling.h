#pragma once

// Which calls QA evaluates next (docs/quality.md "Sampling"): a fair share of each agent's
// calls of a period — N per agent, less what is already evaluated — picked at random or by a
// rule (short calls, long holds, transferred calls). The pick is random but stable: the same
// seed gives the same calls, so a list reloaded mid-week does not reshuffle. Pure.

#include <map>
#include <string>
#include <vector>

#include "common/enum_table.h"
#include "common/time.h"

namespace markaz::qa {

/// An answered call nobody has evaluated yet, and the agent it would be scored for.
struct Candidate {
    std::string call;
    std::string agent;
    WallTime started{};
    Duration talk{};
    Duration hold{};
    bool transferred = false;
};

enum class SampleRule { Random, Short, LongHold, Transferred };
inline constexpr EnumTable<SampleRule, 4> kSampleRuleNames{{{
    {SampleRule::Random, "random"},
    {SampleRule::Short, "short"},
    {SampleRule::LongHold, "long-hold"},
    {SampleRule::Transferred, "transferred"},
}}};

struct SampleRequest {
    int per_agent = 3;
    SampleRule rule = SampleRule::Random;
    std::string seed;  ///< the same seed, the same pick
    Duration short_below = std::chrono::seconds(30);
    Duration long_hold_over = std::chrono::seconds(60);
    /// Agent -> evaluations they already have in the period: that many fewer are picked.
    std::map<std::string, int> already;
};

/// At most `per_agent` (less `already`) of each agent's candidates that follow the rule, by
/// agent, then oldest first.
std::vector<Candidate> sample(const std::vector<Candidate>& candidates,
                              const SampleRequest& request);

}  // namespace markaz::qa
