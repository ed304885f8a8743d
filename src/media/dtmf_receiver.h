#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "media/dtmf_event.h"
#include "media/telephone_event.h"

namespace markaz::media {

/// Turns the RFC 4733 packets of one RTP stream into exactly one DtmfEvent per key press.
///
/// A sender repeats each event every packet interval with a growing duration and the same RTP
/// timestamp (§2.5.1.2), then sends the end packet three times (§2.5.1.4); any of them may be
/// lost, duplicated or reordered. The timestamp identifies the key press, so:
///  * the first end packet reports the digit, and later copies of that timestamp are ignored;
///  * if every end packet is lost, the digit is reported when the next key press starts or when
///    an audio packet shows the event is long over (`on_audio`);
///  * an event longer than the 16-bit duration continues under a new timestamp (§2.5.2.3) and
///    is still one key press.
/// Events other than DTMF (16 flash and up) are ignored.
///
/// Digits are queued (up to 8) and read with pop(). No allocation. Thread: the worker owning
/// the channel.
class DtmfReceiver {
public:
    /// `clock_rate` is the telephone-event clock from a=rtpmap (8000 with PCMU/PCMA).
    explicit DtmfReceiver(std::uint32_t clock_rate = 8000) noexcept : clock_rate_(clock_rate) {}

    /// One telephone-event packet: its RTP timestamp and parsed payload.
    void on_event(std::uint32_t rtp_timestamp, const TelephoneEvent& event) noexcept;
    /// An audio packet of the same stream. Ends a key press whose end packets were all lost
    /// once the audio is more than 200 ms past the last duration the sender announced.
    void on_audio(std::uint32_t rtp_timestamp) noexcept;

    /// The next completed key press, oldest first.
    std::optional<DtmfEvent> pop() noexcept { return queue_.pop(); }
    /// Forgets the current key press and the queue (new stream, re-INVITE).
    void reset() noexcept;

private:
    void finish() noexcept;

    std::uint32_t clock_rate_;
    bool active_ = false;          // a key press has started and not yet been reported
    std::uint32_t timestamp_ = 0;  // of the current segment
    std::uint8_t code_ = 0;
    std::uint32_t earlier_segments_ = 0;  // duration of finished segments of a long press
    std::uint16_t duration_ = 0;          // latest duration within the current segment
    bool have_reported_ = false;
    std::uint32_t reported_timestamp_ = 0;  // its copies and older packets are ignored

    DtmfQueue queue_;
};

}  // namespace markaz::media
