#pragma once

#include <cstdint>
#include <random>

namespace markaz::acd {

/// The router's own random source, seeded by the shell, so that the random strategies are
/// reproducible: the same seed and commands give the same offers.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}

    /// Uniform in [0, bound); bound must be positive.
    std::uint64_t below(std::uint64_t bound) {
        return std::uniform_int_distribution<std::uint64_t>(0, bound - 1)(engine_);
    }
    /// Uniform in [0, 1).
    double unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_); }

private:
    std::mt19937_64 engine_;
};

}  // namespace markaz::acd
