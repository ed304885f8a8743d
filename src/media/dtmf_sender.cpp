#include "media/dtmf_sender.h"

#include <algorithm>

#include "media/codec.h"

namespace markaz::media {
namespace {

constexpr int kEndCopies = 3;   // RFC 4733 §2.5.1.4: the final packet is sent three times
constexpr int kPauseTicks = 3;  // 60 ms between digits, above the 40 ms receivers need (Q.24)
constexpr Duration kShortest{40};
constexpr Duration kLongest{5000};

}  // namespace

bool DtmfSender::queue(char digit, Duration duration) noexcept {
    const auto code = dtmf_event_code(digit);
    if (!code || queue_size_ == queue_.size()) {
        return false;
    }
    duration = std::clamp(duration, kShortest, kLongest);
    const auto units = static_cast<std::uint64_t>(duration.count()) * clock_rate_ / 1000;
    queue_[(queue_head_ + queue_size_) % queue_.size()] =
        Pending{*code, static_cast<std::uint16_t>(std::min<std::uint64_t>(units, 0xFFFF))};
    ++queue_size_;
    return true;
}

std::optional<TelephoneEventPacket> DtmfSender::tick(std::uint32_t audio_timestamp) noexcept {
    const auto step = static_cast<std::uint16_t>(clock_rate_ * kFrameMs / 1000);
    if (!playing_) {
        if (pause_ticks_ > 0) {
            --pause_ticks_;
            return std::nullopt;
        }
        if (queue_size_ == 0) {
            return std::nullopt;
        }
        current_ = queue_[queue_head_];
        queue_head_ = (queue_head_ + 1) % queue_.size();
        --queue_size_;
        playing_ = true;
        start_timestamp_ = audio_timestamp;
        sent_duration_ = std::min(step, current_.duration);
        // A digit no longer than one packet goes straight to its end packets.
        const bool end = sent_duration_ >= current_.duration;
        end_packets_sent_ = end ? 1 : 0;
        return TelephoneEventPacket{true, start_timestamp_,
                                    TelephoneEvent{current_.code, end, volume_, sent_duration_}};
    }
    if (sent_duration_ < current_.duration) {
        sent_duration_ = static_cast<std::uint16_t>(
            std::min<std::uint32_t>(std::uint32_t{sent_duration_} + step, current_.duration));
    }
    const bool end = sent_duration_ >= current_.duration;
    if (end) {
        ++end_packets_sent_;
        if (end_packets_sent_ >= kEndCopies) {
            playing_ = false;
            pause_ticks_ = kPauseTicks;
        }
    }
    return TelephoneEventPacket{false, start_timestamp_,
                                TelephoneEvent{current_.code, end, volume_, sent_duration_}};
}

}  // namespace markaz::media
