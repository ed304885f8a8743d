#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "media/codec.h"
#include "media/jitter_buffer.h"
#include "media/rtp_packet.h"

namespace markaz::media {

/// What happened to one tick's audio from the peer.
enum class InboundFrame : std::uint8_t {
    Audio,      ///< all or part of the frame was heard; the rest is concealed or silent
    Concealed,  ///< nothing arrived for it, but a short loss is hidden (last audio, fading)
    Silent,     ///< nothing to play
};

/// The peer's audio of one channel, as the 20 ms frames the mixer works in, whatever packet
/// time the peer sends (10 to 120 ms, and a different one on every leg).
///
/// Why slices: a phone at a=ptime:30 sends 240 samples a packet, a carrier at 60 ms 480, but
/// the worker ticks every 20 ms. From the first packet that is not 20 ms on, each packet of a
/// codec whose payload can be cut on sample boundaries (G.711: one byte a sample) is cut into
/// 10 ms slices placed by RTP timestamp in a jitter buffer that works in 10 ms units; each tick
/// plays two slices. So a 30 ms packet fills one and a half ticks, and reordering, loss and
/// drift are handled per slice exactly as per frame. A peer that only ever sends 20 ms keeps
/// a jitter buffer of whole frames: the same audio for less work, and a delay that moves in
/// whole frames.
///
/// Thread: the media worker owning the channel. Allocates only when it first needs slices.
class InboundAudio {
public:
    static constexpr std::uint32_t kSliceMs = 10;
    static constexpr std::size_t kSlicesPerFrame = kFrameMs / kSliceMs;
    static constexpr std::size_t kSliceSamples = kFrameSamples / kSlicesPerFrame;
    /// The longest packet taken: 120 ms (RFC 3551 §4.2 lets G.711 go far beyond 20 ms).
    static constexpr std::size_t kMaxSlicesPerPacket = 12;

    InboundAudio();

    /// Places one RTP packet's audio. `slice_bytes` is the codec's payload per 10 ms
    /// (Codec::slice_bytes()). A payload that is not whole slices, or is longer than
    /// kMaxSlicesPerPacket, is dropped and counted.
    void push(const RtpHeader& header, std::span<const std::uint8_t> payload,
              std::size_t slice_bytes) noexcept;
    /// This tick's 20 ms into `out`, decoded with `decoder` (nullptr: nothing can be heard).
    /// Call exactly once per tick.
    InboundFrame next_frame(Codec* decoder, std::span<std::int16_t, kFrameSamples> out) noexcept;
    /// Forgets the stream (a new remote); counters are kept.
    void reset() noexcept;

    /// The jitter buffer in use: of frames, or of slices once the peer sent another size.
    const JitterBufferStats& jitter_stats() const noexcept {
        return in_slices_ ? slices_->stats() : frames_.stats();
    }
    /// Packets dropped because their payload was no whole number of slices or too long.
    std::uint64_t malformed() const noexcept { return malformed_; }
    /// Packets taken whose length (in ms) was not 20: the peer frames differently from us.
    std::uint64_t reframed() const noexcept { return reframed_; }

private:
    JitterBuffer frames_;  ///< 20 ms units, while every packet has been 20 ms
    /// 10 ms units, made at the first packet that was not 20 ms (most peers never need it).
    std::optional<JitterBuffer> slices_;
    bool in_slices_ = false;
    std::uint32_t concealed_ms_ = 0;  ///< concealed in a row
    std::uint64_t malformed_ = 0;
    std::uint64_t reframed_ = 0;
};

}  // namespace markaz::media
