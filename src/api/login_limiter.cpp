#include "api/login_limiter.h"

#include <algorithm>

namespace markaz::api {
namespace {

/// The tally key of a name tried from an address; the separator cannot occur in either.
std::string pair_key(std::string_view username, std::string_view address) {
    std::string key(username);
    key += '\x1f';
    key += address;
    return key;
}

}  // namespace

std::optional<Duration> LoginLimiter::blocked(std::string_view username, std::string_view address,
                                              WallTime now) {
    std::lock_guard lock(mutex_);
    auto by_user = remaining(users_, pair_key(username, address), now);
    auto by_address = remaining(addresses_, address, now);
    if (by_user && by_address) {
        return std::max(*by_user, *by_address);
    }
    return by_user ? by_user : by_address;
}

void LoginLimiter::record_failure(std::string_view username, std::string_view address,
                                  WallTime now) {
    std::lock_guard lock(mutex_);
    count(users_, pair_key(username, address), limits_.failures_per_user, now);
    count(addresses_, address, limits_.failures_per_address, now);
}

std::optional<Duration> LoginLimiter::remaining(Tallies& tallies, std::string_view key,
                                                WallTime now) {
    auto it = tallies.find(key);
    if (it == tallies.end() || now >= it->second.blocked_until) {
        return std::nullopt;
    }
    return it->second.blocked_until - now;
}

void LoginLimiter::count(Tallies& tallies, std::string_view key, int limit, WallTime now) {
    if (tallies.size() >= kMaxKeys && !tallies.contains(key)) {
        // Under a flood of distinct names, forget those with no block running: a guesser
        // cycling names gains nothing, since the address tally still counts every attempt.
        std::erase_if(tallies,
                      [now](const auto& entry) { return now >= entry.second.blocked_until; });
    }
    Tally& tally = tallies[std::string(key)];
    while (!tally.failures.empty() && now - tally.failures.front() >= limits_.window) {
        tally.failures.pop_front();
    }
    tally.failures.push_back(now);
    if (static_cast<int>(tally.failures.size()) >= limit) {
        tally.blocked_until = now + limits_.block;
        tally.failures.clear();
    }
}

}  // namespace markaz::api
