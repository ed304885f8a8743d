#include "loadgen/stream_stats.h"

#include <cmath>

namespace markaz::loadgen {

namespace {

constexpr double kClockRate = 8000.0;
// A stream longer than this many frames (about 6 hours at 50 per second) stops counting
// loss rather than growing without bound.
constexpr std::uint32_t kMaxFrames = 1u << 20;

}  // namespace

void StreamStats::on_packet(std::int64_t arrival_ns, std::uint32_t ssrc,
                            std::uint32_t rtp_timestamp, std::optional<std::uint32_t> frame) {
    ++packets_;
    if (has_previous_ && ssrc != ssrc_) {
        has_previous_ = false;
    }
    ssrc_ = ssrc;
    double arrival = static_cast<double>(arrival_ns) * kClockRate / 1e9;
    if (has_previous_) {
        // D(i,j) = (Rj - Ri) - (Sj - Si); the timestamp difference taken modulo 2^32, as
        // Markaz starts its timestamps at random and they may wrap within a call.
        auto sent = static_cast<double>(static_cast<std::int32_t>(rtp_timestamp - last_timestamp_));
        double d = std::abs((arrival - last_arrival_) - sent);
        jitter_ += (d - jitter_) / 16.0;
    }
    last_arrival_ = arrival;
    last_timestamp_ = rtp_timestamp;
    has_previous_ = true;

    if (!frame) {
        return;
    }
    if (!first_frame_) {
        first_frame_ = *frame;
    }
    std::uint32_t offset = *frame - *first_frame_;  // wraps: frames before the first are huge
    if (offset >= kMaxFrames) {
        return;
    }
    if (offset >= seen_.size()) {
        seen_.resize(offset + 1, false);
    }
    if (!seen_[offset]) {
        seen_[offset] = true;
        ++distinct_;
    }
}

StreamFigures StreamStats::figures() const {
    return StreamFigures{packets_, seen_.size(), distinct_, jitter_ * 1000.0 / kClockRate};
}

}  // namespace markaz::loadgen
