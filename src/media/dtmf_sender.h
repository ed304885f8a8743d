#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "common/time.h"
#include "media/telephone_event.h"

namespace markaz::media {

/// What to send this tick instead of the audio packet: header fields and a 4-byte payload.
/// The engine sends it with the negotiated telephone-event payload type and its next sequence
/// number (events share the audio stream's sequence space, RFC 4733 §2.1).
struct TelephoneEventPacket {
    bool marker = false;
    std::uint32_t timestamp = 0;
    TelephoneEvent event;
};

/// Plays queued digits as RFC 4733 packet trains, one packet per 20 ms tick:
/// a first packet with the marker bit (§2.5.1.1), updates with the same timestamp and a growing
/// duration (§2.5.1.2), the end packet three times (§2.5.1.4), then a pause before the next
/// digit. No allocation. Thread: the worker owning the channel.
class DtmfSender {
public:
    /// `clock_rate` of the negotiated telephone-event; `volume` in -dBm0.
    explicit DtmfSender(std::uint32_t clock_rate = 8000, std::uint8_t volume = 10) noexcept
        : clock_rate_(clock_rate), volume_(volume) {}

    /// Queues a digit held for `duration` (clamped to 40 ms..5 s). False, and nothing queued,
    /// for a character that is not a DTMF digit or when 32 digits are already waiting.
    bool queue(char digit, Duration duration = Duration{100}) noexcept;
    /// True while a digit is queued, playing, or in its trailing pause.
    bool busy() const noexcept { return playing_ || pause_ticks_ > 0 || queue_size_ > 0; }

    /// Called every tick with the timestamp this tick's audio packet would carry. Returns the
    /// event packet to send instead of audio, or nullopt to send audio as usual.
    std::optional<TelephoneEventPacket> tick(std::uint32_t audio_timestamp) noexcept;

private:
    struct Pending {
        std::uint8_t code;
        std::uint16_t duration;  // timestamp units
    };

    std::uint32_t clock_rate_;
    std::uint8_t volume_;
    std::array<Pending, 32> queue_{};
    std::size_t queue_head_ = 0;
    std::size_t queue_size_ = 0;

    bool playing_ = false;
    Pending current_{};
    std::uint32_t start_timestamp_ = 0;
    std::uint16_t sent_duration_ = 0;
    int end_packets_sent_ = 0;
    int pause_ticks_ = 0;
};

}  // namespace markaz::media
