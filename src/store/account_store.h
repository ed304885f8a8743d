#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "api/account_records.h"
#include "api/users.h"
#include "common/result.h"
#include "common/time.h"

namespace markaz::store {

/// The web's accounts in the store's SQLite file: users, API tokens and the audit log
/// (api::AccountRecords), on a connection of its own next to the core loop's. Every write is
/// one transaction on disk when it returns. Errors name the file and what was being done.
/// Thread: any (one mutex around the connection; the API's threads write rarely).
class AccountStore final : public api::AccountRecords {
public:
    /// Opens or creates the database at `path` and brings its schema to the latest version.
    [[nodiscard]] static Result<std::unique_ptr<AccountStore>> open(const std::string& path);
    ~AccountStore() override;

    /// The users to start with. The first time, `configured` (the configuration's `users:`)
    /// are copied in and returned; from then on the API owns the users, and those kept are
    /// returned whatever the configuration says. Fails when a kept user cannot be read.
    [[nodiscard]] Result<std::vector<api::User>> seed_users(
        const std::vector<api::User>& configured, WallTime now);
    /// Whether seed_users() took the configuration's users (false: they were kept already).
    bool seeded_now() const { return seeded_now_; }

    [[nodiscard]] Result<std::vector<api::KeptToken>> tokens();

    Result<void> put_user(const api::User& user) override;
    Result<void> erase_user(std::string_view username) override;
    Result<void> put_token(const api::KeptToken& token) override;
    Result<void> erase_tokens(std::span<const std::string> ids) override;
    Result<void> append_audit(const api::AuditEntry& entry) override;
    Result<std::vector<api::AuditEntry>> audit_page(std::size_t limit,
                                                    std::optional<std::int64_t> before) override;
    Result<std::int64_t> last_audit_id() override;

private:
    struct Impl;
    explicit AccountStore(std::unique_ptr<Impl> impl);

    std::mutex mutex_;
    std::unique_ptr<Impl> impl_;
    bool seeded_now_ = false;
};

/// A user as its JSON document in `users.body`, and back (errors name the field).
std::string user_document(const api::User& user);
Result<api::User> user_from_document(const std::string& username, const std::string& body);

}  // namespace markaz::store
