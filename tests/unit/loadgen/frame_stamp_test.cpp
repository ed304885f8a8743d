#include "loadgen/frame_stamp.h"

#include <algorithm>
#include <array>

#include <gtest/gtest.h>

#include "media/g711.h"

namespace markaz::loadgen {
namespace {

std::array<std::uint8_t, 160> stamped(std::uint32_t frame) {
    std::array<std::uint8_t, 160> payload{};
    payload.fill(0xFF);  // μ-law silence
    stamp_frame(frame, payload);
    return payload;
}

TEST(FrameStamp, ReadsBackWhatWasWritten) {
    for (std::uint32_t frame : {0u, 1u, 49u, 0x12345678u, 0xFFFFFFFFu}) {
        EXPECT_EQ(read_stamp(stamped(frame)), frame);
    }
}

TEST(FrameStamp, SurvivesDecodingAndEncodingAsMarkazForwardsAudio) {
    // What a two-party bridge does to a frame: μ-law -> linear -> μ-law.
    auto payload = stamped(0xCAFE1234u);
    std::array<std::int16_t, 160> pcm{};
    media::ulaw_decode(payload, pcm);
    std::array<std::uint8_t, 160> forwarded{};
    media::ulaw_encode(pcm, forwarded);
    EXPECT_EQ(read_stamp(forwarded), 0xCAFE1234u);
}

TEST(FrameStamp, IsFoundHalfWayIntoAPacketWhenMarkazPlaysOutTenMillisecondsLater) {
    // Markaz's jitter buffer settled its delay by one 10 ms slice: a packet it sends holds
    // the second half of one frame and the first half of the next, whose stamp is 80 bytes in.
    auto first = stamped(41);
    auto second = stamped(42);
    std::array<std::uint8_t, 160> shifted{};
    std::copy(first.begin() + 80, first.end(), shifted.begin());
    std::copy(second.begin(), second.begin() + 80, shifted.begin() + 80);
    EXPECT_EQ(read_stamp(shifted), 42u);
}

TEST(FrameStamp, AFrameMarkazMadeUpHasNone) {
    // Silence, and Markaz's concealment of a lost frame (the last one at half volume).
    std::array<std::uint8_t, 160> silence{};
    silence.fill(0xFF);
    EXPECT_EQ(read_stamp(silence), std::nullopt);

    auto payload = stamped(77);
    std::array<std::int16_t, 160> pcm{};
    media::ulaw_decode(payload, pcm);
    for (auto& s : pcm) {
        s = static_cast<std::int16_t>(s / 2);
    }
    std::array<std::uint8_t, 160> concealed{};
    media::ulaw_encode(pcm, concealed);
    EXPECT_EQ(read_stamp(concealed), std::nullopt);
}

TEST(FrameStamp, ADamagedStampIsRejected) {
    auto payload = stamped(1000);
    payload[4] = static_cast<std::uint8_t>(payload[4] ^ 0x01);  // one nibble changed
    EXPECT_EQ(read_stamp(payload), std::nullopt);
    std::array<std::uint8_t, 5> short_payload{0x5A, 0x20, 0x20, 0x20, 0x20};
    EXPECT_EQ(read_stamp(short_payload), std::nullopt);
}

}  // namespace
}  // namespace markaz::loadgen
