#pragma once

// QA's figures over a period (docs/quality.md "Reports"): submitted evaluations grouped by
// agent, queue, evaluator, scorecard, section or call, each group's average score, pass rate,
// critical failures and spread (several analysts scoring one call is calibration). Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_table.h"
#include "qa/evaluation.h"

namespace markaz::qa {

enum class GroupBy { Agent, Queue, Evaluator, Scorecard, Section, Call };
inline constexpr EnumTable<GroupBy, 6> kGroupByNames{{{
    {GroupBy::Agent, "agent"},
    {GroupBy::Queue, "queue"},
    {GroupBy::Evaluator, "evaluator"},
    {GroupBy::Scorecard, "scorecard"},
    {GroupBy::Section, "section"},
    {GroupBy::Call, "call"},
}}};

struct ReportRow {
    std::string key;  ///< the agent, queue, ...; a section is "scorecard: title"
    int evaluations = 0;
    std::optional<double> average;  ///< of the scores that exist, to one decimal
    std::optional<double> lowest;
    std::optional<double> highest;
    std::optional<double> spread;  ///< population standard deviation, to one decimal
    int passed = 0;
    std::optional<double> pass_rate;  ///< percent of evaluations passed, to one decimal
    int critical_failures = 0;
    int disputed = 0;  ///< disputed or resolved: the agent did not agree
};

/// One row per key, by key. Drafts are left out; an evaluation of a call in two queues counts
/// for each; by section, each section's own score counts (sections all not applicable left
/// out), and pass and critical figures are the evaluation's.
std::vector<ReportRow> summarize(const std::vector<Evaluation>& evaluations, GroupBy by);

}  // namespace markaz::qa
