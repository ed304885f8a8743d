#pragma once

#include <chrono>

#include "common/time.h"

namespace markaz::sip {

/// The SIP layer's clocks: bindings, bans and held handles age on the steady clock; nonces
/// carry the wall time, so that they stay valid across the processes of one server.
inline SteadyTime steady_now() {
    return std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now());
}

inline WallTime wall_now() {
    return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

}  // namespace markaz::sip
