#pragma once

// One historical report, made the same way for a reader of the API and for a scheduled mail
// (docs/reports.md): whose figures (the centre, a queue, an agent) if the reader may see them,
// summed per period from the rollups, with the queues and agents of the range ranked beside
// them as far as the reader's scope goes.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/api_error.h"
#include "api/report_document.h"
#include "api/report_source.h"
#include "api/scope.h"

namespace markaz::api {

/// Whose figures, and the rollups' name for them.
struct ReportScope {
    std::string kind;     ///< "centre", "queue", "agent", "team"
    std::string id;       ///< the queue, the agent, or the supervisor whose team it is
    std::string rollups;  ///< "", "q:<queue>", "a:<agent>"; unused for a team
    acd::ServiceLevelFormula formula = acd::ServiceLevelFormula::AnsweredAndAbandoned;
    /// A team's queues and agents (the members of those queues): its figures are its queues'
    /// summed, calls and the agent time given to them (docs/reports.md "Teams").
    std::vector<std::string> team_queues;
    std::vector<std::string> team_agents;
};

/// The user of a user name, to find a team's supervisor; empty where teams are not offered.
using FindUser = std::function<std::optional<User>(const std::string&)>;

/// The scope `kind` and `id` name, if `reader` may see it: 403 for another team's queue or
/// agent (or the centre, for an agent), 404 for a queue that is not configured or a team whose
/// supervisor does not exist, 400 for a kind that is none of the four. Errors name `field`.
ApiResult<ReportScope> report_scope(const Scope& reader, const acd::RouterConfig& config,
                                    const std::string& kind, const std::string& id,
                                    acd::ServiceLevelFormula center_formula,
                                    const std::string& field, const FindUser& find_user = {});

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
