#include "media/dtmf_receiver.h"

#include "media/rtp_packet.h"

namespace markaz::media {
namespace {

// A sender whose duration field is this close to 0xFFFF is about to start a new segment of the
// same key press (RFC 4733 §2.5.2.3); 1 s at 8 kHz is far more than any packet interval.
constexpr std::uint16_t kNearDurationLimit = 0xFFFF - 8000;

/// `timestamp` is `reference` or shortly before it. Much older means the sender restarted its
/// stream with a new random timestamp base, and the packet is new, not stale.
bool stale(std::uint32_t timestamp, std::uint32_t reference, std::uint32_t clock_rate) noexcept {
    return !timestamp_newer(timestamp, reference) && reference - timestamp <= 10 * clock_rate;
}

}  // namespace

void DtmfReceiver::on_event(std::uint32_t rtp_timestamp, const TelephoneEvent& event) noexcept {
    if (!dtmf_digit(event.event)) {
        return;
    }
    if (have_reported_ && stale(rtp_timestamp, reported_timestamp_, clock_rate_)) {
        return;  // a redundant end packet, or a late packet of a press already reported
    }
    if (active_ && rtp_timestamp != timestamp_) {
        if (stale(rtp_timestamp, timestamp_, clock_rate_)) {
            return;  // reordered packet of an older segment
        }
        if (event.event == code_ && duration_ >= kNearDurationLimit &&
            timestamp_newer(rtp_timestamp, timestamp_)) {
            // §2.5.2.3: a long press carries on under a new timestamp.
            earlier_segments_ += duration_;
            timestamp_ = rtp_timestamp;
            duration_ = 0;
        } else {
            finish();  // the previous press lost all its end packets
        }
    }
    if (!active_) {
        active_ = true;
        timestamp_ = rtp_timestamp;
        code_ = event.event;
        earlier_segments_ = 0;
        duration_ = 0;
    }
    if (event.duration > duration_) {
        duration_ = event.duration;
    }
    if (event.end) {
        finish();
    }
}

void DtmfReceiver::on_audio(std::uint32_t rtp_timestamp) noexcept {
    const std::uint32_t margin = clock_rate_ / 5;  // 200 ms: several update intervals
    if (active_ && timestamp_newer(rtp_timestamp, timestamp_ + duration_ + margin)) {
        finish();
    }
}

void DtmfReceiver::finish() noexcept {
    const std::uint64_t units = std::uint64_t{earlier_segments_} + duration_;
    queue_.push(DtmfEvent{*dtmf_digit(code_), DtmfSource::Rfc4733,
                          Duration{static_cast<Duration::rep>(units * 1000 / clock_rate_)}});
    active_ = false;
    have_reported_ = true;
    reported_timestamp_ = timestamp_;
}

void DtmfReceiver::reset() noexcept {
    *this = DtmfReceiver(clock_rate_);
}

}  // namespace markaz::media
