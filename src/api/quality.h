#pragma once

// Scorecards and evaluations as the API keeps them (docs/quality.md, docs/api.md "Quality"):
// QA analysts and managers build scorecards and score finished calls on them; agents read and
// answer their evaluations. Kept by the store (store::QualityBook, on the store's SQLite file);
// the handlers check and score, the store only keeps.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "qa/evaluation.h"
#include "qa/scorecard.h"

namespace markaz::api {

/// What a list of evaluations asks for: every condition given must hold.
struct EvaluationQuery {
    std::optional<std::string> agent;
    std::optional<std::string> call;
    std::optional<std::string> scorecard;
    std::optional<std::string> evaluator;
    std::optional<qa::EvaluationState> state;
    std::optional<WallTime> from;  ///< the call started at or after
    std::optional<WallTime> to;    ///< the call started before
    bool include_drafts = true;
    /// The reader's scope: only evaluations of calls that joined one of these queues.
    std::optional<std::vector<std::string>> within_queues;
    int limit = 50;
    int offset = 0;
};

struct EvaluationPage {
    std::vector<qa::Evaluation> evaluations;  ///< the most recently changed first
    std::int64_t total = 0;
};

/// Thread: any. Every change is on disk when it returns.
class Quality {
public:
    virtual ~Quality() = default;

    /// The newest version of each scorecard, by id; retired ones only when asked.
    [[nodiscard]] virtual Result<std::vector<qa::Scorecard>> scorecards(bool with_retired) = 0;
    /// Scorecard `id` at `version` (the newest when nullopt); nullopt when there is none.
    [[nodiscard]] virtual Result<std::optional<qa::Scorecard>> scorecard(
        const std::string& id, std::optional<int> version) = 0;
    /// Saves version 1 of a new scorecard; Conflict when the id is taken (retired or not).
    [[nodiscard]] virtual Result<qa::Scorecard> add_scorecard(qa::Scorecard card) = 0;
    /// Saves `card` as the next version of its id; NotFound for no such scorecard, Conflict
    /// when it is retired.
    [[nodiscard]] virtual Result<qa::Scorecard> revise_scorecard(qa::Scorecard card) = 0;
    /// No new evaluations on it; NotFound for no such scorecard.
    [[nodiscard]] virtual Result<void> retire_scorecard(const std::string& id) = 0;

    /// Saves a new evaluation and gives it its id.
    [[nodiscard]] virtual Result<qa::Evaluation> add_evaluation(qa::Evaluation evaluation) = 0;
    /// Replaces evaluation `evaluation.id` if it is still in state `was` (Conflict otherwise:
    /// someone else changed it first).
    [[nodiscard]] virtual Result<void> replace_evaluation(const qa::Evaluation& evaluation,
                                                          qa::EvaluationState was) = 0;
    [[nodiscard]] virtual Result<std::optional<qa::Evaluation>> evaluation(std::int64_t id) = 0;
    [[nodiscard]] virtual Result<EvaluationPage> evaluations(const EvaluationQuery& query) = 0;
};

}  // namespace markaz::api
