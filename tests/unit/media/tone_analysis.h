#pragma once

// Goertzel power and dominant-frequency search for checking generated and resampled audio.

#include <cmath>
#include <cstdint>
#include <numbers>
#include <span>

namespace markaz::media::test {

/// Power of `frequency` in `samples` (Goertzel), normalised so that a full-scale sine gives
/// about 0.25 whatever the length.
inline double goertzel_power(std::span<const std::int16_t> samples, double frequency,
                             double sample_rate = 8000.0) {
    const double coefficient = 2.0 * std::cos(2.0 * std::numbers::pi * frequency / sample_rate);
    double s1 = 0.0;
    double s2 = 0.0;
    for (const std::int16_t sample : samples) {
        const double s0 = sample / 32768.0 + coefficient * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    const double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    const double n = static_cast<double>(samples.size());
    return power / (n * n);
}

/// The frequency between `low` and `high` (step `step` Hz) with the most power.
inline double dominant_frequency(std::span<const std::int16_t> samples, double low = 100.0,
                                 double high = 3900.0, double step = 10.0,
                                 double sample_rate = 8000.0) {
    double best = low;
    double best_power = -1.0;
    for (double f = low; f <= high; f += step) {
        const double power = goertzel_power(samples, f, sample_rate);
        if (power > best_power) {
            best_power = power;
            best = f;
        }
    }
    return best;
}

/// Mean power (mean square, full scale = 1).
inline double mean_power(std::span<const std::int16_t> samples) {
    if (samples.empty()) {
        return 0.0;
    }
    double sum = 0.0;
    for (const std::int16_t sample : samples) {
        const double x = sample / 32768.0;
        sum += x * x;
    }
    return sum / static_cast<double>(samples.size());
}

}  // namespace markaz::media::test
