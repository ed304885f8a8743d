#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "media/codec.h"
#include "sdp/sdp_negotiation.h"

namespace markaz::media {

/// Our audio to one peer, cut into packets of the packet time it asked for (a=ptime, 10 to
/// 60 ms), while the worker makes 20 ms a tick: at 10 ms two packets leave a tick, at 30 ms
/// one leaves every tick and a half (so at most 10 ms late), at 60 ms one every third tick.
/// Each packet's RTP timestamp is that of its first sample, so the peer's timeline has no
/// gap whatever the packet time.
/// Thread: the media worker owning the channel. Never allocates.
class OutboundAudio {
public:
    static constexpr std::size_t kMaxPacketSamples = kMixRate * sdp::kMaxPtimeMs / 1000;

    /// Packets of `ptime_ms` from now on: a packet time SDP negotiation would use
    /// (sdp::packet_time: 10..60 in steps of 10), anything else is 20. What is pending is
    /// dropped when it changes.
    void set_ptime(std::uint32_t ptime_ms) noexcept;
    std::uint32_t ptime_ms() const noexcept { return ptime_ms_; }

    /// Adds a tick's 20 ms whose first sample has RTP timestamp `timestamp` (8 kHz), and
    /// calls `emit(std::span<const std::int16_t> pcm, std::uint32_t timestamp)` for each
    /// packet now complete, oldest first.
    template <class Emit>
    void add(std::span<const std::int16_t, kFrameSamples> frame, std::uint32_t timestamp,
             Emit&& emit) {
        if (ptime_ms_ == kFrameMs && pending_ == 0) {
            emit(std::span<const std::int16_t>(frame), timestamp);  // most peers: as it is
            return;
        }
        if (pending_ == 0) {
            first_timestamp_ = timestamp;
        }
        for (std::int16_t sample : frame) {
            buffer_[pending_++] = sample;
        }
        const std::size_t packet = packet_samples();
        std::size_t sent = 0;
        while (pending_ - sent >= packet) {
            emit(std::span<const std::int16_t>(buffer_.data() + sent, packet),
                 first_timestamp_ + static_cast<std::uint32_t>(sent));
            sent += packet;
        }
        if (sent > 0) {
            std::size_t left = pending_ - sent;
            for (std::size_t i = 0; i < left; ++i) {
                buffer_[i] = buffer_[sent + i];
            }
            pending_ = left;
            first_timestamp_ += static_cast<std::uint32_t>(sent);
        }
    }
    /// Drops what is pending (an RFC 4733 event takes the audio's place).
    void clear() noexcept { pending_ = 0; }

private:
    std::size_t packet_samples() const noexcept { return kMixRate * ptime_ms_ / 1000; }

    std::uint32_t ptime_ms_ = 20;
    /// A packet's worth can be pending, plus the tick that completes it.
    std::array<std::int16_t, kMaxPacketSamples + kFrameSamples> buffer_{};
    std::size_t pending_ = 0;
    std::uint32_t first_timestamp_ = 0;
};

}  // namespace markaz::media
