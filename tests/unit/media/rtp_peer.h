#pragma once

// A UDP socket on 127.0.0.1 playing the far end of a call, for the media tests.

#include <arpa/inet.h>
#include <array>
#include <cstdint>
#include <netinet/in.h>
#include <optional>
#include <span>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>
#include <vector>

#include "media/g711.h"
#include "media/rtp_packet.h"

namespace markaz::media {

/// A UDP socket on 127.0.0.1 playing the far end of a call.
class Peer {
public:
    /// On 127.0.0.1, or on another loopback host (`host`, e.g. "127.0.0.2": a stranger).
    explicit Peer(const char* host = "127.0.0.1") : fd_(socket(AF_INET, SOCK_DGRAM, 0)) {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        inet_pton(AF_INET, host, &addr.sin_addr);
        bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        socklen_t length = sizeof addr;
        getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &length);
        port_ = ntohs(addr.sin_port);
        timeval timeout{0, 200'000};
        setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    }
    ~Peer() { close(fd_); }
    std::uint16_t port() const { return port_; }

    /// One 20 ms PCMU packet of a constant sample value.
    void send_frame(std::uint16_t to, std::uint16_t seq, std::int16_t value) {
        std::array<std::int16_t, 160> pcm;
        pcm.fill(value);
        send_pcm(to, seq, pcm);
    }
    /// One PCMU packet of the given samples (160: 20 ms; 240: 30 ms), its timestamp
    /// `timestamp` (by default the sequence number's 20 ms frame).
    void send_pcm(std::uint16_t to, std::uint16_t seq, std::span<const std::int16_t> pcm,
                  std::optional<std::uint32_t> timestamp = std::nullopt) {
        std::array<std::uint8_t, 480> payload{};
        ulaw_encode(pcm, payload);
        std::array<std::uint8_t, 520> datagram{};
        std::size_t n = write_rtp(RtpHeader{false, 0, seq, timestamp.value_or(seq * 160u), 0x1234},
                                  std::span(payload.data(), pcm.size()), datagram);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(to);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        sendto(fd_, datagram.data(), n, 0, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    }
    /// The next RTP packet received (header and payload); nullopt after 200 ms.
    /// With `wait` false, nullopt at once when nothing is there.
    std::optional<std::pair<RtpHeader, std::vector<std::uint8_t>>> receive_packet(
        bool wait = true) {
        std::array<std::uint8_t, 1500> buffer;
        ssize_t n = recv(fd_, buffer.data(), buffer.size(), wait ? 0 : MSG_DONTWAIT);
        if (n <= 0) {
            return std::nullopt;
        }
        auto packet = parse_rtp(std::span(buffer.data(), static_cast<std::size_t>(n)));
        if (!packet) {
            return std::nullopt;
        }
        return std::pair{packet->header,
                         std::vector<std::uint8_t>(packet->payload.begin(), packet->payload.end())};
    }
    /// The first sample of the next RTP packet received; nullopt after 200 ms (with `wait`
    /// false, at once when nothing is there).
    std::optional<std::int16_t> receive_sample(bool wait = true) {
        std::array<std::uint8_t, 1500> buffer;
        ssize_t n = recv(fd_, buffer.data(), buffer.size(), wait ? 0 : MSG_DONTWAIT);
        if (n <= 0) {
            return std::nullopt;
        }
        auto packet = parse_rtp(std::span(buffer.data(), static_cast<std::size_t>(n)));
        if (!packet || packet->payload.empty()) {
            return std::nullopt;
        }
        return ulaw_decode(packet->payload[0]);
    }

private:
    int fd_;
    std::uint16_t port_ = 0;
};

}  // namespace markaz::media
