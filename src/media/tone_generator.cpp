#include "media/tone_generator.h"

#include <algorithm>
#include <spandsp.h>

#include "common/check.h"

namespace markaz::media {

ToneGenerator::ToneGenerator(const ToneSpec& spec) {
    tone_gen_descriptor_t* descriptor =
        tone_gen_descriptor_init(nullptr, spec.frequency1_hz, spec.level_dbm0, spec.frequency2_hz,
                                 spec.level_dbm0, spec.cadence_ms[0], spec.cadence_ms[1],
                                 spec.cadence_ms[2], spec.cadence_ms[3], spec.repeat ? 1 : 0);
    MARKAZ_CHECK(descriptor != nullptr, "tone_gen_descriptor_init: out of memory");
    // tone_gen_init copies the descriptor into the state, so it can go at once.
    state_ = tone_gen_init(nullptr, descriptor);
    tone_gen_descriptor_free(descriptor);
    MARKAZ_CHECK(state_ != nullptr, "tone_gen_init: out of memory");
}

ToneGenerator::~ToneGenerator() {
    tone_gen_free(state_);
}

void ToneGenerator::next_frame(std::span<std::int16_t, kFrameSamples> frame) noexcept {
    const int made = tone_gen(state_, frame.data(), static_cast<int>(frame.size()));
    std::fill(frame.begin() + std::max(made, 0), frame.end(), std::int16_t{0});
}

}  // namespace markaz::media
