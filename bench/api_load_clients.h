#pragma once

// The load side of `api_load clients`: many WebSocket clients of /api/v1/events in one
// process, on one io_context, that read the snapshot and every frame after it and report
// what each received per second, how late frames arrived, and what the server spent.

#include <optional>
#include <ostream>
#include <string>

#include "common/time.h"

namespace markaz::bench {

struct ClientsOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 0;
    std::string token;  ///< sent as `Authorization: Bearer <token>`
    int count = 500;
    std::string topics;  ///< the `topics` query parameter; empty: all
    /// From the start until every client has its snapshot (or the clients give up).
    Duration connect_limit = std::chrono::seconds(60);
    /// After the last snapshot, before measuring: the snapshots' bytes leave the sockets.
    Duration settle = std::chrono::seconds(3);
    Duration window = std::chrono::seconds(30);
    /// The server's process, whose CPU time over the window is reported; none: not reported.
    std::optional<int> server_pid;
};

/// Connects the clients, measures over the window, prints the report to `out`, and closes
/// them. Returns 0 when every client connected and none was dropped, 1 otherwise.
int run_clients(const ClientsOptions& options, std::ostream& out);

}  // namespace markaz::bench
