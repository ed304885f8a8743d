// Roles and users (docs/api.md "Users, roles and tokens"): managers only, except that every
// user may read their own record.

#include "api/endpoint.h"
#include "api/objects_json.h"
#include "api/passwords.h"
#include "api/scope.h"

namespace markaz::api {
namespace {

FieldRule text(std::string name, bool required, ValueCheck check, bool nullable = false) {
    return {std::move(name), JsonKind::String, required, nullable, std::move(check), {}};
}

/// The fields of a user in a body; `creating` makes username, password and role required.
std::vector<FieldRule> user_rules(bool creating) {
    auto username = [](const Json& v) -> std::optional<std::string> {
        if (is_valid_username(v.get_ref<const std::string&>())) {
            return std::nullopt;
        }
        return "'" + v.get<std::string>() + "' is not 1..64 of a-z, 0-9, '.', '_', '-'";
    };
    std::vector<FieldRule> rules;
    if (creating) {
        rules.push_back(text("username", true, username));
    }
    rules.push_back(text("password", creating, length(kMinPasswordLength, kMaxPasswordLength)));
    rules.push_back(text("role", creating, one_of(kRoleNames)));
    rules.push_back(text("display_name", false, length(0, 200)));
    rules.push_back(text("language", false, one_of(kLanguageNames)));
    rules.push_back(text("agent", false, length(1, 64), true));
    rules.push_back(text("extension", false, length(1, 64), true));
    rules.push_back({"queues", JsonKind::StringArray, false, false, length(1, 64), {}});
    return rules;
}

/// `user` with the body's members applied (passwords hashed); the body is checked.
ApiResult<User> apply_user_fields(User user, const Json& body) {
    for (const auto& [name, v] : body.items()) {
        if (name == "password") {
            auto hash = hash_password(v.get_ref<const std::string&>());
            if (!hash) {
                return from_engine(hash.error());
            }
            user.password_hash = std::move(*hash);
        } else if (name == "role") {
            user.role = *kRoleNames.parse(v.get<std::string>());
        } else if (name == "display_name") {
            user.display_name = v.get<std::string>();
        } else if (name == "language") {
            user.language = *kLanguageNames.parse(v.get<std::string>());
        } else if (name == "agent") {
            user.agent = v.is_null() ? std::nullopt : std::optional(AgentId{v.get<std::string>()});
        } else if (name == "extension") {
            user.extension = v.is_null() ? std::nullopt : std::optional(v.get<std::string>());
        } else if (name == "queues") {
            user.queues.clear();
            for (const Json& q : v) {
                user.queues.emplace_back(q.get<std::string>());
            }
        }
    }
    return user;
}

/// The combination is right for the configuration: 400 naming the field.
std::optional<ApiError> check_user(const User& user, const acd::RouterConfig& config) {
    if (user.role == Role::Agent && !user.agent) {
        ApiError error = ApiError::missing_field("agent");
        error.message = "agent: required for role 'agent'";
        return error;
    }
    if (user.role != Role::Supervisor && !user.queues.empty()) {
        return ApiError::invalid_value("queues", "only supervisors have a team of queues");
    }
    if (auto ok = check_user_references(user, config, ""); !ok) {
        return from_engine(ok.error());
    }
    return std::nullopt;
}

/// The request's fields for the audit log, without the password.
Json audit_detail(const Json& body) {
    Json detail = body;
    if (detail.contains("password")) {
        detail.erase("password");
        detail["password_changed"] = true;
    }
    return detail;
}

HttpResponse roles(RequestContext&) {
    Json names = Json::array();
    for (const auto& entry : kRoleNames.entries) {
        names.push_back(std::string(entry.second));
    }
    return json_reply(200, Json{{"roles", std::move(names)}});
}

HttpResponse list_users(RequestContext& c) {
    Json users = Json::array();
    for (const User& user : c.deps.users.list()) {
        users.push_back(user_json(user));
    }
    return json_reply(200, Json{{"users", std::move(users)}});
}

HttpResponse create_user(RequestContext& c) {
    if (auto refused = check_fields(c.body, user_rules(true))) {
        return error_response(*refused);
    }
    User blank;
    blank.username = c.body["username"].get<std::string>();
    blank.created_at = c.now;
    if (c.deps.users.find(blank.username)) {  // before hashing: a taken name costs nothing
        return error_response(
            ApiError::conflict("user '" + blank.username + "' already exists", "username"));
    }
    Json fields = c.body;
    fields.erase("username");
    auto user = apply_user_fields(blank, fields);
    if (!user) {
        return error_response(user.error());
    }
    if (auto refused = check_user(*user, c.deps.center.router_config())) {
        return error_response(*refused);
    }
    if (auto added = c.deps.users.add(*user); !added) {
        return error_response(added.error().code == Errc::Conflict
                                  ? ApiError::conflict(added.error().message, "username")
                                  : from_engine(added.error()));
    }
    audit(c, "user-create", user->username, audit_detail(c.body));
    HttpResponse response = json_reply(201, Json{{"user", user_json(*user)}});
    response.add_header("Location", "/api/v1/users/" + user->username);
    return response;
}

HttpResponse get_user(RequestContext& c) {
    auto user = c.deps.users.find(c.param("username"));
    if (!user) {
        return error_response(
            ApiError::not_found("no user '" + c.param("username") + "'", "username"));
    }
    if (c.user().role != Role::Manager && user->username != c.user().username) {
        return error_response(ApiError::forbidden("only managers read other users", "username"));
    }
    return json_reply(200, Json{{"user", user_json(*user)}});
}

HttpResponse update_user(RequestContext& c) {
    if (auto refused = check_fields(c.body, user_rules(false))) {
        return error_response(*refused);
    }
    if (c.body.empty()) {
        return error_response(ApiError::invalid_value("body", "give at least one field to change"));
    }
    auto before = c.deps.users.find(c.param("username"));
    if (!before) {
        return error_response(
            ApiError::not_found("no user '" + c.param("username") + "'", "username"));
    }
    auto user = apply_user_fields(*before, c.body);
    if (!user) {
        return error_response(user.error());
    }
    if (auto refused = check_user(*user, c.deps.center.router_config())) {
        return error_response(*refused);
    }
    if (auto replaced = c.deps.users.replace(*user); !replaced) {
        return error_response(from_engine(replaced.error()));
    }
    if (user->role != before->role || user->agent != before->agent ||
        user->queues != before->queues) {
        c.deps.sockets.close_user(user->username, kCloseScopeChanged);
    }
    if (c.body.contains("password")) {
        // A new password ends the user's other sessions (the asker's own one stays).
        const std::string keep = c.principal->session_key;
        for (const std::string& key : c.deps.sessions.end_user(user->username, keep)) {
            c.deps.sockets.close_session(key, kCloseSessionEnded);
        }
    }
    audit(c, "user-update", user->username, audit_detail(c.body));
    return json_reply(200, Json{{"user", user_json(*user)}});
}

HttpResponse delete_user(RequestContext& c) {
    const std::string& name = c.param("username");
    if (!c.deps.users.find(name)) {
        return error_response(ApiError::not_found("no user '" + name + "'", "username"));
    }
    if (name == c.user().username) {
        return error_response(ApiError::conflict("you cannot delete yourself", "username"));
    }
    if (auto removed = c.deps.users.remove(name); !removed) {
        return error_response(from_engine(removed.error()));
    }
    c.deps.sessions.end_user(name);
    c.deps.tokens.revoke_user(name);
    c.deps.sockets.close_user(name, kCloseSessionEnded);
    audit(c, "user-delete", name, Json::object());
    return no_content();
}

}  // namespace

void add_user_endpoints(std::vector<Endpoint>& out) {
    out.push_back(
        {.method = Method::Get, .pattern = "/api/v1/roles", .roles = kAnyRole, .handler = roles});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/users",
                   .roles = kManager,
                   .handler = list_users});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/users",
                   .roles = kManager,
                   .takes_body = true,
                   .handler = create_user});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/users/{username}",
                   .roles = kAnyRole,
                   .handler = get_user});
    out.push_back({.method = Method::Patch,
                   .pattern = "/api/v1/users/{username}",
                   .roles = kManager,
                   .takes_body = true,
                   .handler = update_user});
    out.push_back({.method = Method::Delete,
                   .pattern = "/api/v1/users/{username}",
                   .roles = kManager,
                   .handler = delete_user});
}

}  // namespace markaz::api
