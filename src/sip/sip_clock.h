#pragma once

#include <chrono>

#include "common/time.h"

namespace markaz::sip {

/// The SIP layer's clocks: bindings, bans, nonce uses and held handles age on the steady
/// clock; a nonce carries the wall time it was issued at (NonceIssuer, digest.h).
inline SteadyTime steady_now() {
    return std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now());
}

inline WallTime wall_now() {
    return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

}  // namespace markaz::sip
