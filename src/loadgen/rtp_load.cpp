#include "loadgen/rtp_load.h"

#include <arpa/inet.h>
#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <thread>
#include <time.h>
#include <unistd.h>
#include <unordered_map>

#include "loadgen/frame_stamp.h"
#include "media/g711.h"
#include "media/rtp_packet.h"

namespace markaz::loadgen {

namespace {

constexpr std::int64_t kTickNs = 20'000'000;
constexpr std::int64_t kLateNs = 5'000'000;
constexpr std::size_t kPayloadBytes = 160;
constexpr std::size_t kPacketBytes = media::kRtpHeaderBytes + kPayloadBytes;
constexpr std::size_t kBatch = 64;
constexpr int kSocketBuffer = 8 << 20;

std::int64_t monotonic_ns() {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return std::int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec;
}

/// Source address and port as one key: every Markaz channel sends from its own port.
std::uint64_t source_key(const sockaddr_in& from) {
    return (std::uint64_t{from.sin_addr.s_addr} << 16) | ntohs(from.sin_port);
}

/// 20 ms of a 400 Hz tone in μ-law: exactly eight cycles, so frames join without a click.
std::array<std::uint8_t, kPayloadBytes> tone_frame() {
    std::array<std::uint8_t, kPayloadBytes> out{};
    for (std::size_t i = 0; i < out.size(); ++i) {
        double s = 8000.0 * std::sin(2.0 * M_PI * 400.0 * static_cast<double>(i) / 8000.0);
        out[i] = media::ulaw_encode(static_cast<std::int16_t>(s));
    }
    return out;
}

/// A socket as big-buffered as the system allows: at thousands of legs a few sockets carry
/// hundreds of thousands of packets a second.
void grow_buffers(int fd) {
    int size = kSocketBuffer;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0) {
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    }
    if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size) != 0) {
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    }
}

struct Leg {
    LegMedia media;
    sockaddr_in to{};
    std::size_t socket = 0;
    std::uint16_t seq = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
    std::uint32_t frame = 0;
    std::uint64_t sent = 0;
    StreamStats received;
};

struct Change {
    bool add = false;
    LegMedia media;
};

}  // namespace

struct RtpLoad::Impl {
    Settings settings;
    std::vector<int> sockets;
    int epoll = -1;
    std::thread thread;
    std::atomic<bool> stop{false};

    std::mutex mutex;  // guards changes
    std::vector<Change> changes;

    // The thread's own state.
    std::unordered_map<std::uint64_t, Leg> legs;
    std::unordered_map<std::uint64_t, std::uint64_t> leg_of_source;
    std::array<std::uint8_t, kPayloadBytes> tone = tone_frame();
    MediaTotals totals;
    /// recvmmsg's buffers, kept across calls (too big to clear on every drain).
    struct ReceiveBatch {
        std::array<std::array<std::uint8_t, 1500>, kBatch> buffers;
        std::array<sockaddr_in, kBatch> from;
        std::array<iovec, kBatch> iov;
        std::array<std::array<char, CMSG_SPACE(sizeof(timespec))>, kBatch> control;
        std::array<mmsghdr, kBatch> messages;
    };
    std::unique_ptr<ReceiveBatch> receiving = std::make_unique<ReceiveBatch>();

    ~Impl() {
        for (int fd : sockets) {
            ::close(fd);
        }
        if (epoll >= 0) {
            ::close(epoll);
        }
    }

    std::size_t socket_of(std::uint64_t leg) const { return leg % sockets.size(); }

    void run() {
        std::int64_t next_tick = monotonic_ns();
        std::array<epoll_event, 64> ready{};
        while (!stop) {
            std::int64_t now = monotonic_ns();
            if (now >= next_tick) {
                ++totals.ticks;
                if (now - next_tick > kLateNs) {
                    ++totals.late_ticks;
                }
                apply_changes();
                send_all();
                next_tick += kTickNs;
                if (now - next_tick > 10 * kTickNs) {
                    next_tick = now;  // far behind: do not burst to catch up
                }
            }
            int timeout_ms =
                static_cast<int>(std::max<std::int64_t>(0, next_tick - now) / 1'000'000);
            int n = epoll_wait(epoll, ready.data(), static_cast<int>(ready.size()), timeout_ms);
            for (int i = 0; i < n; ++i) {
                drain(ready[static_cast<std::size_t>(i)].data.fd);
            }
        }
        apply_changes();
        for (auto& [id, leg] : legs) {
            fold(leg);
        }
        legs.clear();
    }

