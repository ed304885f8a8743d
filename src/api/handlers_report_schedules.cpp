// Reports mailed on a schedule (docs/api.md "Reports", docs/reports.md "Scheduled reports"):
// managers and supervisors set which report goes to whom, daily, weekly or monthly; each send
// is kept, and one that failed can be tried again. A supervisor sees and changes their own
// schedules, for the scopes they may read; managers every schedule.

#include <charconv>

#include "api/report_query.h"
#include "api/report_schedules.h"
#include "api/stats_json.h"
#include "mail/mail_message.h"

namespace markaz::api {
namespace {

constexpr std::size_t kMaxRecipients = 20;
constexpr int kSendsListed = 100;

Json send_json(const ReportSend& s) {
    return Json{{"id", s.id},
                {"schedule_id", s.schedule_id},
                {"due_ms", ms(s.period.due)},
                {"from_ms", ms(s.period.from)},
                {"to_ms", ms(s.period.to)},
                {"status", kSendStatusNames.name(s.status)},
                {"attempts", s.attempts},
                {"next_try_ms", ms(s.next_try)},
                {"last_error", s.last_error},
                {"sent_at_ms", s.sent_at ? Json(ms(*s.sent_at)) : Json()}};
}

Json schedule_json(const ReportSchedule& s, const std::optional<ReportSend>& last) {
    return Json{{"id", s.id},
                {"name", s.name},
                {"owner", s.owner},
                {"scope", Json{{"kind", s.scope_kind}, {"id", s.scope_id}}},
                {"frequency", reports::frequency_name(s.frequency)},
                {"at", reports::time_of_day_text(s.at)},
                {"language", kLanguageNames.name(s.language)},
                {"recipients", s.recipients},
                {"enabled", s.enabled},
                {"created_at_ms", ms(s.created)},
                {"next_due_ms", ms(s.next_due)},
                {"last_send", last ? send_json(*last) : Json()}};
}

ApiResult<ReportSchedules*> book_of(const RequestContext& c) {
    if (c.deps.options.report_schedules == nullptr) {
        return ApiError::unavailable("this server keeps no report schedules");
    }
    return c.deps.options.report_schedules;
}

/// The schedule's JSON with its latest send.
ApiResult<Json> described(ReportSchedules& book, const ReportSchedule& s) {
    auto last = book.sends(s.id, 1);
    if (!last) {
        return ApiError::unavailable(last.error().message);
    }
    return schedule_json(s,
                         last->empty() ? std::nullopt : std::optional<ReportSend>(last->front()));
}

void wake_mailer(const RequestContext& c) {
    if (c.deps.options.wake_report_mailer) {
        c.deps.options.wake_report_mailer();
    }
}

/// The schedule `{id}` if the caller may change it: their own, or any for a manager. 404
/// otherwise, so others' schedules are not known to exist.
ApiResult<ReportSchedule> owned(const RequestContext& c, ReportSchedules& book,
                                const std::string& text) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
        return ApiError::not_found("no report schedule '" + text + "'");
    }
    auto found = book.schedule(id);
    if (!found) {
        return ApiError::unavailable(found.error().message);
    }
    if (!*found || (c.user().role != Role::Manager && (*found)->owner != c.user().username)) {
        return ApiError::not_found("no report schedule " + text);
    }
    return **found;
}

const std::vector<FieldRule>& schedule_rules() {
    static const std::vector<FieldRule> rules{
        {"name", JsonKind::String, true, false, length(1, 100)},
        {"scope",
         JsonKind::Object,
         true,
         false,
         {},
         {{"kind", JsonKind::String, true, false, one_of({"centre", "queue", "agent", "team"})},
          {"id", JsonKind::String, false, false, length(0, 64)}}},
        {"frequency", JsonKind::String, true, false, one_of({"daily", "weekly", "monthly"})},
        {"at", JsonKind::String, true, false,
         [](const Json& v) -> std::optional<std::string> {
             auto at = reports::parse_time_of_day(v.get<std::string>());
             return at ? std::nullopt : std::optional<std::string>(at.error().message);
         }},
        {"language", JsonKind::String, true, false, one_of(kLanguageNames)},
        {"recipients", JsonKind::StringArray, true, false,
         [](const Json& v) -> std::optional<std::string> {
             return mail::is_mail_address(v.get<std::string>())
                        ? std::nullopt
                        : std::optional<std::string>("must be an e-mail address");
         }},
        {"enabled", JsonKind::Boolean},
    };
    return rules;
}

