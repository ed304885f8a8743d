#include "api/quality_access.h"

namespace markaz::api {

ApiResult<Quality*> quality_of(const RequestContext& c) {
    if (c.deps.options.quality == nullptr) {
        return ApiError::unavailable("this server keeps no scorecards or evaluations");
    }
    return c.deps.options.quality;
}

ApiError store_refusal(const Error& error) {
    if (error.code == Errc::NotFound || error.code == Errc::Conflict) {
        return from_engine(error);
    }
    return ApiError::unavailable(error.message);
}

bool may_read_evaluation(const RequestContext& c, const qa::Evaluation& evaluation) {
    const Scope scope(c.user(), {});
    if (scope.self() && scope.self()->str() == evaluation.agent &&
        evaluation.state != qa::EvaluationState::Draft) {
        return true;
    }
    switch (scope.role()) {
        case Role::Manager:
        case Role::Qa:
            return true;
        case Role::Supervisor:
            return evaluation.evaluator == c.user().username ||
                   scope.may_read_record(evaluation.queues);
        case Role::Agent:
            return false;
    }
    return false;
}

}  // namespace markaz::api
