// QA's figures and work list (docs/api.md "Quality"): the report of submitted evaluations by
// agent, queue, evaluator, scorecard, section or call (calibration), as JSON or CSV; and the
// sample of calls to evaluate next, N per agent, at random or by rule.

#include "api/quality_access.h"
#include "api/stats_json.h"
#include "api/table_reply.h"
#include "api/team_filter.h"
#include "qa/report.h"

namespace markaz::api {
namespace {

/// Enough for a year of a large centre's evaluations or a week of its calls, read at once.
constexpr int kMaxReportEvaluations = 1'000'000;
constexpr int kMaxSampleCandidates = 200'000;
/// The reader's queues narrowed to `queue` when one is asked for: nullopt for every queue.
std::optional<std::vector<std::string>> queues_within(const RequestContext& c,
                                                      const std::optional<std::string>& queue) {
    auto scope = Scope(c.user(), {}).record_queues();
    if (!queue) {
        return scope;
    }
    if (scope && std::find(scope->begin(), scope->end(), *queue) == scope->end()) {
        return std::vector<std::string>{};
    }
    return std::vector<std::string>{*queue};
}

Json optional_number(const std::optional<double>& value) {
    return value ? Json(*value) : Json();
}

/// The rows as a table for CSV and Excel, numbers as numbers.
XlsxTable report_table(const std::vector<qa::ReportRow>& rows, const std::string& by) {
    XlsxTable table;
    table.sheet = "quality by " + by;
    table.header = {by,       "evaluations", "average",           "lowest",  "highest", "spread",
                    "passed", "pass_rate",   "critical_failures", "disputed"};
    auto number = [](const std::optional<double>& v) { return v ? XlsxCell(*v) : XlsxCell(); };
    for (const qa::ReportRow& r : rows) {
        table.rows.push_back({r.key, static_cast<double>(r.evaluations), number(r.average),
                              number(r.lowest), number(r.highest), number(r.spread),
                              static_cast<double>(r.passed), number(r.pass_rate),
                              static_cast<double>(r.critical_failures),
                              static_cast<double>(r.disputed)});
    }
    return table;
}

HttpResponse quality_report(RequestContext& c) {
    auto quality = quality_of(c);
    if (!quality) {
        return error_response(quality.error());
    }
    auto period = period_param(c.request, c.now, std::chrono::hours(24 * 31));
    if (!period) {
        return error_response(period.error());
    }
    const std::string by_name = c.request.query_param("by").value_or("agent");
    const auto by = qa::kGroupByNames.parse(by_name);
    if (!by) {
        return error_response(ApiError::invalid_value(
            "by", "'" + by_name + "' is not one of " + qa::kGroupByNames.names()));
    }
    const auto format = c.request.query_param("format").value_or("json");
    if (format != "json" && format != "csv" && format != "xlsx") {
        return error_response(ApiError::invalid_value("format", "must be json, csv or xlsx"));
    }
    EvaluationQuery q;
    q.from = period->from;
    q.to = period->to;
    q.include_drafts = false;
    q.limit = kMaxReportEvaluations;
    auto queue = text_param(c.request, "queue", 64);
    for (auto [name, field] : {std::pair{"agent", &q.agent}, std::pair{"scorecard", &q.scorecard},
                               std::pair{"evaluator", &q.evaluator}}) {
        auto text = text_param(c.request, name, 64);
        if (!text) {
            return error_response(text.error());
        }
        *field = *text;
    }
    if (!queue) {
        return error_response(queue.error());
    }
    auto team = narrow_to_team(c, queues_within(c, *queue));
    if (!team) {
        return error_response(team.error());
    }
    q.within_queues = std::move(*team);
    auto page = (*quality)->evaluations(q);
    if (!page) {
        return error_response(store_refusal(page.error()));
    }
    const std::vector<qa::ReportRow> rows = qa::summarize(page->evaluations, *by);
    if (format != "json") {
        return table_reply(c, report_table(rows, by_name), format, "quality-by-" + by_name);
    }
    Json out = Json::array();
    for (const qa::ReportRow& r : rows) {
        out.push_back(Json{{"key", r.key},
                           {"evaluations", r.evaluations},
                           {"average", optional_number(r.average)},
                           {"lowest", optional_number(r.lowest)},
                           {"highest", optional_number(r.highest)},
                           {"spread", optional_number(r.spread)},
                           {"passed", r.passed},
                           {"pass_rate", optional_number(r.pass_rate)},
                           {"critical_failures", r.critical_failures},
                           {"disputed", r.disputed}});
    }
    return json_reply(200, Json{{"by", by_name},
                                {"from_ms", ms(period->from)},
                                {"to_ms", ms(period->to)},
                                {"evaluations", page->evaluations.size()},
                                {"rows", std::move(out)}});
}

HttpResponse quality_sample(RequestContext& c) {
    auto quality = quality_of(c);
    if (!quality) {
        return error_response(quality.error());
    }
    if (c.deps.options.call_records == nullptr) {
        return error_response(ApiError::unavailable("this server keeps no call records"));
    }
    auto period = period_param(c.request, c.now, std::chrono::hours(24 * 7));
    auto per_agent = integer_param(c.request, "per_agent", 1, 50);
    auto queue = text_param(c.request, "queue", 64);
    auto agent = text_param(c.request, "agent", 64);
    if (!period || !per_agent || !queue || !agent) {
        return error_response(!period      ? period.error()
                              : !per_agent ? per_agent.error()
                              : !queue     ? queue.error()
                                           : agent.error());
    }
    qa::SampleRequest request;
    request.per_agent = static_cast<int>(per_agent->value_or(3));
    if (auto rule = c.request.query_param("rule")) {
        const auto parsed = qa::kSampleRuleNames.parse(*rule);
        if (!parsed) {
            return error_response(ApiError::invalid_value(
                "rule", "'" + *rule + "' is not one of " + qa::kSampleRuleNames.names()));
        }
        request.rule = *parsed;
    }
    request.seed = c.request.query_param("seed").value_or(std::to_string(ms(period->from)) + ":" +
                                                          std::to_string(ms(period->to)));
    auto team = narrow_to_team(c, queues_within(c, *queue));
    if (!team) {
        return error_response(team.error());
    }
    const auto within = std::move(*team);
    // What each agent already has in the period, drafts included: someone is on it.
    EvaluationQuery done;
    done.from = period->from;
    done.to = period->to;
    done.agent = *agent;
    done.within_queues = within;
    done.limit = kMaxReportEvaluations;
    auto evaluated = (*quality)->evaluations(done);
    if (!evaluated) {
        return error_response(store_refusal(evaluated.error()));
    }
    for (const qa::Evaluation& e : evaluated->evaluations) {
        ++request.already[e.agent];
    }
    RecordQuery calls;
    calls.from = period->from;
    calls.to = period->to;
    calls.agent = *agent;
    calls.within_queues = within;
    auto candidates = c.deps.options.call_records->unevaluated(calls, kMaxSampleCandidates);
    if (!candidates) {
        return error_response(ApiError::unavailable(candidates.error().message));
    }
    Json out = Json::array();
    for (const qa::Candidate& pick : qa::sample(*candidates, request)) {
        out.push_back(Json{{"id", pick.call},
                           {"agent", pick.agent},
                           {"started_at_ms", ms(pick.started)},
                           {"talk_ms", ms(pick.talk)},
                           {"hold_ms", ms(pick.hold)},
                           {"transferred", pick.transferred}});
    }
    return json_reply(200, Json{{"calls", std::move(out)},
                                {"candidates", candidates->size()},
                                {"seed", request.seed},
                                {"from_ms", ms(period->from)},
                                {"to_ms", ms(period->to)}});
}

}  // namespace

void add_quality_report_endpoints(std::vector<Endpoint>& out) {
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/quality/report",
                   .roles = kManager | kSupervisor | kQa,
                   .handler = quality_report});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/quality/sample",
                   .roles = kManager | kSupervisor | kQa,
                   .handler = quality_sample});
}

}  // namespace markaz::api
