// The media engine on real sockets and threads: a UDP peer sends RTP to a channel and reads
// what comes back.

#include "media/media_engine.h"

#include <arpa/inet.h>
#include <atomic>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "media/g711.h"
#include "media/rtp_packet.h"

namespace markaz::media {
namespace {

using namespace std::chrono_literals;

/// A UDP socket on 127.0.0.1 playing the far end of a call.
class Peer {
public:
    Peer() : fd_(socket(AF_INET, SOCK_DGRAM, 0)) {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
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
        std::array<std::uint8_t, 160> payload;
        payload.fill(ulaw_encode(value));
        std::array<std::uint8_t, 200> datagram{};
        std::size_t n = write_rtp(RtpHeader{false, 0, seq, seq * 160u, 0x1234}, payload, datagram);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(to);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        sendto(fd_, datagram.data(), n, 0, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    }
    /// The first sample of the next RTP packet received; nullopt after 200 ms.
    std::optional<std::int16_t> receive_sample() {
        std::array<std::uint8_t, 1500> buffer;
        ssize_t n = recv(fd_, buffer.data(), buffer.size(), 0);
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

MediaSettings settings() {
    MediaSettings s;
    s.port_min = 41000;
    s.port_max = 41999;
    s.workers = 1;
    s.rtp_timeout = 400ms;
    return s;
}

RemoteMedia remote(const Peer& peer, bool receive = true) {
    return RemoteMedia{"127.0.0.1", peer.port(), CodecKind::Pcmu, 0, std::nullopt, true, receive};
}

TEST(MediaEngine, EchoSendsTheCallersAudioBack) {
    auto engine = MediaEngine::start(settings(), nullptr);
    ASSERT_TRUE(engine) << engine.error().message;
    auto channel = (*engine)->open_channel();
    ASSERT_TRUE(channel) << channel.error().message;
    Peer peer;
    (*engine)->set_remote(channel->id, remote(peer));
    (*engine)->echo(channel->id);
    int heard = 0;
    for (std::uint16_t seq = 0; seq < 50; ++seq) {
        peer.send_frame(channel->port, seq, 4000);
        std::this_thread::sleep_for(20ms);
        while (auto sample = peer.receive_sample()) {
            heard += std::abs(*sample - 4000) < 200 ? 1 : 0;
            break;
        }
    }
    EXPECT_GT(heard, 20) << "echoed frames carry the caller's level";
}

TEST(MediaEngine, BridgedChannelsHearEachOther) {
    auto engine = MediaEngine::start(settings(), nullptr);
    ASSERT_TRUE(engine);
    auto a = (*engine)->open_channel();
    auto b = (*engine)->open_channel(a->id);
    ASSERT_TRUE(a && b);
    Peer pa;
    Peer pb;
    (*engine)->set_remote(a->id, remote(pa));
    (*engine)->set_remote(b->id, remote(pb));
    (*engine)->bridge(a->id, b->id, std::nullopt);
    int b_heard_a = 0;
    for (std::uint16_t seq = 0; seq < 50; ++seq) {
        pa.send_frame(a->port, seq, 3000);
        pb.send_frame(b->port, seq, -3000);
        std::this_thread::sleep_for(20ms);
        if (auto sample = pb.receive_sample(); sample && std::abs(*sample - 3000) < 200) {
            ++b_heard_a;
        }
    }
    EXPECT_GT(b_heard_a, 20);
    EXPECT_EQ((*engine)->channels(), 2u);
    (*engine)->close(a->id);
    (*engine)->close(b->id);
    std::this_thread::sleep_for(60ms);
    EXPECT_EQ((*engine)->channels(), 0u);
}

TEST(MediaEngine, SilenceIsADeadStreamUnlessTheSdpSaidSo) {
    std::mutex mutex;
    std::vector<MediaEvent> events;
    auto engine = MediaEngine::start(settings(), [&](const MediaEvent& e) {
        std::lock_guard lock{mutex};
        events.push_back(e);
    });
    ASSERT_TRUE(engine);
    Peer peer;
    auto silent = (*engine)->open_channel();
    auto on_hold = (*engine)->open_channel();
    (*engine)->set_remote(silent->id, remote(peer));
    (*engine)->set_remote(on_hold->id, remote(peer, false));  // inactive: no RTP expected
    std::this_thread::sleep_for(900ms);
    std::lock_guard lock{mutex};
    ASSERT_EQ(events.size(), 1u) << "one report, for the channel that should hear RTP";
    EXPECT_EQ(events[0].kind, MediaEvent::Kind::RtpTimeout);
    EXPECT_EQ(events[0].channel, silent->id);
}

TEST(MediaEngine, AnEmptyPortRangeIsRefused) {
    MediaSettings s = settings();
    s.port_max = s.port_min;
    auto engine = MediaEngine::start(s, nullptr);
    ASSERT_FALSE(engine);
    EXPECT_EQ(engine.error().message, "media.ports: the range is empty");
}

}  // namespace
}  // namespace markaz::media
