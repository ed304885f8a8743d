#include "media/inbound_audio.h"

#include <algorithm>

namespace markaz::media {

namespace {

/// The jitter buffer in 10 ms slices: the same 20..160 ms playout bounds, the same two
/// seconds of measured arrivals and one second between two reductions of the delay.
JitterBufferConfig slice_config() {
    JitterBufferConfig config;
    config.timestamp_step = kMixRate * InboundAudio::kSliceMs / 1000;
    config.min_depth = 2;
    config.max_depth = 16;
    config.initial_depth = 4;
    config.window = 200;
    config.shrink_interval = 100;
    return config;
}

/// Lost slices are hidden by the last audio at half volume, for at most 60 ms.
constexpr int kMaxConcealedSlices = 6;

}  // namespace

InboundAudio::InboundAudio() : jitter_(slice_config()) {}

void InboundAudio::reset() noexcept {
    jitter_.reset();
    concealed_ = 0;
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
    if (slices != kSlicesPerFrame) {
        ++reframed_;
    }
    RtpHeader slice = header;
    for (std::size_t i = 0; i < slices; ++i) {
        // Only the first slice starts a talk spurt (the marker bit), and each slice is at its
        // own place in the timeline: the packet's timestamp plus 10 ms per slice before it.
        slice.marker = header.marker && i == 0;
        slice.timestamp = header.timestamp + static_cast<std::uint32_t>(i) * slice_step;
        (void)jitter_.push(slice, payload.subspan(i * slice_bytes, slice_bytes));
    }
}

InboundFrame InboundAudio::next_frame(Codec* decoder,
                                      std::span<std::int16_t, kFrameSamples> out) noexcept {
    bool heard = false;
    bool concealed = false;
    std::size_t filled = 0;  // samples of `out` written this tick
    for (std::size_t i = 0; i < kSlicesPerFrame && filled < out.size(); ++i) {
        PlayoutFrame slice = jitter_.pop();
        auto part = out.subspan(filled);
        std::size_t decoded = 0;
        if (slice.status == FrameStatus::Audio && decoder &&
            slice.payload_type == decoder->payload_type()) {
            decoded = std::min(decoder->decode(slice.payload, part), part.size());
        }
        if (decoded > 0) {
            heard = true;
            concealed_ = 0;
            filled += decoded;
            continue;
        }
        std::size_t samples = std::min(kSliceSamples, part.size());
        if (slice.status == FrameStatus::Lost && ++concealed_ <= kMaxConcealedSlices) {
            // What was heard before, at half volume: a click-free gap is better than a cut.
            for (std::size_t s = 0; s < samples; ++s) {
                std::size_t from = filled >= kSliceSamples ? filled - kSliceSamples + s
                                                           : kFrameSamples - kSliceSamples + s;
                part[s] = static_cast<std::int16_t>(out[from] / 2);
            }
            concealed = true;
        } else {
            std::fill_n(part.begin(), samples, std::int16_t{0});
        }
        filled += samples;
    }
    std::fill(out.begin() + static_cast<std::ptrdiff_t>(filled), out.end(), std::int16_t{0});
    if (heard) {
        return InboundFrame::Audio;
    }
    return concealed ? InboundFrame::Concealed : InboundFrame::Silent;
}

}  // namespace markaz::media
