#include "api/api_error.h"

#include <nlohmann/json.hpp>

namespace markaz::api {
namespace {

ApiError make(unsigned status, std::string code, std::optional<std::string> field,
              std::string message) {
    ApiError error;
    error.status = status;
    error.code = std::move(code);
    error.field = std::move(field);
    error.message = std::move(message);
    return error;
}

}  // namespace

ApiError ApiError::invalid_json(std::string message) {
    return make(400, "invalid_json", std::nullopt, std::move(message));
}
ApiError ApiError::missing_field(const std::string& field) {
    return make(400, "missing_field", field, field + ": required");
}
ApiError ApiError::invalid_type(const std::string& field, std::string_view expected,
                                std::string_view got) {
    return make(400, "invalid_type", field,
                field + ": expected " + std::string(expected) + ", got " + std::string(got));
}
ApiError ApiError::invalid_value(const std::string& field, const std::string& problem) {
    return make(400, "invalid_value", field, field + ": " + problem);
}
ApiError ApiError::unknown_field(const std::string& field, std::string_view expected) {
    std::string message = field + ": unknown field";
    if (!expected.empty()) {
        message += " (expected one of: " + std::string(expected) + ")";
    }
    return make(400, "unknown_field", field, std::move(message));
}
ApiError ApiError::unauthenticated(std::string message) {
    return make(401, "unauthenticated", std::nullopt, std::move(message));
}
ApiError ApiError::invalid_credentials() {
    return make(401, "invalid_credentials", std::nullopt, "wrong user name or password");
}
ApiError ApiError::csrf_failed() {
    return make(403, "csrf_failed", std::nullopt,
                "X-CSRF-Token is missing or does not match the session's markaz_csrf cookie");
}
ApiError ApiError::forbidden(std::string message, std::optional<std::string> field) {
    return make(403, "forbidden", std::move(field), std::move(message));
}
ApiError ApiError::not_found(std::string message, std::optional<std::string> field) {
    return make(404, "not_found", std::move(field), std::move(message));
}
ApiError ApiError::method_not_allowed(std::string_view method, std::string allow) {
    ApiError error = make(405, "method_not_allowed", std::nullopt,
                          std::string(method) + " is not allowed here (allowed: " + allow + ")");
    error.allow = std::move(allow);
    return error;
}
ApiError ApiError::conflict(std::string message, std::optional<std::string> field) {
    return make(409, "conflict", std::move(field), std::move(message));
}
ApiError ApiError::body_too_large(std::size_t limit) {
    return make(413, "body_too_large", std::nullopt,
                "the request body is over " + std::to_string(limit / 1024) + " KiB");
}
ApiError ApiError::unsupported_media_type() {
    return make(415, "unsupported_media_type", std::nullopt,
                "a request body must be sent with Content-Type: application/json");
}
ApiError ApiError::rate_limited(std::chrono::seconds retry_after) {
    ApiError error =
        make(429, "rate_limited", std::nullopt,
             "too many failed logins; try again in " + std::to_string(retry_after.count()) + " s");
    error.retry_after = retry_after;
    return error;
}
ApiError ApiError::internal() {
    return make(500, "internal", std::nullopt, "internal error; the server log has details");
}
ApiError ApiError::unavailable(std::string message) {
    return make(503, "unavailable", std::nullopt, std::move(message));
}

ApiError from_engine(const Error& error) {
    switch (error.code) {
        case Errc::InvalidArgument: {
            // The engine names the field first: "reason: 'lunch-break' is not a pause reason".
            std::optional<std::string> field;
            const auto colon = error.message.find(": ");
            if (colon != std::string::npos && error.message.find_first_of(" '\"") > colon) {
                field = error.message.substr(0, colon);
            }
            return make(400, "invalid_value", std::move(field), error.message);
        }
        case Errc::NotFound:
            return ApiError::not_found(error.message);
        case Errc::Conflict:
            return ApiError::conflict(error.message);
        case Errc::Unavailable:
            return ApiError::unavailable(error.message);
        case Errc::Internal:
            break;
    }
    return ApiError::internal();
}

HttpResponse error_response(const ApiError& error) {
    nlohmann::ordered_json inner;
    inner["code"] = error.code;
    inner["field"] = error.field ? nlohmann::ordered_json(*error.field) : nullptr;
    inner["message"] = error.message;
    nlohmann::ordered_json body;
    body["error"] = std::move(inner);

    HttpResponse response;
    response.status = error.status;
    response.body = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    response.add_header("Content-Type", "application/json; charset=utf-8");
    response.add_header("Cache-Control", "no-store");
    if (error.code == "unauthenticated") {
        response.add_header("WWW-Authenticate", "Bearer realm=\"markaz\"");
    }
    if (error.retry_after) {
        response.add_header("Retry-After", std::to_string(error.retry_after->count()));
    }
    if (!error.allow.empty()) {
        response.add_header("Allow", error.allow);
    }
    return response;
}

}  // namespace markaz::api
