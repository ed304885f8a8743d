#include "loadgen/stream_stats.h"

#include <gtest/gtest.h>

namespace markaz::loadgen {
namespace {

constexpr std::int64_t kFrameNs = 20'000'000;
constexpr std::uint32_t kSsrc = 0x1234;

TEST(StreamStats, EveryFrameOnTimeIsNoLossAndNoJitter) {
    StreamStats stats;
    for (std::uint32_t i = 0; i < 100; ++i) {
        stats.on_packet(i * kFrameNs, kSsrc, 1000 + i * 160, i + 7);
    }
    StreamFigures f = stats.figures();
    EXPECT_EQ(f.packets, 100u);
    EXPECT_EQ(f.frames_expected, 100u);
    EXPECT_EQ(f.frames_received, 100u);
    EXPECT_DOUBLE_EQ(f.jitter_ms, 0.0);
}

TEST(StreamStats, MissingFramesBetweenTheFirstAndLastAreLost) {
    StreamStats stats;
    for (std::uint32_t i = 0; i < 100; ++i) {
        if (i % 10 != 5) {  // 10 of 100 never arrive
            stats.on_packet(i * kFrameNs, kSsrc, i * 160, i);
        }
    }
    stats.on_packet(100 * kFrameNs, kSsrc, 100 * 160, 42);            // a duplicate counts once
    stats.on_packet(101 * kFrameNs, kSsrc, 101 * 160, std::nullopt);  // silence: no stamp
    StreamFigures f = stats.figures();
    EXPECT_EQ(f.frames_expected, 100u);
    EXPECT_EQ(f.frames_received, 90u);
}

TEST(StreamStats, JitterFollowsRfc3550) {
    // Packets alternately 4 ms late and on time: |D| is 4 ms every time, so J converges on
    // 4 ms (J += (|D| - J) / 16).
    StreamStats stats;
    for (std::uint32_t i = 0; i < 400; ++i) {
        std::int64_t late = i % 2 ? 4'000'000 : 0;
        stats.on_packet(i * kFrameNs + late, kSsrc, i * 160, i);
    }
    EXPECT_NEAR(stats.figures().jitter_ms, 4.0, 0.01);
}

TEST(StreamStats, TimestampsThatWrapAndANewSourceAreNotJitter) {
    StreamStats stats;
    std::uint32_t start = 0xFFFFFFFFu - 160 * 5;  // wraps after five packets
    for (std::uint32_t i = 0; i < 20; ++i) {
        stats.on_packet(i * kFrameNs, kSsrc, start + i * 160, i);
    }
    // Another source (a new stream on the same port) with unrelated timestamps.
    for (std::uint32_t i = 20; i < 40; ++i) {
        stats.on_packet(i * kFrameNs, kSsrc + 1, 777 + i * 160, i);
    }
    EXPECT_LT(stats.figures().jitter_ms, 0.001);
}

}  // namespace
}  // namespace markaz::loadgen
