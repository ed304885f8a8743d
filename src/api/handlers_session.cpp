// Log in, log out, and the user's own record (docs/api.md "Session").

#include <chrono>

#include "api/auth.h"
#include "api/endpoint.h"
#include "api/objects_json.h"
#include "api/passwords.h"

namespace markaz::api {
namespace {

HttpResponse log_in(RequestContext& c) {
    static const std::vector<FieldRule> rules{
        {"username", JsonKind::String, true, false, length(1, 64), {}},
        {"password", JsonKind::String, true, false, length(1, 1024), {}},
    };
    if (auto refused = check_fields(c.body, rules)) {
        return error_response(*refused);
    }
    const std::string username = c.body["username"].get<std::string>();
    const std::string& password = c.body["password"].get_ref<const std::string&>();
    const std::string& address = c.request.remote_address;
    ApiDeps& deps = c.deps;

    // A block holds whatever the password: a guesser learns nothing while it lasts.
    if (auto wait = deps.limiter.blocked(username, address, c.now)) {
        audit_as(c, username, "login-failed", username, Json{{"reason", "rate-limited"}});
        const auto seconds = std::chrono::ceil<std::chrono::seconds>(*wait);
        return error_response(ApiError::rate_limited(seconds));
    }
    auto user = deps.users.find(username);
    bool good = false;
    if (user) {
        good = verify_password(user->password_hash, password);
    } else {
        verify_password_of_nobody(password);  // same time for unknown names
    }
    if (!good) {
        deps.limiter.record_failure(username, address, c.now);
        audit_as(c, username, "login-failed", username, Json{{"reason", "invalid-credentials"}});
        return error_response(ApiError::invalid_credentials());
    }
    NewSession made = deps.sessions.create(user->username, c.now);
    deps.users.record_login(user->username, c.now);
    user->last_login_at = c.now;
    c.principal = Principal{*user, AuthVia::Session, made.session.key, made.session.csrf_token, ""};
    audit(c, "login", user->username, Json::object());

    HttpResponse response = json_reply(200, Json{{"user", user_json(*user)}});
    const bool secure = deps.options.secure_cookies;
    response.add_header("Set-Cookie", session_cookie(made.id, secure));
    response.add_header("Set-Cookie", csrf_cookie(made.session.csrf_token, secure));
    return response;
}

HttpResponse log_out(RequestContext& c) {
    if (c.principal->via == AuthVia::Token) {
        return no_content();  // a token is not a session: nothing to end
    }
    if (auto id = c.request.cookie(kSessionCookie)) {
        c.deps.sessions.end(*id);
    }
    c.deps.sockets.close_session(c.principal->session_key, kCloseSessionEnded);
    audit(c, "logout", c.by(), Json::object());
    HttpResponse response = no_content();
    const bool secure = c.deps.options.secure_cookies;
    response.add_header("Set-Cookie", cleared_session_cookie(secure));
    response.add_header("Set-Cookie", cleared_csrf_cookie(secure));
    return response;
}

HttpResponse me(RequestContext& c) {
    HttpResponse response = json_reply(200, Json{{"user", user_json(c.user())}});
    // A page that lost its CSRF cookie (cleared by hand, another tab's logout) gets it back.
    if (c.principal->via == AuthVia::Session && !c.request.cookie(kCsrfCookie)) {
        response.add_header("Set-Cookie",
                            csrf_cookie(c.principal->csrf_token, c.deps.options.secure_cookies));
    }
    return response;
}

HttpResponse change_me(RequestContext& c) {
    static const std::vector<FieldRule> rules{
        {"language", JsonKind::String, true, false, one_of(kLanguageNames), {}},
    };
    if (auto refused = check_fields(c.body, rules)) {
        return error_response(*refused);
    }
    User user = c.user();
    user.language = *kLanguageNames.parse(c.body["language"].get<std::string>());
    if (auto replaced = c.deps.users.replace(user); !replaced) {
        return error_response(from_engine(replaced.error()));
    }
    audit(c, "language", user.username, c.body);
    return json_reply(200, Json{{"user", user_json(user)}});
}

}  // namespace

void add_session_endpoints(std::vector<Endpoint>& out) {
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/session",
                   .is_public = true,
                   .takes_body = true,
                   .same_origin = true,
                   .handler = log_in});
    out.push_back({.method = Method::Delete,
                   .pattern = "/api/v1/session",
                   .roles = kAnyRole,
                   .handler = log_out});
    out.push_back(
        {.method = Method::Get, .pattern = "/api/v1/session/me", .roles = kAnyRole, .handler = me});
    out.push_back({.method = Method::Patch,
                   .pattern = "/api/v1/session/me",
                   .roles = kAnyRole,
                   .takes_body = true,
                   .handler = change_me});
}

}  // namespace markaz::api
