#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace markaz::integration {

/// Sends `bytes` as one UDP datagram to 127.0.0.1:`port` from a fresh socket and returns the
/// first datagram that comes back within `wait` ("" if none). Raw SIP for tests that need a
/// request no ready-made client sends (a SHA-256 answer, garbage, torture messages).
std::string udp_exchange(std::uint16_t port, const std::string& bytes,
                         std::chrono::microseconds wait = std::chrono::seconds{2});

/// Writes `bytes` on a fresh TCP connection to 127.0.0.1:`port` and closes it.
void tcp_send(std::uint16_t port, const std::string& bytes);

}  // namespace markaz::integration
