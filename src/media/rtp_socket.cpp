#include "media/rtp_socket.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace markaz::media {

namespace {

int bound_socket(const sockaddr_in& addr) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s < 0) {
        return -1;
    }
    if (bind(s, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        close(s);
        return -1;
    }
    return s;
}

}  // namespace

Result<RtpSocket> RtpSocket::open(const std::string& address, std::uint16_t port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    if (inet_pton(AF_INET, address.c_str(), &addr.sin_addr) != 1) {
        return fail(Errc::InvalidArgument, "media: not an IPv4 address: '" + address + "'");
    }
    addr.sin_port = htons(port);
    int rtp = bound_socket(addr);
    if (rtp < 0) {
        return fail(Errc::Unavailable, "media: cannot bind RTP " + address + ":" +
                                           std::to_string(port) + ": " + std::strerror(errno));
    }
    addr.sin_port = htons(static_cast<std::uint16_t>(port + 1));
    int rtcp = bound_socket(addr);
    if (rtcp < 0) {
        close(rtp);
        return fail(Errc::Unavailable, "media: cannot bind RTCP " + address + ":" +
                                           std::to_string(port + 1) + ": " + std::strerror(errno));
    }
    return RtpSocket(rtp, rtcp, port);
}

RtpSocket::RtpSocket(int rtp, int rtcp, std::uint16_t port) : rtp_(rtp), rtcp_(rtcp), port_(port) {}

RtpSocket::RtpSocket(RtpSocket&& other) noexcept
    : rtp_(other.rtp_), rtcp_(other.rtcp_), port_(other.port_) {
    other.rtp_ = other.rtcp_ = -1;
}

RtpSocket& RtpSocket::operator=(RtpSocket&& other) noexcept {
    if (this != &other) {
        close_all();
        rtp_ = other.rtp_;
        rtcp_ = other.rtcp_;
        port_ = other.port_;
        other.rtp_ = other.rtcp_ = -1;
    }
    return *this;
}

RtpSocket::~RtpSocket() {
    close_all();
}

void RtpSocket::close_all() {
    if (rtp_ >= 0) {
        close(rtp_);
    }
    if (rtcp_ >= 0) {
        close(rtcp_);
    }
    rtp_ = rtcp_ = -1;
}

/// recvmmsg's headers for the socket's buffers (and, when given, a source address each).
struct RtpSocket::ReceiveBatch {
    std::array<mmsghdr, kBatch> headers{};
    std::array<iovec, kBatch> vectors{};
    std::array<sockaddr_in, kBatch> sources{};

    ReceiveBatch(Buffers& buffers, bool with_sources) {
        for (std::size_t i = 0; i < kBatch; ++i) {
            vectors[i] = {buffers[i].data(), buffers[i].size()};
            headers[i].msg_hdr.msg_iov = &vectors[i];
            headers[i].msg_hdr.msg_iovlen = 1;
            if (with_sources) {
                headers[i].msg_hdr.msg_name = &sources[i];
                headers[i].msg_hdr.msg_namelen = sizeof(sockaddr_in);
            }
        }
    }
    int receive(int fd) {
        return recvmmsg(fd, headers.data(), static_cast<unsigned>(kBatch), MSG_DONTWAIT, nullptr);
    }
};

std::span<const Datagram> RtpSocket::receive() {
    ReceiveBatch batch{buffers_, true};
    int n = batch.receive(rtp_);
    if (n <= 0) {
        return {};
    }
    for (int i = 0; i < n; ++i) {
        auto k = static_cast<std::size_t>(i);
        received_[k] =
            Datagram{std::span<const std::uint8_t>(buffers_[k].data(), batch.headers[k].msg_len),
                     batch.sources[k]};
    }
    return std::span<const Datagram>(received_.data(), static_cast<std::size_t>(n));
}

void RtpSocket::drain_control() {
    ReceiveBatch batch{buffers_, false};
    while (batch.receive(rtcp_) == static_cast<int>(kBatch)) {
    }
}

int RtpSocket::send(std::span<const std::span<const std::uint8_t>> packets, const sockaddr_in& to) {
    std::array<mmsghdr, kBatch> headers{};
    std::array<iovec, kBatch> vectors{};
    std::size_t count = std::min(packets.size(), kBatch);
    sockaddr_in target = to;
    for (std::size_t i = 0; i < count; ++i) {
        vectors[i] = {const_cast<std::uint8_t*>(packets[i].data()), packets[i].size()};
        headers[i].msg_hdr.msg_iov = &vectors[i];
        headers[i].msg_hdr.msg_iovlen = 1;
        headers[i].msg_hdr.msg_name = &target;
        headers[i].msg_hdr.msg_namelen = sizeof target;
    }
    return sendmmsg(rtp_, headers.data(), static_cast<unsigned>(count), MSG_DONTWAIT);
}

}  // namespace markaz::media
