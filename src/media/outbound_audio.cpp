#include "media/outbound_audio.h"

namespace markaz::media {

void OutboundAudio::set_ptime(std::uint32_t ptime_ms) noexcept {
    if (ptime_ms < 10 || ptime_ms > kMaxPtimeMs || ptime_ms % 10 != 0) {
        ptime_ms = 20;
    }
    if (ptime_ms != ptime_ms_) {
        ptime_ms_ = ptime_ms;
        pending_ = 0;
    }
}

}  // namespace markaz::media