    void apply_changes() {
        std::vector<Change> taken;
        {
            std::lock_guard lock{mutex};
            taken.swap(changes);
        }
        for (Change& c : taken) {
            if (c.add) {
                Leg leg;
                leg.to.sin_family = AF_INET;
                leg.to.sin_port = htons(c.media.remote_port);
                inet_pton(AF_INET, c.media.remote_address.c_str(), &leg.to.sin_addr);
                leg.socket = socket_of(c.media.leg);
                leg.ssrc = static_cast<std::uint32_t>(c.media.leg * 2654435761u);
                leg.seq = static_cast<std::uint16_t>(leg.ssrc);
                leg.timestamp = leg.ssrc ^ 0x5bd1e995u;
                leg_of_source[source_key(leg.to)] = c.media.leg;
                std::uint64_t id = c.media.leg;
                leg.media = std::move(c.media);
                legs.insert_or_assign(id, std::move(leg));
            } else if (auto it = legs.find(c.media.leg); it != legs.end()) {
                // Markaz may already have given this port to a new call's leg.
                if (auto s = leg_of_source.find(source_key(it->second.to));
                    s != leg_of_source.end() && s->second == c.media.leg) {
                    leg_of_source.erase(s);
                }
                fold(it->second);
                legs.erase(it);
            }
        }
    }

    void fold(const Leg& leg) {
        StreamFigures f = leg.received.figures();
        ++totals.legs;
        totals.packets_sent += leg.sent;
        totals.packets_received += f.packets;
        totals.frames_expected += f.frames_expected;
        totals.frames_received += f.frames_received;
        if (f.packets > 1) {
            totals.jitter_ms.push_back(f.jitter_ms);
        }
    }

    /// One packet per leg, batched per socket.
    void send_all() {
        std::vector<std::vector<Leg*>> by_socket(sockets.size());
        for (auto& [id, leg] : legs) {
            by_socket[leg.socket].push_back(&leg);
        }
        std::array<std::array<std::uint8_t, kPacketBytes>, kBatch> packets{};
        std::array<iovec, kBatch> iov{};
        std::array<mmsghdr, kBatch> messages{};
        for (std::size_t s = 0; s < sockets.size(); ++s) {
            const auto& list = by_socket[s];
            for (std::size_t start = 0; start < list.size(); start += kBatch) {
                std::size_t count = std::min(kBatch, list.size() - start);
                for (std::size_t i = 0; i < count; ++i) {
                    Leg& leg = *list[start + i];
                    std::array<std::uint8_t, kPayloadBytes> payload = tone;
                    stamp_frame(leg.frame++, payload);
                    media::RtpHeader header{false, leg.media.payload_type, leg.seq++, leg.timestamp,
                                            leg.ssrc};
                    leg.timestamp += kPayloadBytes;
                    std::size_t length = media::write_rtp(header, payload, packets[i]);
                    iov[i] = iovec{packets[i].data(), length};
                    messages[i] = mmsghdr{};
                    messages[i].msg_hdr.msg_name = &leg.to;
                    messages[i].msg_hdr.msg_namelen = sizeof leg.to;
                    messages[i].msg_hdr.msg_iov = &iov[i];
                    messages[i].msg_hdr.msg_iovlen = 1;
                    ++leg.sent;
                }
                sendmmsg(sockets[s], messages.data(), static_cast<unsigned>(count), 0);
            }
        }
    }

