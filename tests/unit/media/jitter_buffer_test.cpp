// Synthetic arrival patterns: a sender numbers its 20 ms frames, a "network" decides at which
// tick each packet arrives (and in which order), and the output sequence is checked frame by
// frame.

#include "media/jitter_buffer.h"

#include <array>
#include <cstdint>
#include <map>
#include <vector>

#include <gtest/gtest.h>

namespace markaz::media {
namespace {

constexpr std::uint32_t kPacketStep = 160;

struct Packet {
    RtpHeader header;
    std::array<std::uint8_t, 4> payload{};
};

/// Frame `n` of a sender whose first frame has sequence `seq0` and timestamp `ts0`.
Packet frame(int n, std::uint32_t ts0 = 1000, std::uint16_t seq0 = 100,
             std::uint32_t ssrc = 0x1234) {
    Packet p;
    p.header.payload_type = 0;
    p.header.sequence = static_cast<std::uint16_t>(seq0 + n);
    p.header.timestamp = ts0 + static_cast<std::uint32_t>(n) * kPacketStep;
    p.header.ssrc = ssrc;
    const auto u = static_cast<std::uint32_t>(n);
    p.payload = {static_cast<std::uint8_t>(u >> 24), static_cast<std::uint8_t>(u >> 16),
                 static_cast<std::uint8_t>(u >> 8), static_cast<std::uint8_t>(u)};
    return p;
}

/// What one pop gave: the frame number for Audio, else -1 (Lost) or -2 (Empty).
constexpr int kLost = -1;
constexpr int kEmpty = -2;

struct Simulation {
    JitterBuffer buffer;
    std::map<int, std::vector<Packet>> arrivals;  // tick -> packets, in arrival order
    std::vector<int> out;
    std::vector<PushResult> results;

    explicit Simulation(JitterBufferConfig config = {}) : buffer(config) {}

    void send(int tick, const Packet& p) { arrivals[tick].push_back(p); }

    void run(int ticks) {
        const int start = static_cast<int>(out.size());
        for (int t = start; t < start + ticks; ++t) {
            for (const auto& p : arrivals[t]) {
                results.push_back(buffer.push(p.header, p.payload));
            }
            const PlayoutFrame f = buffer.pop();
            if (f.status == FrameStatus::Audio) {
                EXPECT_EQ(f.payload.size(), 4u);
                out.push_back((f.payload[0] << 24) | (f.payload[1] << 16) | (f.payload[2] << 8) |
                              f.payload[3]);
            } else {
                out.push_back(f.status == FrameStatus::Lost ? kLost : kEmpty);
            }
        }
    }

    /// The audio frame numbers played, in order.
    std::vector<int> played() const {
        std::vector<int> frames;
        for (int v : out) {
            if (v >= 0) {
                frames.push_back(v);
            }
        }
        return frames;
    }

