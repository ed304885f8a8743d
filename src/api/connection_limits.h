#pragma once

// Caps on the HTTP server's open connections, overall and per client address. A client that
// opens connections and never finishes a request (slowloris) would otherwise take every file
// descriptor the process has, and the SIP and RTP sockets of new calls would fail to open.

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "api/client_address.h"

namespace markaz::api {

struct ConnectionCaps {
    int total = 4000;       ///< open connections (HTTP and WebSocket) of all clients
    int per_address = 500;  ///< of one address: an office behind NAT is one address
    /// Addresses the per-address cap does not apply to: the reverse proxies, through which
    /// every client comes.
    TrustedProxies exempt;
};

/// Counts open connections. Thread: any (one mutex).
class ConnectionLimits {
public:
    explicit ConnectionLimits(ConnectionCaps caps) : caps_(std::move(caps)) {}
    ConnectionLimits(const ConnectionLimits&) = delete;
    ConnectionLimits& operator=(const ConnectionLimits&) = delete;

    /// Holds one connection's place while it lives; movable, from the HTTP connection to the
    /// WebSocket it becomes.
    class Slot {
    public:
        Slot(Slot&& other) noexcept : limits_(other.limits_), address_(std::move(other.address_)) {
            other.limits_ = nullptr;
        }
        Slot& operator=(Slot&&) = delete;
        Slot(const Slot&) = delete;
        ~Slot();

    private:
        friend class ConnectionLimits;
        Slot(ConnectionLimits& limits, std::string address)
            : limits_(&limits), address_(std::move(address)) {}
        ConnectionLimits* limits_;
        std::string address_;
    };

    /// A place for a new connection from `address`; nullopt when a cap is reached (the
    /// connection is then closed unanswered).
    std::optional<Slot> admit(const std::string& address);

    int open() const;

private:
    void release(const std::string& address);

    const ConnectionCaps caps_;
    mutable std::mutex mutex_;
    int open_ = 0;
    std::map<std::string, int> by_address_;  ///< only addresses with connections open
};

}  // namespace markaz::api
