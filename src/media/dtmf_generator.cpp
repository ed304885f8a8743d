#include "media/dtmf_generator.h"

#include <algorithm>
#include <array>
#include <spandsp.h>

#include "common/check.h"
#include "media/telephone_event.h"

namespace markaz::media {

DtmfGenerator::DtmfGenerator(Duration tone, Duration gap) {
    state_ = dtmf_tx_init(nullptr);
    MARKAZ_CHECK(state_ != nullptr, "dtmf_tx_init: out of memory");
    dtmf_tx_set_timing(state_, static_cast<int>(tone.count()), static_cast<int>(gap.count()));
}

DtmfGenerator::~DtmfGenerator() {
    dtmf_tx_free(state_);
}

std::size_t DtmfGenerator::queue(std::string_view digits) noexcept {
    std::array<char, 2> one{};
    std::size_t queued = 0;
    for (const char digit : digits) {
        if (!dtmf_event_code(digit)) {
            break;
        }
        one[0] = digit;
        // dtmf_tx_put returns how many digits did *not* fit (0 on success), whatever its
        // header comment says; spandsp's dtmf.c is the reference.
        if (dtmf_tx_put(state_, one.data(), 1) != 0) {
            break;
        }
        ++queued;
    }
    return queued;
}

bool DtmfGenerator::next_frame(std::span<std::int16_t, kFrameSamples> frame) noexcept {
    const int made = dtmf_tx(state_, frame.data(), static_cast<int>(frame.size()));
    std::fill(frame.begin() + std::max(made, 0), frame.end(), std::int16_t{0});
    return made > 0;
}

}  // namespace markaz::media
