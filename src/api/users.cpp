#include "api/users.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "api/account_records.h"
#include "api/passwords.h"

namespace markaz::api {
namespace {

Failure invalid(const std::string& at, const std::string& field, const std::string& message) {
    std::string path = at.empty() ? field : at + "." + field;
    return fail(Errc::InvalidArgument, path + ": " + message);
}

bool agent_exists(const acd::RouterConfig& routing, const AgentId& id) {
    return std::any_of(routing.agents.begin(), routing.agents.end(),
                       [&id](const acd::AgentConfig& a) { return a.id == id; });
}

bool queue_exists(const acd::RouterConfig& routing, const QueueId& id) {
    return std::any_of(routing.queues.begin(), routing.queues.end(),
                       [&id](const acd::QueueConfig& q) { return q.id == id; });
}

Result<std::string> password_hash_of(const UserSpec& spec, const std::string& at) {
    if (!spec.password.empty() && !spec.password_hash.empty()) {
        return invalid(at, "password", "give either password or password_hash, not both");
    }
    if (!spec.password_hash.empty()) {
        if (!is_password_hash(spec.password_hash)) {
            return invalid(at, "password_hash", "not an argon2id hash ($argon2id$v=19$...)");
        }
        return spec.password_hash;
    }
    if (spec.password.size() < kMinPasswordLength || spec.password.size() > kMaxPasswordLength) {
        return invalid(at, "password", "must be 8..1024 characters");
    }
    return hash_password(spec.password);
}

}  // namespace

bool is_valid_username(std::string_view name) {
    if (name.empty() || name.size() > 64) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
}

Result<void> check_user_references(const User& user, const acd::RouterConfig& routing,
                                   const std::string& at) {
    if (user.agent && !agent_exists(routing, *user.agent)) {
        return invalid(at, "agent", "unknown agent '" + user.agent->str() + "'");
    }
    if (user.role == Role::Agent && !user.agent) {
        return invalid(at, "agent", "required for role 'agent'");
    }
    std::set<QueueId> seen;
    for (std::size_t i = 0; i < user.queues.size(); ++i) {
        const std::string field = "queues[" + std::to_string(i) + "]";
        if (!queue_exists(routing, user.queues[i])) {
            return invalid(at, field, "unknown queue '" + user.queues[i].str() + "'");
        }
        if (!seen.insert(user.queues[i]).second) {
            return invalid(at, field, "queue '" + user.queues[i].str() + "' listed twice");
        }
    }
    return {};
}

Result<User> user_from_spec(const UserSpec& spec, const acd::RouterConfig& routing,
                            const std::string& at, WallTime now) {
    User user;
    if (!is_valid_username(spec.name)) {
        return invalid(at, "name", "'" + spec.name + "' is not 1..64 of a-z, 0-9, '.', '_', '-'");
    }
    user.username = spec.name;
    user.display_name = spec.display_name;
    auto role = kRoleNames.parse(spec.role);
    if (!role) {
        return invalid(
            at, "role",
            "unknown value '" + spec.role + "' (expected one of: " + kRoleNames.names() + ")");
    }
    user.role = *role;
    auto language = kLanguageNames.parse(spec.language);
    if (!language) {
        return invalid(at, "language",
                       "unknown value '" + spec.language +
                           "' (expected one of: " + kLanguageNames.names() + ")");
    }
    user.language = *language;
    if (!spec.agent.empty()) {
        user.agent = AgentId{spec.agent};
    }
    if (!spec.extension.empty()) {
        user.extension = spec.extension;
    }
    for (const std::string& queue : spec.queues) {
        user.queues.emplace_back(queue);
    }
    if (auto ok = check_user_references(user, routing, at); !ok) {
        return fail(ok.error());
    }
    auto hash = password_hash_of(spec, at);
    if (!hash) {
        return fail(hash.error());
    }
    user.password_hash = std::move(*hash);
    user.created_at = now;
    return user;
}

Result<std::vector<User>> users_from_specs(const std::vector<UserSpec>& specs,
                                           const acd::RouterConfig& routing, WallTime now) {
    std::vector<User> users;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        auto user = user_from_spec(specs[i], routing, "users[" + std::to_string(i) + "]", now);
        if (!user) {
            return fail(user.error());
        }
        users.push_back(std::move(*user));
    }
    return users;
}

Result<UserDirectory> UserDirectory::create(std::vector<User> users) {
    UserDirectory directory;
    for (User& user : users) {
        std::string name = user.username;
        if (!directory.users_.emplace(name, std::move(user)).second) {
            return fail(Errc::InvalidArgument, "users: user name '" + name + "' given twice");
        }
    }
    return directory;
}

UserDirectory::UserDirectory(UserDirectory&& other) noexcept {
    std::unique_lock lock(other.mutex_);
    users_ = std::move(other.users_);
    records_ = other.records_;
}

void UserDirectory::keep_in(AccountRecords& records) {
    std::unique_lock lock(mutex_);
    records_ = &records;
}

Result<void> UserDirectory::keep(const User* user, std::string_view username) {
    if (!records_) {
        return {};
    }
    auto kept = user ? records_->put_user(*user) : records_->erase_user(username);
    if (!kept) {
        return fail(Errc::Unavailable,
                    "the change to user '" + std::string(username) +
                        "' could not be kept, so it was not made: " + kept.error().message);
    }
    return {};
}

std::optional<User> UserDirectory::find(std::string_view username) const {
    std::shared_lock lock(mutex_);
    auto it = users_.find(username);
    if (it == users_.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::optional<User> UserDirectory::find_by_agent(const AgentId& agent) const {
    std::shared_lock lock(mutex_);
    for (const auto& [name, user] : users_) {
        if (user.agent == agent) {
            return user;
        }
    }
    return std::nullopt;
}

std::vector<User> UserDirectory::list() const {
    std::shared_lock lock(mutex_);
    std::vector<User> out;
    out.reserve(users_.size());
    for (const auto& [name, user] : users_) {
        out.push_back(user);
    }
    return out;
}

std::size_t UserDirectory::size() const {
    std::shared_lock lock(mutex_);
    return users_.size();
}

Result<void> UserDirectory::add(User user) {
    std::unique_lock lock(mutex_);
    std::string name = user.username;
    if (users_.contains(name)) {
        return fail(Errc::Conflict, "user '" + name + "' already exists");
    }
    if (auto kept = keep(&user, name); !kept) {
        return kept;
    }
    users_.emplace(name, std::move(user));
    return {};
}

Result<void> UserDirectory::replace(User user) {
    std::unique_lock lock(mutex_);
    auto it = users_.find(user.username);
    if (it == users_.end()) {
        return fail(Errc::NotFound, "user '" + user.username + "' does not exist");
    }
    if (auto kept = keep(&user, user.username); !kept) {
        return kept;
    }
    it->second = std::move(user);
    return {};
}

Result<void> UserDirectory::remove(std::string_view username) {
    std::unique_lock lock(mutex_);
    auto it = users_.find(username);
    if (it == users_.end()) {
        return fail(Errc::NotFound, "user '" + std::string(username) + "' does not exist");
    }
    if (auto kept = keep(nullptr, username); !kept) {
        return kept;
    }
    users_.erase(it);
    return {};
}

void UserDirectory::record_login(std::string_view username, WallTime at) {
    std::unique_lock lock(mutex_);
    auto it = users_.find(username);
    if (it == users_.end()) {
        return;
    }
    User noted = it->second;
    noted.last_login_at = at;
    if (keep(&noted, username)) {
        it->second = std::move(noted);
    }
}

}  // namespace markaz::api
