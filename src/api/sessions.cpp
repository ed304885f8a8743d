#include "api/sessions.h"

#include "api/secrets.h"

namespace markaz::api {

NewSession SessionStore::create(const std::string& username, WallTime now) {
    NewSession made;
    made.id = random_base64url(32);
    made.session.key = sha256_hex(made.id);
    made.session.csrf_token = random_base64url(32);
    made.session.username = username;
    made.session.created_at = now;
    made.session.last_seen_at = now;
    std::lock_guard lock(mutex_);
    sessions_[made.session.key] = made.session;
    return made;
}

std::optional<Session> SessionStore::use(std::string_view id, WallTime now) {
    const std::string key = sha256_hex(id);
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(key);
    if (it == sessions_.end()) {
        return std::nullopt;
    }
    if (ended(it->second, now)) {
        sessions_.erase(it);
        return std::nullopt;
    }
    it->second.last_seen_at = now;
    return it->second;
}

std::optional<Session> SessionStore::peek(std::string_view key, WallTime now) const {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(key);
    if (it == sessions_.end() || ended(it->second, now)) {
        return std::nullopt;
    }
    return it->second;
}

bool SessionStore::end(std::string_view id) {
    const std::string key = sha256_hex(id);
    std::lock_guard lock(mutex_);
    return sessions_.erase(key) > 0;
}

std::vector<std::string> SessionStore::end_user(std::string_view username,
                                                std::string_view keep_key) {
    std::vector<std::string> ended_keys;
    std::lock_guard lock(mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        if (it->second.username == username && it->first != keep_key) {
            ended_keys.push_back(it->first);
            it = sessions_.erase(it);
        } else {
            ++it;
        }
    }
    return ended_keys;
}

std::vector<std::string> SessionStore::sweep(WallTime now) {
    std::vector<std::string> ended_keys;
    std::lock_guard lock(mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        if (ended(it->second, now)) {
            ended_keys.push_back(it->first);
            it = sessions_.erase(it);
        } else {
            ++it;
        }
    }
    return ended_keys;
}

std::size_t SessionStore::size() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

bool SessionStore::ended(const Session& session, WallTime now) const {
    return now - session.last_seen_at >= policy_.idle_timeout ||
           now - session.created_at >= policy_.absolute_timeout;
}

}  // namespace markaz::api
