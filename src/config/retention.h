#pragma once

// How long recordings are kept (the `retention:` section): a default and a period per queue.
// Read by the store worker's daily clean-up; a call on legal hold is never cleaned up.

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace markaz::config {

struct RetentionSettings {
    int recordings_days = 0;                ///< every queue's default; 0: kept for ever
    std::map<std::string, int> queue_days;  ///< per queue; 0: kept for ever

    /// The days a recording of a call that joined `queues` is kept: the longest of its
    /// queues' periods, for ever if one of them keeps for ever; the default for a call that
    /// joined none. nullopt: for ever.
    std::optional<int> days_for(const std::vector<std::string>& queues) const {
        if (queues.empty()) {
            return recordings_days > 0 ? std::optional(recordings_days) : std::nullopt;
        }
        int longest = 0;
        for (const std::string& queue : queues) {
            auto it = queue_days.find(queue);
            const int days = it != queue_days.end() ? it->second : recordings_days;
            if (days == 0) {
                return std::nullopt;
            }
            longest = std::max(longest, days);
        }
        return longest;
    }
    /// Whether anything is ever cleaned up.
    bool expires() const {
        return recordings_days > 0 || std::any_of(queue_days.begin(), queue_days.end(),
                                                  [](const auto& q) { return q.second > 0; });
    }
};

}  // namespace markaz::config
