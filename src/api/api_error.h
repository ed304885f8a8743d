#pragma once

// The one error shape of the API (docs/api.md "Errors"):
//   {"error": {"code": "invalid_value", "field": "state", "message": "state: unknown ..."}}
// with the status and headers each code implies.

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "api/http_message.h"
#include "common/result.h"

namespace markaz::api {

struct ApiError {
    unsigned status = 500;
    std::string code;                  ///< "invalid_value", "forbidden", ...
    std::optional<std::string> field;  ///< the offending field; null when not about one
    std::string message;
    std::optional<std::chrono::seconds> retry_after;  ///< 429 and 503
    std::string allow;                                ///< 405: the methods the path takes

    static ApiError invalid_json(std::string message);
    static ApiError missing_field(const std::string& field);
    static ApiError invalid_type(const std::string& field, std::string_view expected,
                                 std::string_view got);
    static ApiError invalid_value(const std::string& field, const std::string& problem);
    static ApiError unknown_field(const std::string& field, std::string_view expected);
    static ApiError unauthenticated(std::string message);
    static ApiError invalid_credentials();
    static ApiError csrf_failed();
    static ApiError forbidden(std::string message, std::optional<std::string> field = {});
    static ApiError not_found(std::string message, std::optional<std::string> field = {});
    static ApiError method_not_allowed(std::string_view method, std::string allow);
    static ApiError conflict(std::string message, std::optional<std::string> field = {});
    static ApiError body_too_large(std::size_t limit);
    static ApiError unsupported_media_type();
    static ApiError rate_limited(std::chrono::seconds retry_after);
    static ApiError internal();
    static ApiError unavailable(std::string message);
};

/// The engine's error kinds as HTTP: InvalidArgument -> 400 invalid_value (the field from the
/// message's "field:" prefix), NotFound -> 404, Conflict -> 409, Unavailable -> 503,
/// Internal -> 500 (the engine's message goes to no client).
ApiError from_engine(const Error& error);

/// The response for `error`: the JSON body, Cache-Control: no-store, and WWW-Authenticate,
/// Retry-After or Allow where the code calls for them.
HttpResponse error_response(const ApiError& error);

/// A value or an ApiError; member names follow Result (common/result.h).
template <class T>
class [[nodiscard]] ApiResult {
public:
    ApiResult(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    ApiResult(ApiError error) : v_(std::in_place_index<1>, std::move(error)) {}

    bool has_value() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const ApiError& error() const { return std::get<1>(v_); }

private:
    std::variant<T, ApiError> v_;
};

}  // namespace markaz::api
