#pragma once

// A small HTTP and WebSocket client on Boost.Beast for tests that talk to Markaz's web API
// through real sockets on 127.0.0.1: the API's own tests (against an ApiServer in the test)
// and the integration tests (against `markaz serve`). Each call is bounded by a few seconds
// and fails the test when the server does not answer.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace markaz::integration {

using Json = nlohmann::ordered_json;
using namespace std::chrono_literals;

struct Reply {
    unsigned status = 0;
    std::vector<std::pair<std::string, std::string>> headers;  ///< names lower case
    std::string body;

    Json json() const;
    std::string header(const std::string& lower_name) const;
    std::vector<std::string> all(const std::string& lower_name) const;
    /// "code" of an error body, "" when none.
    std::string code() const;
    std::string field() const;  ///< "field" of an error body; "<null>" for null
};

using Headers = std::vector<std::pair<std::string, std::string>>;

/// One HTTP exchange on a fresh connection, bounded by 5 s.
Reply http_send(unsigned short port, const std::string& method, const std::string& target,
                const std::string& body = {}, const Headers& headers = {});
/// Raw bytes in, the response out (for requests Beast's writer would not make).
Reply http_raw(unsigned short port, const std::string& request);

/// A logged-in browser: the session and CSRF cookies, sent back on every request.
class Browser {
public:
    Browser(unsigned short port, const std::string& username);
    Browser(unsigned short port, std::string session, std::string csrf);

    Reply get(const std::string& target) const;
    Reply post(const std::string& target, const Json& body = Json()) const;
    Reply put(const std::string& target, const Json& body) const;
    Reply patch(const std::string& target, const Json& body) const;
    Reply del(const std::string& target) const;
    /// Any request, with cookies and CSRF header; `body` sent as is with JSON content type
    /// when not empty.
    Reply send(const std::string& method, const std::string& target, const std::string& body,
               Headers extra = {}) const;

    Headers cookie_headers() const;
    const std::string& session() const { return session_; }
    const std::string& csrf() const { return csrf_; }

private:
    unsigned short port_;
    std::string session_;
    std::string csrf_;
};

/// The id of the one live call `who` sees, once it is in `state` ("on-call", "on-hold", ...)
/// within 10 s; empty when it never is.
std::string live_call(const Browser& who, const std::string& state);

/// Logs `username` in; the reply of POST /api/v1/session.
Reply log_in(unsigned short port, const std::string& username, const std::string& password);

/// A WebSocket client of /api/v1/events.
class LiveClient {
public:
    /// Opens the feed; nullopt and `refusal` filled when the server answers with HTTP.
    static std::unique_ptr<LiveClient> open(unsigned short port, const std::string& target,
                                            const Headers& headers, Reply* refusal = nullptr);
    ~LiveClient();

    /// The next text frame, parsed; nullopt after `timeout` or when the server closed.
    std::optional<Json> next(std::chrono::milliseconds timeout = 3s);
    /// The next frame of `type` within `timeout`, skipping others.
    std::optional<Json> next_of(const std::string& type, std::chrono::milliseconds timeout = 3s);
    /// Waits for the server to close; its close code, or nullopt after `timeout`.
    std::optional<std::uint16_t> close_code(std::chrono::milliseconds timeout = 3s);
    void send_text(const std::string& text);

    struct Impl;

private:
    explicit LiveClient(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace markaz::integration
