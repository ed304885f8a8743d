#pragma once

// "By team" in searches and QA reports (docs/api.md): a team is a supervisor's queues, named by
// the supervisor's user name, as the centre configures teams (`web.users[].queues`).

#include <optional>
#include <string>
#include <vector>

#include "api/endpoint.h"

namespace markaz::api {

/// The queues a search may cover: `within` (the reader's scope, nullopt for every queue),
/// narrowed to the team of the `team` query parameter when there is one. 400 for a name of
/// nobody who supervises a team.
ApiResult<std::optional<std::vector<std::string>>> narrow_to_team(
    const RequestContext& c, std::optional<std::vector<std::string>> within);

}  // namespace markaz::api
