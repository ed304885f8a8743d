#include "api/api_service.h"

#include <exception>

#include "api/auth.h"
#include "common/text.h"

namespace markaz::api {
namespace {

bool is_json_media_type(std::string_view content_type) {
    const auto semi = content_type.find(';');
    return iequals(trim(content_type.substr(0, semi)), "application/json");
}

/// "agents,calls" -> the grant's topics; 400 naming `topics` for an unknown one.
std::optional<ApiError> read_topics(std::string_view text, LiveGrant& grant) {
    grant.agents = grant.queues = grant.calls = false;
    while (true) {
        const auto comma = text.find(',');
        const std::string_view topic = trim(text.substr(0, comma));
        if (topic == "agents") {
            grant.agents = true;
        } else if (topic == "queues") {
            grant.queues = true;
        } else if (topic == "calls") {
            grant.calls = true;
        } else {
            return ApiError::invalid_value(
                "topics", "unknown topic '" + std::string(topic) +
                              "' (expected a comma-separated subset of: agents, queues, calls)");
        }
        if (comma == std::string_view::npos) {
            return std::nullopt;
        }
        text.remove_prefix(comma + 1);
    }
}

std::string role_refusal(const Principal& principal, const HttpRequest& request) {
    return "role '" + std::string(kRoleNames.name(principal.user.role)) + "' may not " +
           std::string(method_name(request.method)) + " " + request.path;
}

}  // namespace

ApiService::ApiService(ApiDeps& deps) : deps_(deps), pages_(deps.options.web_root) {
    add_session_endpoints(endpoints_);
    add_user_endpoints(endpoints_);
    add_token_endpoints(endpoints_);
    add_agent_endpoints(endpoints_);
    add_queue_endpoints(endpoints_);
    add_call_endpoints(endpoints_);
    add_consult_endpoints(endpoints_);
    add_stats_endpoints(endpoints_);
    add_record_endpoints(endpoints_);
    add_scorecard_endpoints(endpoints_);
    add_evaluation_endpoints(endpoints_);
    add_quality_report_endpoints(endpoints_);
    add_report_endpoints(endpoints_);
    add_report_schedule_endpoints(endpoints_);
    add_attendance_endpoints(endpoints_);
    add_alert_endpoints(endpoints_);
    add_alert_rule_endpoints(endpoints_);
    add_service_endpoints(endpoints_);
    for (std::size_t i = 0; i < endpoints_.size(); ++i) {
        routes_.add(endpoints_[i].method, endpoints_[i].pattern, i);
    }
}

bool ApiService::is_api_path(std::string_view path) {
    return path.starts_with("/api/") || path == "/api" || path == "/metrics" ||
           path == "/healthz" || path == "/readyz";
}

std::optional<HttpResponse> ApiService::precheck(
    Method method, std::string_view path, std::optional<std::uint64_t> content_length) const {
    if (is_api_path(path)) {
        auto match = routes_.match(method, path);
        if (!match) {
            return error_response(match.error());
        }
    } else if (method != Method::Get) {
        return error_response(ApiError::method_not_allowed(method_name(method), "GET"));
    }
    if (content_length && *content_length > deps_.options.max_body_bytes) {
        return error_response(ApiError::body_too_large(deps_.options.max_body_bytes));
    }
    return std::nullopt;
}

HttpResponse ApiService::handle(const HttpRequest& request) {
    try {
        return dispatch(request);
    } catch (const std::exception& e) {
        if (deps_.options.log_error) {
            deps_.options.log_error("api: " + std::string(method_name(request.method)) + " " +
                                    request.path + " failed: " + e.what());
        }
        return error_response(ApiError::internal());
    }
}

HttpResponse ApiService::dispatch(const HttpRequest& request) {
    // 1. route
    if (auto refused = precheck(request.method, request.path, std::nullopt)) {
        return *refused;
    }
    if (!is_api_path(request.path)) {
        return pages_.serve(request.path);
    }
    auto match = routes_.match(request.method, request.path);
    const Endpoint& endpoint = endpoints_[match->id];
    // 2. body size (the server refuses bigger bodies before reading them; this is for callers
    // that hand over a whole request)
    if (request.body.size() > deps_.options.max_body_bytes) {
        return error_response(ApiError::body_too_large(deps_.options.max_body_bytes));
    }
    RequestContext context{request,      deps_,          std::move(match->params),
                           std::nullopt, Json::object(), deps_.now()};
    if (!endpoint.is_public) {
        // 3. authentication, 4. CSRF, 5. role
        auto principal = authenticate(request, deps_, context.now);
        if (!principal) {
            return error_response(principal.error());
        }
        if (auto refused = check_csrf(request, *principal)) {
            return error_response(*refused);
        }
        const User& user = principal->user;
        const bool role_ok = (endpoint.roles & role_bit(user.role)) != 0U ||
                             (endpoint.self_agents && user.agent.has_value());
        if (!role_ok) {
            return error_response(ApiError::forbidden(role_refusal(*principal, request)));
        }
        context.principal = std::move(*principal);
    } else if (endpoint.same_origin && foreign_origin(request, deps_.options.secure_cookies)) {
        return error_response(
            ApiError::forbidden("requests must come from this server's own pages"));
    }
    // 6. content type, 7. JSON syntax (the handler checks the fields, then 8-10)
    if (auto refused = read_body(request, endpoint, context.body)) {
        return error_response(*refused);
    }
    return endpoint.handler(context);
}

std::optional<ApiError> ApiService::read_body(const HttpRequest& request, const Endpoint& endpoint,
                                              Json& body) const {
    const bool has_body = !trim(request.body).empty();
    if (!has_body && !endpoint.takes_body) {
        return std::nullopt;
    }
    if (!is_json_media_type(request.header("content-type"))) {
        return ApiError::unsupported_media_type();
    }
    auto parsed = parse_json_object(request.body);
    if (!parsed) {
        return parsed.error();
    }
    if (!endpoint.takes_body && !parsed->empty()) {
        // "No body" endpoints accept {} and nothing more.
        return ApiError::unknown_field(parsed->begin().key(), "");
    }
    body = std::move(*parsed);
    return std::nullopt;
}

ApiResult<LiveGrant> ApiService::open_live(const HttpRequest& request) {
    auto match = routes_.match(request.method, request.path);
    if (!match) {
        return match.error();
    }
    const WallTime now = deps_.now();
    auto principal = authenticate(request, deps_, now);
    if (!principal) {
        return principal.error();
    }
    // Cross-site WebSocket hijacking: a browser sends the victim's cookie with any page's
    // upgrade, but it cannot fake Origin.
    if (principal->via == AuthVia::Session &&
        (!request.has_header("origin") || foreign_origin(request, deps_.options.secure_cookies))) {
        return ApiError::forbidden("the WebSocket must be opened from this server's own pages");
    }
    LiveGrant grant{std::move(*principal), true, true, true};
    if (auto topics = request.query_param("topics")) {
        if (auto refused = read_topics(*topics, grant)) {
            return *refused;
        }
    }
    // A topic the role may not have is left out silently (qa: no calls).
    const Scope scope(grant.principal.user, deps_.center.router_config());
    grant.calls = grant.calls && scope.sees_live_calls();
    return grant;
}

}  // namespace markaz::api
