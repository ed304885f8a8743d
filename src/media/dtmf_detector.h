#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "media/dtmf_event.h"

struct dtmf_rx_state_s;

namespace markaz::media {

/// In-band DTMF detection with spandsp's receiver (ITU-T Q.23/Q.24 compliant, good talk-off
/// figures), for phones and trunks that send neither RFC 4733 nor SIP INFO.
///
/// Feed it the decoded 8 kHz audio from the caller; each key press comes out once, when the
/// tone ends, as a DtmfEvent with source InBand and the tone's duration (to the 20 ms frame).
/// Run it only on streams without negotiated telephone-event: phones sending RFC 4733 often
/// leave the tones in the audio too, and the digit would arrive twice.
///
/// The spandsp state is allocated by the constructor; process() does not allocate.
/// Thread: the worker owning the channel.
class DtmfDetector {
public:
    DtmfDetector();
    ~DtmfDetector();
    DtmfDetector(const DtmfDetector&) = delete;
    DtmfDetector& operator=(const DtmfDetector&) = delete;

    /// Feeds 8 kHz mono samples (any count; normally one 20 ms frame).
    void process(std::span<const std::int16_t> samples) noexcept;
    /// The next detected key press, oldest first (up to 8 are kept).
    std::optional<DtmfEvent> pop() noexcept { return queue_.pop(); }

private:
    static void on_tone(void* self, int code, int level, int delay) noexcept;

    dtmf_rx_state_s* state_;
    std::uint64_t samples_ = 0;  // fed so far, for durations
    char digit_ = 0;             // the tone being heard, 0 for none
    std::uint64_t digit_start_ = 0;
    DtmfQueue queue_;
};

}  // namespace markaz::media
