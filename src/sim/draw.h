#pragma once

#include <random>

#include "common/time.h"
#include "sim/scenario.h"

namespace markaz::sim {

/// An exponential duration with the given mean, to the millisecond.
Duration draw_exponential(std::mt19937_64& rng, Duration mean);

/// One duration from `distribution`. Lognormal takes the mean and standard deviation of the
/// duration itself (not of its logarithm), as handle-time reports state them.
Duration draw(std::mt19937_64& rng, const DurationDistribution& distribution);

}  // namespace markaz::sim
