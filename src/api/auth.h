#pragma once

// Who is asking (docs/api.md "Authentication"): a bearer token when an Authorization header is
// present (cookies are then ignored), else the session cookie; CSRF double submit for cookie
// sessions; the server's own origin for login and the WebSocket.

#include <string>
#include <string_view>

#include "api/api_error.h"
#include "api/endpoint.h"

namespace markaz::api {

inline constexpr std::string_view kSessionCookie = "markaz_session";
inline constexpr std::string_view kCsrfCookie = "markaz_csrf";

/// The principal of `request` at `now` (a session is marked used); 401 unauthenticated.
ApiResult<Principal> authenticate(const HttpRequest& request, ApiDeps& deps, WallTime now);

/// Cookie sessions on POST/PUT/PATCH/DELETE: X-CSRF-Token present, equal to the markaz_csrf
/// cookie and to the token stored with the session; 403 csrf_failed otherwise.
std::optional<ApiError> check_csrf(const HttpRequest& request, const Principal& principal);

/// "http://host" (or https behind TLS) from the Host header.
std::string own_origin(const HttpRequest& request, bool secure);
/// True when `request` has an Origin header naming another site.
bool foreign_origin(const HttpRequest& request, bool secure);

/// The Set-Cookie values of a new session, and the ones that clear both cookies.
std::string session_cookie(const std::string& id, bool secure);
std::string csrf_cookie(const std::string& token, bool secure);
std::string cleared_session_cookie(bool secure);
std::string cleared_csrf_cookie(bool secure);

}  // namespace markaz::api