    int count(int value, std::size_t from = 0, std::size_t to = SIZE_MAX) const {
        int n = 0;
        for (std::size_t i = from; i < out.size() && i < to; ++i) {
            n += out[i] == value ? 1 : 0;
        }
        return n;
    }
};

/// Frames 0..n-1 minus `missing`, in order.
std::vector<int> frames_except(int n, std::vector<int> missing = {}) {
    std::vector<int> frames;
    for (int i = 0; i < n; ++i) {
        if (std::find(missing.begin(), missing.end(), i) == missing.end()) {
            frames.push_back(i);
        }
    }
    return frames;
}

/// True when `played` is increasing (nothing repeated or out of order).
bool increasing(const std::vector<int>& played) {
    return std::adjacent_find(played.begin(), played.end(), [](int a, int b) { return b <= a; }) ==
           played.end();
}

TEST(JitterBuffer, NothingReceivedIsEmpty) {
    JitterBuffer buffer;
    const PlayoutFrame f = buffer.pop();
    EXPECT_EQ(f.status, FrameStatus::Empty);
    EXPECT_TRUE(f.payload.empty());
}

TEST(JitterBuffer, InOrderStreamPlaysAfterTheInitialDelay) {
    Simulation sim;
    for (int n = 0; n < 50; ++n) {
        sim.send(n, frame(n));
    }
    sim.run(52);
    // Two ticks of initial delay (Empty), then every frame in order.
    EXPECT_EQ(sim.out[0], kEmpty);
    EXPECT_EQ(sim.out[1], kEmpty);
    EXPECT_EQ(sim.out[2], 0);
    EXPECT_EQ(sim.played(), frames_except(50));
    EXPECT_EQ(sim.buffer.stats().lost, 0u);
    EXPECT_EQ(sim.buffer.stats().queued, 50u);
}

TEST(JitterBuffer, SteadyStreamSettlesToTheMinimumDelay) {
    Simulation sim;
    for (int n = 0; n < 400; ++n) {
        sim.send(n, frame(n));
    }
    sim.run(400);
    EXPECT_EQ(sim.buffer.target_depth(), 1u);
    EXPECT_EQ(sim.buffer.current_depth(), 1u);
    EXPECT_EQ(sim.buffer.stats().skipped, 1u);  // 2 -> 1 frame, once the window was full
    EXPECT_EQ(sim.buffer.stats().lost, 0u);
    EXPECT_TRUE(increasing(sim.played()));
    EXPECT_EQ(sim.played().size(), 398u);  // 400 - the skipped one - the last still queued
}

TEST(JitterBuffer, ReordersSwappedPairs) {
    Simulation sim;
    for (int n = 0; n < 90; n += 2) {
        sim.send(n, frame(n + 1));  // n+1 overtakes n by one tick
        sim.send(n + 1, frame(n));
    }
    sim.run(93);
    EXPECT_EQ(sim.played(), frames_except(90));
    EXPECT_EQ(sim.buffer.stats().late, 0u);
    // Reordering is jitter: the delay grew by one frame, once, at the start.
    EXPECT_EQ(sim.buffer.stats().stretched, 1u);
    EXPECT_EQ(sim.buffer.target_depth(), 3u);
}

TEST(JitterBuffer, ReordersWithinOneTick) {
    Simulation sim;
    for (int n = 0; n < 60; n += 3) {
        sim.send(n, frame(n + 2));
        sim.send(n, frame(n));
        sim.send(n, frame(n + 1));
    }
    sim.run(70);
    EXPECT_EQ(sim.played(), frames_except(60));
}

TEST(JitterBuffer, LostPacketsAreConcealedInPlace) {
    Simulation sim;
    for (int n = 0; n < 80; ++n) {
        if (n != 10 && n != 11 && n != 50) {
            sim.send(n, frame(n));
        }
    }
    sim.run(82);
    EXPECT_EQ(sim.played(), frames_except(80, {10, 11, 50}));
    EXPECT_EQ(sim.out[2 + 10], kLost);
    EXPECT_EQ(sim.out[2 + 11], kLost);
    EXPECT_EQ(sim.out[2 + 50], kLost);
    EXPECT_EQ(sim.buffer.stats().lost, 3u);
}

TEST(JitterBuffer, DropsDuplicates) {
    Simulation sim;
    for (int n = 0; n < 40; ++n) {
        sim.send(n, frame(n));
        sim.send(n, frame(n));
    }
    sim.run(42);
    EXPECT_EQ(sim.played(), frames_except(40));
    EXPECT_EQ(sim.buffer.stats().duplicates, 40u);
}

TEST(JitterBuffer, TooLatePacketIsDroppedAndTheDelayGrows) {
    Simulation sim;
    for (int n = 0; n < 200; ++n) {
        sim.send(n == 20 ? n + 6 : n, frame(n));  // frame 20 arrives 6 ticks late
    }
    sim.run(40);
    EXPECT_EQ(sim.results[25], PushResult::Late);  // frame 20, pushed at tick 26
    EXPECT_EQ(sim.out[2 + 20], kLost);
    // The spread is now 6 frames, so the target is 7, reached by 5 inserted frames from 2.
    EXPECT_EQ(sim.buffer.target_depth(), 7u);
    EXPECT_EQ(sim.buffer.current_depth(), 7u);
    EXPECT_EQ(sim.buffer.stats().stretched, 5u);
    sim.run(160);
    EXPECT_EQ(sim.buffer.stats().late, 1u);  // only the one
    EXPECT_TRUE(increasing(sim.played()));
}

TEST(JitterBuffer, DelayDecaysSlowlyAfterTheJitterIsGone) {
    Simulation sim;
    for (int n = 0; n < 1000; ++n) {
        sim.send(n == 20 ? n + 6 : n, frame(n));
    }
    sim.run(1000);
    EXPECT_EQ(sim.buffer.target_depth(), 1u);
    EXPECT_EQ(sim.buffer.current_depth(), 1u);
    // One frame per shrink_interval at most: 6 steps down after the window forgot the spike.
    EXPECT_EQ(sim.buffer.stats().skipped, 6u);
    EXPECT_TRUE(increasing(sim.played()));
}

TEST(JitterBuffer, BurstyArrivalsStopLosingOnceAdapted) {
    // A Wi-Fi-like link: nothing for four ticks, then five packets at once.
    Simulation sim;
    for (int n = 0; n < 1000; ++n) {
        sim.send((n / 5) * 5 + 4, frame(n));
    }
    sim.run(1010);
    EXPECT_EQ(sim.buffer.target_depth(), 5u);   // 4 frames of spread, plus one
    EXPECT_EQ(sim.count(kLost, 100, 1000), 0);  // after the first two seconds, nothing is lost
    EXPECT_TRUE(increasing(sim.played()));
    EXPECT_GE(sim.played().size(), 990u);
}

TEST(JitterBuffer, RandomJitterWithinTheMaximumLosesNothingAfterAdapting) {
    Simulation sim;
    std::uint32_t state = 12345;
    for (int n = 0; n < 1500; ++n) {
        state = state * 1103515245u + 12345u;
        const int delay = static_cast<int>((state >> 16) % 5);  // 0..4 ticks
        sim.send(n + delay, frame(n));
    }
    sim.run(1510);
    EXPECT_EQ(sim.buffer.target_depth(), 5u);
    EXPECT_EQ(sim.count(kLost, 300, 1500), 0);
    EXPECT_TRUE(increasing(sim.played()));
}

TEST(JitterBuffer, JitterBeyondTheMaximumIsCapped) {
    Simulation sim(JitterBufferConfig{.max_depth = 3});
    for (int n = 0; n < 300; ++n) {
        sim.send(n % 10 == 0 ? n + 6 : n, frame(n));
    }
    sim.run(300);
    EXPECT_EQ(sim.buffer.target_depth(), 3u);
    EXPECT_LE(sim.buffer.current_depth(), 3u);
    EXPECT_GT(sim.buffer.stats().late, 20u);  // those stay late: the cap is the trade-off
}

TEST(JitterBuffer, SequenceAndTimestampWrapAround) {
    Simulation sim;
    const std::uint32_t ts0 = 0xFFFFFFFFu - 20 * kPacketStep;  // wraps after ~20 frames
    for (int n = 0; n < 90; ++n) {
        sim.send(n, frame(n, ts0, 65500));  // the sequence wraps after 36 frames
    }
    sim.run(92);
    EXPECT_EQ(sim.played(), frames_except(90));
    EXPECT_EQ(sim.buffer.stats().restarts, 0u);
    EXPECT_EQ(sim.buffer.stats().lost, 0u);
}

TEST(JitterBuffer, ReorderingAcrossTheWrap) {
    Simulation sim;
    const std::uint32_t ts0 = 0xFFFFFFFFu - 10 * kPacketStep;
    for (int n = 0; n < 30; n += 2) {
        sim.send(n, frame(n + 1, ts0, 65530));
        sim.send(n + 1, frame(n, ts0, 65530));
    }
    sim.run(34);
    EXPECT_EQ(sim.played(), frames_except(30));
}

TEST(JitterBuffer, SenderPauseIsConcealedBrieflyThenSilent) {
    // DTX or RFC 4733 events in place of audio: timestamps run on, no packets for 30 ticks.
    Simulation sim;
    for (int n = 0; n < 100; ++n) {
        if (n < 40 || n >= 70) {
            sim.send(n, frame(n));
        }
    }
    sim.run(102);
    EXPECT_EQ(sim.out[2 + 40], kLost);
    EXPECT_EQ(sim.out[2 + 42], kLost);
    EXPECT_EQ(sim.out[2 + 43], kEmpty);
    EXPECT_EQ(sim.out[2 + 69], kEmpty);
    EXPECT_EQ(sim.out[2 + 70], 70);
    EXPECT_EQ(sim.buffer.stats().lost, 3u);
    EXPECT_EQ(sim.played(), frames_except(100, [] {
                  std::vector<int> gap;
                  for (int n = 40; n < 70; ++n) {
                      gap.push_back(n);
                  }
                  return gap;
              }()));
    EXPECT_EQ(sim.buffer.stats().restarts, 0u);
}

TEST(JitterBuffer, NewSsrcRestarts) {
    Simulation sim;
    for (int n = 0; n < 20; ++n) {
        sim.send(n, frame(n));
    }
    for (int n = 0; n < 20; ++n) {
        sim.send(20 + n, frame(1000 + n, 777777, 9, 0xBEEF));
    }
    sim.run(45);
    EXPECT_EQ(sim.results[20], PushResult::Restarted);
    EXPECT_EQ(sim.buffer.stats().restarts, 1u);
    const auto played = sim.played();
    EXPECT_EQ(played.back(), 1019);
    EXPECT_TRUE(increasing(played));
}

TEST(JitterBuffer, TimestampJumpAheadRestarts) {
    Simulation sim;
    for (int n = 0; n < 20; ++n) {
        sim.send(n, frame(n));
    }
    for (int n = 0; n < 20; ++n) {
        sim.send(20 + n, frame(5000 + n));  // 100 s ahead, same SSRC
    }
    sim.run(45);
    EXPECT_EQ(sim.results[20], PushResult::Restarted);
    EXPECT_EQ(sim.played().back(), 5019);
}

TEST(JitterBuffer, TimestampJumpBackRestartsAfterThreePackets) {
    Simulation sim;
    for (int n = 0; n < 200; ++n) {
        sim.send(n, frame(n, 8'000'000));
    }
    for (int n = 0; n < 20; ++n) {
        sim.send(200 + n, frame(n, 1000));  // the same SSRC starts over 1000 s earlier
    }
    sim.run(225);
    EXPECT_EQ(sim.results[200], PushResult::Late);
    EXPECT_EQ(sim.results[201], PushResult::Late);
    EXPECT_EQ(sim.results[202], PushResult::Restarted);
    EXPECT_EQ(sim.played().back(), 19);
}

TEST(JitterBuffer, MarkerBitOnALatePacketRestartsAtOnce) {
    Simulation sim;
    for (int n = 0; n < 30; ++n) {
        sim.send(n, frame(n, 500'000));
    }
    Packet talk = frame(0, 100);
    talk.header.marker = true;
    sim.send(30, talk);
    sim.run(35);
    EXPECT_EQ(sim.results[30], PushResult::Restarted);
}

TEST(JitterBuffer, SenderClockFasterThanOurs) {
    // 101 packets for every 100 ticks: the buffer must shed frames, not grow without bound.
    Simulation sim;
    for (int n = 0; n < 3030; ++n) {
        sim.send(n * 100 / 101, frame(n));
    }
    sim.run(3000);
    EXPECT_LE(sim.buffer.current_depth(), 2u);
    EXPECT_GE(sim.buffer.stats().skipped, 25u);
    EXPECT_EQ(sim.buffer.stats().late, 0u);
    EXPECT_TRUE(increasing(sim.played()));
}

TEST(JitterBuffer, SenderClockSlowerThanOurs) {
    // 99 packets for every 100 ticks: the buffer stretches instead of running dry.
    Simulation sim;
    for (int n = 0; n < 2970; ++n) {
        sim.send(n * 100 / 99, frame(n));
    }
    sim.run(3000);
    EXPECT_GE(sim.buffer.stats().stretched, 25u);
    EXPECT_LE(sim.buffer.stats().late, 2u);
    EXPECT_TRUE(increasing(sim.played()));
}

TEST(JitterBuffer, RefusesOversizedPayloads) {
    JitterBuffer buffer(JitterBufferConfig{.max_payload_bytes = 160});
    const std::vector<std::uint8_t> big(161);
    EXPECT_EQ(buffer.push(frame(0).header, big), PushResult::TooLarge);
    EXPECT_EQ(buffer.stats().too_large, 1u);
    EXPECT_EQ(buffer.pop().status, FrameStatus::Empty);
}

TEST(JitterBuffer, FramesCarryPayloadTypeAndTimestamp) {
    JitterBuffer buffer(JitterBufferConfig{.initial_depth = 1});
    Packet p = frame(0, 4242);
    p.header.payload_type = 8;
    ASSERT_EQ(buffer.push(p.header, p.payload), PushResult::Queued);
    EXPECT_EQ(buffer.pop().status, FrameStatus::Empty);
    const PlayoutFrame f = buffer.pop();
    ASSERT_EQ(f.status, FrameStatus::Audio);
    EXPECT_EQ(f.payload_type, 8);
    EXPECT_EQ(f.timestamp, 4242u);
    EXPECT_EQ(buffer.pop().status, FrameStatus::Lost);
}

TEST(JitterBuffer, ResetForgetsTheStream) {
    JitterBuffer buffer;
    const Packet p = frame(0);
    ASSERT_EQ(buffer.push(p.header, p.payload), PushResult::Queued);
    buffer.reset();
    EXPECT_EQ(buffer.pop().status, FrameStatus::Empty);
    EXPECT_EQ(buffer.push(p.header, p.payload), PushResult::Queued);
}

}  // namespace
}  // namespace markaz::media
