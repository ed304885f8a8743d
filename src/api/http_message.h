#pragma once

// HTTP requests and responses as the API's handlers see them: plain values, no Beast. Only the
// server (http_server.cpp) converts to and from the wire, so handlers compile fast and can be
// called directly.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace markaz::api {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };

/// "GET", "POST", ...
std::string_view method_name(Method method);
Method parse_method(std::string_view name);
/// POST, PUT, PATCH and DELETE: the methods CSRF protection covers.
bool changes_state(Method method);

struct HttpRequest {
    Method method = Method::Get;
    std::string path;   ///< as sent, still percent-encoded ("/api/v1/agents/a%201")
    std::string query;  ///< after '?', still encoded; empty when none
    /// Header names in lower case, in the order received.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string remote_address;

    /// The first header called `lower_name`; empty when absent.
    std::string_view header(std::string_view lower_name) const;
    bool has_header(std::string_view lower_name) const;
    /// A query parameter, decoded; nullopt when absent.
    std::optional<std::string> query_param(std::string_view name) const;
    /// A cookie from the Cookie headers; nullopt when absent.
    std::optional<std::string> cookie(std::string_view name) const;
};

struct HttpResponse {
    unsigned status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    /// Close the connection after this response (the request's body was not read).
    bool close = false;

    void add_header(std::string name, std::string value);
    /// The first header called `name` (any case); empty when absent.
    std::string_view header(std::string_view name) const;
};

/// "%2F" -> "/", and nullopt for a malformed escape or an encoded NUL. '+' stays '+' unless
/// `plus_is_space` (query strings).
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

/// The path split at '/', without empty leading part ("/api/v1/x" -> {"api","v1","x"}).
std::vector<std::string_view> path_segments(std::string_view path);

}  // namespace markaz::api
