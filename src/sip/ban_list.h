#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/time.h"

namespace markaz::sip {

/// Bans a source address after too many authentication failures in a window, as fail2ban
/// would, but inside the server: requests from a banned address are dropped unanswered, so a
/// scanner learns nothing and spends nothing of ours. Time comes in as a parameter.
/// Thread: the SIP thread only.
class BanList {
public:
    struct Settings {
        int max_failures = 5;  ///< failures within `window` that trigger a ban
        Duration window = std::chrono::minutes{1};
        Duration ban_time = std::chrono::minutes{10};
    };
    struct Ban {
        std::string address;
        SteadyTime until{};
        int failures = 0;
    };

    explicit BanList(Settings settings) : settings_(settings) {}

    /// Counts one failure from `address`; true when this failure bans it.
    bool record_failure(const std::string& address, SteadyTime now);
    /// Forgets the failures of `address` after a success.
    void record_success(const std::string& address);
    bool is_banned(const std::string& address, SteadyTime now) const;
    /// Bans in force at `now`, for logs and stats.
    std::vector<Ban> bans(SteadyTime now) const;
    /// Drops expired bans and old failures (call now and then to bound memory).
    void expire(SteadyTime now);

private:
    Settings settings_;
    std::map<std::string, std::vector<SteadyTime>> failures_;
    std::map<std::string, Ban> bans_;
};

}  // namespace markaz::sip
