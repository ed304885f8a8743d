#pragma once

#include <cstdint>
#include <optional>

namespace markaz::loadgen {

/// A process's CPU time and resident memory at one moment, read from /proc.
struct ProcessSample {
    double cpu_seconds = 0;   ///< user + system time so far
    double wall_seconds = 0;  ///< CLOCK_MONOTONIC when sampled
    std::uint64_t rss_bytes = 0;
};

/// Samples process `pid`; nullopt when it does not exist (or /proc is not readable).
std::optional<ProcessSample> sample_process(int pid);

/// Share of one core used between two samples: 1.0 = one core fully busy.
double cores_used(const ProcessSample& from, const ProcessSample& to);

}  // namespace markaz::loadgen
