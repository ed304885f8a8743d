// A media worker stepped tick by tick, with no thread and no sleep: real sockets on
// 127.0.0.1, peers that send between ticks, and what each peer gets back after each tick.

#include "media/media_worker.h"

#include <cstdlib>

#include <gtest/gtest.h>

#include "unit/media/rtp_peer.h"
#include "unit/media/test_files.h"

namespace markaz::media {
namespace {

using namespace std::chrono_literals;

/// A worker with a call: channels `a` and `b` in a room, each sending to its own peer.
struct WorkerCall {
    explicit WorkerCall(std::uint32_t b_ptime_ms = 20) : ports(43000, 43999) {
        settings.address = "127.0.0.1";
        worker = std::make_unique<MediaWorker>(ports, settings, sink, 7);
        for (auto [id, peer, ptime] : {std::tuple{a, &peer_a, 20u}, {b, &peer_b, b_ptime_ms}}) {
            auto port = ports.acquire();
            auto socket = RtpSocket::open("127.0.0.1", *port);
            EXPECT_TRUE(socket) << socket.error().message;
            channel_ports.push_back(*port);
            worker->adopt(id, std::move(*socket));
            RemoteMedia remote{"127.0.0.1", peer->port(), CodecKind::Pcmu, 0, std::nullopt, true,
                               true,        ptime};
            worker->post(cmd::SetRemote{id, remote});
        }
        worker->post(cmd::Bridge{a, b, std::nullopt});
        tick();  // the channels, their remotes and the bridge are taken in
    }
    void tick() {
        now += 20ms;
        worker->tick(now);
    }

