#include "support/udp_exchange.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "support/ports.h"

namespace markaz::integration {

std::string udp_exchange(std::uint16_t port, const std::string& bytes,
                         std::chrono::microseconds wait) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    timeval timeout{static_cast<time_t>(wait.count() / 1'000'000),
                    static_cast<suseconds_t>(wait.count() % 1'000'000)};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in to = loopback(port);
    sendto(s, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    std::string reply(65536, '\0');
    ssize_t n = recv(s, reply.data(), reply.size(), 0);
    close(s);
    reply.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return reply;
}

void tcp_send(std::uint16_t port, const std::string& bytes) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in to = loopback(port);
    if (connect(s, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0) {
        (void)!write(s, bytes.data(), bytes.size());
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    close(s);
}

}  // namespace markaz::integration
