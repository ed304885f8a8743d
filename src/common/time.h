#pragma once

#include <chrono>

namespace markaz {

using Duration = std::chrono::milliseconds;
using SteadyTime = std::chrono::time_point<std::chrono::steady_clock, Duration>;
using WallTime = std::chrono::sys_time<Duration>;

/// The instant a command is applied. `mono` drives every interval (waits, timeouts, wrap-up);
/// `wall` only stamps events for people (reports, "today", Jalali dates).
struct Now {
    SteadyTime mono;
    WallTime wall;

    /// The same instant moved by `d` on both clocks (simulator and test clocks).
    Now operator+(Duration d) const { return {mono + d, wall + d}; }
};

/// Seconds as a double, for figures people read (ASA, AHT).
inline double seconds(Duration d) {
    return std::chrono::duration<double>(d).count();
}

}  // namespace markaz
