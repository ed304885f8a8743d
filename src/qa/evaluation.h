#pragma once

// An evaluation: one analyst's scoring of one agent's part of a call on one scorecard version,
// and the feedback loop that follows it (docs/quality.md): the analyst drafts and submits; the
// agent acknowledges it or disputes it with a comment; a dispute is answered by QA, which may
// correct the answers. Pure: no I/O, no clock.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_table.h"
#include "common/time.h"
#include "qa/scorecard.h"

namespace markaz::qa {

enum class EvaluationState {
    Draft,         ///< the analyst is still scoring; only they (and managers, QA) see it
    Submitted,     ///< the agent sees it and is asked to acknowledge it
    Acknowledged,  ///< the agent has read it
    Disputed,      ///< the agent does not agree; QA is to answer
    Resolved,      ///< QA answered the dispute
};
inline constexpr EnumTable<EvaluationState, 5> kEvaluationStateNames{{{
    {EvaluationState::Draft, "draft"},
    {EvaluationState::Submitted, "submitted"},
    {EvaluationState::Acknowledged, "acknowledged"},
    {EvaluationState::Disputed, "disputed"},
    {EvaluationState::Resolved, "resolved"},
}}};

/// What someone does to an evaluation.
enum class EvaluationStep { Edit, Submit, Acknowledge, Dispute, Resolve };

/// The state `step` leads to from `from`, or nullopt when it may not be taken there (an agent
/// cannot dispute a draft, nothing is edited once submitted).
std::optional<EvaluationState> next_state(EvaluationState from, EvaluationStep step);

/// A note pinned to a moment of the recording.
struct TimedComment {
    std::int64_t at_ms = 0;  ///< from the start of the recording
    std::string text;
};

/// Who said what after the evaluation was submitted.
struct Reply {
    std::string by;
    std::string text;
    WallTime at{};
};

struct Evaluation {
    std::int64_t id = 0;  ///< given by the store
    std::string call;
    std::string agent;                ///< whose part of the call is scored
    std::vector<std::string> queues;  ///< the call's, for the supervisors' scope
    WallTime call_started{};
    std::string scorecard;
    int scorecard_version = 1;
    std::string scorecard_name;  ///< that version's name, as read (not kept with the evaluation)
    std::string evaluator;
    EvaluationState state = EvaluationState::Draft;
    Answers answers;
    std::vector<TimedComment> comments;
    std::string summary;
    Score score;  ///< of `answers`; percent nullopt while a draft lacks answers
    WallTime created{};
    WallTime updated{};
    std::optional<WallTime> submitted;
    std::optional<Reply> agent_reply;  ///< acknowledgement (text may be "") or dispute
    std::optional<Reply> resolution;   ///< QA's answer to a dispute
};

}  // namespace markaz::qa
