#pragma once

// One historical report, made the same way for a reader of the API and for a scheduled mail
// (docs/reports.md): whose figures (the centre, a queue, an agent) if the reader may see them,
// summed per period from the rollups, with the queues and agents of the range ranked beside
// them as far as the reader's scope goes.

#include <string>
#include <vector>

#include "api/api_error.h"
#include "api/report_document.h"
#include "api/report_source.h"
#include "api/scope.h"

namespace markaz::api {

/// Whose figures, and the rollups' name for them.
struct ReportScope {
    std::string kind;  ///< "centre", "queue", "agent"
    std::string id;
    std::string rollups;  ///< "", "q:<queue>", "a:<agent>"
    acd::ServiceLevelFormula formula = acd::ServiceLevelFormula::AnsweredAndAbandoned;
};

/// The scope `kind` and `id` name, if `reader` may see it: 403 for another team's queue or
/// agent (or the centre, for an agent), 404 for a queue that is not configured, 400 for a kind
/// that is none of the three. Errors name `field`.
ApiResult<ReportScope> report_scope(const Scope& reader, const acd::RouterConfig& config,
                                    const std::string& kind, const std::string& id,
                                    acd::ServiceLevelFormula center_formula,
                                    const std::string& field);

/// Where a report reads from and how the centre counts.
struct ReportContext {
    ReportSource& source;
    const reports::ZoneOffsets& zone;
    std::string time_zone;
    acd::ServiceLevelFormula center_formula;
};

/// The report of `scope` over the periods of `request`, with the queues (centre) and agents
/// (centre and queue) ranked for `reader`. 400 for periods that cannot be cut, 503 when the
/// store cannot be read.
ApiResult<ReportDocument> make_report(const ReportContext& context, const Scope& reader,
                                      const acd::RouterConfig& config, const ReportScope& scope,
                                      const reports::PeriodRequest& request, Language language,
                                      WallTime now);

}  // namespace markaz::api
