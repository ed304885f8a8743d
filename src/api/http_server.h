#pragma once

// The HTTP/1.1 and WebSocket server on Boost.Beast: accepts connections, reads requests
// (refusing unknown routes and oversized bodies before reading a body), hands them to the
// ApiService, and turns upgrades of /api/v1/events into live-feed connections. Beast stays
// inside http_server.cpp.

#include <functional>
#include <memory>

#include "api/api_options.h"
#include "api/api_service.h"
#include "api/live_feed.h"
#include "api/server_counters.h"

namespace markaz::api {

/// Owns the io_context, its threads ("http-1", ...), the acceptor and the live feed's timer.
/// start() and stop() are for the thread that owns the server; connections run on the
/// server's threads, each on its own strand.
class HttpServer {
public:
    /// `each_tick` runs on the feed's timer after the feed (work the core loop handed over).
    HttpServer(const ApiOptions& options, ApiService& service, LiveFeed& feed,
               ServerCounters& counters, SessionStore& sessions,
               std::function<void()> each_tick = {});
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds options.address:options.port and starts the threads. Throws std::runtime_error
    /// naming the address when it cannot listen (a startup failure).
    void start();
    /// Closes live connections with 1001, stops accepting, and joins the threads; waits at
    /// most half a second for close frames to go out.
    void stop();
    /// The port bound (the chosen one when options.port was 0).
    unsigned short port() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace markaz::api
