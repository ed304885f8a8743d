#include "media/jitter_buffer.h"

#include <algorithm>
#include <cstring>

#include "common/check.h"

namespace markaz::media {
namespace {

// A packet this many frames (1 s) late is not jitter: the sender restarted its timestamps
// without changing SSRC (some PBXes do on re-INVITE or transfer).
constexpr std::int64_t kFarLateFrames = 50;
constexpr int kFarLateRestart = 3;
// Up to this many missing frames after the last frame played are Lost (worth concealing: PLC
// repeats and fades the last audio); after that the sender has paused or the loss is too long
// to hide, and frames are Empty (silence, no PLC artefacts).
constexpr std::int64_t kConcealFrames = 3;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if (a % b != 0 && (a < 0) != (b < 0)) {
        --q;
    }
    return q;
}

}  // namespace

JitterBuffer::JitterBuffer(JitterBufferConfig config)
    : config_(config),
      slots_(config.max_depth * 2 + 4),
      storage_(slots_.size() * config.max_payload_bytes),
      arrivals_(std::max<std::size_t>(config.window, 1)) {
    MARKAZ_CHECK(config.timestamp_step > 0, "jitter buffer: timestamp_step must be > 0");
    MARKAZ_CHECK(config.max_depth >= 1 && config.min_depth <= config.max_depth,
                 "jitter buffer: need min_depth <= max_depth and max_depth >= 1");
    config_.initial_depth = std::clamp(config.initial_depth, config.min_depth, config.max_depth);
}

JitterBuffer::Slot& JitterBuffer::slot(std::int64_t index) noexcept {
    const auto n = static_cast<std::int64_t>(slots_.size());
    return slots_[static_cast<std::size_t>(((index % n) + n) % n)];
}

std::span<std::uint8_t> JitterBuffer::storage(std::int64_t index) noexcept {
    const auto position = static_cast<std::size_t>(&slot(index) - slots_.data());
    return std::span(storage_).subspan(position * config_.max_payload_bytes,
                                       config_.max_payload_bytes);
}

void JitterBuffer::reset() noexcept {
    started_ = false;
    for (auto& s : slots_) {
        s.filled = false;
    }
    arrivals_count_ = 0;
    arrivals_next_ = 0;
}

void JitterBuffer::restart(const RtpHeader& header, std::int64_t depth) noexcept {
    reset();
    started_ = true;
    ssrc_ = header.ssrc;
    base_timestamp_ = header.timestamp;
    newest_timestamp_ = header.timestamp;
    play_index_ = -depth;
    first_index_ = 0;
    last_played_index_ = -1;
    far_late_in_a_row_ = 0;
    last_shrink_tick_ = ticks_;
}

std::int64_t JitterBuffer::frame_index(std::uint32_t timestamp) noexcept {
    // Unwrap against the newest timestamp: the difference as int32 is the signed distance
    // (RFC 3550 A.1), so wrapping past 2^32 keeps counting up.
    const auto delta =
        static_cast<std::int32_t>(timestamp - static_cast<std::uint32_t>(newest_timestamp_));
    const std::int64_t extended = newest_timestamp_ + delta;
    newest_timestamp_ = std::max(newest_timestamp_, extended);
    const auto step = static_cast<std::int64_t>(config_.timestamp_step);
    return floor_div(extended - base_timestamp_ + step / 2, step);  // nearest frame
}

void JitterBuffer::record(std::int64_t arrival) noexcept {
    const bool full = arrivals_count_ == arrivals_.size();
    const std::int64_t evicted = arrivals_[arrivals_next_];
    arrivals_[arrivals_next_] = arrival;
    arrivals_next_ = (arrivals_next_ + 1) % arrivals_.size();
    arrivals_count_ = std::min(arrivals_count_ + 1, arrivals_.size());
    if (arrivals_count_ == 1) {
        arrival_min_ = arrival_max_ = arrival;
    } else if (full && (evicted == arrival_min_ || evicted == arrival_max_)) {
        // The extreme left the window: rescan (rare; the window is small).
        const auto [low, high] =
            std::minmax_element(arrivals_.begin(), arrivals_.begin() + arrivals_count_);
        arrival_min_ = *low;
        arrival_max_ = *high;
    } else {
        arrival_min_ = std::min(arrival_min_, arrival);
        arrival_max_ = std::max(arrival_max_, arrival);
    }
}

std::size_t JitterBuffer::target_depth() const noexcept {
    if (arrivals_count_ == 0) {
        return config_.initial_depth;
    }
    // One frame more than the spread: the latest packet then still arrives a tick early, so a
    // packet arriving just in time is a warning that grows the delay before anything is lost
    // (that is what makes a sender with a slower clock lose nothing).
    const auto spread = static_cast<std::size_t>(arrival_max_ - arrival_min_);
    return std::clamp(spread + 1, config_.min_depth, config_.max_depth);
}

