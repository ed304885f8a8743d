#pragma once

#include <array>
#include <cstdint>
#include <netinet/in.h>
#include <span>
#include <string>

#include "common/result.h"

namespace markaz::media {

/// One received datagram in a worker's batch buffer.
struct Datagram {
    std::span<const std::uint8_t> bytes;
    sockaddr_in from{};
};

/// The RTP and RTCP sockets of one channel, non-blocking, bound to an even port and the one
/// above it. Batched I/O: one recvmmsg drains every queued packet, one sendmmsg sends a tick's
/// packets (media and DTMF events). RTCP is read and dropped for now (drain_control): the
/// port is bound so that peers' reports do not bounce as ICMP errors. Thread: the owning
/// media worker.
class RtpSocket {
public:
    static constexpr std::size_t kBatch = 16;
    static constexpr std::size_t kMaxDatagram = 1500;

    static Result<RtpSocket> open(const std::string& address, std::uint16_t port);
    RtpSocket(RtpSocket&& other) noexcept;
    RtpSocket& operator=(RtpSocket&& other) noexcept;
    RtpSocket(const RtpSocket&) = delete;
    RtpSocket& operator=(const RtpSocket&) = delete;
    ~RtpSocket();

    std::uint16_t port() const { return port_; }

    /// Every RTP datagram queued now (at most kBatch), into this socket's own buffers; the
    /// spans stay valid until the next receive().
    std::span<const Datagram> receive();
    /// Reads and drops the RTCP queued. Reports come every few seconds, so workers call this
    /// about once a second rather than on every tick (a system call saved per channel).
    void drain_control();

    /// Sends `packets` to `to` in one system call; returns how many went out.
    int send(std::span<const std::span<const std::uint8_t>> packets, const sockaddr_in& to);

private:
    RtpSocket(int rtp, int rtcp, std::uint16_t port);
    void close_all();

    int rtp_ = -1;
    int rtcp_ = -1;
    std::uint16_t port_ = 0;
    using Buffers = std::array<std::array<std::uint8_t, kMaxDatagram>, kBatch>;
    struct ReceiveBatch;
    Buffers buffers_{};
    std::array<Datagram, kBatch> received_{};
};

}  // namespace markaz::media
