#include "media/inbound_audio.h"

#include <algorithm>

namespace markaz::media {

namespace {

/// The jitter buffer in 20 ms frames, for a peer that sends 20 ms packets (most phones).
JitterBufferConfig frame_config() {
    return JitterBufferConfig{};
}

/// The jitter buffer in 10 ms slices: the same 20..160 ms playout bounds as in frames, the
/// last 100 packets measured (each packet's first slice), and one second between two
/// reductions of the delay.
JitterBufferConfig slice_config() {
    JitterBufferConfig config;
    config.timestamp_step = kMixRate * InboundAudio::kSliceMs / 1000;
    config.min_depth = 2;
    config.max_depth = 16;
    config.initial_depth = 4;
    config.window = 100;
    config.shrink_interval = 100;
    return config;
}

/// Lost audio is hidden by the last audio at half volume, for at most 60 ms.
constexpr std::uint32_t kMaxConcealedMs = 60;

}  // namespace

InboundAudio::InboundAudio() : frames_(frame_config()) {}

void InboundAudio::reset() noexcept {
    frames_.reset();
    if (slices_) {
        slices_->reset();
    }
    in_slices_ = false;
    concealed_ms_ = 0;
}

void InboundAudio::push(const RtpHeader& header, std::span<const std::uint8_t> payload,
                        std::size_t slice_bytes) noexcept {
    const std::uint32_t slice_step = kMixRate * kSliceMs / 1000;
    if (slice_bytes == 0 || payload.empty() || payload.size() % slice_bytes != 0 ||
        payload.size() / slice_bytes > kMaxSlicesPerPacket) {
        ++malformed_;
        return;
    }
    const std::size_t slices = payload.size() / slice_bytes;
    if (slices == kSlicesPerFrame && !in_slices_) {
        (void)frames_.push(header, payload);  // a 20 ms packet is a frame as it is
        return;
    }
    ++reframed_;
    if (!in_slices_) {
        // The first packet that is not 20 ms: this peer is cut into slices from now on.
        if (!slices_) {
            slices_.emplace(slice_config());
        }
        in_slices_ = true;
        concealed_ms_ = 0;
    }
    RtpHeader slice = header;
    for (std::size_t i = 0; i < slices; ++i) {
        // Only the first slice starts a talk spurt (the marker bit), and each slice is at its
        // own place in the timeline: the packet's timestamp plus 10 ms per slice before it.
        slice.marker = header.marker && i == 0;
        slice.timestamp = header.timestamp + static_cast<std::uint32_t>(i) * slice_step;
        (void)slices_->push(slice, payload.subspan(i * slice_bytes, slice_bytes), i == 0);
    }
}

InboundFrame InboundAudio::next_frame(Codec* decoder,
                                      std::span<std::int16_t, kFrameSamples> out) noexcept {
    JitterBuffer& jitter = in_slices_ ? *slices_ : frames_;
    const std::size_t unit = in_slices_ ? kSliceSamples : kFrameSamples;  // samples per pop
    const std::uint32_t unit_ms = in_slices_ ? kSliceMs : kFrameMs;
    bool heard = false;
    bool concealed = false;
    std::size_t filled = 0;  // samples of `out` written this tick
    while (filled < out.size()) {
        PlayoutFrame part_audio = jitter.pop();
        auto part = out.subspan(filled);
        std::size_t decoded = 0;
        if (part_audio.status == FrameStatus::Audio && decoder &&
            part_audio.payload_type == decoder->payload_type()) {
            decoded = std::min(decoder->decode(part_audio.payload, part), part.size());
        }
        if (decoded > 0) {
            heard = true;
            concealed_ms_ = 0;
            filled += decoded;
            continue;
        }
        std::size_t samples = std::min(unit, part.size());
        if (part_audio.status == FrameStatus::Lost &&
            (concealed_ms_ += unit_ms) <= kMaxConcealedMs) {
            // What was heard before, at half volume: a click-free gap is better than a cut.
            for (std::size_t s = 0; s < samples; ++s) {
                std::size_t from = filled >= unit ? filled - unit + s : kFrameSamples - unit + s;
                part[s] = static_cast<std::int16_t>(out[from] / 2);
            }
            concealed = true;
        } else {
            std::fill_n(part.begin(), samples, std::int16_t{0});
        }
        filled += samples;
    }
    if (heard) {
        return InboundFrame::Audio;
    }
    return concealed ? InboundFrame::Concealed : InboundFrame::Silent;
}

}  // namespace markaz::media
