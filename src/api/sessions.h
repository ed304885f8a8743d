#pragma once

// Browser sessions: the id in the HttpOnly cookie, the CSRF token bound to it, and when it
// ends. Only the SHA-256 of a session id is kept, so a memory dump does not hand out live
// sessions. Time comes in as `now`: the store reads no clock.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"

namespace markaz::api {

/// When sessions end (docs/api.md: 12 h without a request, or 7 days after login).
struct SessionPolicy {
    Duration idle_timeout = std::chrono::hours(12);
    Duration absolute_timeout = std::chrono::hours(24 * 7);
};

/// A live session as the request handlers see it.
struct Session {
    std::string key;  ///< SHA-256 of the session id: names the session in the server
    std::string csrf_token;
    std::string username;
    WallTime created_at{};
    WallTime last_seen_at{};
};

/// What login hands the browser: the session id (only here in clear) and its CSRF token.
struct NewSession {
    std::string id;
    Session session;
};

/// Every live session. Thread: any (one mutex; every operation is a map lookup).
class SessionStore {
public:
    explicit SessionStore(SessionPolicy policy = {}) : policy_(policy) {}

    /// A new session for `username` with fresh random id and CSRF token (32 bytes each). The
    /// user's other sessions stay.
    NewSession create(const std::string& username, WallTime now);

    /// The session with id `id` if it has not ended by `now`, marking it used at `now`. An
    /// ended session is forgotten.
    std::optional<Session> use(std::string_view id, WallTime now);

    /// The session named by `key` if it has not ended by `now`, without marking it used (for
    /// open WebSockets, which are not requests).
    std::optional<Session> peek(std::string_view key, WallTime now) const;

    /// Ends the session with id `id`; false when there was none.
    bool end(std::string_view id);
    /// Ends every session of `username` but the one named by `keep_key`; returns their keys.
    std::vector<std::string> end_user(std::string_view username, std::string_view keep_key = {});

    /// Forgets sessions that have ended by `now`; returns their keys.
    std::vector<std::string> sweep(WallTime now);
    std::size_t size() const;

private:
    bool ended(const Session& session, WallTime now) const;

    SessionPolicy policy_;
    mutable std::mutex mutex_;
    std::map<std::string, Session, std::less<>> sessions_;  ///< by key
};

}  // namespace markaz::api