std::size_t JitterBuffer::current_depth() const noexcept {
    if (arrivals_count_ == 0) {
        return static_cast<std::size_t>(std::max<std::int64_t>(0, -play_index_));
    }
    return static_cast<std::size_t>(
        std::max<std::int64_t>(0, arrival_max_ - (play_index_ - ticks_)));
}

PushResult JitterBuffer::push(const RtpHeader& header, std::span<const std::uint8_t> payload,
                              bool measured) noexcept {
    if (payload.size() > config_.max_payload_bytes) {
        ++stats_.too_large;
        return PushResult::TooLarge;
    }
    PushResult result = PushResult::Queued;
    if (!started_ || header.ssrc != ssrc_) {
        if (started_) {
            ++stats_.restarts;
            result = PushResult::Restarted;
        }
        restart(header,
                static_cast<std::int64_t>(started_ ? target_depth() : config_.initial_depth));
    }
    std::int64_t index = frame_index(header.timestamp);
    const std::int64_t slack = index - play_index_;
    bool jump = slack >= static_cast<std::int64_t>(slots_.size());
    if (slack < 0) {
        const bool far = -slack > kFarLateFrames;
        far_late_in_a_row_ = far ? far_late_in_a_row_ + 1 : 0;
        // A marker bit starts a talk spurt after silence: rebasing on it costs nothing.
        jump = header.marker || far_late_in_a_row_ >= kFarLateRestart;
        if (!jump) {
            ++stats_.late;
            if (!far && measured) {
                record(index - ticks_);  // late packets are what grows the delay
            }
            return PushResult::Late;
        }
    } else {
        far_late_in_a_row_ = 0;
    }
    if (jump) {
        ++stats_.restarts;
        restart(header, static_cast<std::int64_t>(target_depth()));
        index = 0;
        result = PushResult::Restarted;
    }

    Slot& s = slot(index);
    if (s.filled && s.index == index) {
        ++stats_.duplicates;
        return PushResult::Duplicate;
    }
    s = Slot{true, index, header.payload_type, header.timestamp, payload.size()};
    if (!payload.empty()) {
        std::memcpy(storage(index).data(), payload.data(), payload.size());
    }
    if (index < first_index_) {
        // The stream's first packets came out of order: frames from here on were sent.
        first_index_ = index;
        last_played_index_ = std::min(last_played_index_, index - 1);
    }
    if (measured) {
        record(index - ticks_);
    }
    ++stats_.queued;
    return result;
}

PlayoutFrame JitterBuffer::filler(std::int64_t index) noexcept {
    PlayoutFrame frame;
    frame.timestamp = static_cast<std::uint32_t>(
        base_timestamp_ + index * static_cast<std::int64_t>(config_.timestamp_step));
    if (index >= first_index_ && index - last_played_index_ <= kConcealFrames) {
        frame.status = FrameStatus::Lost;
        ++stats_.lost;
    }
    return frame;
}

PlayoutFrame JitterBuffer::pop() noexcept {
    if (!started_) {
        ++ticks_;
        return {};
    }
    if (arrivals_count_ > 0) {
        const auto current = static_cast<std::int64_t>(current_depth());
        const auto target = static_cast<std::int64_t>(target_depth());
        if (current < target) {
            // Grow: play a filler frame and hold the playout point for a tick.
            ++ticks_;
            ++stats_.stretched;
            return filler(play_index_);
        }
        Slot& next = slot(play_index_);
        const bool next_missing = !(next.filled && next.index == play_index_);
        const bool settled = arrivals_count_ == arrivals_.size();  // keep initial_depth for now
        const bool due =
            ticks_ - last_shrink_tick_ >= static_cast<std::int64_t>(config_.shrink_interval);
        if (current > target && settled && (next_missing || due)) {
            // Shrink: drop one frame, a missing one when possible (nothing audible is lost).
            next.filled = false;
            ++play_index_;
            ++stats_.skipped;
            last_shrink_tick_ = ticks_;
        }
    }

    PlayoutFrame frame;
    const std::int64_t index = play_index_;
    Slot& s = slot(index);
    if (s.filled && s.index == index) {
        s.filled = false;
        frame.status = FrameStatus::Audio;
        frame.payload_type = s.payload_type;
        frame.timestamp = s.timestamp;
        frame.payload = storage(index).first(s.size);
        ++stats_.played;
        last_played_index_ = index;
    } else {
        frame = filler(index);
    }
    ++play_index_;
    ++ticks_;
    return frame;
}

}  // namespace markaz::media
