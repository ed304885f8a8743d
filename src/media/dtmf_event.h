#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/time.h"

namespace markaz::media {

/// Where a digit heard in a call's audio came from. The core treats both the same; the source
/// is for logs and for telling a phone that sends both RFC 4733 and in-band tones (detect only
/// one of them). Digits in SIP INFO requests are the SIP layer's (sip/sip_info_dtmf.h).
enum class DtmfSource : std::uint8_t { Rfc4733, InBand };
/// "rfc4733", "in-band": for logs.
std::string_view to_string(DtmfSource source) noexcept;

/// One key press, whichever way it arrived: the single DTMF event the core receives.
struct DtmfEvent {
    char digit = '0';  ///< one of "0123456789*#ABCD"
    DtmfSource source = DtmfSource::Rfc4733;
    Duration duration{0};  ///< how long the key was held; 0 when the sender did not say
    friend bool operator==(const DtmfEvent&, const DtmfEvent&) = default;
};

/// Key presses not yet read: a fixed ring of the last 8. When nobody reads, the newest are
/// kept (a person re-types the old ones). No allocation. Thread: its owner's.
class DtmfQueue {
public:
    void push(const DtmfEvent& event) noexcept {
        if (size_ == events_.size()) {
            head_ = (head_ + 1) % events_.size();
            --size_;
        }
        events_[(head_ + size_) % events_.size()] = event;
        ++size_;
    }
    /// The oldest key press, if any.
    std::optional<DtmfEvent> pop() noexcept {
        if (size_ == 0) {
            return std::nullopt;
        }
        const DtmfEvent event = events_[head_];
        head_ = (head_ + 1) % events_.size();
        --size_;
        return event;
    }

private:
    std::array<DtmfEvent, 8> events_{};
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

}  // namespace markaz::media