    MediaSettings settings;
    PortPool ports;
    MediaEngine::EventSink sink = [](const MediaEvent&) {};
    std::unique_ptr<MediaWorker> worker;
    ChannelId a{1};
    ChannelId b{2};
    Peer peer_a;
    Peer peer_b;
    std::vector<std::uint16_t> channel_ports;
    SteadyTime now{std::chrono::hours{1}};
};

/// The samples of the packets `peer` has waiting now, at most `packets`.
std::vector<std::vector<std::int16_t>> drain(Peer& peer, int packets) {
    std::vector<std::vector<std::int16_t>> out;
    for (int i = 0; i < packets; ++i) {
        auto packet = peer.receive_packet(false);
        if (!packet) {
            break;
        }
        std::vector<std::int16_t> pcm(packet->second.size());
        ulaw_decode(packet->second, pcm);
        out.push_back(std::move(pcm));
    }
    return out;
}

TEST(MediaWorker, TwoChannelsInARoomHearEachOtherTickByTick) {
    WorkerCall room;
    std::array<std::int16_t, 160> from_a;
    from_a.fill(1000);
    std::array<std::int16_t, 160> from_b;
    from_b.fill(-2000);
    int heard_by_a = 0;
    int heard_by_b = 0;
    for (std::uint16_t seq = 0; seq < 20; ++seq) {
        room.peer_a.send_pcm(room.channel_ports[0], seq, from_a);
        room.peer_b.send_pcm(room.channel_ports[1], seq, from_b);
        room.tick();  // the packets are on the sockets already: loopback does not wait
        for (const auto& pcm : drain(room.peer_a, 1)) {
            ASSERT_EQ(pcm.size(), 160u);
            heard_by_a += std::abs(pcm[0] + 2000) < 100 ? 1 : 0;
        }
        for (const auto& pcm : drain(room.peer_b, 1)) {
            heard_by_b += std::abs(pcm[0] - 1000) < 100 ? 1 : 0;
        }
    }
    // All but the jitter buffer's first few ticks carry the other side.
    EXPECT_GE(heard_by_a, 15);
    EXPECT_GE(heard_by_b, 15);
}

TEST(MediaWorker, APeerAtThirtyMillisecondsHearsAndIsHeardInItsOwnPackets) {
    WorkerCall room{30};
    std::array<std::int16_t, 160> from_a;
    from_a.fill(1000);
    std::array<std::int16_t, 240> from_b;
    from_b.fill(-2000);
    int heard_by_a = 0;
    std::vector<std::size_t> sizes_to_b;
    int heard_by_b = 0;
    std::uint16_t b_seq = 0;
    for (int tick = 0; tick < 30; ++tick) {
        room.peer_a.send_pcm(room.channel_ports[0], static_cast<std::uint16_t>(tick), from_a);
        // b sends a 30 ms packet whenever its clock has 30 ms ready: on 2 ticks of every 3.
        while ((b_seq + 1) * 30 <= (tick + 1) * 20) {
            room.peer_b.send_pcm(room.channel_ports[1], b_seq, from_b, b_seq * 240u);
            ++b_seq;
        }
        room.tick();
        for (const auto& pcm : drain(room.peer_a, 1)) {
            heard_by_a += std::abs(pcm[0] + 2000) < 100 && std::abs(pcm.back() + 2000) < 100;
        }
        for (const auto& pcm : drain(room.peer_b, 2)) {
            sizes_to_b.push_back(pcm.size());
            heard_by_b += std::abs(pcm[0] - 1000) < 100 ? 1 : 0;
        }
    }
    EXPECT_GE(heard_by_a, 22) << "a hears b's 30 ms packets as whole 20 ms frames";
    ASSERT_FALSE(sizes_to_b.empty());
    for (std::size_t size : sizes_to_b) {
        EXPECT_EQ(size, 240u) << "b gets the packet time it asked for";
    }
    EXPECT_GE(sizes_to_b.size(), 18u);  // 30 ticks of 20 ms: 20 packets of 30 ms, less warm-up
    EXPECT_GE(heard_by_b, 15);
}

TEST(MediaWorker, ASupervisorJoinsListeningThenWhispersToTheAgentOnly) {
    WorkerCall room;
    Peer peer_s;
    ChannelId s{3};
    auto port = room.ports.acquire();
    auto socket = RtpSocket::open("127.0.0.1", *port);
    ASSERT_TRUE(socket) << socket.error().message;
    room.worker->adopt(s, std::move(*socket));
    room.worker->post(cmd::SetRemote{s, RemoteMedia{"127.0.0.1", peer_s.port(), CodecKind::Pcmu, 0,
                                                    std::nullopt, true, true, 20}});
    room.worker->post(cmd::Join{room.a, s, {room.a, room.b}, {}});
    std::array<std::int16_t, 160> from_a;
    from_a.fill(1000);
    std::array<std::int16_t, 160> from_b;
    from_b.fill(-2000);
    std::array<std::int16_t, 160> from_s;
    from_s.fill(500);
    /// Ten ticks of everyone talking; the last sample each peer heard.
    auto talk = [&](std::uint16_t& seq) {
        std::array<std::int16_t, 3> last{};
        for (int t = 0; t < 10; ++t, ++seq) {
            room.peer_a.send_pcm(room.channel_ports[0], seq, from_a);
            room.peer_b.send_pcm(room.channel_ports[1], seq, from_b);
            peer_s.send_pcm(*port, seq, from_s);
            room.tick();
            int i = 0;
            for (Peer* p : {&room.peer_a, &room.peer_b, &peer_s}) {
                for (const auto& pcm : drain(*p, 1)) {
                    last[static_cast<std::size_t>(i)] = pcm[0];
                }
                ++i;
            }
        }
        return last;
    };
    std::uint16_t seq = 0;
    auto listening = talk(seq);
    EXPECT_NEAR(listening[0], -2000, 100);  // the caller hears the agent only
    EXPECT_NEAR(listening[1], 1000, 100);   // the agent hears the caller only
    EXPECT_NEAR(listening[2], -1000, 100);  // the supervisor hears both
    room.worker->post(cmd::SetHearing{room.b, s, true});
    auto whispering = talk(seq);
    EXPECT_NEAR(whispering[0], -2000, 100);       // the caller still does not hear them
    EXPECT_NEAR(whispering[1], 1000 + 500, 100);  // the agent hears the supervisor too
    room.worker->post(cmd::Leave{s});
    auto after = talk(seq);
    EXPECT_NEAR(after[1], 1000, 100);  // the supervisor left; the call goes on
    EXPECT_NEAR(after[0], -2000, 100);
}

/// Opens channel `id`, heard by `peer`, on `other` (a worker beside `room`'s) and ticks it
/// in: its port, or nullopt when none could be opened.
std::optional<std::uint16_t> open_on(MediaWorker& other, WorkerCall& room, ChannelId id,
                                     Peer& peer) {
    auto port = room.ports.acquire();
    if (!port) {
        return std::nullopt;
    }
    auto socket = RtpSocket::open("127.0.0.1", *port);
    if (!socket) {
        return std::nullopt;
    }
    other.adopt(id, std::move(*socket));
    other.post(cmd::SetRemote{id, RemoteMedia{"127.0.0.1", peer.port(), CodecKind::Pcmu, 0,
                                              std::nullopt, true, true, 20}});
    other.tick(room.now);
    return port;
}

TEST(MediaWorker, AChannelOfAnotherWorkerIsHandedOverWholeAndJoinsTheRoom) {
    // A supervisor who dialled in: their call's channel was opened on another worker.
    WorkerCall room;
    MediaWorker other(room.ports, room.settings, room.sink, 9);
    Peer peer_s;
    ChannelId s{3};
    const std::optional<std::uint16_t> port = open_on(other, room, s, peer_s);
    ASSERT_TRUE(port);
    ASSERT_EQ(other.size(), 1u);
    other.post(cmd::HandOver{room.worker.get(), cmd::Join{room.a, s, {room.a, room.b}, {room.b}}});
    other.tick(room.now + 20ms);
    EXPECT_EQ(other.size(), 0u) << "gone from the worker it was opened on";
    std::array<std::int16_t, 160> from_a;
    from_a.fill(1000);
    std::array<std::int16_t, 160> from_s;
    from_s.fill(500);
    std::int16_t agent_heard = 0;
    std::int16_t supervisor_heard = 0;
    for (std::uint16_t seq = 0; seq < 10; ++seq) {
        room.peer_a.send_pcm(room.channel_ports[0], seq, from_a);
        peer_s.send_pcm(*port, seq, from_s);  // the same socket, now read by the room's worker
        room.tick();
        for (const auto& pcm : drain(room.peer_b, 1)) {
            agent_heard = pcm[0];
        }
        for (const auto& pcm : drain(peer_s, 1)) {
            supervisor_heard = pcm[0];
        }
    }
    EXPECT_EQ(room.worker->size(), 3u);
    EXPECT_NEAR(agent_heard, 1000 + 500, 100) << "the agent hears the caller and the whisper";
    EXPECT_NEAR(supervisor_heard, 1000, 100) << "its remote and codec came with it";
}

TEST(MediaWorker, CommandsForAChannelOnItsWayFromAnotherWorkerWaitForItsArrival) {
    // A colleague's phone handed to the caller's call (an attended transfer from a phone):
    // the engine sends the channel's commands to the room's worker from the moment of the
    // join, while the other worker hands the channel over only at its next tick.
    WorkerCall room;
    MediaWorker other(room.ports, room.settings, room.sink, 9);
    Peer peer_s;
    ChannelId s{3};
    const std::optional<std::uint16_t> port = open_on(other, room, s, peer_s);
    ASSERT_TRUE(port);
    room.worker->post(cmd::Arriving{s});
    room.worker->post(cmd::SetHearing{room.b, s, false});  // the agent will not hear them
    room.tick();  // the room's worker first: the command waits
    other.post(cmd::HandOver{room.worker.get(), cmd::Join{room.a, s, {room.a, room.b}, {}}});
    other.tick(room.now + 20ms);
    room.worker->post(cmd::SetHearing{room.b, s, true});
    room.worker->post(cmd::SetHearing{room.a, s, true});
    std::array<std::int16_t, 160> from_s;
    from_s.fill(500);
    std::array<std::int16_t, 160> from_b;
    from_b.fill(-2000);
    std::int16_t agent_heard = 0;
    std::int16_t caller_heard = 0;
    for (std::uint16_t seq = 0; seq < 10; ++seq) {
        room.peer_b.send_pcm(room.channel_ports[1], seq, from_b);
        peer_s.send_pcm(*port, seq, from_s);
        room.tick();
        for (const auto& pcm : drain(room.peer_b, 1)) {
            agent_heard = pcm[0];
        }
        for (const auto& pcm : drain(room.peer_a, 1)) {
            caller_heard = pcm[0];
        }
    }
    EXPECT_EQ(room.worker->size(), 3u);
    EXPECT_NEAR(caller_heard, -2000 + 500, 100) << "the caller hears the agent and the colleague";
    EXPECT_NEAR(agent_heard, 500, 100) << "the agent hears the colleague, as told after the join";
}

TEST(MediaWorker, ACallerWhoseAgentLeavesARecordedRoomStaysInItForTheNextAgent) {
    // A blind transfer: agent b hangs up, the caller waits, agent c is bridged with them. One
    // recording holds the whole call: b on the right, then silence, then c.
    test::TempDir dir;
    const std::string wav = dir.file("transferred.wav");
    WorkerCall room;
    room.worker->post(cmd::Record{room.a, wav});
    std::array<std::int16_t, 160> from_a;
    from_a.fill(1000);
    std::array<std::int16_t, 160> from_b;
    from_b.fill(-2000);
    std::array<std::int16_t, 160> from_c;
    from_c.fill(3000);
    std::uint16_t seq = 0;
    for (int t = 0; t < 10; ++t, ++seq) {
        room.peer_a.send_pcm(room.channel_ports[0], seq, from_a);
        room.peer_b.send_pcm(room.channel_ports[1], seq, from_b);
        room.tick();
    }
    room.worker->post(cmd::Close{room.b});
    for (int t = 0; t < 10; ++t, ++seq) {  // the caller alone, waiting
        room.peer_a.send_pcm(room.channel_ports[0], seq, from_a);
        room.tick();
    }
    Peer peer_c;
    ChannelId c{3};
    auto port = room.ports.acquire();
    auto socket = RtpSocket::open("127.0.0.1", *port);
    ASSERT_TRUE(socket) << socket.error().message;
    room.worker->adopt(c, std::move(*socket));
    room.worker->post(cmd::SetRemote{c, RemoteMedia{"127.0.0.1", peer_c.port(), CodecKind::Pcmu, 0,
                                                    std::nullopt, true, true, 20}});
    room.worker->post(cmd::Bridge{room.a, c, std::string(dir.file("second.wav"))});
    drain(room.peer_a, 100);
    std::int16_t caller_heard = 0;
    for (int t = 0; t < 10; ++t, ++seq) {
        room.peer_a.send_pcm(room.channel_ports[0], seq, from_a);
        peer_c.send_pcm(*port, seq, from_c);
        room.tick();
        for (const auto& pcm : drain(room.peer_a, 1)) {
            caller_heard = pcm[0];
        }
    }
    EXPECT_NEAR(caller_heard, 3000, 150) << "the caller talks with the next agent";
    room.worker->post(cmd::Close{room.a});
    room.tick();

    const test::SoundFile file = test::read_sound_file(wav);
    ASSERT_TRUE(file.opened);
    ASSERT_EQ(file.info.channels, 2);
    std::vector<std::int16_t> right_levels;  // the right channel at each 20 ms frame's middle
    for (std::size_t frame = 80; frame < static_cast<std::size_t>(file.info.frames); frame += 160) {
        right_levels.push_back(file.at(frame, 1));
    }
    auto heard = [&](std::int16_t level) {
        return std::count_if(right_levels.begin(), right_levels.end(),
                             [&](std::int16_t v) { return std::abs(v - level) < 150; });
    };
    EXPECT_GE(heard(-2000), 5) << "the first agent";
    EXPECT_GE(heard(0), 5) << "nobody while the caller waited";
    EXPECT_GE(heard(3000), 5) << "the second agent, in the same file";
    EXPECT_FALSE(std::filesystem::exists(dir.file("second.wav")));
}

}  // namespace
}  // namespace markaz::media
