// The media engine on real sockets and threads: a UDP peer sends RTP to a channel and reads
// what comes back.

#include "media/media_engine.h"

#include <arpa/inet.h>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "media/dtmf_detector.h"
#include "media/dtmf_generator.h"
#include "media/g711.h"
#include "media/rtp_packet.h"
#include "media/telephone_event.h"
#include "unit/media/rtp_peer.h"
#include "unit/media/test_files.h"

namespace markaz::media {
namespace {

using namespace std::chrono_literals;

MediaSettings settings() {
    MediaSettings s;
    s.port_min = 41000;
    s.port_max = 41999;
    s.workers = 1;
    s.rtp_timeout = 400ms;
    return s;
}

/// The peer's media, its SIP from 127.0.0.1 too.
RemoteMedia remote(const Peer& peer, bool receive = true) {
    return RemoteMedia{"127.0.0.1", peer.port(), CodecKind::Pcmu, 0, std::nullopt, true,
                       receive,     20,          "127.0.0.1"};
}

/// Collects what the engine reports.
struct Events {
    std::mutex mutex;
    std::vector<MediaEvent> seen;
    MediaEngine::EventSink sink() {
        return [this](const MediaEvent& e) {
            std::lock_guard lock{mutex};
            seen.push_back(e);
        };
    }
    std::string digits() {
        std::lock_guard lock{mutex};
        std::string out;
        for (const auto& e : seen) {
            if (e.kind == MediaEvent::Kind::Dtmf) {
                out += e.digit;
            }
        }
        return out;
    }
};

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

TEST(MediaEngine, AChannelOfAnotherCallsRoomJoinsAndHearsAsToldAtOnce) {
    // An attended transfer from a phone: the colleague's channel leaves its call's room on one
    // worker and joins the caller's on the other; the commands that follow at once (who hears
    // whom, the agent's channel closing) must all take effect.
    MediaSettings two = settings();
    two.workers = 2;
    auto engine = MediaEngine::start(two, nullptr);
    ASSERT_TRUE(engine);
    auto caller = (*engine)->open_channel();
    auto agent = (*engine)->open_channel(caller->id);
    auto phone = (*engine)->open_channel();  // the agent's phone's own call: the other worker
    auto colleague = (*engine)->open_channel(phone->id);
    ASSERT_TRUE(caller && agent && phone && colleague);
    Peer pc;
    Peer pa;
    Peer pp;
    Peer pq;
    for (auto [id, peer] :
         {std::pair{caller->id, &pc}, {agent->id, &pa}, {phone->id, &pp}, {colleague->id, &pq}}) {
        (*engine)->set_remote(id, remote(*peer));
    }
    (*engine)->bridge(caller->id, agent->id, std::nullopt);
    (*engine)->bridge(phone->id, colleague->id, std::nullopt);
    std::this_thread::sleep_for(60ms);
    (*engine)->unbridge(phone->id);
    (*engine)->join(caller->id, colleague->id, {agent->id}, {agent->id});
    (*engine)->set_hearing(caller->id, colleague->id, true);
    (*engine)->set_hearing(colleague->id, caller->id, true);
    (*engine)->close(agent->id);
    int colleague_heard_caller = 0;
    int caller_heard_colleague = 0;
    for (std::uint16_t seq = 0; seq < 50; ++seq) {
        pc.send_frame(caller->port, seq, 3000);
        pq.send_frame(colleague->port, seq, -2000);
        std::this_thread::sleep_for(20ms);
        if (auto sample = pq.receive_sample(false); sample && std::abs(*sample - 3000) < 200) {
            ++colleague_heard_caller;
        }
        if (auto sample = pc.receive_sample(false); sample && std::abs(*sample + 2000) < 200) {
            ++caller_heard_colleague;
        }
    }
    EXPECT_GT(colleague_heard_caller, 20);
    EXPECT_GT(caller_heard_colleague, 20);
}

TEST(MediaEngine, SilenceIsADeadStreamUnlessTheSdpSaidSo) {
    Events events;
    auto engine = MediaEngine::start(settings(), events.sink());
    ASSERT_TRUE(engine);
    Peer peer;
    auto silent = (*engine)->open_channel();
    auto on_hold = (*engine)->open_channel();
    (*engine)->set_remote(silent->id, remote(peer));
    (*engine)->set_remote(on_hold->id, remote(peer, false));  // inactive: no RTP expected
    std::this_thread::sleep_for(900ms);
    std::lock_guard lock{events.mutex};
    ASSERT_EQ(events.seen.size(), 1u) << "one report, for the channel that should hear RTP";
    EXPECT_EQ(events.seen[0].kind, MediaEvent::Kind::RtpTimeout);
    EXPECT_EQ(events.seen[0].channel, silent->id);
}

TEST(MediaEngine, DigitsGoOutAsRfc4733EventsWhenThePeerTakesThem) {
    auto engine = MediaEngine::start(settings(), nullptr);
    ASSERT_TRUE(engine);
    auto channel = (*engine)->open_channel();
    Peer peer;
    RemoteMedia r = remote(peer);
    r.telephone_event = 101;
    (*engine)->set_remote(channel->id, r);
    (*engine)->send_digits(channel->id, "5");
    std::vector<TelephoneEvent> events;
    int markers = 0;
    for (int i = 0; i < 30; ++i) {
        auto packet = peer.receive_packet();
        if (packet && packet->first.payload_type == 101) {
            if (auto event = parse_telephone_event(packet->second)) {
                events.push_back(*event);
                markers += packet->first.marker ? 1 : 0;
            }
        }
        if (!events.empty() && events.back().end) {
            break;
        }
    }
    ASSERT_FALSE(events.empty()) << "no telephone-event packets";
    EXPECT_EQ(events.front().event, 5);
    EXPECT_EQ(markers, 1) << "the first packet of the event carries the marker";
    EXPECT_TRUE(events.back().end) << "the event ends with its end packets";
}

TEST(MediaEngine, DigitsGoOutAsTonesWhenThePeerOfferedNoTelephoneEvent) {
    auto engine = MediaEngine::start(settings(), nullptr);
    ASSERT_TRUE(engine);
    auto channel = (*engine)->open_channel();
    Peer peer;
    (*engine)->set_remote(channel->id, remote(peer));
    (*engine)->send_digits(channel->id, "73");
    DtmfDetector detector;
    std::string heard;
    for (int i = 0; i < 40; ++i) {
        auto packet = peer.receive_packet();
        if (!packet || packet->first.payload_type != 0) {
            continue;
        }
        std::array<std::int16_t, 160> pcm{};
        ulaw_decode(packet->second, pcm);
        detector.process(pcm);
        while (auto digit = detector.pop()) {
            heard += digit->digit;
        }
        if (heard.size() == 2) {
            break;
        }
    }
    EXPECT_EQ(heard, "73");
}

TEST(MediaEngine, TonesInTheAudioArriveAsDigits) {
    Events events;
    auto engine = MediaEngine::start(settings(), events.sink());
    ASSERT_TRUE(engine);
    auto channel = (*engine)->open_channel();
    Peer peer;
    (*engine)->set_remote(channel->id, remote(peer));  // no telephone-event offered
    DtmfGenerator generator;
    generator.queue("19#");
    std::array<std::int16_t, kFrameSamples> frame{};
    for (std::uint16_t seq = 0; seq < 60; ++seq) {
        generator.next_frame(frame);
        peer.send_pcm(channel->port, seq, frame);
        std::this_thread::sleep_for(20ms);
    }
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(events.digits(), "19#");
    std::lock_guard lock{events.mutex};
    for (const auto& e : events.seen) {
        EXPECT_EQ(e.source, DtmfSource::InBand);
    }
}

TEST(MediaEngine, RtpFromAStrangerIsNeitherHeardNorAnswered) {
    auto engine = MediaEngine::start(settings(), nullptr);
    ASSERT_TRUE(engine);
    auto channel = (*engine)->open_channel();
    Peer peer;
    Peer stranger;
    (*engine)->set_remote(channel->id, remote(peer));
    (*engine)->echo(channel->id);
    int peer_heard_itself = 0;
    int peer_heard_stranger = 0;
    for (std::uint16_t seq = 0; seq < 50; ++seq) {
        peer.send_frame(channel->port, seq, 4000);
        // The stranger sends louder and more often, from another port, once the peer's
        // stream has started.
        if (seq > 2) {
            stranger.send_frame(channel->port, static_cast<std::uint16_t>(seq + 1000), 12000);
            stranger.send_frame(channel->port, static_cast<std::uint16_t>(seq + 2000), 12000);
        }
        std::this_thread::sleep_for(20ms);
        if (auto sample = peer.receive_sample()) {
            peer_heard_itself += std::abs(*sample - 4000) < 200 ? 1 : 0;
            peer_heard_stranger += std::abs(*sample - 12000) < 1000 ? 1 : 0;
        }
    }
    EXPECT_GT(peer_heard_itself, 20);
    EXPECT_EQ(peer_heard_stranger, 0);
    EXPECT_FALSE(stranger.receive_sample()) << "the stream was not diverted to the stranger";
}

TEST(MediaEngine, AStreamSprayedAtThePortBeforeThePeerSpeaksIsNeitherHeardNorAnswered) {
    // The attack on a first-packet latch: a stranger sends a well-formed stream to the port as
    // soon as it is open, before the phone's first packet, from another host.
    auto engine = MediaEngine::start(settings(), nullptr);
    ASSERT_TRUE(engine);
    auto channel = (*engine)->open_channel();
    Peer peer;
    Peer stranger{"127.0.0.2"};
    (*engine)->set_remote(channel->id, remote(peer));
    (*engine)->echo(channel->id);
    for (std::uint16_t seq = 0; seq < 10; ++seq) {
        stranger.send_frame(channel->port, seq, 12000);
        std::this_thread::sleep_for(5ms);
    }
    int peer_heard_itself = 0;
    int peer_heard_stranger = 0;
    for (std::uint16_t seq = 0; seq < 50; ++seq) {
        stranger.send_frame(channel->port, static_cast<std::uint16_t>(seq + 10), 12000);
        peer.send_frame(channel->port, seq, 4000);
        std::this_thread::sleep_for(20ms);
        while (auto sample = peer.receive_sample(false)) {
            peer_heard_itself += std::abs(*sample - 4000) < 200 ? 1 : 0;
            peer_heard_stranger += std::abs(*sample - 12000) < 1000 ? 1 : 0;
        }
    }
    EXPECT_GT(peer_heard_itself, 20);
    EXPECT_EQ(peer_heard_stranger, 0);
    EXPECT_FALSE(stranger.receive_sample()) << "the stream was not diverted to the stranger";
}

TEST(MediaEngine, APhoneBehindNatIsAnsweredWhereItsPacketsComeFrom) {
    auto engine = MediaEngine::start(settings(), nullptr);
    ASSERT_TRUE(engine);
    auto channel = (*engine)->open_channel();
    Peer named;  // the address in the phone's SDP, which its NAT does not send from
    Peer phone;
    (*engine)->set_remote(channel->id, remote(named));
    (*engine)->echo(channel->id);
    int heard_itself = 0;
    for (std::uint16_t seq = 0; seq < 40; ++seq) {
        phone.send_frame(channel->port, seq, 4000);
        std::this_thread::sleep_for(20ms);
        while (auto sample = phone.receive_sample(false)) {
            heard_itself += std::abs(*sample - 4000) < 200 ? 1 : 0;
        }
    }
    EXPECT_GT(heard_itself, 20);
}

TEST(MediaEngine, APausedRecordingHoldsSilenceWhereTheAudioWas) {
    test::TempDir dir;
    std::string path = dir.file("call.wav");
    auto engine = MediaEngine::start(settings(), nullptr);
    ASSERT_TRUE(engine);
    auto a = (*engine)->open_channel();
    auto b = (*engine)->open_channel(a->id);
    Peer pa;
    Peer pb;
    (*engine)->set_remote(a->id, remote(pa));
    (*engine)->set_remote(b->id, remote(pb));
    (*engine)->bridge(a->id, b->id, path);
    // One second of the caller speaking, one second paused, one second resumed.
    for (std::uint16_t seq = 0; seq < 150; ++seq) {
        if (seq == 50) {
            (*engine)->pause_recording(a->id, true);
        } else if (seq == 100) {
            (*engine)->pause_recording(b->id, false);  // either leg names the bridge
        }
        pa.send_frame(a->port, seq, 5000);
        pb.send_frame(b->port, seq, -5000);
        std::this_thread::sleep_for(20ms);
    }
    (*engine)->close(a->id);
    (*engine)->close(b->id);
    std::this_thread::sleep_for(100ms);
    auto file = test::read_sound_file(path);
    ASSERT_TRUE(file.opened);
    ASSERT_EQ(file.info.channels, 2);
    // Count 20 ms blocks in which each channel is loud, and the longest silent run between.
    int loud_blocks = 0;
    int longest_silence = 0;
    int silence = 0;
    for (std::size_t block = 0; block + 1 < file.samples.size() / 2 / 160; ++block) {
        bool loud = std::abs(file.at(block * 160 + 80, 0)) > 2500 &&
                    std::abs(file.at(block * 160 + 80, 1)) > 2500;
        loud_blocks += loud ? 1 : 0;
        silence = loud ? 0 : silence + 1;
        if (loud_blocks > 0 && !loud) {
            longest_silence = std::max(longest_silence, silence);
        }
    }
    EXPECT_GT(loud_blocks, 70) << "the two unpaused seconds were recorded";
    EXPECT_LT(loud_blocks, 110) << "the paused second was not";
    EXPECT_GE(longest_silence, 40) << "about a second of silence where the pause was";
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
