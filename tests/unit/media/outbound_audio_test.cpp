#include "media/outbound_audio.h"

#include <array>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

namespace markaz::media {
namespace {

struct Framed {
    std::vector<std::int16_t> pcm;
    std::uint32_t timestamp;
    int tick;  ///< the tick it left on
};

/// 30 ticks of numbered samples (sample n is n) through a framer at `ptime_ms`.
std::vector<Framed> frame_at(std::uint32_t ptime_ms, std::uint32_t first_timestamp = 4000) {
    OutboundAudio out;
    out.set_ptime(ptime_ms);
    std::vector<Framed> sent;
    std::int16_t next = 0;
    std::uint32_t timestamp = first_timestamp;
    for (int tick = 0; tick < 30; ++tick) {
        std::array<std::int16_t, kFrameSamples> frame{};
        for (auto& sample : frame) {
            sample = next++;
        }
        out.add(frame, timestamp, [&](std::span<const std::int16_t> pcm, std::uint32_t at) {
            sent.push_back({{pcm.begin(), pcm.end()}, at, tick});
        });
        timestamp += kFrameSamples;
    }
    return sent;
}

class EveryPacketTimeOut : public ::testing::TestWithParam<std::uint32_t> {};

TEST_P(EveryPacketTimeOut, PacketsHoldThePacketTimeWithContiguousTimestampsAndSamples) {
    const std::uint32_t ptime = GetParam();
    const std::size_t samples = ptime * 8;
    auto sent = frame_at(ptime);
    ASSERT_EQ(sent.size(), 30 * kFrameSamples / samples);  // 600 ms, all of it sent
    for (std::size_t k = 0; k < sent.size(); ++k) {
        ASSERT_EQ(sent[k].pcm.size(), samples);
        EXPECT_EQ(sent[k].timestamp, 4000 + k * samples) << "packet " << k;
        EXPECT_EQ(sent[k].pcm.front(), static_cast<std::int16_t>(k * samples));
        EXPECT_EQ(sent[k].pcm.back(), static_cast<std::int16_t>((k + 1) * samples - 1));
        // A packet leaves on the tick its last sample was made: never held back longer.
        EXPECT_EQ(sent[k].tick, static_cast<int>(((k + 1) * samples - 1) / kFrameSamples));
    }
}

INSTANTIATE_TEST_SUITE_P(OutboundAudio, EveryPacketTimeOut,
                         ::testing::Values(10u, 20u, 30u, 40u, 50u, 60u),
                         [](const auto& info) { return std::to_string(info.param) + "ms"; });

TEST(OutboundAudio, TimestampsWrapAroundWithTheStream) {
    auto sent = frame_at(30, 0xFFFFFF00u);
    ASSERT_GE(sent.size(), 3u);
    EXPECT_EQ(sent[1].timestamp - sent[0].timestamp, 240u);
    EXPECT_EQ(sent[2].timestamp, 0xFFFFFF00u + 480u);  // past 2^32, still 240 apart
}

TEST(OutboundAudio, APacketTimeItCannotMakeIsTwentyMilliseconds) {
    OutboundAudio out;
    for (std::uint32_t asked : {0u, 5u, 25u, 70u, 1000u}) {
        out.set_ptime(asked);
        EXPECT_EQ(out.ptime_ms(), 20u) << asked;
    }
    out.set_ptime(40);
    EXPECT_EQ(out.ptime_ms(), 40u);
}

TEST(OutboundAudio, ClearingDropsWhatIsPendingAndStartsAgainAtTheNextFrame) {
    OutboundAudio out;
    out.set_ptime(30);
    std::array<std::int16_t, kFrameSamples> frame{};
    std::vector<std::uint32_t> at;
    auto keep = [&](std::span<const std::int16_t>, std::uint32_t t) { at.push_back(t); };
    out.add(frame, 0, keep);  // 160 pending
    out.clear();              // an RFC 4733 event took this time
    out.add(frame, 320, keep);
    out.add(frame, 480, keep);
    ASSERT_EQ(at.size(), 1u);
    EXPECT_EQ(at[0], 320u);  // the timeline of the audio after the event
}

}  // namespace
}  // namespace markaz::media
