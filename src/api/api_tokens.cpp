#include "api/api_tokens.h"

#include <algorithm>

#include "api/account_records.h"
#include "api/secrets.h"

namespace markaz::api {
namespace {

constexpr std::string_view kPrefix = "mkz_";

KeptToken kept_form(const ApiToken& token, const std::string& secret_sha256) {
    return KeptToken{token.id,         token.name,         token.username, token.created_at,
                     token.expires_at, token.last_used_at, secret_sha256};
}

}  // namespace

void TokenStore::keep_in(AccountRecords& records, const std::vector<KeptToken>& kept) {
    std::lock_guard lock(mutex_);
    records_ = &records;
    for (const KeptToken& k : kept) {
        ApiToken token{k.id, k.name, k.username, k.created_at, k.expires_at, k.last_used_at};
        by_hash_[k.secret_sha256] = k.id;
        tokens_[k.id] = Stored{std::move(token), k.secret_sha256};
    }
}

bool looks_like_token(std::string_view secret) {
    if (!secret.starts_with(kPrefix) || secret.size() != kPrefix.size() + 43) {
        return false;
    }
    return std::all_of(secret.begin() + kPrefix.size(), secret.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

Result<NewToken> TokenStore::create(std::string name, std::string username,
                                    std::optional<WallTime> expires_at, WallTime now) {
    NewToken made;
    made.secret = std::string(kPrefix) + random_base64url(32);
    made.token.name = std::move(name);
    made.token.username = std::move(username);
    made.token.created_at = now;
    made.token.expires_at = expires_at;
    std::lock_guard lock(mutex_);
    do {
        made.token.id = "t" + random_base64url(9);  // 12 characters, unguessable but short
    } while (tokens_.contains(made.token.id));
    std::string hash = sha256_hex(made.secret);
    if (records_) {
        if (auto kept = records_->put_token(kept_form(made.token, hash)); !kept) {
            return fail(Errc::Unavailable,
                        "the token could not be kept, so it was not made: " + kept.error().message);
        }
    }
    by_hash_[hash] = made.token.id;
    tokens_[made.token.id] = Stored{made.token, std::move(hash)};
    return made;
}

std::vector<ApiToken> TokenStore::list() const {
    std::lock_guard lock(mutex_);
    std::vector<ApiToken> out;
    for (const auto& [id, stored] : tokens_) {
        out.push_back(stored.token);
    }
    std::sort(out.begin(), out.end(), [](const ApiToken& a, const ApiToken& b) {
        return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id;
    });
    return out;
}

std::optional<ApiToken> TokenStore::find(std::string_view id) const {
    std::lock_guard lock(mutex_);
    auto it = tokens_.find(id);
    if (it == tokens_.end()) {
        return std::nullopt;
    }
    return it->second.token;
}

std::optional<ApiToken> TokenStore::use(std::string_view secret, WallTime now) {
    if (!looks_like_token(secret)) {
        return std::nullopt;
    }
    // Looked up by digest: the map's comparisons never touch the secret itself.
    const std::string hash = sha256_hex(secret);
    std::lock_guard lock(mutex_);
    auto named = by_hash_.find(hash);
    if (named == by_hash_.end()) {
        return std::nullopt;
    }
    ApiToken& token = tokens_.at(named->second).token;
    if (token.expires_at && now >= *token.expires_at) {
        return std::nullopt;
    }
    const bool note = !token.last_used_at || now - *token.last_used_at >= std::chrono::minutes{1};
    token.last_used_at = now;
    if (note) {
        keep_used(tokens_.at(named->second));
    }
    return token;
}

void TokenStore::keep_used(const Stored& stored) {
    if (records_) {
        (void)records_->put_token(kept_form(stored.token, stored.secret_sha256));  // best effort
    }
}

Result<void> TokenStore::revoke(std::string_view id) {
    std::lock_guard lock(mutex_);
    auto it = tokens_.find(id);
    if (it == tokens_.end()) {
        return fail(Errc::NotFound, "no token '" + std::string(id) + "'");
    }
    if (records_) {
        const std::string ids[] = {it->first};
        if (auto kept = records_->erase_tokens(ids); !kept) {
            return fail(Errc::Unavailable,
                        "the revocation could not be kept, so the token still "
                        "works: " +
                            kept.error().message);
        }
    }
    by_hash_.erase(it->second.secret_sha256);
    tokens_.erase(it);
    return {};
}

std::vector<std::string> TokenStore::revoke_user(std::string_view username) {
    std::vector<std::string> revoked;
    std::lock_guard lock(mutex_);
    for (auto it = tokens_.begin(); it != tokens_.end();) {
        if (it->second.token.username == username) {
            revoked.push_back(it->first);
            by_hash_.erase(it->second.secret_sha256);
            it = tokens_.erase(it);
        } else {
            ++it;
        }
    }
    if (records_ && !revoked.empty()) {
        // Best effort: AccountRecords::erase_user has removed them with their user already.
        (void)records_->erase_tokens(revoked);
    }
    return revoked;
}

}  // namespace markaz::api
