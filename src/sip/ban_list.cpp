#include "sip/ban_list.h"

#include <algorithm>

namespace markaz::sip {

bool BanList::record_failure(const std::string& address, SteadyTime now) {
    if (is_banned(address, now)) {
        return false;
    }
    auto& times = failures_[address];
    std::erase_if(times, [&](SteadyTime t) { return now - t >= settings_.window; });
    times.push_back(now);
    if (static_cast<int>(times.size()) < settings_.max_failures) {
        return false;
    }
    bans_[address] = Ban{address, now + settings_.ban_time, static_cast<int>(times.size())};
    failures_.erase(address);
    return true;
}

void BanList::record_success(const std::string& address) {
    failures_.erase(address);
}

bool BanList::is_banned(const std::string& address, SteadyTime now) const {
    auto it = bans_.find(address);
    return it != bans_.end() && now < it->second.until;
}

std::vector<BanList::Ban> BanList::bans(SteadyTime now) const {
    std::vector<Ban> out;
    for (const auto& [address, ban] : bans_) {
        if (now < ban.until) {
            out.push_back(ban);
        }
    }
    return out;
}

void BanList::expire(SteadyTime now) {
    std::erase_if(bans_, [&](const auto& entry) { return now >= entry.second.until; });
    for (auto it = failures_.begin(); it != failures_.end();) {
        std::erase_if(it->second, [&](SteadyTime t) { return now - t >= settings_.window; });
        it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
}

}  // namespace markaz::sip
