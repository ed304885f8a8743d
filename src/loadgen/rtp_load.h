#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "loadgen/stream_stats.h"

namespace markaz::loadgen {

/// One call leg's media as the load generator plays it: a phone that sends a stamped 400 Hz
/// tone to Markaz every 20 ms and measures what comes back.
struct LegMedia {
    std::uint64_t leg = 0;
    std::string remote_address;  ///< Markaz's RTP address and port for this leg
    std::uint16_t remote_port = 0;
    std::uint8_t payload_type = 0;  ///< PCMU's, as negotiated
};

/// What all finished legs measured.
struct MediaTotals {
    std::uint64_t legs = 0;
    std::uint64_t packets_sent = 0;
    std::uint64_t packets_received = 0;
    std::uint64_t frames_expected = 0;
    std::uint64_t frames_received = 0;
    std::vector<double> jitter_ms;  ///< one per leg that received audio
    /// Ticks on which the load generator itself was more than 5 ms late sending: when there
    /// are many, the generator (not Markaz) is the bottleneck and the figures say little.
    std::uint64_t late_ticks = 0;
    std::uint64_t ticks = 0;
};

/// The load generator's RTP side: a thread with a 20 ms tick that sends one packet for every
/// leg (sendmmsg, batched across legs) and receives with kernel time stamps (recvmmsg,
/// SO_TIMESTAMPNS), on a few shared sockets: legs are told apart by Markaz's source port, as
/// every Markaz channel has its own. Thread-safe: add() and remove() come from the SIP side.
class RtpLoad {
public:
    struct Settings {
        std::string address = "127.0.0.1";
        std::uint16_t first_port = 40000;  ///< sockets use first_port, first_port + 2, ...
        int sockets = 8;
    };
    static Result<std::unique_ptr<RtpLoad>> start(const Settings& settings);
    ~RtpLoad();
    RtpLoad(const RtpLoad&) = delete;
    RtpLoad& operator=(const RtpLoad&) = delete;

    /// The local RTP port a leg uses (to put in its SDP).
    std::uint16_t port_for(std::uint64_t leg) const;
    /// Starts sending and measuring a leg (from the next tick).
    void add(LegMedia leg);
    /// Stops the leg; its figures go into the totals.
    void remove(std::uint64_t leg);
    /// Stops the thread (every leg still running is finished) and returns the totals.
    MediaTotals finish();

    struct Impl;

private:
    explicit RtpLoad(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace markaz::loadgen
