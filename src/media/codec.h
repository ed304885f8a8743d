#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "sdp/codec_kind.h"

namespace markaz::media {

/// Markaz ticks every 20 ms: mixing, recording and prompts run in 20 ms frames, whatever
/// packet time each peer sends and asks for (InboundAudio, OutboundAudio).
inline constexpr std::uint32_t kFrameMs = 20;
/// Mixing, recording, prompts and tones all run on 8 kHz mono int16 PCM, 160 samples a frame.
inline constexpr std::uint32_t kMixRate = 8000;
inline constexpr std::size_t kFrameSamples = kMixRate * kFrameMs / 1000;

/// An audio codec for one direction of one channel (encode for sending, decode for receiving).
///
/// Why the three rates: RTP's clock rate is what timestamps count in, which is not always the
/// PCM sample rate. G.722 samples at 16 kHz but keeps an 8 kHz RTP clock (RFC 3551 §4.5.2);
/// Opus always uses a 48 kHz RTP clock (RFC 7587 §4.1) whatever rate it decodes to. So the
/// engine steps timestamps by `timestamp_step()` and sizes PCM buffers by `samples_per_frame()`.
///
/// Codecs may keep state (G.722 and Opus do), so each channel direction owns its instance.
/// encode/decode write into caller buffers and never allocate: they run on the media worker
/// thread once per packet. Thread: the owning media worker only.
class Codec {
public:
    virtual ~Codec() = default;

    /// The encoding name as written in a=rtpmap ("PCMU", "PCMA", later "G722", "opus").
    virtual std::string_view name() const noexcept = 0;
    /// The payload type negotiated for this codec (static 0/8, or a dynamic 96..127).
    virtual std::uint8_t payload_type() const noexcept = 0;
    /// RTP timestamp units per second (a=rtpmap's clock rate).
    virtual std::uint32_t clock_rate() const noexcept = 0;
    /// PCM samples per second that encode() takes and decode() gives.
    virtual std::uint32_t sample_rate() const noexcept = 0;
    /// The largest payload encode() writes for one 20 ms frame.
    virtual std::size_t max_payload_bytes() const noexcept = 0;

    /// Payload bytes per 10 ms: a received packet is cut into slices this long, whatever its
    /// packet time (InboundAudio). Every codec Markaz runs can be cut on sample boundaries.
    virtual std::size_t slice_bytes() const noexcept = 0;

    /// Encodes one packet's samples (whole 10 ms slices: 10 to 60 ms) into `out`.
    /// Returns the payload length, or 0 when `pcm` has the wrong length or `out` is too small.
    virtual std::size_t encode(std::span<const std::int16_t> pcm,
                               std::span<std::uint8_t> out) noexcept = 0;
    /// Decodes one payload into `out`. Returns the sample count, or 0 when `out` is too small
    /// or the payload is not valid for this codec.
    virtual std::size_t decode(std::span<const std::uint8_t> payload,
                               std::span<std::int16_t> out) noexcept = 0;

    /// PCM samples in one 20 ms frame.
    std::size_t samples_per_frame() const noexcept { return sample_rate() * kFrameMs / 1000; }
    /// How far the RTP timestamp moves per 20 ms frame.
    std::uint32_t timestamp_step() const noexcept { return clock_rate() * kFrameMs / 1000; }
};

/// The codecs Markaz can run are the ones it negotiates.
using sdp::CodecKind;

/// A new codec instance sending/receiving with `payload_type`.
std::unique_ptr<Codec> make_codec(CodecKind kind, std::uint8_t payload_type);

}  // namespace markaz::media
