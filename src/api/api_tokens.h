#pragma once

// API tokens for integrations (Prometheus, CRMs): "mkz_" + 43 base64url characters, shown
// once at creation. Only the SHA-256 of the secret is kept.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"

namespace markaz::api {

/// A token as listed: everything but the secret.
struct ApiToken {
    std::string id;
    std::string name;
    std::string username;  ///< acts with this user's role and scope
    WallTime created_at{};
    std::optional<WallTime> expires_at;
    std::optional<WallTime> last_used_at;
};

struct NewToken {
    ApiToken token;
    std::string secret;  ///< "mkz_..."; only here, never again
};

/// Every API token. Thread: any (one mutex).
class TokenStore {
public:
    NewToken create(std::string name, std::string username, std::optional<WallTime> expires_at,
                    WallTime now);
    /// By creation time (then id).
    std::vector<ApiToken> list() const;
    std::optional<ApiToken> find(std::string_view id) const;

    /// The token whose secret is `secret` if it has not expired by `now`; marks it used.
    std::optional<ApiToken> use(std::string_view secret, WallTime now);

    /// Revokes one token; false when there is none with that id.
    bool revoke(std::string_view id);
    /// Revokes every token of `username`; returns their ids.
    std::vector<std::string> revoke_user(std::string_view username);

private:
    struct Stored {
        ApiToken token;
        std::string secret_sha256;
    };
    mutable std::mutex mutex_;
    std::map<std::string, Stored, std::less<>> tokens_;        ///< by id
    std::map<std::string, std::string, std::less<>> by_hash_;  ///< secret SHA-256 -> id
};

/// "mkz_" followed by 43 base64url characters.
bool looks_like_token(std::string_view secret);

}  // namespace markaz::api
