#include "qa/evaluation.h"

namespace markaz::qa {

std::optional<EvaluationState> next_state(EvaluationState from, EvaluationStep step) {
    using S = EvaluationState;
    switch (step) {
        case EvaluationStep::Edit:
            return from == S::Draft ? std::optional(S::Draft) : std::nullopt;
        case EvaluationStep::Submit:
            return from == S::Draft ? std::optional(S::Submitted) : std::nullopt;
        case EvaluationStep::Acknowledge:
            return from == S::Submitted ? std::optional(S::Acknowledged) : std::nullopt;
        case EvaluationStep::Dispute:
            return from == S::Submitted ? std::optional(S::Disputed) : std::nullopt;
        case EvaluationStep::Resolve:
            return from == S::Disputed ? std::optional(S::Resolved) : std::nullopt;
    }
    return std::nullopt;
}

}  // namespace markaz::qa
