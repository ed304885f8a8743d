#include "media/rtp_latch.h"

#include <algorithm>

namespace markaz::media {

bool RtpLatch::same(const sockaddr_in& a, const sockaddr_in& b) {
    return a.sin_addr.s_addr == b.sin_addr.s_addr && a.sin_port == b.sin_port;
}

void RtpLatch::expect(const sockaddr_in& named, std::uint32_t signalling_host) {
    *this = RtpLatch{};
    named_ = named;
    signalling_host_ = signalling_host;
}

bool RtpLatch::may_learn(const sockaddr_in& from) const {
    return from.sin_addr.s_addr == named_.sin_addr.s_addr ||
           (signalling_host_ != 0 && from.sin_addr.s_addr == signalling_host_);
}

bool RtpLatch::accept(const sockaddr_in& from, std::uint32_t ssrc, std::uint16_t sequence) {
    if (same(from, named_)) {
        named_latched_ = true;
        latched_.reset();  // the phone's own address wins over anything learnt
        return true;
    }
    if (named_latched_) {
        return false;
    }
    if (latched_ && same(from, latched_->from) && ssrc == latched_->ssrc) {
        latched_->last_sequence = sequence;
        return true;
    }
    if ((latched_ && !same(from, latched_->from)) || !may_learn(from)) {
        return false;  // once learnt, another source never takes over; strangers never do
    }
    // Not learnt yet, or the learnt source restarted its stream with a new SSRC.
    if (auto passed = on_probation(from, ssrc, sequence)) {
        latched_ = passed;
        last_used_.fill(0);
        return true;
    }
    return false;
}

std::optional<RtpLatch::Source> RtpLatch::on_probation(const sockaddr_in& from, std::uint32_t ssrc,
                                                       std::uint16_t sequence) {
    ++packets_seen_;
    std::size_t slot = candidates_.size();
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
        if (last_used_[i] != 0 && same(candidates_[i].from, from)) {
            slot = i;
        }
    }
    if (slot == candidates_.size()) {  // a new source: a free slot, else the idlest one's
        slot = static_cast<std::size_t>(std::min_element(last_used_.begin(), last_used_.end()) -
                                        last_used_.begin());
        last_used_[slot] = 0;
    }
    Source& candidate = candidates_[slot];
    bool continues = last_used_[slot] != 0 && candidate.ssrc == ssrc &&
                     sequence == static_cast<std::uint16_t>(candidate.last_sequence + 1);
    if (!continues) {
        candidate = Source{from, ssrc, sequence, 0};
    }
    candidate.last_sequence = sequence;
    ++candidate.packets;
    last_used_[slot] = packets_seen_;
    if (candidate.packets >= kProbation) {
        return candidate;
    }
    return std::nullopt;
}

}  // namespace markaz::media
