#pragma once

// Counters of the HTTP server itself for /metrics: responses by status, WebSocket clients and
// frames by type. Thread: any (atomics and one mutex).

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>

#include "common/time.h"

namespace markaz::api {

class ServerCounters {
public:
    void count_response(unsigned status);
    std::map<unsigned, std::uint64_t> responses() const;

    std::atomic<std::int64_t> ws_clients{0};
    std::atomic<std::uint64_t> ws_snapshots{0};
    std::atomic<std::uint64_t> ws_deltas{0};
    std::atomic<std::uint64_t> ws_heartbeats{0};
    /// Connections closed unanswered at a cap (api::ConnectionLimits).
    std::atomic<std::uint64_t> http_refused{0};
    WallTime started_at{};

private:
    mutable std::mutex mutex_;
    std::map<unsigned, std::uint64_t> responses_;
};

}  // namespace markaz::api
