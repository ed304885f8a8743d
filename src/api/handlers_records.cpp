// Finished calls and their recordings (docs/api.md "Call records"): the QA analyst's and the
// supervisor's way to find a call and hear it. Searches read the store; recordings are sent in
// parts (HTTP range requests) so the browser's audio element seeks without a download; every
// playback and download is in the audit log.

#include <algorithm>
#include <array>
#include <set>

#include "api/endpoint.h"
#include "api/recording_reply.h"
#include "api/stats_json.h"
#include "api/team_filter.h"

namespace markaz::api {
namespace {

/// store/call_record.h's dispositions (a test checks they agree).
constexpr std::array<std::string_view, 7> kRecordDispositions{
    "answered", "abandoned", "blocked", "timed-out", "callback", "ivr", "failed"};
constexpr auto kDefaultSearchSpan = std::chrono::hours(24 * 31);

Json record_json(const CallRecordEntry& r) {
    const std::set<std::string> agents = agents_of(r);
    Json transfers = Json::array();
    for (const RecordTransfer& t : r.transfers) {
        transfers.push_back(Json{{"agent", t.agent},
                                 {"queue", t.queue},
                                 {"to_queue", t.to_queue},
                                 {"at_ms", ms(t.at)},
                                 {"talk_ms", ms(t.talk)},
                                 {"hold_ms", ms(t.hold)},
                                 {"to_agent", t.to_agent.empty() ? Json() : Json(t.to_agent)},
                                 {"attended", t.attended},
                                 {"to_number", t.to_number.empty() ? Json() : Json(t.to_number)}});
    }
    Json monitors = Json::array();
    for (const RecordMonitor& m : r.monitors) {
        monitors.push_back(Json{{"user", m.user},
                                {"extension", m.extension},
                                {"mode", m.mode},
                                {"from_ms", ms(m.from)},
                                {"to_ms", ms(m.to)}});
    }
    Json pauses = Json::array();
    for (const RecordPause& p : r.recording_pauses) {
        pauses.push_back(Json{{"by", p.by}, {"from_ms", ms(p.from)}, {"to_ms", ms(p.to)}});
    }
    Json variables = Json::object();
    for (const auto& [name, value] : r.variables) {
        variables[name] = value;
    }
    auto optional_ms = [](const std::optional<Duration>& d) { return d ? Json(ms(*d)) : Json(); };
    return Json{
        {"id", r.id},
        {"started_at_ms", ms(r.started)},
        {"ended_at_ms", ms(r.ended)},
        {"duration_ms", ms(r.ended - r.started)},
        {"caller", r.caller},
        {"dialled", r.dialled},
        {"queues", r.queues},
        {"agent", r.agent.empty() ? Json() : Json(r.agent)},
        {"agents", std::vector<std::string>(agents.begin(), agents.end())},
        {"wait_ms", optional_ms(r.wait)},
        {"talk_ms", ms(r.talk)},
        {"hold_ms", ms(r.hold)},
        {"wrap_ms", optional_ms(r.wrap)},
        {"transfers", std::move(transfers)},
        {"disposition", r.disposition},
        {"hangup_side", r.hangup_side},
        {"hangup_cause", r.hangup_cause},
        {"ivr",
         Json{{"path", r.ivr_path}, {"digits", r.digits}, {"variables", std::move(variables)}}},
        {"monitors", std::move(monitors)},
        {"recorded", !r.recording.empty()},
        {"legal_hold", r.legal_hold},
        {"evaluations", r.evaluations},
        {"recording_pauses", std::move(pauses)}};
}

/// The search the query string asks for, or the first parameter that is wrong.
ApiResult<RecordQuery> record_query(const HttpRequest& request, WallTime now) {
    RecordQuery q;
    auto period = period_param(request, now, kDefaultSearchSpan);
    if (!period) {
        return period.error();
    }
    q.from = period->from;
    q.to = period->to;
    auto min_talk = integer_param(request, "min_talk_s", 0, 86400);
    auto max_talk = integer_param(request, "max_talk_s", 0, 86400);
    auto min_score = integer_param(request, "min_score", 0, 100);
    auto max_score = integer_param(request, "max_score", 0, 100);
    auto limit = integer_param(request, "limit", 1, 200);
    auto offset = integer_param(request, "offset", 0, 1000000);
    for (const auto* checked : {&min_talk, &max_talk, &min_score, &max_score, &limit, &offset}) {
        if (!*checked) {
            return checked->error();
        }
    }
    if (*min_talk) {
        q.min_talk = std::chrono::seconds(**min_talk);
    }
    if (*max_talk) {
        q.max_talk = std::chrono::seconds(**max_talk);
    }
    if (*min_score) {
        q.min_score = static_cast<double>(**min_score);
    }
    if (*max_score) {
        q.max_score = static_cast<double>(**max_score);
    }
    if (q.min_score && q.max_score && *q.min_score > *q.max_score) {
        return ApiError::invalid_value("min_score", "is above max_score");
    }
    q.limit = static_cast<int>(limit->value_or(50));
    q.offset = static_cast<int>(offset->value_or(0));
    auto agent = text_param(request, "agent", 64);
    auto queue = text_param(request, "queue", 64);
    auto caller = text_param(request, "caller", 64);
    for (const auto* checked : {&agent, &queue, &caller}) {
        if (!*checked) {
            return checked->error();
        }
    }
    q.agent = *agent;
    q.queue = *queue;
    q.caller = caller->value_or("");
    if (auto disposition = request.query_param("disposition")) {
        if (std::find(kRecordDispositions.begin(), kRecordDispositions.end(), *disposition) ==
            kRecordDispositions.end()) {
            return ApiError::invalid_value("disposition",
                                           "'" + *disposition + "' is not a disposition");
        }
        q.disposition = *disposition;
    }
    auto recorded = boolean_param(request, "recorded");
    auto evaluated = boolean_param(request, "evaluated");
    for (const auto* checked : {&recorded, &evaluated}) {
        if (!*checked) {
            return checked->error();
        }
    }
    q.recorded = *recorded;
    q.evaluated = *evaluated;
    if (auto order = request.query_param("order")) {
        if (*order != "newest" && *order != "oldest") {
            return ApiError::invalid_value("order", "must be newest or oldest");
        }
        q.newest_first = *order == "newest";
    }
    return q;
}

/// An agent reading call records: refused unless the centre lets agents hear their own calls
/// (web.agents_hear_own_calls) and `agent` (asked for, if any) is themselves.
std::optional<ApiError> refuse_other_agent(const RequestContext& c,
                                           const std::optional<std::string>& agent) {
    if (!c.deps.options.agents_hear_own_calls || !c.user().agent) {
        return ApiError::forbidden("this centre does not let agents hear their calls");
    }
    if (agent && *agent != c.user().agent->str()) {
        return ApiError::forbidden("agents find only their own calls", "agent");
    }
    return std::nullopt;
}

ApiResult<CallRecords*> records_of(const RequestContext& c) {
    if (c.deps.options.call_records == nullptr) {
        return ApiError::unavailable("this server keeps no call records");
    }
    return c.deps.options.call_records;
}

HttpResponse list_records(RequestContext& c) {
    auto records = records_of(c);
    if (!records) {
        return error_response(records.error());
    }
    auto query = record_query(c.request, c.now);
    if (!query) {
        return error_response(query.error());
    }
    const Scope scope(c.user(), {});
    if (scope.role() == Role::Agent) {
        // Only where the centre allows it, and only their own calls.
        if (auto refused = refuse_other_agent(c, query->agent)) {
            return error_response(*refused);
        }
        query->agent = c.user().agent->str();
    } else {
        auto within = narrow_to_team(c, scope.record_queues());
        if (!within) {
            return error_response(within.error());
        }
        query->within_queues = std::move(*within);
    }
    auto page = (*records)->search(*query);
    if (!page) {
        return error_response(ApiError::unavailable(page.error().message));
    }
    Json out = Json::array();
    for (const CallRecordEntry& record : page->records) {
        out.push_back(record_json(record));
    }
    return json_reply(200, Json{{"records", std::move(out)},
                                {"total", page->total},
                                {"limit", query->limit},
                                {"offset", query->offset}});
}

/// The finished call named in the path, within the reader's scope: 404, then 403.
ApiResult<CallRecordEntry> find_record(const RequestContext& c) {
    auto records = records_of(c);
    if (!records) {
        return records.error();
    }
    const std::string id = c.param("id");
    auto found = (*records)->find(id);
    if (!found) {
        return ApiError::unavailable(found.error().message);
    }
    if (!*found) {
        return ApiError::not_found("no finished call '" + id + "'", "call");
    }
    const bool own = c.deps.options.agents_hear_own_calls && c.user().agent &&
                     agents_of(**found).contains(c.user().agent->str());
    if (!own && !Scope(c.user(), {}).may_read_record((*found)->queues)) {
        return ApiError::forbidden("call '" + id + "' is outside your scope", "call");
    }
    return **found;
}

HttpResponse get_record(RequestContext& c) {
    auto record = find_record(c);
    if (!record) {
        return error_response(record.error());
    }
    return json_reply(200, Json{{"record", record_json(*record)}});
}

HttpResponse get_recording(RequestContext& c) {
    auto record = find_record(c);
    if (!record) {
        return error_response(record.error());
    }
    return recording_reply(c, *record);
}

HttpResponse get_waveform(RequestContext& c) {
    auto record = find_record(c);
    if (!record) {
        return error_response(record.error());
    }
    return waveform_reply(c, *record);
}

/// A manager puts a call on legal hold (its recording outlives the retention) or lifts it.
HttpResponse legal_hold(RequestContext& c, bool on) {
    auto record = find_record(c);
    if (!record) {
        return error_response(record.error());
    }
    if (auto done = c.deps.options.call_records->set_legal_hold(record->id, on); !done) {
        return error_response(ApiError::unavailable(done.error().message));
    }
    audit(c, on ? "legal-hold-set" : "legal-hold-lifted", record->id, Json::object());
    record->legal_hold = on;
    return json_reply(200, Json{{"record", record_json(*record)}});
}

HttpResponse set_legal_hold(RequestContext& c) {
    return legal_hold(c, true);
}

HttpResponse lift_legal_hold(RequestContext& c) {
    return legal_hold(c, false);
}

}  // namespace

void add_record_endpoints(std::vector<Endpoint>& out) {
    out.push_back({.method = Method::Put,
                   .pattern = "/api/v1/call-records/{id}/legal-hold",
                   .roles = kManager,
                   .handler = set_legal_hold});
    out.push_back({.method = Method::Delete,
                   .pattern = "/api/v1/call-records/{id}/legal-hold",
                   .roles = kManager,
                   .handler = lift_legal_hold});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/call-records",
                   .roles = kAnyRole,
                   .handler = list_records});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/call-records/{id}",
                   .roles = kAnyRole,
                   .handler = get_record});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/call-records/{id}/recording",
                   .roles = kAnyRole,
                   .handler = get_recording});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/call-records/{id}/waveform",
                   .roles = kAnyRole,
                   .handler = get_waveform});
}

}  // namespace markaz::api
