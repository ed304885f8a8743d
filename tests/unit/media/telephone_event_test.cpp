#include "media/telephone_event.h"

#include <array>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "media/dtmf_event.h"

namespace markaz::media {
namespace {

TEST(TelephoneEvent, ParsesThePayload) {
    // RFC 4733 §2.3: digit 5, end bit, volume 10 (-10 dBm0), duration 800 (100 ms).
    const std::array<std::uint8_t, 4> payload{0x05, 0x8A, 0x03, 0x20};
    const auto event = parse_telephone_event(payload);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->event, 5);
    EXPECT_TRUE(event->end);
    EXPECT_EQ(event->volume, 10);
    EXPECT_EQ(event->duration, 800);
}

TEST(TelephoneEvent, IgnoresTheReservedBit) {
    const std::array<std::uint8_t, 4> payload{0x0B, 0x40 | 0x07, 0x00, 0xA0};
    const auto event = parse_telephone_event(payload);
    ASSERT_TRUE(event);
    EXPECT_FALSE(event->end);
    EXPECT_EQ(event->volume, 7);
}

TEST(TelephoneEvent, RejectsShortPayloads) {
    const std::array<std::uint8_t, 3> payload{1, 2, 3};
    EXPECT_FALSE(parse_telephone_event(payload));
    EXPECT_FALSE(parse_telephone_event({}));
}

TEST(TelephoneEvent, WritesWhatItReads) {
    const TelephoneEvent event{11, true, 63, 0xFFFF};
    std::array<std::uint8_t, 4> out{};
    ASSERT_EQ(write_telephone_event(event, out), 4u);
    EXPECT_EQ(out, (std::array<std::uint8_t, 4>{0x0B, 0xBF, 0xFF, 0xFF}));
    EXPECT_EQ(parse_telephone_event(out), event);
    std::array<std::uint8_t, 3> small{};
    EXPECT_EQ(write_telephone_event(event, small), 0u);
}

TEST(TelephoneEvent, MapsDigitsBothWays) {
    const std::string digits = "0123456789*#ABCD";
    for (std::uint8_t code = 0; code < 16; ++code) {
        EXPECT_EQ(dtmf_digit(code), digits[code]);
        EXPECT_EQ(dtmf_event_code(digits[code]), code);
    }
    EXPECT_FALSE(dtmf_digit(16));  // flash is not a digit
    EXPECT_EQ(dtmf_event_code('b'), 13);
    EXPECT_FALSE(dtmf_event_code('E'));
    EXPECT_FALSE(dtmf_event_code('\0'));
    EXPECT_FALSE(dtmf_event_code(' '));
}

}  // namespace
}  // namespace markaz::media