/// The body as a schedule of the caller's, its next send computed from now. 400 for a wrong
/// field, 403 or 404 for a scope the caller may not read.
ApiResult<ReportSchedule> schedule_from_body(const RequestContext& c) {
    if (auto refused = check_fields(c.body, schedule_rules())) {
        return *refused;
    }
    const Json& body = c.body;
    const auto& recipients = body["recipients"];
    if (recipients.empty() || recipients.size() > kMaxRecipients) {
        return ApiError::invalid_value("recipients", "must hold 1 to 20 addresses");
    }
    ReportSchedule s;
    s.name = body["name"].get<std::string>();
    s.scope_kind = body["scope"]["kind"].get<std::string>();
    s.scope_id = body["scope"].value("id", std::string());
    const acd::RouterConfig config = c.deps.center.router_config();
    auto scope = report_scope(Scope(c.user(), config), config, s.scope_kind, s.scope_id,
                              c.deps.options.center_sl_formula, "scope.id",
                              [&](const std::string& name) { return c.deps.users.find(name); });
    if (!scope) {
        return scope.error();
    }
    s.scope_id = scope->id;  // the centre has none, whatever was sent
    s.frequency = *reports::parse_frequency(body["frequency"].get<std::string>());
    s.at = *reports::parse_time_of_day(body["at"].get<std::string>());
    s.language = *kLanguageNames.parse(body["language"].get<std::string>());
    s.recipients = recipients.get<std::vector<std::string>>();
    s.enabled = body.value("enabled", true);
    s.owner = c.user().username;
    s.created = s.planned_until = c.now;
    s.next_due = reports::next_due(s.timing(), c.now, c.deps.options.report_zone).due;
    return s;
}

Json audit_detail(const ReportSchedule& s) {
    return Json{{"name", s.name},
                {"scope", s.scope_kind + (s.scope_id.empty() ? "" : ":" + s.scope_id)},
                {"frequency", reports::frequency_name(s.frequency)},
                {"recipients", s.recipients}};
}

HttpResponse list_schedules(RequestContext& c) {
    auto book = book_of(c);
    if (!book) {
        return error_response(book.error());
    }
    auto all = (*book)->schedules();
    if (!all) {
        return error_response(ApiError::unavailable(all.error().message));
    }
    Json out = Json::array();
    for (const ReportSchedule& s : *all) {
        if (c.user().role == Role::Manager || s.owner == c.user().username) {
            auto json = described(**book, s);
            if (!json) {
                return error_response(json.error());
            }
            out.push_back(std::move(*json));
        }
    }
    return json_reply(200, Json{{"schedules", std::move(out)}});
}

HttpResponse create_schedule(RequestContext& c) {
    auto book = book_of(c);
    if (!book) {
        return error_response(book.error());
    }
    auto schedule = schedule_from_body(c);
    if (!schedule) {
        return error_response(schedule.error());
    }
    auto added = (*book)->add_schedule(std::move(*schedule));
    if (!added) {
        return error_response(ApiError::unavailable(added.error().message));
    }
    audit(c, "report-schedule-create", std::to_string(added->id), audit_detail(*added));
    return json_reply(201, Json{{"schedule", schedule_json(*added, std::nullopt)}});
}

HttpResponse update_schedule(RequestContext& c) {
    auto book = book_of(c);
    if (!book) {
        return error_response(book.error());
    }
    auto was = owned(c, **book, c.param("id"));
    if (!was) {
        return error_response(was.error());
    }
    auto schedule = schedule_from_body(c);
    if (!schedule) {
        return error_response(schedule.error());
    }
    schedule->id = was->id;
    schedule->owner = was->owner;  // a manager's edit keeps it the supervisor's
    schedule->created = was->created;
    if (auto saved = (*book)->replace_schedule(*schedule); !saved || !*saved) {
        return error_response(saved ? ApiError::not_found("no report schedule " + c.param("id"))
                                    : ApiError::unavailable(saved.error().message));
    }
    audit(c, "report-schedule-update", std::to_string(schedule->id), audit_detail(*schedule));
    auto json = described(**book, *schedule);
    return json ? json_reply(200, Json{{"schedule", std::move(*json)}})
                : error_response(json.error());
}

