#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "common/time.h"
#include "media/codec.h"

struct dtmf_tx_state_s;

namespace markaz::media {

/// In-band DTMF tones with spandsp's generator, for peers that did not negotiate RFC 4733
/// (dialling an extension on a trunk's IVR during a transfer, for example).
/// The spandsp state is allocated by the constructor; next_frame() does not allocate.
/// Thread: the worker owning the channel.
class DtmfGenerator {
public:
    /// Tone and gap lengths; the defaults are well above Q.24's 40 ms minimum.
    explicit DtmfGenerator(Duration tone = Duration{100}, Duration gap = Duration{100});
    ~DtmfGenerator();
    DtmfGenerator(const DtmfGenerator&) = delete;
    DtmfGenerator& operator=(const DtmfGenerator&) = delete;

    /// Queues digits ("0-9*#A-D"). Returns how many were queued: spandsp's queue holds 128,
    /// and anything from the first non-digit on is refused.
    std::size_t queue(std::string_view digits) noexcept;
    /// Fills `frame` with the next 20 ms: tones, gaps, then silence when the queue is empty.
    /// Returns false when the frame is all silence because nothing was left to play.
    bool next_frame(std::span<std::int16_t, kFrameSamples> frame) noexcept;

private:
    dtmf_tx_state_s* state_;
};

}  // namespace markaz::media
