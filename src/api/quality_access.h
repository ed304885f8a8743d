#pragma once

// What the scorecard and evaluation handlers share: the store they read, how its failures are
// answered, and who may read an evaluation (docs/api.md "Quality").

#include "api/endpoint.h"
#include "api/quality.h"

namespace markaz::api {

/// The server's scorecards and evaluations; 503 when it keeps none.
ApiResult<Quality*> quality_of(const RequestContext& c);

/// A store failure as an answer: a missing or conflicting item as such (404, 409), anything
/// else as the store being unavailable (503).
ApiError store_refusal(const Error& error);

/// Managers and QA read every evaluation; supervisors those of their team's calls and their
/// own; an agent their own once submitted (never a draft).
bool may_read_evaluation(const RequestContext& c, const qa::Evaluation& evaluation);

}  // namespace markaz::api
