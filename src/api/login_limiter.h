#pragma once

// Slows down password guessing (docs/api.md "Rate limits"): 5 failed logins for one user name
// from one address, or 20 from one address for any names, within 5 minutes block further
// attempts from that address (for that name, or for all) for 5 minutes, whether or not the next
// password is right. A block never reaches other addresses: nobody can lock the manager out by
// guessing wrong from elsewhere.

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
    int failures_per_user = 5;  ///< per user name and address
    int failures_per_address = 20;
    Duration window = std::chrono::minutes(5);
    Duration block = std::chrono::minutes(5);
};

/// Failed logins per (user name, client address) and per client address. Thread: any (one mutex).
/// Memory is bounded: old failures are forgotten, and at most `kMaxKeys` names and addresses are
/// kept.
class LoginLimiter {
public:
    explicit LoginLimiter(LoginLimits limits = {}) : limits_(limits) {}

    /// How long `username` is still blocked from `address` at `now`; nullopt when it is not.
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
