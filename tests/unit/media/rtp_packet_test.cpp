#include "media/rtp_packet.h"

#include <cstdint>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace markaz::media {
namespace {

using Bytes = std::vector<std::uint8_t>;

RtpPacket parse_ok(const Bytes& datagram) {
    RtpPacket packet;
    const RtpError error = parse_rtp(datagram, packet);
    EXPECT_EQ(error, RtpError::None) << describe(error);
    return packet;
}

RtpError parse_error(const Bytes& datagram) {
    RtpPacket packet;
    return parse_rtp(datagram, packet);
}

TEST(RtpPacket, ReadsTheFixedHeader) {
    // V=2, M=1, PT=8, seq 0x1234, ts 0xDEADBEEF, SSRC 0x01020304, payload "ab".
    const Bytes datagram{0x80, 0x88, 0x12, 0x34, 0xDE, 0xAD, 0xBE,
                         0xEF, 0x01, 0x02, 0x03, 0x04, 'a',  'b'};
    const RtpPacket packet = parse_ok(datagram);
    EXPECT_TRUE(packet.header.marker);
    EXPECT_EQ(packet.header.payload_type, 8);
    EXPECT_EQ(packet.header.sequence, 0x1234);
    EXPECT_EQ(packet.header.timestamp, 0xDEADBEEFu);
    EXPECT_EQ(packet.header.ssrc, 0x01020304u);
    EXPECT_EQ(packet.csrc_count, 0);
    EXPECT_FALSE(packet.has_extension);
    EXPECT_EQ(packet.padding, 0);
    ASSERT_EQ(packet.payload.size(), 2u);
    EXPECT_EQ(packet.payload[0], 'a');
    EXPECT_EQ(packet.payload.data(), datagram.data() + 12);  // a view, not a copy
}

TEST(RtpPacket, SkipsCsrcsExtensionAndPadding) {
    const Bytes datagram{
        0xB2, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0xA0, 0xCA, 0xFE, 0xBA, 0xBE,  // P X CC=2
        0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22,                          // CSRCs
        0xBE, 0xDE, 0x00, 0x01, 0x10, 0xAA, 0x00, 0x00,  // RFC 8285 one-byte, 1 word
        0x7F, 0x7F, 0x7F,                                // payload
        0x00, 0x00, 0x03};                               // 3 bytes of padding
    const RtpPacket packet = parse_ok(datagram);
    EXPECT_EQ(packet.header.timestamp, 160u);
    ASSERT_EQ(packet.csrc_count, 2);
    EXPECT_EQ(packet.csrcs[0], 0x11111111u);
    EXPECT_EQ(packet.csrcs[1], 0x22222222u);
    ASSERT_TRUE(packet.has_extension);
    EXPECT_EQ(packet.extension_profile, 0xBEDE);
    EXPECT_EQ(packet.extension.size(), 4u);
    EXPECT_EQ(packet.extension[1], 0xAA);
    EXPECT_EQ(packet.padding, 3);
    ASSERT_EQ(packet.payload.size(), 3u);
    EXPECT_EQ(packet.payload[2], 0x7F);
}

TEST(RtpPacket, PaddingMayTakeTheWholePayload) {
    const Bytes datagram{0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 4};
    const RtpPacket packet = parse_ok(datagram);
    EXPECT_TRUE(packet.payload.empty());
    EXPECT_EQ(packet.padding, 4);
}

TEST(RtpPacket, RejectsShortDatagrams) {
    Bytes datagram;
    for (std::size_t size = 0; size < kRtpHeaderBytes; ++size) {
        EXPECT_EQ(parse_error(datagram), RtpError::TooShort) << size << " bytes";
        datagram.push_back(0x80);
    }
    EXPECT_EQ(parse_error(datagram), RtpError::None);  // 12 bytes: header, empty payload
}

TEST(RtpPacket, RejectsOtherVersions) {
    for (const std::uint8_t first : Bytes{0x00, 0x40, 0xC0}) {
        const Bytes datagram{first, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF};
        EXPECT_EQ(parse_error(datagram), RtpError::BadVersion) << int{first};
    }
}

TEST(RtpPacket, RejectsTruncatedCsrcList) {
    Bytes datagram{0x8F, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};  // CC=15: needs 60 more bytes
    datagram.resize(12 + 59);
    EXPECT_EQ(parse_error(datagram), RtpError::TruncatedCsrc);
    datagram.resize(12 + 60);
    EXPECT_EQ(parse_error(datagram), RtpError::None);
}

TEST(RtpPacket, RejectsTruncatedExtension) {
    // X set but only two bytes follow the fixed header.
    EXPECT_EQ(parse_error({0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE}),
              RtpError::TruncatedExtension);
    // The extension says 2 words (8 bytes) but 4 follow.
    EXPECT_EQ(
        parse_error({0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0x00, 0x02, 1, 2, 3, 4}),
        RtpError::TruncatedExtension);
    // The largest length field (65535 words) on a small datagram.
    EXPECT_EQ(parse_error({0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0xFF, 0xFF, 1, 2}),
              RtpError::TruncatedExtension);
}

TEST(RtpPacket, RejectsBadPadding) {
    // Padding count 0 is meaningless: the count includes itself.
    EXPECT_EQ(parse_error({0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF, 0x00}),
              RtpError::BadPadding);
    // More padding than there are bytes after the header.
    EXPECT_EQ(parse_error({0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF, 0x03}),
              RtpError::BadPadding);
    // Padding flag on a packet with nothing after the header.
    EXPECT_EQ(parse_error({0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}), RtpError::BadPadding);
    // Padding reaching back into the extension.
    EXPECT_EQ(parse_error({0xB0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0, 0, 0x02}),
              RtpError::BadPadding);
}

TEST(RtpPacket, ResultFormNamesTheProblem) {
    const Bytes datagram{0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
    const auto packet = parse_rtp(std::span<const std::uint8_t>(datagram));
    ASSERT_FALSE(packet);
    EXPECT_EQ(packet.error().code, Errc::InvalidArgument);
    EXPECT_EQ(packet.error().message, "rtp: RTP version is not 2 (12 bytes)");

    const Bytes good{0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
    EXPECT_TRUE(parse_rtp(std::span<const std::uint8_t>(good)));
}

TEST(RtpPacket, WritesWhatItReads) {
    const RtpHeader header{true, 101, 65535, 0xFFFFFF60u, 0xA1B2C3D4u};
    const Bytes payload{1, 2, 3, 4};
    Bytes out(64);
    const std::size_t size = write_rtp(header, payload, out);
    ASSERT_EQ(size, 16u);
    out.resize(size);
    EXPECT_EQ(out[0], 0x80);
    EXPECT_EQ(out[1], 0x80 | 101);
    const RtpPacket packet = parse_ok(out);
    EXPECT_EQ(packet.header, header);
    EXPECT_EQ(Bytes(packet.payload.begin(), packet.payload.end()), payload);
}

TEST(RtpPacket, WriteRefusesASmallBuffer) {
    Bytes out(15);
    EXPECT_EQ(write_rtp(RtpHeader{}, Bytes(4), out), 0u);
}

TEST(RtpPacket, RandomBytesNeverCrashAndViewsStayInside) {
    // Garbage from the network: every result must be an error or views inside the datagram
    // (AddressSanitizer checks every read).
    std::mt19937 rng(4733);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<std::size_t> length(0, 80);
    int accepted = 0;
    for (int i = 0; i < 100'000; ++i) {
        Bytes datagram(length(rng));
        for (auto& b : datagram) {
            b = static_cast<std::uint8_t>(byte(rng));
        }
        if (i % 2 == 0 && !datagram.empty()) {
            datagram[0] = static_cast<std::uint8_t>(0x80 | (datagram[0] & 0x3F));  // version 2
        }
        RtpPacket packet;
        if (parse_rtp(datagram, packet) != RtpError::None) {
            continue;
        }
        ++accepted;
        const auto* begin = datagram.data();
        const auto* end = begin + datagram.size();
        ASSERT_GE(packet.payload.data(), begin);
        ASSERT_LE(packet.payload.data() + packet.payload.size(), end);
        ASSERT_LE(packet.extension.data() + packet.extension.size(), end);
    }
    EXPECT_GT(accepted, 1000);  // the generator does produce valid packets too
}

TEST(RtpSerial, NewerAcrossWrapAround) {
    EXPECT_TRUE(seq_newer(1, 0));
    EXPECT_TRUE(seq_newer(0, 65535));
    EXPECT_FALSE(seq_newer(65535, 0));
    EXPECT_FALSE(seq_newer(7, 7));
    EXPECT_TRUE(timestamp_newer(80, 0xFFFFFFB0u));
    EXPECT_FALSE(timestamp_newer(0xFFFFFFB0u, 80));
}

}  // namespace
}  // namespace markaz::media
