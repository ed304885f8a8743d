#include <charconv>
#include <chrono>

#include "api/endpoint.h"

namespace markaz::api {

WallTime ApiDeps::now() const {
    if (options.clock) {
        return options.clock();
    }
    return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

unsigned role_bit(Role role) {
    switch (role) {
        case Role::Manager:
            return kManager;
        case Role::Supervisor:
            return kSupervisor;
        case Role::Qa:
            return kQa;
        case Role::Agent:
            return kAgent;
    }
    return 0;
}

HttpResponse json_reply(unsigned status, const Json& body) {
    HttpResponse response;
    response.status = status;
    response.body = dump(body);
    response.add_header("Content-Type", "application/json; charset=utf-8");
    response.add_header("Cache-Control", "no-store");
    return response;
}

HttpResponse no_content() {
    HttpResponse response;
    response.status = 204;
    response.add_header("Cache-Control", "no-store");
    return response;
}

void audit(RequestContext& context, std::string action, std::string target, Json detail) {
    audit_as(context, context.principal ? context.principal->user.username : "", std::move(action),
             std::move(target), std::move(detail));
}

void audit_as(RequestContext& context, std::string username, std::string action, std::string target,
              Json detail) {
    AuditEntry entry;
    entry.at = context.now;
    entry.username = std::move(username);
    entry.address = context.request.remote_address;
    entry.action = std::move(action);
    entry.target = std::move(target);
    entry.detail = dump(detail.is_object() ? detail : Json::object());
    context.deps.audit.record(std::move(entry));
}

std::optional<ApiError> run(RequestContext& context, const acd::Command& command) {
    auto done = context.deps.center.command(command);
    if (!done) {
        return from_engine(done.error());
    }
    return std::nullopt;
}

/// An integer query parameter; 400 invalid_value naming it when it does not parse or fit.
ApiResult<std::optional<std::int64_t>> integer_param(const HttpRequest& request,
                                                     const std::string& name, std::int64_t min,
                                                     std::int64_t max) {
    auto text = request.query_param(name);
    if (!text) {
        return std::optional<std::int64_t>{};
    }
    std::int64_t value = 0;
    const char* end = text->data() + text->size();
    auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc{} || ptr != end || value < min || value > max) {
        return ApiError::invalid_value(name, "'" + *text + "' is not an integer in " +
                                                 std::to_string(min) + ".." + std::to_string(max));
    }
    return std::optional<std::int64_t>(value);
}

ApiResult<std::optional<std::string>> text_param(const HttpRequest& request,
                                                 const std::string& name, std::size_t max_length) {
    auto text = request.query_param(name);
    if (text && (text->empty() || text->size() > max_length)) {
        return ApiError::invalid_value(
            name, "must be 1 to " + std::to_string(max_length) + " characters");
    }
    return text;
}

ApiResult<std::optional<bool>> boolean_param(const HttpRequest& request, const std::string& name) {
    auto text = request.query_param(name);
    if (!text) {
        return std::optional<bool>{};
    }
    if (*text != "true" && *text != "false") {
        return ApiError::invalid_value(name, "must be true or false");
    }
    return std::optional<bool>(*text == "true");
}

ApiResult<std::optional<WallTime>> time_param(const HttpRequest& request, const std::string& name) {
    auto ms = integer_param(request, name, 0, kMaxEpochMs);
    if (!ms) {
        return ms.error();
    }
    if (!*ms) {
        return std::optional<WallTime>{};
    }
    return std::optional<WallTime>(WallTime{std::chrono::milliseconds(**ms)});
}

ApiResult<Period> period_param(const HttpRequest& request, WallTime now, Duration span) {
    auto from = time_param(request, "from_ms");
    auto to = time_param(request, "to_ms");
    for (const auto* checked : {&from, &to}) {
        if (!*checked) {
            return checked->error();
        }
    }
    Period p;
    p.to = to->value_or(now);
    p.from = from->value_or(p.to - span);
    if (p.from > p.to) {
        return ApiError::invalid_value("from_ms", "is after to_ms");
    }
    return p;
}

}  // namespace markaz::api
