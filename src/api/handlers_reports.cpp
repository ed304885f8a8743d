// Historical reports (docs/api.md "Reports", docs/reports.md): the centre's, a queue's or an
// agent's figures per interval, day, week, month or year of the reader's calendar in the
// centre's zone, summed from the store's quarter-hour rollups (api/report_source.h), with the
// queues and agents of the range beside them; JSON, CSV or an Excel workbook.

#include <algorithm>

#include "api/report_quality.h"
#include "api/report_query.h"
#include "api/stats_json.h"
#include "api/table_reply.h"
#include "reports/period_sums.h"

namespace markaz::api {
namespace {

using reports::Calendar;
using reports::Grain;

/// The scope the query names (`queue=`, `agent=`, `team=` or none for the centre), if the
/// reader may see it.
ApiResult<ReportScope> scope_of(const RequestContext& c, const acd::RouterConfig& config) {
    auto queue = text_param(c.request, "queue", 64);
    auto agent = text_param(c.request, "agent", 64);
    auto team = text_param(c.request, "team", 64);
    for (const auto* checked : {&queue, &agent, &team}) {
        if (!*checked) {
            return checked->error();
        }
    }
    if (int(queue->has_value()) + int(agent->has_value()) + int(team->has_value()) > 1) {
        return ApiError::invalid_value(*team ? "team" : "agent",
                                       "give one of queue, agent and team");
    }
    const Scope reader(c.user(), config);
    const auto formula = c.deps.options.center_sl_formula;
    if (*team) {
        return report_scope(reader, config, "team", **team, formula, "team",
                            [&](const std::string& name) { return c.deps.users.find(name); });
    }
    if (*queue) {
        return report_scope(reader, config, "queue", **queue, formula, "queue");
    }
    if (*agent) {
        return report_scope(reader, config, "agent", **agent, formula, "agent");
    }
    return report_scope(reader, config, "centre", "", formula, "queue");
}

ApiResult<reports::PeriodRequest> period_request(const RequestContext& c) {
    auto period = period_param(c.request, c.now, std::chrono::hours(24 * 7));
    if (!period) {
        return period.error();
    }
    reports::PeriodRequest r;
    r.from = period->from;
    r.to = period->to;
    if (auto by = c.request.query_param("by")) {
        auto grain = reports::parse_grain(*by);
        if (!grain) {
            return ApiError::invalid_value("by", grain.error().message);
        }
        r.grain = *grain;
    }
    // Persian readers count in Jalali days, Saturday weeks and Persian months by default.
    r.calendar = c.user().language == Language::Fa ? Calendar::Jalali : Calendar::Gregorian;
    if (auto calendar = c.request.query_param("calendar")) {
        auto parsed = reports::parse_calendar(*calendar);
        if (!parsed) {
            return ApiError::invalid_value("calendar", parsed.error().message);
        }
        r.calendar = *parsed;
    }
    auto interval = integer_param(c.request, "interval_min", 15, 60);
    if (!interval) {
        return interval.error();
    }
    r.interval = std::chrono::minutes{interval->value_or(30)};
    return r;
}

Json figures_of(const stats::KpiCounters& counters, acd::ServiceLevelFormula formula) {
    return figures_json(stats::Figures{counters, stats::compute_kpis(counters, formula)});
}

Json ranked_json(const std::vector<RankedRow>& rows) {
    Json out = Json::array();
    for (const RankedRow& r : rows) {
        Json row = figures_of(r.counters, r.formula);
        row["id"] = r.id;
        out.push_back(std::move(row));
    }
    return out;
}

/// The wait curve (docs/reports.md): answered and abandoned calls by how long they waited.
Json wait_curve_json(const stats::KpiCounters& total) {
    return Json{{"edges_s", stats::kWaitEdgesS},
                {"answered", total.answered_by_wait},
                {"abandoned", total.abandoned_by_wait}};
}

/// The heatmap's cells: [day from first_day][local hour] of offered, answered, abandoned and
/// the service level (null where there is no data).
Json week_hours_json(const reports::WeekHours& week, acd::ServiceLevelFormula formula) {
    Json offered = Json::array();
    Json answered = Json::array();
    Json abandoned = Json::array();
    Json service_level = Json::array();
    for (const auto& day : week.cells) {
        Json o = Json::array(), an = Json::array(), ab = Json::array(), sl = Json::array();
        for (const stats::KpiCounters& cell : day) {
            o.push_back(cell.offered);
            an.push_back(cell.answered);
            ab.push_back(cell.abandoned);
            const auto level = stats::service_level(cell, formula);
            sl.push_back(level ? Json(*level) : Json());
        }
        offered.push_back(std::move(o));
        answered.push_back(std::move(an));
        abandoned.push_back(std::move(ab));
        service_level.push_back(std::move(sl));
    }
    return Json{{"first_day", week.first_day == std::chrono::Saturday ? "sat" : "mon"},
                {"offered", std::move(offered)},
                {"answered", std::move(answered)},
                {"abandoned", std::move(abandoned)},
                {"service_level", std::move(service_level)}};
}

/// The periods as rows of a spreadsheet: the figures people read, then the counts.
XlsxTable report_table(const ReportScope& scope, const std::vector<reports::Period>& periods,
                       const std::vector<stats::KpiCounters>& sums) {
    XlsxTable table;
    table.sheet = scope.kind + (scope.id.empty() ? "" : " " + scope.id);
    table.header = {"period",
                    "from",
                    "offered",
                    "answered",
                    "answered_within_threshold",
                    "abandoned",
                    "short_abandoned",
                    "blocked",
                    "timed_out",
                    "callbacks_requested",
                    "callbacks_answered",
                    "transferred",
                    "service_level",
                    "asa_s",
                    "aht_s",
                    "abandon_rate",
                    "avg_abandon_s",
                    "longest_wait_s",
                    "occupancy",
                    "utilisation",
                    "calls_per_agent_hour",
                    "talk_s",
                    "hold_s",
                    "wrap_s"};
    auto number = [](const std::optional<double>& v) { return v ? XlsxCell(*v) : XlsxCell(); };
    auto count = [](std::int64_t n) { return XlsxCell(static_cast<double>(n)); };
    for (std::size_t i = 0; i < periods.size(); ++i) {
        const stats::KpiCounters& s = sums[i];
        const stats::Kpis k = stats::compute_kpis(s, scope.formula);
        table.rows.push_back({periods[i].label,
                              utc_text(periods[i].from, "%Y-%m-%dT%H:%M:%SZ"),
                              count(s.offered),
                              count(s.answered),
                              count(s.answered_within_threshold),
                              count(s.abandoned),
                              count(s.short_abandoned),
                              count(s.blocked),
                              count(s.timed_out),
                              count(s.callbacks_requested),
                              count(s.callbacks_answered),
                              count(s.transferred),
                              number(k.service_level),
                              number(k.asa_s),
                              number(k.aht_s),
                              number(k.abandon_rate),
                              number(k.avg_abandon_s),
                              XlsxCell(seconds(s.longest_wait)),
                              number(k.occupancy),
                              number(k.utilisation),
                              number(k.calls_per_agent_hour),
                              XlsxCell(seconds(s.talk)),
                              XlsxCell(seconds(s.hold)),
                              XlsxCell(seconds(s.wrap))});
    }
    return table;
}

/// The report printed: a page in the reader's language made into a PDF by Chromium.
HttpResponse pdf_reply(const RequestContext& c, const ReportDocument& document, Grain grain) {
    if (!c.deps.options.render_pdf) {
        return error_response(ApiError::unavailable("this server prints no PDF"));
    }
    auto pdf = c.deps.options.render_pdf(report_html(document));
    if (!pdf) {
        if (c.deps.options.log_error) {
            c.deps.options.log_error(pdf.error().message);
        }
        return error_response(ApiError::unavailable("the report could not be printed"));
    }
    HttpResponse response;
    response.status = 200;
    response.body = std::move(*pdf);
    response.add_header("Content-Type", "application/pdf");
    response.add_header("Content-Disposition",
                        "attachment; filename=\"report-" + document.scope_kind +
                            (document.scope_id.empty() ? "" : "-" + document.scope_id) + "-" +
                            std::string(reports::grain_name(grain)) + ".pdf\"");
    return response;
}

HttpResponse report(RequestContext& c) {
    if (c.deps.options.reports == nullptr) {
        return error_response(ApiError::unavailable("this server keeps no reports"));
    }
    const auto format = c.request.query_param("format").value_or("json");
    if (format != "json" && format != "csv" && format != "xlsx" && format != "pdf") {
        return error_response(ApiError::invalid_value("format", "must be json, csv, xlsx or pdf"));
    }
    const acd::RouterConfig config = c.deps.center.router_config();
    auto scope = scope_of(c, config);
    if (!scope) {
        return error_response(scope.error());
    }
    auto request = period_request(c);
    if (!request) {
        return error_response(request.error());
    }
    const ReportContext context{*c.deps.options.reports, c.deps.options.report_zone,
                                c.deps.options.time_zone, c.deps.options.center_sl_formula};
    auto document = make_report(context, Scope(c.user(), config), config, *scope, *request,
                                c.user().language, c.now);
    if (!document) {
        return error_response(document.error());
    }
    const ReportDocument& d = *document;
    if (format == "pdf") {
        return pdf_reply(c, d, request->grain);
    }
    if (format != "json") {
        return table_reply(c, report_table(*scope, d.periods, d.sums), format,
                           "report-" + scope->kind + (scope->id.empty() ? "" : "-" + scope->id) +
                               "-" + std::string(reports::grain_name(request->grain)));
    }
    Json rows = Json::array();
    stats::KpiCounters total;
    for (std::size_t i = 0; i < d.periods.size(); ++i) {
        Json row = figures_of(d.sums[i], scope->formula);
        row["label"] = d.periods[i].label;
        row["from_ms"] = ms(d.periods[i].from);
        row["to_ms"] = ms(d.periods[i].to);
        rows.push_back(std::move(row));
        total += d.sums[i];
    }
    Json out{{"scope", Json{{"kind", scope->kind}, {"id", scope->id}}},
             {"by", reports::grain_name(request->grain)},
             {"calendar", reports::calendar_name(request->calendar)},
             {"time_zone", c.deps.options.time_zone},
             {"from_ms", ms(d.periods.front().from)},
             {"to_ms", ms(d.periods.back().to)},
             {"periods", std::move(rows)},
             {"total", figures_of(total, scope->formula)}};
    out["wait_curve"] = wait_curve_json(total);
    out["week_hours"] = week_hours_json(d.week_hours, scope->formula);
    if (scope->kind == "centre" || scope->kind == "team") {
        out["queues"] = ranked_json(d.queues);
    }
    if (scope->kind != "agent") {
        out["agents"] = ranked_json(d.agents);
    }
    // The QA score beside the figures, where the server keeps evaluations.
    if (c.deps.options.quality != nullptr) {
        auto quality = report_quality(*c.deps.options.quality, Scope(c.user(), config), *scope,
                                      d.periods.front().from, d.periods.back().to, d.agents);
        if (!quality) {
            return error_response(ApiError::unavailable(quality.error().message));
        }
        out["quality"] = std::move(*quality);
    }
    return json_reply(200, out);
}

}  // namespace

void add_report_endpoints(std::vector<Endpoint>& out) {
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/reports",
                   .roles = kManager | kSupervisor | kQa | kAgent,
                   .handler = report});
}

}  // namespace markaz::api
