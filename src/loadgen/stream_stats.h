#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace markaz::loadgen {

/// What one received stream (Markaz -> one leg of the load generator) measured.
struct StreamFigures {
    std::uint64_t packets = 0;  ///< RTP packets received
    /// Stamped frames the far leg sent between the first and the last one seen here, and how
    /// many of them arrived (duplicates counted once).
    std::uint64_t frames_expected = 0;
    std::uint64_t frames_received = 0;
    double jitter_ms = 0;  ///< RFC 3550 §6.4.1 interarrival jitter at the end of the stream
};

/// Measures one stream as packets arrive: end-to-end frame loss by the stamps in the audio
/// (frame_stamp.h), and the interarrival jitter of Markaz's packets (RFC 3550 A.8) from
/// their kernel receive times. Pure: arrival times come in as arguments.
class StreamStats {
public:
    /// A packet from source `ssrc` with RTP timestamp `rtp_timestamp` (8 kHz) arrived at
    /// `arrival_ns`, carrying stamp `frame` if any. A new SSRC starts the jitter estimate
    /// over from its first packet (timestamps of different sources are unrelated).
    void on_packet(std::int64_t arrival_ns, std::uint32_t ssrc, std::uint32_t rtp_timestamp,
                   std::optional<std::uint32_t> frame);
    StreamFigures figures() const;

private:
    std::uint64_t packets_ = 0;
    // Jitter, in timestamp units (1/8000 s), as RFC 3550 A.8 keeps it.
    bool has_previous_ = false;
    double last_arrival_ = 0;
    std::uint32_t last_timestamp_ = 0;
    std::uint32_t ssrc_ = 0;
    double jitter_ = 0;
    // Frames seen, relative to the first one.
    std::optional<std::uint32_t> first_frame_;
    std::vector<bool> seen_;
    std::uint64_t distinct_ = 0;
};

}  // namespace markaz::loadgen
