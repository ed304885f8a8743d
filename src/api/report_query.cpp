#include "api/report_query.h"

#include <algorithm>
#include <functional>

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

}  // namespace

ApiResult<ReportScope> report_scope(const Scope& reader, const acd::RouterConfig& config,
                                    const std::string& kind, const std::string& id,
                                    acd::ServiceLevelFormula center_formula,
                                    const std::string& field) {
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
        return ApiError::invalid_value(field, "must be centre, queue or agent");
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
    auto rollups = context.source.rollups(scope.rollups, from, to);
    if (!rollups) {
        return ApiError::unavailable(rollups.error().message);
    }
    document.sums = reports::sum_into_periods(*periods, *rollups);
    document.periods = std::move(*periods);
    if (scope.kind == "centre") {
        auto queues = ranking(
            context.source, "q:", from, to,
            [&](const std::string& id) { return reader.may_read_queue(QueueId(id)); },
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
