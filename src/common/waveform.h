#pragma once

// A recording seen from above (docs/api.md "GET /api/v1/call-records/{id}/waveform"): each
// channel's peaks, and who spoke when. Made from the file by media/waveform.h, sent by the API;
// a plain value both can name without depending on each other.

#include <cstdint>
#include <vector>

namespace markaz {

struct SpeechStretch {
    int side = 0;  ///< 0 the caller (left channel), 1 the agents (right)
    std::int64_t from_ms = 0;
    std::int64_t to_ms = 0;
};

struct Waveform {
    std::int64_t duration_ms = 0;
    std::vector<float> caller;  ///< peak level 0..1 of each slice
    std::vector<float> agents;
    std::vector<SpeechStretch> speech;  ///< oldest first
    std::int64_t caller_ms = 0;         ///< spoke
    std::int64_t agents_ms = 0;
    std::int64_t overlap_ms = 0;  ///< both at once
    std::int64_t silence_ms = 0;  ///< neither
};

}  // namespace markaz
