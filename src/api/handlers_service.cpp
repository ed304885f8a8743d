// The public service endpoints (health, readiness, the OpenAPI document), /metrics, and the
// plain-HTTP answer of the WebSocket path.

#include "api/center_read.h"
#include "api/endpoint.h"
#include "api/metrics.h"

namespace markaz::api {
namespace {

HttpResponse healthz(RequestContext&) {
    return json_reply(200, Json{{"status", "ok"}});
}

HttpResponse readyz(RequestContext& c) {
    Json checks = Json::object();
    bool ready = true;
    for (const ReadinessCheck& check : c.deps.center.readiness()) {
        const bool ok = check.status == "ok";
        // The answer is public: why a check fails (a path, a database's error) is for the log.
        checks[check.name] = ok ? "ok" : "fail";
        if (!ok && c.deps.options.log_error) {
            c.deps.options.log_error("readyz: " + check.name + " " + check.status);
        }
        ready = ready && ok;
    }
    return json_reply(ready ? 200 : 503, Json{{"status", ready ? "ready" : "not-ready"},
                                              {"checks", std::move(checks)}});
}

HttpResponse openapi(RequestContext& c) {
    if (c.deps.openapi_text.empty()) {
        return error_response(ApiError::not_found("the OpenAPI document is not installed"));
    }
    HttpResponse response;
    response.body = c.deps.openapi_text;
    response.add_header("Content-Type", "application/json; charset=utf-8");
    response.add_header("Cache-Control", "no-store");
    return response;
}

HttpResponse metrics(RequestContext& c) {
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadAll, c.now);
    HttpResponse response;
    response.body = prometheus_text(read, c.deps.running.totals(), c.deps.counters);
    if (c.deps.options.extra_metrics) {
        response.body += c.deps.options.extra_metrics();
    }
    response.add_header("Content-Type", "text/plain; version=0.0.4");
    response.add_header("Cache-Control", "no-store");
    return response;
}

HttpResponse live_without_upgrade(RequestContext&) {
    return error_response(ApiError::invalid_value(
        "upgrade", "GET /api/v1/events is a WebSocket: send Upgrade: websocket"));
}

}  // namespace

void add_service_endpoints(std::vector<Endpoint>& out) {
    out.push_back(
        {.method = Method::Get, .pattern = "/healthz", .is_public = true, .handler = healthz});
    out.push_back(
        {.method = Method::Get, .pattern = "/readyz", .is_public = true, .handler = readyz});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/openapi.json",
                   .is_public = true,
                   .handler = openapi});
    out.push_back(
        {.method = Method::Get, .pattern = "/metrics", .roles = kManager, .handler = metrics});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/events",
                   .roles = kAnyRole,
                   .handler = live_without_upgrade});
}

}  // namespace markaz::api