    /// Everything queued on one socket, each packet with its kernel arrival time.
    void drain(int fd) {
        auto& [buffers, from, iov, control, messages] = *receiving;
        for (;;) {
            for (std::size_t i = 0; i < kBatch; ++i) {
                iov[i] = iovec{buffers[i].data(), buffers[i].size()};
                messages[i] = mmsghdr{};
                messages[i].msg_hdr.msg_name = &from[i];
                messages[i].msg_hdr.msg_namelen = sizeof from[i];
                messages[i].msg_hdr.msg_iov = &iov[i];
                messages[i].msg_hdr.msg_iovlen = 1;
                messages[i].msg_hdr.msg_control = control[i].data();
                messages[i].msg_hdr.msg_controllen = control[i].size();
            }
            int n = recvmmsg(fd, messages.data(), kBatch, MSG_DONTWAIT, nullptr);
            if (n <= 0) {
                return;
            }
            for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) {
                take(std::span(buffers[i].data(), messages[i].msg_len), from[i],
                     arrival_ns(messages[i].msg_hdr));
            }
            if (static_cast<std::size_t>(n) < kBatch) {
                return;
            }
        }
    }

    static std::int64_t arrival_ns(msghdr& header) {
        for (cmsghdr* c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(&header, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                timespec t{};
                std::memcpy(&t, CMSG_DATA(c), sizeof t);
                return std::int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec;
            }
        }
        timespec t{};
        clock_gettime(CLOCK_REALTIME, &t);
        return std::int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec;
    }

    void take(std::span<const std::uint8_t> datagram, const sockaddr_in& from,
              std::int64_t arrival) {
        auto source = leg_of_source.find(source_key(from));
        if (source == leg_of_source.end()) {
            return;  // a leg already finished, or not started yet
        }
        media::RtpPacket packet;
        if (media::parse_rtp(datagram, packet) != media::RtpError::None) {
            return;
        }
        Leg& leg = legs.at(source->second);
        leg.received.on_packet(arrival, packet.header.ssrc, packet.header.timestamp,
                               read_stamp(packet.payload));
    }
};

Result<std::unique_ptr<RtpLoad>> RtpLoad::start(const Settings& settings) {
    if (settings.sockets < 1) {
        return fail(Errc::InvalidArgument, "loadgen: at least one RTP socket is needed");
    }
    auto impl = std::make_unique<Impl>();
    impl->settings = settings;
    impl->epoll = epoll_create1(EPOLL_CLOEXEC);
    for (int i = 0; i < settings.sockets; ++i) {
        int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(settings.first_port + 2 * i));
        inet_pton(AF_INET, settings.address.c_str(), &addr.sin_addr);
        if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            if (fd >= 0) {
                ::close(fd);
            }
            return fail(Errc::Unavailable, "loadgen: cannot bind RTP port " + settings.address +
                                               ":" + std::to_string(ntohs(addr.sin_port)));
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
        grow_buffers(fd);
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = fd;
        epoll_ctl(impl->epoll, EPOLL_CTL_ADD, fd, &event);
        impl->sockets.push_back(fd);
    }
    Impl* self = impl.get();
    impl->thread = std::thread([self] { self->run(); });
    return std::unique_ptr<RtpLoad>(new RtpLoad(std::move(impl)));
}

RtpLoad::RtpLoad(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

RtpLoad::~RtpLoad() {
    if (impl_->thread.joinable()) {
        impl_->stop = true;
        impl_->thread.join();
    }
}

std::uint16_t RtpLoad::port_for(std::uint64_t leg) const {
    return static_cast<std::uint16_t>(impl_->settings.first_port + 2 * impl_->socket_of(leg));
}

void RtpLoad::add(LegMedia leg) {
    std::lock_guard lock{impl_->mutex};
    impl_->changes.push_back(Change{true, std::move(leg)});
}

void RtpLoad::remove(std::uint64_t leg) {
    std::lock_guard lock{impl_->mutex};
    impl_->changes.push_back(Change{false, LegMedia{leg, {}, 0, 0}});
}

MediaTotals RtpLoad::finish() {
    if (impl_->thread.joinable()) {
        impl_->stop = true;
        impl_->thread.join();
    }
    return impl_->totals;
}

}  // namespace markaz::loadgen
