#include "support/ports.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <netinet/in.h>
#include <set>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace markaz::integration {
namespace {

constexpr int kMaxTries = 200;

std::mutex g_mutex;
std::set<std::uint16_t> g_handed_out;

/// Binds a socket of `type` to 127.0.0.1:port (0: any) and returns the bound port, or 0 when
/// the port is taken. SO_REUSEADDR as baresip and sofia-sip set it, so TIME_WAIT is no clash.
std::uint16_t try_bind(int type, std::uint16_t port) {
    const int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        throw std::runtime_error(std::string{"socket: "} + strerror(errno));
    }
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address = loopback(port);
    std::uint16_t bound = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
        socklen_t length = sizeof address;
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
            bound = ntohs(address.sin_port);
        }
    }
    close(fd);
    return bound;
}

bool reserved_for_rtp(std::uint16_t port) {
    return (port >= kServerRtpPortMin && port <= kServerRtpPortMax) ||
           (port >= kLoadgenRtpPortMin && port <= kLoadgenRtpPortMax);
}

template <class Accept>
std::uint16_t pick(int first_type, const char* what, Accept accept) {
    std::lock_guard lock{g_mutex};
    for (int attempt = 0; attempt < kMaxTries; ++attempt) {
        const std::uint16_t port = try_bind(first_type, 0);
        if (port == 0 || reserved_for_rtp(port) || g_handed_out.contains(port) || !accept(port)) {
            continue;
        }
        g_handed_out.insert(port);
        return port;
    }
    throw std::runtime_error(std::string{"no free "} + what + " port on 127.0.0.1 after " +
                             std::to_string(kMaxTries) + " tries");
}

/// Scans /proc/net/{udp,tcp}: "sl local_address rem_address st ...", local_address being
/// "0100007F:13C4" (hex address:port) and st "0A" for a listening TCP socket.
bool proc_net_has(const char* table, std::uint16_t port, const char* state) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        char local[64] = {};
        char remote[64] = {};
        char st[8] = {};
        if (std::sscanf(line.c_str(), " %*[^:]: %63s %63s %7s", local, remote, st) != 3) {
            continue;
        }
        const char* colon = std::strrchr(local, ':');
        if (colon == nullptr || std::strtoul(colon + 1, nullptr, 16) != port) {
            continue;
        }
        if (state == nullptr || std::strcmp(st, state) == 0) {
            return true;
        }
    }
    return false;
}

}  // namespace

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

bool udp_port_bound(std::uint16_t port) {
    return proc_net_has("/proc/net/udp", port, nullptr) ||
           proc_net_has("/proc/net/udp6", port, nullptr);
}

bool tcp_port_listening(std::uint16_t port) {
    return proc_net_has("/proc/net/tcp", port, "0A") || proc_net_has("/proc/net/tcp6", port, "0A");
}

std::uint16_t free_tcp_port() {
    return pick(SOCK_STREAM, "TCP", [](std::uint16_t) { return true; });
}

std::uint16_t free_udp_port() {
    return pick(SOCK_DGRAM, "UDP", [](std::uint16_t) { return true; });
}

std::uint16_t free_sip_port() {
    const std::uint16_t port = pick(SOCK_DGRAM, "SIP", [](std::uint16_t candidate) {
        if (candidate >= 65535 || reserved_for_rtp(static_cast<std::uint16_t>(candidate + 1)) ||
            g_handed_out.contains(static_cast<std::uint16_t>(candidate + 1))) {
            return false;
        }
        return try_bind(SOCK_STREAM, candidate) == candidate &&
               try_bind(SOCK_STREAM, static_cast<std::uint16_t>(candidate + 1)) == candidate + 1;
    });
    std::lock_guard lock{g_mutex};
    g_handed_out.insert(static_cast<std::uint16_t>(port + 1));
    return port;
}

}  // namespace markaz::integration
