#include "api/route_table.h"

namespace markaz::api {

void RouteTable::add(Method method, std::string_view pattern, std::size_t id) {
    Route route{method, {}, id};
    for (std::string_view segment : path_segments(pattern)) {
        route.segments.emplace_back(segment);
    }
    routes_.push_back(std::move(route));
}

bool RouteTable::fits(const Route& route, const std::vector<std::string_view>& segments,
                      PathParams& params) {
    if (route.segments.size() != segments.size()) {
        return false;
    }
    params.clear();
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string& want = route.segments[i];
        if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
            auto value = percent_decode(segments[i]);
            if (!value || value->empty()) {
                return false;
            }
            params[want.substr(1, want.size() - 2)] = std::move(*value);
        } else if (want != segments[i]) {
            return false;
        }
    }
    return true;
}

ApiResult<RouteTable::Match> RouteTable::match(Method method, std::string_view path) const {
    const auto segments = path_segments(path);
    std::string allow;
    PathParams params;
    for (const Route& route : routes_) {
        if (!fits(route, segments, params)) {
            continue;
        }
        if (route.method == method) {
            return Match{route.id, std::move(params)};
        }
        allow += (allow.empty() ? "" : ", ") + std::string(method_name(route.method));
    }
    if (!allow.empty()) {
        return ApiError::method_not_allowed(method_name(method), std::move(allow));
    }
    return ApiError::not_found("no such path: " + std::string(path));
}

}  // namespace markaz::api
