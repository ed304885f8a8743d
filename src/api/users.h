#pragma once

// The people who use the web desks and the API: their role, their team, their language and
// their password hash. The configuration fills UserSpecs; the API changes users at run time.

#include <functional>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "acd/config.h"
#include "common/enum_table.h"
#include "common/ids.h"
#include "common/result.h"
#include "common/time.h"

namespace markaz::api {

/// What a user may do (docs/api.md "Roles and what each may do").
enum class Role { Manager, Supervisor, Qa, Agent };
inline constexpr EnumTable<Role, 4> kRoleNames{{{
    {Role::Manager, "manager"},
    {Role::Supervisor, "supervisor"},
    {Role::Qa, "qa"},
    {Role::Agent, "agent"},
}}};

/// The language of the pages for a user.
enum class Language { En, Fa, Ar };
inline constexpr EnumTable<Language, 3> kLanguageNames{{{
    {Language::En, "en"},
    {Language::Fa, "fa"},
    {Language::Ar, "ar"},
}}};

struct User {
    std::string username;
    std::string display_name;
    Role role = Role::Agent;
    Language language = Language::En;
    std::optional<AgentId> agent;          ///< the agent this user works as (required for Agent)
    std::optional<std::string> extension;  ///< the phone the agent logs in on by default
    std::vector<QueueId> queues;           ///< a supervisor's team; empty for other roles
    std::string password_hash;             ///< argon2id (passwords.h)
    WallTime created_at{};
    std::optional<WallTime> last_login_at;
};

/// A user as the configuration gives it (the `users:` section). Exactly one of `password`
/// (plain, hashed when loaded) and `password_hash` is set.
struct UserSpec {
    std::string name;
    std::string display_name;
    std::string role;
    std::string password;
    std::string password_hash;
    std::string agent;      ///< empty: none
    std::string extension;  ///< empty: none
    std::vector<std::string> queues;
    std::string language = "en";
};

/// "[a-z0-9._-]{1,64}"
bool is_valid_username(std::string_view name);

/// The user `spec` describes, its password hashed, created at `now`. Errors name the field
/// under `at` ("users[2].role: unknown value 'boss' (expected one of: ...)"). References to
/// agents and queues are checked against `routing`.
Result<User> user_from_spec(const UserSpec& spec, const acd::RouterConfig& routing,
                            const std::string& at, WallTime now);

/// user_from_spec() for each spec, naming each "users[i]"; the first error, or every user.
Result<std::vector<User>> users_from_specs(const std::vector<UserSpec>& specs,
                                           const acd::RouterConfig& routing, WallTime now);

/// Checks that `user`'s agent and queues exist in `routing` and that the role has what it
/// needs (an agent id for Agent); errors name the field under `at` ("agent", "queues[1]").
Result<void> check_user_references(const User& user, const acd::RouterConfig& routing,
                                   const std::string& at);

class AccountRecords;

/// Every user by name. Thread: any; reads share a lock, changes take it alone. Once kept in
/// AccountRecords, each change is written there first; a failed write (Errc::Unavailable)
/// changes nothing.
class UserDirectory {
public:
    UserDirectory() = default;
    /// Fails with the first duplicate name.
    static Result<UserDirectory> create(std::vector<User> users);

    UserDirectory(const UserDirectory&) = delete;
    UserDirectory& operator=(const UserDirectory&) = delete;
    UserDirectory(UserDirectory&& other) noexcept;
    UserDirectory& operator=(UserDirectory&&) = delete;

    /// From now on, changes are written to `records` first. `records` outlives the directory.
    void keep_in(AccountRecords& records);

    std::optional<User> find(std::string_view username) const;
    /// The user who works as `agent`, if any (the first by name).
    std::optional<User> find_by_agent(const AgentId& agent) const;
    /// Every user, by name.
    std::vector<User> list() const;
    std::size_t size() const;

    /// Adds `user`; Conflict when the name is taken.
    Result<void> add(User user);
    /// Replaces the user of the same name; NotFound when there is none.
    Result<void> replace(User user);
    /// Removes the user; NotFound when there is none.
    Result<void> remove(std::string_view username);
    /// Best effort: a login that could not be noted still logs in.
    void record_login(std::string_view username, WallTime at);

private:
    /// Writes `user` (or, when null, the removal of `username`) to the records, if kept.
    Result<void> keep(const User* user, std::string_view username);

    mutable std::shared_mutex mutex_;
    AccountRecords* records_ = nullptr;
    std::map<std::string, User, std::less<>> users_;
};

}  // namespace markaz::api
