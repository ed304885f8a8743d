#pragma once

#include <cstdint>
#include <netinet/in.h>

namespace markaz::integration {

/// Ports for test peers on 127.0.0.1, chosen by the kernel (bind to port 0) at run time.
/// A port is handed out at most once per test process, so two phones started one after the
/// other never get the same port before either has bound it. Throws std::runtime_error when
/// no port is found in 200 tries.

/// The RTP range of every test server (MarkazServer) and of the load generator's calls. The
/// kernel's ephemeral ports (32768-60999) overlap them, so the functions below never hand
/// out a port in them: another test running at the same time may bind it for RTP.
inline constexpr std::uint16_t kServerRtpPortMin = 40000;
inline constexpr std::uint16_t kServerRtpPortMax = 40999;
inline constexpr std::uint16_t kLoadgenRtpPortMin = 42000;
inline constexpr std::uint16_t kLoadgenRtpPortMax = 42099;

/// 127.0.0.1:`port` as a socket address.
sockaddr_in loopback(std::uint16_t port);

/// A port free for TCP.
std::uint16_t free_tcp_port();

/// A port P where UDP P and TCP P are free, and TCP P+1 too: baresip listens for SIP on UDP
/// and TCP at P and for SIP over TLS at P+1, even without a certificate.
std::uint16_t free_sip_port();

/// A port free for UDP.
std::uint16_t free_udp_port();

/// True when some process has a UDP socket bound to `port` (any address), from /proc/net/udp.
bool udp_port_bound(std::uint16_t port);

/// True when some process listens on TCP `port` (any address), from /proc/net/tcp.
bool tcp_port_listening(std::uint16_t port);

}  // namespace markaz::integration
