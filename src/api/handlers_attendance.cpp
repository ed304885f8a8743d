// Attendance (docs/api.md "Attendance", docs/reports.md "Attendance"): each agent's days —
// sessions, time per state and pause reason, late logins and early logouts against their
// shift, absences — and supervisors' corrections of a day, audited.

#include <algorithm>

#include "api/report_query.h"
#include "api/stats_json.h"
#include "api/table_reply.h"

namespace markaz::api {
namespace {

constexpr std::size_t kMaxDays = 366;
constexpr std::size_t kMaxRows = 50'000;
constexpr std::array<const char*, 6> kStates{"available", "ringing", "on-call",
                                             "wrap-up",   "paused",  "not-ready"};

Json time_or_null(const std::optional<WallTime>& at) {
    return at ? Json(ms(*at)) : Json();
}

Json seconds_or_null(const std::optional<Duration>& d) {
    return d ? Json(seconds(*d)) : Json();
}

struct AgentDay {
    std::string agent;
    reports::AttendanceDay day;
};

Json day_json(const AgentDay& a) {
    const reports::AttendanceDay& d = a.day;
    Json states = Json::object();
    for (const char* state : kStates) {
        const auto it = d.states.find(state);
        states[state] = it == d.states.end() ? 0.0 : seconds(it->second);
    }
    Json pauses = Json::object();
    for (const auto& [reason, time] : d.pauses) {
        pauses[reason] = seconds(time);
    }
    Json correction;
    if (d.correction) {
        correction = Json{{"login_ms", ms(d.correction->login)},
                          {"logout_ms", ms(d.correction->logout)},
                          {"reason", d.correction->reason},
                          {"by", d.correction->by},
                          {"at_ms", ms(d.correction->at)}};
    }
    Json shift;
    if (d.shift != nullptr) {
        shift = Json{{"name", d.shift->name},
                     {"start", reports::time_of_day_text(d.shift->start)},
                     {"end", reports::time_of_day_text(d.shift->end)}};
    }
    return Json{{"agent", a.agent},
                {"day", d.day.label},
                {"from_ms", ms(d.day.from)},
                {"to_ms", ms(d.day.to)},
                {"sessions", d.sessions},
                {"first_login_ms", time_or_null(d.first_login)},
                {"last_logout_ms", time_or_null(d.last_logout)},
                {"logged_in_s", seconds(d.logged_in)},
                {"states_s", std::move(states)},
                {"pauses_s", std::move(pauses)},
                {"shift", std::move(shift)},
                {"late_s", seconds_or_null(d.late)},
                {"left_early_s", seconds_or_null(d.left_early)},
                {"absent", d.absent},
                {"correction", std::move(correction)}};
}

XlsxTable attendance_table(const std::vector<AgentDay>& days) {
    XlsxTable table;
    table.sheet = "attendance";
    table.header = {"agent",        "day",         "sessions",    "first_login",
                    "last_logout",  "logged_in_s", "available_s", "on_call_s",
                    "wrap_up_s",    "paused_s",    "not_ready_s", "late_s",
                    "left_early_s", "absent",      "corrected",   "correction_reason"};
    auto at = [](const std::optional<WallTime>& t) {
        return t ? XlsxCell(utc_text(*t, "%Y-%m-%dT%H:%M:%SZ")) : XlsxCell();
    };
    auto span = [](const std::optional<Duration>& d) {
        return d ? XlsxCell(seconds(*d)) : XlsxCell();
    };
    for (const AgentDay& a : days) {
        const reports::AttendanceDay& d = a.day;
        auto state = [&](const char* name) {
            const auto it = d.states.find(name);
            return XlsxCell(it == d.states.end() ? 0.0 : seconds(it->second));
        };
        table.rows.push_back({a.agent, d.day.label, XlsxCell(static_cast<double>(d.sessions)),
                              at(d.first_login), at(d.last_logout), XlsxCell(seconds(d.logged_in)),
                              state("available"), state("on-call"), state("wrap-up"),
                              state("paused"), state("not-ready"), span(d.late), span(d.left_early),
                              XlsxCell(d.absent ? "yes" : "no"),
                              XlsxCell(d.correction ? "yes" : "no"),
                              d.correction ? XlsxCell(d.correction->reason) : XlsxCell()});
    }
    return table;
}

const reports::Shift* shift_of(const ApiOptions& options, const std::string& agent) {
    for (const reports::Shift& s : options.shifts) {
        if (std::find(s.agents.begin(), s.agents.end(), agent) != s.agents.end()) {
            return &s;
        }
    }
    return nullptr;
}

/// The agents the query names that the reader may read: one, a queue's members, or all.
ApiResult<std::vector<std::string>> agents_of(const RequestContext& c,
                                              const acd::RouterConfig& config,
                                              const Scope& reader) {
    auto agent = text_param(c.request, "agent", 64);
    auto queue = text_param(c.request, "queue", 64);
    for (const auto* checked : {&agent, &queue}) {
        if (!*checked) {
            return checked->error();
        }
    }
    if (*agent) {
        if (!reader.may_read_agent(AgentId(**agent))) {
            return ApiError::forbidden("agent '" + **agent + "' is not in your teams");
        }
        return std::vector<std::string>{**agent};
    }
    if (*queue) {
        auto scope = report_scope(reader, config, "queue", **queue,
                                  c.deps.options.center_sl_formula, "queue");
        if (!scope) {
            return scope.error();
        }
    }
    std::vector<std::string> out;
    for (const acd::AgentConfig& a : config.agents) {
        const bool member =
            !*queue || std::any_of(a.queues.begin(), a.queues.end(), [&](const acd::Membership& m) {
                return m.queue.str() == **queue;
            });
        if (member && reader.may_read_agent(a.id)) {
            out.push_back(a.id.str());
        }
    }
    return out;
}

HttpResponse attendance(RequestContext& c) {
    AttendanceSource* source = c.deps.options.attendance;
    if (source == nullptr) {
        return error_response(ApiError::unavailable("this server keeps no attendance"));
    }
    const auto format = c.request.query_param("format").value_or("json");
    if (format != "json" && format != "csv" && format != "xlsx") {
        return error_response(ApiError::invalid_value("format", "must be json, csv or xlsx"));
    }
    const acd::RouterConfig config = c.deps.center.router_config();
    const Scope reader(c.user(), config);
    auto agents = agents_of(c, config, reader);
    if (!agents) {
        return error_response(agents.error());
    }
    auto period = period_param(c.request, c.now, std::chrono::hours(24 * 7));
    if (!period) {
        return error_response(period.error());
    }
    reports::PeriodRequest request{period->from, period->to, reports::Grain::Day};
    request.calendar = c.user().language == Language::Fa ? reports::Calendar::Jalali
                                                         : reports::Calendar::Gregorian;
    if (auto calendar = c.request.query_param("calendar")) {
        auto parsed = reports::parse_calendar(*calendar);
        if (!parsed) {
            return error_response(ApiError::invalid_value("calendar", parsed.error().message));
        }
        request.calendar = *parsed;
    }
    auto days = reports::periods(request, c.deps.options.report_zone);
    if (!days || days->size() > kMaxDays) {
        return error_response(ApiError::invalid_value(
            "from_ms", days ? "at most 366 days at a time" : days.error().message));
    }
    if (days->size() * agents->size() > kMaxRows) {
        return error_response(ApiError::invalid_value(
            "from_ms", "too many agents' days at once: choose a queue, an agent or fewer days"));
    }
    const WallTime from = days->front().from;
    const WallTime to = days->back().to;
    std::vector<AgentDay> rows;
    for (const std::string& agent : *agents) {
        auto sessions = source->sessions(agent, from, to);
        auto spans = source->state_spans(agent, from, to);
        auto corrections = source->corrections(agent, from, to);
        if (!sessions || !spans || !corrections) {
            return error_response(ApiError::unavailable((!sessions ? sessions.error()
                                                         : !spans  ? spans.error()
                                                                   : corrections.error())
                                                            .message));
        }
        const reports::Shift* shift = shift_of(c.deps.options, agent);
        for (const reports::Period& day : *days) {
            std::optional<reports::Correction> correction;
            for (const reports::Correction& k : *corrections) {
                if (k.day == day.from) {
                    correction = k;
                }
            }
            rows.push_back(
                {agent, reports::attendance_day(day, *sessions, *spans, shift, correction,
                                                c.deps.options.report_zone, c.now)});
        }
    }
    if (format != "json") {
        return table_reply(c, attendance_table(rows), format, "attendance");
    }
    Json out = Json::array();
    for (const AgentDay& a : rows) {
        out.push_back(day_json(a));
    }
    return json_reply(200, Json{{"time_zone", c.deps.options.time_zone},
                                {"from_ms", ms(from)},
                                {"to_ms", ms(to)},
                                {"days", std::move(out)}});
}

HttpResponse correct(RequestContext& c) {
    AttendanceSource* source = c.deps.options.attendance;
    if (source == nullptr) {
        return error_response(ApiError::unavailable("this server keeps no attendance"));
    }
    static const std::vector<FieldRule> rules{
        {"agent", JsonKind::String, true, false, length(1, 64)},
        {"day_ms", JsonKind::Integer, true},
        {"login_ms", JsonKind::Integer, true},
        {"logout_ms", JsonKind::Integer, true},
        {"reason", JsonKind::String, true, false, length(1, 200)},
    };
    if (auto refused = check_fields(c.body, rules)) {
        return error_response(*refused);
    }
    const std::string agent = c.body["agent"].get<std::string>();
    const acd::RouterConfig config = c.deps.center.router_config();
    const Scope reader(c.user(), config);
    // Nobody corrects their own attendance; a supervisor corrects their teams' agents.
    if (!reader.may_read_agent(AgentId(agent)) || reader.self() == AgentId(agent)) {
        return error_response(ApiError::forbidden("agent '" + agent + "' is not in your teams"));
    }
    const WallTime day_at{Duration{c.body["day_ms"].get<std::int64_t>()}};
    auto day = reports::periods({day_at, day_at + std::chrono::milliseconds{1}},
                                c.deps.options.report_zone);
    if (!day) {
        return error_response(ApiError::invalid_value("day_ms", day.error().message));
    }
    reports::Correction k;
    k.day = day->front().from;
    k.login = WallTime{Duration{c.body["login_ms"].get<std::int64_t>()}};
    k.logout = WallTime{Duration{c.body["logout_ms"].get<std::int64_t>()}};
    k.reason = c.body["reason"].get<std::string>();
    k.by = c.user().username;
    k.at = c.now;
    if (k.login < day->front().from || k.login >= day->front().to) {
        return error_response(ApiError::invalid_value("login_ms", "must be within the day"));
    }
    if (k.logout <= k.login || k.logout > day->front().to + std::chrono::hours{24}) {
        return error_response(ApiError::invalid_value(
            "logout_ms", "must be after the login and at most a day after the day's end"));
    }
    auto before = source->corrections(agent, k.day, k.day + std::chrono::milliseconds{1});
    if (!before) {
        return error_response(ApiError::unavailable(before.error().message));
    }
    if (auto saved = source->correct(agent, k); !saved) {
        return error_response(ApiError::unavailable(saved.error().message));
    }
    Json detail{{"day_ms", ms(k.day)},
                {"login_ms", ms(k.login)},
                {"logout_ms", ms(k.logout)},
                {"reason", k.reason}};
    if (!before->empty()) {
        detail["before"] = Json{{"login_ms", ms(before->front().login)},
                                {"logout_ms", ms(before->front().logout)},
                                {"reason", before->front().reason},
                                {"by", before->front().by}};
    }
    audit(c, "attendance-correct", agent, detail);
    return json_reply(201, Json{{"correction", Json{{"agent", agent},
                                                    {"day_ms", ms(k.day)},
                                                    {"login_ms", ms(k.login)},
                                                    {"logout_ms", ms(k.logout)},
                                                    {"reason", k.reason},
                                                    {"by", k.by},
                                                    {"at_ms", ms(k.at)}}}});
}

}  // namespace

void add_attendance_endpoints(std::vector<Endpoint>& out) {
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/attendance",
                   .roles = kAnyRole,
                   .handler = attendance});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/attendance/corrections",
                   .roles = kManager | kSupervisor,
                   .takes_body = true,
                   .handler = correct});
}

}  // namespace markaz::api
