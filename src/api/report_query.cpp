#include "api/report_query.h"

#include <algorithm>
#include <functional>
#include <map>

#include "reports/period_sums.h"

namespace markaz::api {
namespace {

acd::ServiceLevelFormula queue_formula(const acd::RouterConfig& config, const std::string& id) {
    for (const acd::QueueConfig& q : config.queues) {
        if (q.id.str() == id) {
            return q.sl_formula;
        }
    }
    return acd::ServiceLevelFormula::AnsweredAndAbandoned;
}

/// Each scope of `prefix` that is shown, its total over the range, most answered first: the
/// queues of the centre, or the agents of the centre or of a queue.
ApiResult<std::vector<RankedRow>> ranking(
    ReportSource& source, const std::string& prefix, WallTime from, WallTime to,
    const std::function<bool(const std::string&)>& shown,
    const std::function<acd::ServiceLevelFormula(const std::string&)>& formula) {
    auto totals = source.totals(prefix, from, to);
    if (!totals) {
        return ApiError::unavailable(totals.error().message);
    }
    std::vector<RankedRow> rows;
    for (auto& [scope, counters] : *totals) {
        std::string id = scope.substr(prefix.size());
        if (shown(id)) {
            const acd::ServiceLevelFormula f = formula(id);
            rows.push_back({std::move(id), counters, f});
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const RankedRow& a, const RankedRow& b) {
        return a.counters.answered > b.counters.answered;
    });
    return rows;
}

/// The team led by `lead`, for `reader`: its queues, and the agents who are members of any.
ApiResult<ReportScope> team_scope(const Scope& reader, const acd::RouterConfig& config,
                                  const User& lead, acd::ServiceLevelFormula formula) {
    ReportScope team{"team", lead.username, "", formula};
    for (const QueueId& q : lead.queues) {
        if (!reader.sees_totals() || !reader.may_read_queue(q)) {
            return ApiError::forbidden("the team of '" + lead.username + "' is not yours");
        }
        team.team_queues.push_back(q.str());
    }
    for (const acd::AgentConfig& a : config.agents) {
        const bool member = std::any_of(a.queues.begin(), a.queues.end(), [&](const auto& m) {
            return std::find(lead.queues.begin(), lead.queues.end(), m.queue) != lead.queues.end();
        });
        if (member) {
            team.team_agents.push_back(a.id.str());
        }
    }
    return team;
}

/// A team's quarter hours: its queues' counters summed. A queue's agent time is the share its
/// agents gave it (docs/metrics.md "Occupancy"), so an agent of two of its queues counts once.
ApiResult<std::vector<reports::Rollup>> team_rollups(ReportSource& source, const ReportScope& team,
                                                     WallTime from, WallTime to) {
    std::map<WallTime, stats::KpiCounters> slots;
    for (const std::string& q : team.team_queues) {
        auto rows = source.rollups("q:" + q, from, to);
        if (!rows) {
            return ApiError::unavailable(rows.error().message);
        }
        for (const reports::Rollup& r : *rows) {
            slots[r.slot] += r.counters;
        }
    }
    std::vector<reports::Rollup> out;
    out.reserve(slots.size());
    for (auto& [slot, counters] : slots) {
        out.push_back({slot, std::move(counters)});
    }
    return out;
}

bool listed(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

ApiResult<ReportScope> report_scope(const Scope& reader, const acd::RouterConfig& config,
                                    const std::string& kind, const std::string& id,
                                    acd::ServiceLevelFormula center_formula,
                                    const std::string& field, const FindUser& find_user) {
    if (kind == "team" && find_user) {
        const std::optional<User> lead = id.empty() ? std::nullopt : find_user(id);
        if (!lead || lead->role != Role::Supervisor) {
            return ApiError::not_found("no supervisor '" + id + "' whose team it would be", field);
        }
        return team_scope(reader, config, *lead, center_formula);
    }
    if (kind == "queue") {
        const auto q = std::find_if(config.queues.begin(), config.queues.end(),
                                    [&](const acd::QueueConfig& x) { return x.id.str() == id; });
        if (q == config.queues.end()) {
            return ApiError::not_found("no queue '" + id + "'", field);
        }
        if (!reader.may_read_queue(q->id)) {
            return ApiError::forbidden("queue '" + id + "' is not in your teams");
        }
        return ReportScope{"queue", id, "q:" + id, q->sl_formula};
    }
    if (kind == "agent") {
        if (id.empty()) {
            return ApiError::invalid_value(field, "name the agent");
        }
        if (!reader.may_read_agent(AgentId(id))) {
            return ApiError::forbidden("agent '" + id + "' is not in your teams");
        }
        return ReportScope{"agent", id, "a:" + id, center_formula};
    }
    if (kind != "centre") {
        return ApiError::invalid_value(field, find_user ? "must be centre, queue, agent or team"
                                                        : "must be centre, queue or agent");
    }
    if (!reader.sees_totals()) {
        return ApiError::forbidden("an agent reads their own figures: add agent=<your id>");
    }
    return ReportScope{"centre", "", "", center_formula};
}

ApiResult<ReportDocument> make_report(const ReportContext& context, const Scope& reader,
                                      const acd::RouterConfig& config, const ReportScope& scope,
                                      const reports::PeriodRequest& request, Language language,
                                      WallTime now) {
    auto periods = reports::periods(request, context.zone);
    if (!periods) {
        return ApiError::invalid_value(
            request.grain == reports::Grain::Interval ? "interval_min" : "from_ms",
            periods.error().message);
    }
    ReportDocument document;
    document.scope_kind = scope.kind;
    document.scope_id = scope.id;
    document.formula = scope.formula;
    document.language = language;
    document.time_zone = context.time_zone;
    document.made = now;
    document.grain = request.grain;
    document.calendar = request.calendar;
    const WallTime from = periods->front().from;
    const WallTime to = periods->back().to;
    ApiResult<std::vector<reports::Rollup>> rollups =
        scope.kind == "team" ? team_rollups(context.source, scope, from, to) : [&] {
            auto read = context.source.rollups(scope.rollups, from, to);
            return read ? ApiResult<std::vector<reports::Rollup>>(std::move(*read))
                        : ApiError::unavailable(read.error().message);
        }();
    if (!rollups) {
        return rollups.error();
    }
    document.sums = reports::sum_into_periods(*periods, *rollups);
    // Saturday weeks where the calendar's weeks start on Saturday, Monday (ISO) otherwise.
    document.week_hours = reports::sum_into_week_hours(
        *rollups, context.zone,
        request.calendar == reports::Calendar::Gregorian ? std::chrono::Monday
                                                         : std::chrono::Saturday);
    document.periods = std::move(*periods);
    if (scope.kind == "centre" || scope.kind == "team") {
        auto queues = ranking(
            context.source, "q:", from, to,
            [&](const std::string& id) {
                return reader.may_read_queue(QueueId(id)) &&
                       (scope.kind == "centre" || listed(scope.team_queues, id));
            },
            [&](const std::string& id) { return queue_formula(config, id); });
        if (!queues) {
            return queues.error();
        }
        document.queues = std::move(*queues);
    }
    if (scope.kind != "agent") {
        // A queue's agents: its members now. Their figures are their whole work, every queue.
        auto member = [&](const std::string& id) {
            if (!reader.may_read_agent(AgentId(id))) {
                return false;
            }
            if (scope.kind == "centre") {
                return true;
            }
            if (scope.kind == "team") {
                return listed(scope.team_agents, id);
            }
            for (const acd::AgentConfig& a : config.agents) {
                if (a.id.str() == id) {
                    return std::any_of(
                        a.queues.begin(), a.queues.end(),
                        [&](const acd::Membership& m) { return m.queue.str() == scope.id; });
                }
            }
            return false;
        };
        auto agents = ranking(context.source, "a:", from, to, member,
                              [&](const std::string&) { return context.center_formula; });
        if (!agents) {
            return agents.error();
        }
        document.agents = std::move(*agents);
    }
    return document;
}

}  // namespace markaz::api
