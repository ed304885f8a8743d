#pragma once

// Slows down password guessing (docs/api.md "Rate limits"): 5 failed logins for one user name,
// or 20 from one address, within 5 minutes block further attempts for that name or address
// for 5 minutes, whether or not the next password is right.

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "common/time.h"

namespace markaz::api {

struct LoginLimits {
    int failures_per_user = 5;
    int failures_per_address = 20;
    Duration window = std::chrono::minutes(5);
    Duration block = std::chrono::minutes(5);
};

/// Failed logins per user name and per client address. Thread: any (one mutex). Memory is
/// bounded: old failures are forgotten, and at most `kMaxKeys` names and addresses are kept.
class LoginLimiter {
public:
    explicit LoginLimiter(LoginLimits limits = {}) : limits_(limits) {}

    /// How long `username` or `address` is still blocked at `now`; nullopt when neither is.
    std::optional<Duration> blocked(std::string_view username, std::string_view address,
                                    WallTime now);
    /// Counts a failed login; a count reaching its limit starts a block.
    void record_failure(std::string_view username, std::string_view address, WallTime now);

    static constexpr std::size_t kMaxKeys = 100000;

private:
    struct Tally {
        std::deque<WallTime> failures;  ///< within the window, oldest first
        WallTime blocked_until{};
    };
    using Tallies = std::map<std::string, Tally, std::less<>>;

    std::optional<Duration> remaining(Tallies& tallies, std::string_view key, WallTime now);
    void count(Tallies& tallies, std::string_view key, int limit, WallTime now);

    LoginLimits limits_;
    std::mutex mutex_;
    Tallies users_;
    Tallies addresses_;
};

}  // namespace markaz::api
