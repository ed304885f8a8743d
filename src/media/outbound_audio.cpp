#include "media/outbound_audio.h"

namespace markaz::media {

void OutboundAudio::set_ptime(std::uint32_t ptime_ms) noexcept {
    ptime_ms = sdp::packet_time(ptime_ms);
    if (ptime_ms != ptime_ms_) {
        ptime_ms_ = ptime_ms;
        pending_ = 0;
    }
}

}  // namespace markaz::media
