#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "media/codec.h"

struct tone_gen_state_s;

namespace markaz::media {

/// A call-progress tone: one or two frequencies and an on/off cadence.
struct ToneSpec {
    int frequency1_hz = 0;
    int frequency2_hz = 0;  ///< 0 for a single frequency
    int level_dbm0 = -13;   ///< per frequency
    /// On, off, on, off durations (ms) of one cycle; unused entries are 0.
    std::array<int, 4> cadence_ms{};
    bool repeat = true;
};

// ITU-T E.180 Supplement 2 and national plans: Europe and most of the Middle East use 425 Hz
// (ringback 1 s on / 4 s off, busy 0.5 s / 0.5 s); North America uses dual tones (ringback
// 440+480 Hz 2 s / 4 s, busy 480+620 Hz 0.5 s / 0.5 s).
inline constexpr ToneSpec kRingbackEurope{425, 0, -13, {1000, 4000, 0, 0}, true};
inline constexpr ToneSpec kBusyEurope{425, 0, -13, {500, 500, 0, 0}, true};
inline constexpr ToneSpec kRingbackNorthAmerica{440, 480, -19, {2000, 4000, 0, 0}, true};
inline constexpr ToneSpec kBusyNorthAmerica{480, 620, -24, {500, 500, 0, 0}, true};

/// Generates a ToneSpec with spandsp's cadenced tone generator, one 20 ms frame at a time.
/// The spandsp state is allocated by the constructor; next_frame() does not allocate.
/// Thread: the worker owning the channel.
class ToneGenerator {
public:
    explicit ToneGenerator(const ToneSpec& spec);
    ~ToneGenerator();
    ToneGenerator(const ToneGenerator&) = delete;
    ToneGenerator& operator=(const ToneGenerator&) = delete;

    /// Fills `frame` with the next 20 ms of the tone (silence in the off parts, and after the
    /// end of a non-repeating tone).
    void next_frame(std::span<std::int16_t, kFrameSamples> frame) noexcept;

private:
    tone_gen_state_s* state_;
};

}  // namespace markaz::media