HttpResponse delete_schedule(RequestContext& c) {
    auto book = book_of(c);
    if (!book) {
        return error_response(book.error());
    }
    auto was = owned(c, **book, c.param("id"));
    if (!was) {
        return error_response(was.error());
    }
    if (auto removed = (*book)->remove_schedule(was->id); !removed) {
        return error_response(ApiError::unavailable(removed.error().message));
    }
    audit(c, "report-schedule-delete", std::to_string(was->id), audit_detail(*was));
    return no_content();
}

HttpResponse send_now(RequestContext& c) {
    auto book = book_of(c);
    if (!book) {
        return error_response(book.error());
    }
    auto schedule = owned(c, **book, c.param("id"));
    if (!schedule) {
        return error_response(schedule.error());
    }
    ReportSend send;
    send.schedule_id = schedule->id;
    send.period = reports::latest_finished(schedule->timing(), c.now, c.deps.options.report_zone);
    send.next_try = c.now;
    auto added = (*book)->add_send(send);
    if (!added) {
        return error_response(ApiError::unavailable(added.error().message));
    }
    audit(c, "report-schedule-send", std::to_string(schedule->id),
          Json{{"send", added->id}, {"recipients", schedule->recipients}});
    wake_mailer(c);
    return json_reply(202, Json{{"send", send_json(*added)}});
}

HttpResponse list_sends(RequestContext& c) {
    auto book = book_of(c);
    if (!book) {
        return error_response(book.error());
    }
    const auto id = c.request.query_param("schedule");
    if (!id) {
        return error_response(ApiError::missing_field("schedule"));
    }
    auto schedule = owned(c, **book, *id);
    if (!schedule) {
        return error_response(schedule.error());
    }
    auto sends = (*book)->sends(schedule->id, kSendsListed);
    if (!sends) {
        return error_response(ApiError::unavailable(sends.error().message));
    }
    Json out = Json::array();
    for (const ReportSend& s : *sends) {
        out.push_back(send_json(s));
    }
    return json_reply(200, Json{{"sends", std::move(out)}});
}

HttpResponse retry_send(RequestContext& c) {
    auto book = book_of(c);
    if (!book) {
        return error_response(book.error());
    }
    const std::string& text = c.param("id");
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    auto found = ec == std::errc() && end == text.data() + text.size()
                     ? (*book)->send(id)
                     : Result<std::optional<ReportSend>>(std::optional<ReportSend>{});
    if (!found) {
        return error_response(ApiError::unavailable(found.error().message));
    }
    // Only the sends of a schedule the caller may change.
    if (!*found || !owned(c, **book, std::to_string((*found)->schedule_id))) {
        return error_response(ApiError::not_found("no report send '" + text + "'"));
    }
    ReportSend send = **found;
    if (send.status != SendStatus::Failed) {
        return error_response(ApiError::conflict("report send " + text + " is " +
                                                 std::string(kSendStatusNames.name(send.status)) +
                                                 ", not failed"));
    }
    send.status = SendStatus::Pending;
    send.next_try = c.now;
    send.attempts = 0;
    if (auto saved = (*book)->update_send(send); !saved) {
        return error_response(ApiError::unavailable(saved.error().message));
    }
    audit(c, "report-send-retry", text, Json{{"schedule", send.schedule_id}});
    wake_mailer(c);
    return json_reply(200, Json{{"send", send_json(send)}});
}

}  // namespace

void add_report_schedule_endpoints(std::vector<Endpoint>& out) {
    const unsigned who = kManager | kSupervisor;
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/report-schedules",
                   .roles = who,
                   .handler = list_schedules});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/report-schedules",
                   .roles = who,
                   .takes_body = true,
                   .handler = create_schedule});
    out.push_back({.method = Method::Put,
                   .pattern = "/api/v1/report-schedules/{id}",
                   .roles = who,
                   .takes_body = true,
                   .handler = update_schedule});
    out.push_back({.method = Method::Delete,
                   .pattern = "/api/v1/report-schedules/{id}",
                   .roles = who,
                   .handler = delete_schedule});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/report-schedules/{id}/send",
                   .roles = who,
                   .handler = send_now});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/report-sends",
                   .roles = who,
                   .handler = list_sends});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/report-sends/{id}/retry",
                   .roles = who,
                   .handler = retry_send});
}

}  // namespace markaz::api
