#include "api/auth.h"

#include "api/secrets.h"
#include "common/text.h"

namespace markaz::api {
namespace {

std::string cookie_attributes(bool http_only, bool secure) {
    std::string out = "; Path=/";
    if (http_only) {
        out += "; HttpOnly";
    }
    out += "; SameSite=Strict";
    if (secure) {
        out += "; Secure";
    }
    return out;
}

}  // namespace

ApiResult<Principal> authenticate(const HttpRequest& request, ApiDeps& deps, WallTime now) {
    if (request.has_header("authorization")) {
        const std::string_view value = trim(request.header("authorization"));
        constexpr std::string_view kBearer = "Bearer ";
        if (value.size() <= kBearer.size() || !iequals(value.substr(0, kBearer.size()), kBearer)) {
            return ApiError::unauthenticated("Authorization must be 'Bearer mkz_...'");
        }
        auto token = deps.tokens.use(trim(value.substr(kBearer.size())), now);
        if (!token) {
            return ApiError::unauthenticated("the API token is unknown, revoked or expired");
        }
        auto user = deps.users.find(token->username);
        if (!user) {
            return ApiError::unauthenticated("the API token's user no longer exists");
        }
        return Principal{std::move(*user), AuthVia::Token, "", "", token->id};
    }
    auto id = request.cookie(kSessionCookie);
    if (!id || id->empty()) {
        return ApiError::unauthenticated("log in first (no session cookie or bearer token)");
    }
    auto session = deps.sessions.use(*id, now);
    if (!session) {
        return ApiError::unauthenticated("the session has ended; log in again");
    }
    auto user = deps.users.find(session->username);
    if (!user) {
        return ApiError::unauthenticated("the session's user no longer exists");
    }
    return Principal{std::move(*user), AuthVia::Session, session->key, session->csrf_token, ""};
}

std::optional<ApiError> check_csrf(const HttpRequest& request, const Principal& principal) {
    if (principal.via != AuthVia::Session || !changes_state(request.method)) {
        return std::nullopt;
    }
    const std::string_view header = request.header("x-csrf-token");
    const auto cookie = request.cookie(kCsrfCookie);
    if (header.empty() || !cookie || !same_secret(header, *cookie) ||
        !same_secret(header, principal.csrf_token)) {
        return ApiError::csrf_failed();
    }
    return std::nullopt;
}

std::string own_origin(const HttpRequest& request, bool secure) {
    return std::string(secure ? "https://" : "http://") + std::string(request.header("host"));
}

bool foreign_origin(const HttpRequest& request, bool secure) {
    if (!request.has_header("origin")) {
        return false;
    }
    return !iequals(trim(request.header("origin")), own_origin(request, secure));
}

std::string session_cookie(const std::string& id, bool secure) {
    return std::string(kSessionCookie) + "=" + id + cookie_attributes(true, secure);
}

std::string csrf_cookie(const std::string& token, bool secure) {
    return std::string(kCsrfCookie) + "=" + token + cookie_attributes(false, secure);
}

std::string cleared_session_cookie(bool secure) {
    return std::string(kSessionCookie) + "=; Max-Age=0" + cookie_attributes(true, secure);
}

std::string cleared_csrf_cookie(bool secure) {
    return std::string(kCsrfCookie) + "=; Max-Age=0" + cookie_attributes(false, secure);
}

}  // namespace markaz::api
