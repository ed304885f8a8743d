// Live figures, today by interval, and the audit log (docs/api.md "Stats", "Audit log").

#include <charconv>
#include <cstdio>

#include "api/center_read.h"
#include "api/endpoint.h"
#include "api/objects_json.h"
#include "api/stats_json.h"

namespace markaz::api {
namespace {

HttpResponse live_stats(RequestContext& c) {
    // No calls: the document has none, and each part read is a wait for the core loop.
    const CenterRead read =
        read_center(c.deps.center, c.deps.notes, kReadConfig | kReadLive | kReadAgents, c.now);
    const Scope scope(c.user(), read.config);
    Json queues = Json::array();
    for (const stats::QueueLive& queue : read.live.queues) {
        if (scope.may_read_queue(queue.id)) {
            queues.push_back(queue_stats_json(queue, read.queue_config(queue.id), read.at));
        }
    }
    Json agents = Json::array();
    for (const acd::AgentConfig& agent : read.config.agents) {
        if (scope.may_read_agent(agent.id)) {
            agents.push_back(agent_json(read, agent));
        }
    }
    return json_reply(
        200,
        Json{{"at_ms", ms(read.at)},
             {"queues", std::move(queues)},
             {"totals", scope.sees_totals() ? queue_stats_json(read.live.totals, nullptr, read.at)
                                            : Json(nullptr)},
             {"agents", std::move(agents)}});
}

/// "+03:30" for 210 minutes east of UTC.
std::string offset_text(std::chrono::minutes offset) {
    const auto total = offset.count();
    const auto magnitude = total < 0 ? -total : total;
    auto two_digits = [](long long n) { return (n < 10 ? "0" : "") + std::to_string(n); };
    return std::string(total < 0 ? "-" : "+") + two_digits(magnitude / 60) + ":" +
           two_digits(magnitude % 60);
}

/// The local date of `at` ("2026-11-23").
std::string local_date(WallTime at, std::chrono::minutes offset) {
    const auto day = std::chrono::floor<std::chrono::days>(at + offset);
    const std::chrono::year_month_day date{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

HttpResponse intervals(RequestContext& c) {
    auto today = c.deps.center.today_intervals();
    if (!today) {
        return error_response(from_engine(today.error()));
    }
    const Scope scope(c.user(), c.deps.center.router_config());
    Json rows = Json::array();
    for (const stats::IntervalRow& row : today->rows) {
        Json queues = Json::object();
        for (const auto& [queue, figures] : row.queues) {
            if (scope.may_read_queue(queue)) {
                queues[queue.str()] = figures_json(figures);
            }
        }
        rows.push_back(Json{{"index", row.index},
                            {"start_at_ms", ms(row.from)},
                            {"end_at_ms", ms(row.to)},
                            {"total", figures_json(row.total)},
                            {"queues", std::move(queues)}});
    }
    return json_reply(200, Json{{"date", local_date(c.now, today->utc_offset)},
                                {"utc_offset", offset_text(today->utc_offset)},
                                {"interval_ms", ms(today->interval)},
                                {"intervals", std::move(rows)}});
}

HttpResponse audit_log(RequestContext& c) {
    auto limit = integer_param(c.request, "limit", 1, 1000);
    if (!limit) {
        return error_response(limit.error());
    }
    auto before = integer_param(c.request, "before", 1, std::numeric_limits<std::int64_t>::max());
    if (!before) {
        return error_response(before.error());
    }
    Json entries = Json::array();
    for (const AuditEntry& e :
         c.deps.audit.list(static_cast<std::size_t>(limit->value_or(100)), *before)) {
        entries.push_back(Json{{"id", e.id},
                               {"at_ms", ms(e.at)},
                               {"username", e.username},
                               {"address", e.address},
                               {"action", e.action},
                               {"target", e.target},
                               {"detail", Json::parse(e.detail, nullptr, false)}});
    }
    return json_reply(200, Json{{"entries", std::move(entries)}});
}

}  // namespace

void add_stats_endpoints(std::vector<Endpoint>& out) {
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/stats/live",
                   .roles = kAnyRole,
                   .handler = live_stats});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/stats/intervals",
                   .roles = kManager | kSupervisor | kQa,
                   .handler = intervals});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/audit",
                   .roles = kManager,
                   .handler = audit_log});
}

}  // namespace markaz::api
