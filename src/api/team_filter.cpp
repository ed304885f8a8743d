#include "api/team_filter.h"

#include <algorithm>

namespace markaz::api {

ApiResult<std::optional<std::vector<std::string>>> narrow_to_team(
    const RequestContext& c, std::optional<std::vector<std::string>> within) {
    const auto team = c.request.query_param("team");
    if (!team) {
        return within;
    }
    const std::optional<User> lead = team->size() <= 64 ? c.deps.users.find(*team) : std::nullopt;
    if (!lead || lead->role != Role::Supervisor || lead->queues.empty()) {
        return ApiError::invalid_value("team", "'" + *team + "' is not a supervisor with a team");
    }
    std::vector<std::string> queues;
    for (const QueueId& queue : lead->queues) {
        if (!within || std::find(within->begin(), within->end(), queue.str()) != within->end()) {
            queues.push_back(queue.str());
        }
    }
    return std::optional(std::move(queues));
}

}  // namespace markaz::api
