#pragma once

// The API's front door: every HTTP request is checked in docs/api.md's order (route, body
// size, authentication, CSRF, role, content type, body, then the handler's own checks of
// resource, scope and engine) and answered. Knows nothing of sockets: the server hands it
// plain requests, and tests may too.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "api/endpoint.h"
#include "api/static_files.h"

namespace markaz::api {

/// What a WebSocket upgrade to /api/v1/events was granted.
struct LiveGrant {
    Principal principal;
    bool agents = true;
    bool queues = true;
    bool calls = true;
};

/// Thread: any; handle() may run on several HTTP threads at once.
class ApiService {
public:
    explicit ApiService(ApiDeps& deps);

    /// What the server answers before reading a body: 404/405 for the route, 413 when the
    /// declared length is over the limit; nullopt to go on reading.
    std::optional<HttpResponse> precheck(Method method, std::string_view path,
                                         std::optional<std::uint64_t> content_length) const;

    HttpResponse handle(const HttpRequest& request);

    /// Checks a WebSocket upgrade to /api/v1/events: the route, authentication, the Origin of
    /// cookie sessions, and the `topics` parameter.
    ApiResult<LiveGrant> open_live(const HttpRequest& request);

    /// Paths the route table answers; everything else is a page or a file.
    static bool is_api_path(std::string_view path);

private:
    HttpResponse dispatch(const HttpRequest& request);
    std::optional<ApiError> read_body(const HttpRequest& request, const Endpoint& endpoint,
                                      Json& body) const;

    ApiDeps& deps_;
    std::vector<Endpoint> endpoints_;
    RouteTable routes_;
    StaticFiles pages_;
};

/// The path at which the live feed is upgraded to a WebSocket.
inline constexpr std::string_view kLivePath = "/api/v1/events";

}  // namespace markaz::api
