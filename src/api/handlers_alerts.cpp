// KPI alerts (docs/api.md "Alerts", docs/alerts.md): the alerts up now and the latest cleared,
// each reader seeing those of their scope; supervisors and managers acknowledge them.

#include <charconv>

#include "api/endpoint.h"
#include "api/stats_json.h"

namespace markaz::api {
namespace {

/// Whether `reader` may see `alert`: a queue's to those who read the queue, an agent's pause to
/// those who read the agent, the centre's to those who see the totals.
bool may_see(const Scope& reader, const alerts::AlertEntry& alert) {
    if (alerts::per_agent(alert.measure)) {
        return reader.may_read_agent(AgentId(alert.subject));
    }
    if (alert.queue) {
        return reader.may_read_queue(*alert.queue);
    }
    return reader.sees_totals();
}

Json alert_json(const alerts::AlertEntry& a) {
    return Json{{"id", a.id},
                {"rule", a.rule},
                {"measure", alerts::kMeasureNames.name(a.measure)},
                {"subject", a.subject},
                {"queue", a.queue ? Json(a.queue->str()) : Json()},
                {"value", a.value},
                {"threshold", a.threshold},
                {"active", !a.cleared.has_value()},
                {"raised_at_ms", ms(a.raised)},
                {"cleared_at_ms", a.cleared ? Json(ms(*a.cleared)) : Json()},
                {"acknowledged_by", a.acknowledged_by.empty() ? Json() : Json(a.acknowledged_by)},
                {"acknowledged_at_ms", a.acknowledged ? Json(ms(*a.acknowledged)) : Json()}};
}

HttpResponse list_alerts(RequestContext& c) {
    auto active_only = boolean_param(c.request, "active");
    if (!active_only) {
        return error_response(active_only.error());
    }
    auto entries = c.deps.center.alerts();
    if (!entries) {
        return error_response(from_engine(entries.error()));
    }
    const Scope reader(c.user(), c.deps.center.router_config());
    Json out = Json::array();
    for (const alerts::AlertEntry& a : *entries) {
        if (may_see(reader, a) && (!active_only->value_or(false) || !a.cleared)) {
            out.push_back(alert_json(a));
        }
    }
    return json_reply(200, Json{{"alerts", std::move(out)}});
}

HttpResponse acknowledge(RequestContext& c) {
    const std::string text = c.param("id");
    std::uint64_t id = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size()) {
        return error_response(ApiError::not_found("no alert '" + text + "'"));
    }
    auto entries = c.deps.center.alerts();
    if (!entries) {
        return error_response(from_engine(entries.error()));
    }
    // One outside the reader's scope is not theirs to know of.
    const Scope reader(c.user(), c.deps.center.router_config());
    const bool visible = std::any_of(entries->begin(), entries->end(), [&](const auto& a) {
        return a.id == id && may_see(reader, a);
    });
    if (!visible) {
        return error_response(ApiError::not_found("no alert " + text));
    }
    auto done = c.deps.center.acknowledge_alert(id, c.user().username);
    if (!done) {
        return error_response(from_engine(done.error()));
    }
    audit(c, "alert-acknowledge", text, Json{{"rule", done->rule}, {"subject", done->subject}});
    return json_reply(200, Json{{"alert", alert_json(*done)}});
}

}  // namespace

void add_alert_endpoints(std::vector<Endpoint>& out) {
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/alerts",
                   .roles = kAnyRole,
                   .handler = list_alerts});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/alerts/{id}/acknowledge",
                   .roles = kManager | kSupervisor,
                   .handler = acknowledge});
}

}  // namespace markaz::api
