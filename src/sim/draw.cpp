#include "sim/draw.h"

#include <cmath>

namespace markaz::sim {

namespace {

Duration from_ms(double ms) {
    return Duration{std::llround(ms)};
}

}  // namespace

Duration draw_exponential(std::mt19937_64& rng, Duration mean) {
    return from_ms(
        std::exponential_distribution<double>{1.0 / static_cast<double>(mean.count())}(rng));
}

Duration draw(std::mt19937_64& rng, const DurationDistribution& distribution) {
    using Kind = DurationDistribution::Kind;
    switch (distribution.kind) {
        case Kind::Constant:
            return distribution.mean;
        case Kind::Exponential:
            return draw_exponential(rng, distribution.mean);
        case Kind::Lognormal: {
            // For mean m and deviation s of X: sigma^2 = ln(1 + s^2/m^2), mu = ln m - sigma^2/2.
            double m = static_cast<double>(distribution.mean.count());
            double s = static_cast<double>(distribution.sd.count());
            double sigma2 = std::log1p((s * s) / (m * m));
            double mu = std::log(m) - sigma2 / 2;
            return from_ms(std::lognormal_distribution<double>{mu, std::sqrt(sigma2)}(rng));
        }
    }
    return distribution.mean;
}

}  // namespace markaz::sim
