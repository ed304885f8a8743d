#pragma once

// The QA score beside a historical report's figures (docs/reports.md "QA beside the figures"):
// the submitted evaluations of the calls that started in the report's range — the scope's
// own, and each ranked agent's — summed the way the Quality report sums them (qa::summarize),
// within what the reader may read of evaluations.

#include <string>
#include <vector>

#include "api/json_body.h"
#include "api/quality.h"
#include "api/report_query.h"

namespace markaz::api {

/// `{"evaluations", "average", "pass_rate"}` of the scope over [from, to), and the same for
/// each agent of `agents` that has evaluations, in `by_agent`. Unavailable when the store
/// cannot be read.
Result<Json> report_quality(Quality& quality, const Scope& reader, const ReportScope& scope,
                            WallTime from, WallTime to, const std::vector<RankedRow>& agents);

}  // namespace markaz::api
