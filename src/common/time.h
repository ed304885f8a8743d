#pragma once

#include <chrono>
#include <ctime>
#include <string>

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

/// `at` in UTC as strftime's `format` says, e.g. "%Y-%m-%dT%H:%M:%SZ" (whole seconds).
inline std::string utc_text(WallTime at, const char* format) {
    std::time_t seconds =
        std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    std::size_t n = std::strftime(text, sizeof text, format, &utc);
    return std::string(text, n);
}

/// Seconds as a double, for figures people read (ASA, AHT).
inline double seconds(Duration d) {
    return std::chrono::duration<double>(d).count();
}

}  // namespace markaz
