#pragma once

// API tokens for integrations (Prometheus, CRMs): "mkz_" + 43 base64url characters, shown
// once at creation. Only the SHA-256 of the secret is kept.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
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

class AccountRecords;
struct KeptToken;

/// Every API token. Thread: any (one mutex). Once kept in AccountRecords, tokens are written
/// there before they are handed out or revoked, and a failed write changes nothing.
class TokenStore {
public:
    /// The tokens kept before a restart; from now on changes are written to `records` first.
    /// `records` outlives the store.
    void keep_in(AccountRecords& records, const std::vector<KeptToken>& kept);

    /// Errc::Unavailable when the token could not be kept.
    Result<NewToken> create(std::string name, std::string username,
                            std::optional<WallTime> expires_at, WallTime now);
    /// By creation time (then id).
    std::vector<ApiToken> list() const;
    std::optional<ApiToken> find(std::string_view id) const;

    /// The token whose secret is `secret` if it has not expired by `now`; marks it used (kept
    /// at most once a minute).
    std::optional<ApiToken> use(std::string_view secret, WallTime now);

    /// Revokes one token: Errc::NotFound when there is none with that id, Errc::Unavailable
    /// when the revocation could not be kept (the token then still works).
    Result<void> revoke(std::string_view id);
    /// Revokes every token of `username`; returns their ids.
    std::vector<std::string> revoke_user(std::string_view username);

private:
    struct Stored {
        ApiToken token;
        std::string secret_sha256;
    };
    void keep_used(const Stored& stored);

    mutable std::mutex mutex_;
    AccountRecords* records_ = nullptr;
    std::map<std::string, Stored, std::less<>> tokens_;        ///< by id
    std::map<std::string, std::string, std::less<>> by_hash_;  ///< secret SHA-256 -> id
};

/// "mkz_" followed by 43 base64url characters.
bool looks_like_token(std::string_view secret);

}  // namespace markaz::api
