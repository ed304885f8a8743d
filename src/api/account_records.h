#pragma once

// Where users, API tokens and the audit log are kept across restarts: store::AccountStore, on
// the store's SQLite file. The API's directories write through it before they change what they
// hold, so a change the API answered 2xx to survives `kill -9`, and a write that fails changes
// nothing (docs/security.md).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/audit.h"
#include "api/users.h"
#include "common/result.h"
#include "common/time.h"

namespace markaz::api {

/// An API token as kept: what is listed, and the SHA-256 of its secret (never the secret).
struct KeptToken {
    std::string id;
    std::string name;
    std::string username;
    WallTime created_at{};
    std::optional<WallTime> expires_at;
    std::optional<WallTime> last_used_at;
    std::string secret_sha256;
};

/// Each call is one durable write (on disk when it returns) or an error that names the file.
/// Thread: any.
class AccountRecords {
public:
    virtual ~AccountRecords() = default;

    /// Inserts or replaces the user of that name.
    [[nodiscard]] virtual Result<void> put_user(const User& user) = 0;
    /// Removes the user and every token acting as them.
    [[nodiscard]] virtual Result<void> erase_user(std::string_view username) = 0;

    /// Inserts or replaces the token of that id.
    [[nodiscard]] virtual Result<void> put_token(const KeptToken& token) = 0;
    [[nodiscard]] virtual Result<void> erase_tokens(std::span<const std::string> ids) = 0;

    /// Keeps `entry` (its id already given).
    [[nodiscard]] virtual Result<void> append_audit(const AuditEntry& entry) = 0;
    /// Newest first: at most `limit` entries, only those with id < `before` when given.
    [[nodiscard]] virtual Result<std::vector<AuditEntry>> audit_page(
        std::size_t limit, std::optional<std::int64_t> before) = 0;
    /// The highest audit id kept; 0 when there is none.
    [[nodiscard]] virtual Result<std::int64_t> last_audit_id() = 0;
};

}  // namespace markaz::api
