// API tokens (docs/api.md "API tokens"): managers create, list and revoke them.

#include <limits>

#include "api/endpoint.h"
#include "api/objects_json.h"
#include "api/stats_json.h"

namespace markaz::api {
namespace {

std::optional<Role> role_of(const ApiDeps& deps, const std::string& username) {
    auto user = deps.users.find(username);
    return user ? std::optional(user->role) : std::nullopt;
}

HttpResponse list_tokens(RequestContext& c) {
    Json tokens = Json::array();
    for (const ApiToken& token : c.deps.tokens.list()) {
        tokens.push_back(token_json(token, role_of(c.deps, token.username)));
    }
    return json_reply(200, Json{{"tokens", std::move(tokens)}});
}

HttpResponse create_token(RequestContext& c) {
    static const std::vector<FieldRule> rules{
        {"name", JsonKind::String, true, false, length(1, 100), {}},
        {"username", JsonKind::String, true, false, length(1, 64), {}},
        {"expires_at_ms",
         JsonKind::Integer,
         false,
         true,
         in_range(0, std::numeric_limits<std::int64_t>::max()),
         {}},
    };
    if (auto refused = check_fields(c.body, rules)) {
        return error_response(*refused);
    }
    const std::string username = c.body["username"].get<std::string>();
    auto user = c.deps.users.find(username);
    if (!user) {
        return error_response(
            ApiError::invalid_value("username", "unknown user '" + username + "'"));
    }
    std::optional<WallTime> expires;
    if (c.body.contains("expires_at_ms") && !c.body["expires_at_ms"].is_null()) {
        expires = WallTime{Duration{c.body["expires_at_ms"].get<std::int64_t>()}};
        if (*expires <= c.now) {
            return error_response(
                ApiError::invalid_value("expires_at_ms", "must be in the future"));
        }
    }
    auto created =
        c.deps.tokens.create(c.body["name"].get<std::string>(), username, expires, c.now);
    if (!created) {
        return error_response(from_engine(created.error()));
    }
    const NewToken& made = *created;
    audit(c, "token-create", made.token.id, c.body);
    return json_reply(201,
                      Json{{"token", token_json(made.token, user->role)}, {"secret", made.secret}});
}

HttpResponse delete_token(RequestContext& c) {
    const std::string& id = c.param("id");
    if (auto revoked = c.deps.tokens.revoke(id); !revoked) {
        return error_response(revoked.error().code == Errc::NotFound
                                  ? ApiError::not_found(revoked.error().message, "token")
                                  : from_engine(revoked.error()));
    }
    c.deps.sockets.close_token(id, kCloseSessionEnded);
    audit(c, "token-delete", id, Json::object());
    return no_content();
}

}  // namespace

void add_token_endpoints(std::vector<Endpoint>& out) {
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/tokens",
                   .roles = kManager,
                   .handler = list_tokens});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/tokens",
                   .roles = kManager,
                   .takes_body = true,
                   .handler = create_token});
    out.push_back({.method = Method::Delete,
                   .pattern = "/api/v1/tokens/{id}",
                   .roles = kManager,
                   .handler = delete_token});
}

}  // namespace markaz::api
