#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "loadgen/rtp_load.h"
#include "sip/digest.h"

namespace markaz::loadgen {

/// A load run against a Markaz server: register a block of extensions, then call them through
/// a trunk at a steady rate, each call held with audio both ways, and measure.
struct LoadSettings {
    std::string server = "127.0.0.1:5060";  ///< Markaz's SIP address (UDP)
    std::string address = "127.0.0.1";      ///< ours, for SIP and RTP
    std::uint16_t sip_port = 5070;          ///< Markaz must trust address:sip_port as a trunk
    std::uint16_t rtp_port = 40000;
    int rtp_sockets = 8;
    /// The extensions that answer: first_extension, first_extension + 1, ... each
    /// registered with `password_prefix` + number as its password.
    std::uint32_t first_extension = 3001;
    int extensions = 100;
    std::string password_prefix = "secret";
    sip::DigestAlgorithm digest = sip::DigestAlgorithm::Md5;
    int calls = 0;  ///< calls to place in all; 0 = register only
    /// Call these numbers in turn (a queue's or an IVR's, e.g. {"100", "200"}) instead of the
    /// extensions; the extensions then play agents' phones, answering what Markaz puts through.
    std::vector<std::string> dial;
    /// Digits sent as SIP INFO a second after Markaz answers (an IVR choice, e.g. "1").
    std::string digits;
    double rate = 50;    ///< calls placed per second
    int concurrent = 0;  ///< at most this many calls at once; 0 = as the rate gives
    Duration hold = std::chrono::seconds{10};  ///< from the answer to the caller's BYE
    int server_pid = 0;     ///< Markaz's process, for CPU and memory figures; 0 = not measured
    bool progress = false;  ///< a line a second on the progress stream
};

/// Markaz's CPU and memory while the most calls were up.
struct ServerUsage {
    double window_seconds = 0;
    double calls = 0;              ///< mean calls up in the window
    double cores = 0;              ///< Markaz's CPU in the window (1.0 = one core)
    double loadgen_cores = 0;      ///< the load generator's own, for comparison
    std::uint64_t rss_before = 0;  ///< before the first call
    std::uint64_t rss_peak = 0;    ///< at the end of the window

    double cores_per_call() const { return calls > 0 ? cores / calls : 0; }
    double bytes_per_call() const {
        return calls > 0 ? (static_cast<double>(rss_peak) - static_cast<double>(rss_before)) / calls
                         : 0;
    }
};

struct LoadReport {
    int registered = 0;
    std::map<int, int> register_failures;  ///< final status -> count
    int unregistered = 0;                  ///< bindings removed at the end (200 to Expires: 0)
    int placed = 0;
    int answered = 0;
    std::map<int, int> call_failures;  ///< final status -> count (408: no answer in time)
    int unfinished = 0;                ///< calls still up when the run gave up
    /// Calls Markaz put through to one of our extensions (with --dial: queue to agent).
    int delivered = 0;
    /// Answered calls per second from the first INVITE to the last answer.
    double setups_per_second = 0;
    double setup_ms_p50 = 0;  ///< INVITE sent to 200 OK received
    double setup_ms_p99 = 0;
    double setup_ms_max = 0;
    int peak_calls = 0;
    MediaTotals media;
    /// Frames lost through Markaz, in % of those expected.
    double loss_percent = 0;
    /// RFC 3550 jitter over the legs.
    double jitter_ms_mean = 0;
    double jitter_ms_p99 = 0;
    double jitter_ms_max = 0;
    std::optional<ServerUsage> usage;
};

/// Runs the load (blocking); progress lines go to `progress` when asked for. Fails when a
/// socket cannot be bound or the server's process cannot be read.
Result<LoadReport> run_load(const LoadSettings& settings, std::ostream& progress);

}  // namespace markaz::loadgen
