#pragma once

// Maps (method, path) to an endpoint: "/api/v1/agents/{id}/state" matches
// "/api/v1/agents/a1001/state" with id = "a1001" (percent-decoded). A path that no pattern
// matches is 404; a path some pattern matches with another method is 405 with Allow.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_error.h"
#include "api/http_message.h"

namespace markaz::api {

using PathParams = std::map<std::string, std::string, std::less<>>;

class RouteTable {
public:
    struct Match {
        std::size_t id = 0;  ///< what add() was given
        PathParams params;
    };

    /// `pattern` is a path with "{name}" segments.
    void add(Method method, std::string_view pattern, std::size_t id);

    /// The endpoint for `method` on `path`; 404 not_found or 405 method_not_allowed.
    ApiResult<Match> match(Method method, std::string_view path) const;

private:
    struct Route {
        Method method;
        std::vector<std::string> segments;
        std::size_t id;
    };
    /// True when `segments` fit the route; fills `params` (decoded).
    static bool fits(const Route& route, const std::vector<std::string_view>& segments,
                     PathParams& params);

    std::vector<Route> routes_;
};

}  // namespace markaz::api
