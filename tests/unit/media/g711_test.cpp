// G.711 against independent references: spandsp's g711.h (decode tables and A-law encoding are
// bit-identical to ITU-T G.191) and a transcription of G.191's ulaw_compress for μ-law encoding.

#include "media/g711.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <spandsp.h>
#include <vector>

#include <gtest/gtest.h>

#include "media/codec.h"

namespace markaz::media {
namespace {

/// ITU-T G.191 STL g711.c, ulaw_compress(), for one sample: a different formulation of the
/// same law (segment count by shifting, nibbles counted down), used as the oracle.
std::uint8_t g191_ulaw_compress(std::int16_t linear) {
    int absno = (linear < 0 ? ((~linear) >> 2) : (linear >> 2)) + 33;
    if (absno > 0x1FFF) {
        absno = 0x1FFF;
    }
    int i = absno >> 6;
    int segno = 1;
    while (i != 0) {
        ++segno;
        i >>= 1;
    }
    const int high_nibble = 0x0008 - segno;
    const int low_nibble = 0x000F - ((absno >> segno) & 0x000F);
    int out = (high_nibble << 4) | low_nibble;
    if (linear >= 0) {
        out |= 0x0080;
    }
    return static_cast<std::uint8_t>(out);
}

constexpr int kMin = std::numeric_limits<std::int16_t>::min();
constexpr int kMax = std::numeric_limits<std::int16_t>::max();

TEST(G711, KnownValues) {
    EXPECT_EQ(ulaw_encode(0), 0xFF);
    EXPECT_EQ(alaw_encode(0), 0xD5);
    EXPECT_EQ(ulaw_decode(0xFF), 0);
    EXPECT_EQ(ulaw_decode(0x7F), 0);  // μ-law's negative zero
    EXPECT_EQ(alaw_decode(0xD5), 8);  // A-law has no zero: the smallest step is ±8
    EXPECT_EQ(alaw_decode(0x55), -8);
    EXPECT_EQ(ulaw_encode(-1), 0x7F);
    EXPECT_EQ(ulaw_encode(kMax), 0x80);
    EXPECT_EQ(ulaw_encode(kMin), 0x00);
    EXPECT_EQ(ulaw_decode(0x80), 32124);  // the largest μ-law magnitude
    EXPECT_EQ(ulaw_decode(0x00), -32124);
    EXPECT_EQ(alaw_encode(kMax), 0xAA);
    EXPECT_EQ(alaw_encode(kMin), 0x2A);
    EXPECT_EQ(alaw_decode(0xAA), 32256);  // the largest A-law magnitude
    EXPECT_EQ(alaw_decode(0x2A), -32256);
}

TEST(G711, DecodeTablesMatchSpandsp) {
    for (int code = 0; code < 256; ++code) {
        const auto c = static_cast<std::uint8_t>(code);
        EXPECT_EQ(ulaw_decode(c), ulaw_to_linear(c)) << "code " << code;
        EXPECT_EQ(alaw_decode(c), alaw_to_linear(c)) << "code " << code;
    }
}

TEST(G711, EncodeMatchesReferenceForEverySample) {
    int ulaw_mismatches = 0;
    int alaw_mismatches = 0;
    for (int s = kMin; s <= kMax; ++s) {
        const auto sample = static_cast<std::int16_t>(s);
        ulaw_mismatches += ulaw_encode(sample) != g191_ulaw_compress(sample);
        alaw_mismatches += alaw_encode(sample) != linear_to_alaw(s);
    }
    EXPECT_EQ(ulaw_mismatches, 0);
    EXPECT_EQ(alaw_mismatches, 0);
}

TEST(G711, EveryCodeSurvivesDecodeThenEncode) {
    for (int code = 0; code < 256; ++code) {
        const auto c = static_cast<std::uint8_t>(code);
        // 0x7F is μ-law's negative zero: it decodes to 0, which encodes as positive zero.
        EXPECT_EQ(ulaw_encode(ulaw_decode(c)), code == 0x7F ? 0xFF : c) << "code " << code;
        EXPECT_EQ(alaw_encode(alaw_decode(c)), c) << "code " << code;
    }
}

TEST(G711, RoundTripErrorIsHalfAStep) {
    // The quantisation step doubles with each segment, so the error stays near |x|/32
    // (about 30 dB SNR) plus the half step of the first segment; only clipping breaks it.
    for (int s = kMin; s <= kMax; ++s) {
        const auto sample = static_cast<std::int16_t>(s);
        const int magnitude = std::abs(s);
        const int bound = magnitude / 32 + 8;
        if (magnitude <= 32124) {
            ASSERT_LE(std::abs(ulaw_decode(ulaw_encode(sample)) - s), bound) << "μ-law " << s;
        }
        if (magnitude <= 32256) {
            ASSERT_LE(std::abs(alaw_decode(alaw_encode(sample)) - s), bound) << "A-law " << s;
        }
    }
}

TEST(G711, EncodingIsMonotonic) {
    // A louder sample never decodes quieter: no code is out of order in the tables.
    int previous_u = ulaw_decode(ulaw_encode(kMin));
    int previous_a = alaw_decode(alaw_encode(kMin));
    for (int s = kMin + 1; s <= kMax; ++s) {
        const auto sample = static_cast<std::int16_t>(s);
        const int u = ulaw_decode(ulaw_encode(sample));
        const int a = alaw_decode(alaw_encode(sample));
        ASSERT_GE(u, previous_u) << s;
        ASSERT_GE(a, previous_a) << s;
        previous_u = u;
        previous_a = a;
    }
}

TEST(G711Codec, DescribesItselfForSdpAndRtp) {
    const auto pcmu = make_codec(CodecKind::Pcmu, 0);
    const auto pcma = make_codec(CodecKind::Pcma, 8);
    ASSERT_NE(pcmu, nullptr);
    ASSERT_NE(pcma, nullptr);
    EXPECT_EQ(pcmu->name(), "PCMU");
    EXPECT_EQ(pcma->name(), "PCMA");
    EXPECT_EQ(pcmu->payload_type(), 0);
    EXPECT_EQ(pcma->payload_type(), 8);
    EXPECT_EQ(pcmu->clock_rate(), 8000u);
    EXPECT_EQ(pcmu->sample_rate(), 8000u);
    EXPECT_EQ(pcmu->samples_per_frame(), 160u);
    EXPECT_EQ(pcmu->timestamp_step(), 160u);
    EXPECT_EQ(pcmu->max_payload_bytes(), 160u);
    EXPECT_EQ(make_codec(CodecKind::Pcmu, 96)->payload_type(), 96);  // a dynamic mapping
}

TEST(G711Codec, EncodesAndDecodesAFrame) {
    const auto codec = make_codec(CodecKind::Pcma, 8);
    std::array<std::int16_t, kFrameSamples> pcm{};
    for (std::size_t i = 0; i < pcm.size(); ++i) {
        pcm[i] = static_cast<std::int16_t>(static_cast<int>(i) * 200 - 16000);
    }
    std::array<std::uint8_t, kFrameSamples> payload{};
    ASSERT_EQ(codec->encode(pcm, payload), kFrameSamples);
    EXPECT_EQ(payload[0], alaw_encode(pcm[0]));
    EXPECT_EQ(payload[159], alaw_encode(pcm[159]));

    std::array<std::int16_t, kFrameSamples> decoded{};
    ASSERT_EQ(codec->decode(payload, decoded), kFrameSamples);
    for (std::size_t i = 0; i < pcm.size(); ++i) {
        EXPECT_EQ(decoded[i], alaw_decode(payload[i]));
    }
}

TEST(G711Codec, RejectsWrongSizesWithoutWriting) {
    const auto codec = make_codec(CodecKind::Pcmu, 0);
    std::array<std::int16_t, 100> short_pcm{};
    std::array<std::uint8_t, kFrameSamples> payload{};
    EXPECT_EQ(codec->encode(short_pcm, payload), 0u);  // not whole 10 ms slices

    std::array<std::int16_t, kFrameSamples> pcm{};
    std::array<std::uint8_t, 10> small_out{};
    EXPECT_EQ(codec->encode(pcm, small_out), 0u);

    std::array<std::int16_t, 10> small_pcm{};
    EXPECT_EQ(codec->decode(payload, small_pcm), 0u);
}

TEST(G711Codec, EncodesEveryPacketTimeFromTenToSixtyMilliseconds) {
    const auto codec = make_codec(CodecKind::Pcma, 8);
    for (std::size_t samples : {80u, 160u, 240u, 320u, 480u}) {
        std::vector<std::int16_t> pcm(samples, 1000);
        std::vector<std::uint8_t> payload(480, 0);
        EXPECT_EQ(codec->encode(pcm, payload), samples);
        EXPECT_EQ(payload[samples - 1], alaw_encode(1000));
    }
}

TEST(G711Codec, DecodesOtherPacketSizes) {
    // A peer that ignores our a=ptime:20 and sends 30 ms still decodes, one sample per byte.
    const auto codec = make_codec(CodecKind::Pcmu, 0);
    std::vector<std::uint8_t> payload(240, 0xFF);
    std::vector<std::int16_t> out(240, 1);
    EXPECT_EQ(codec->decode(payload, out), 240u);
    EXPECT_EQ(out[239], 0);
}

}  // namespace
}  // namespace markaz::media
