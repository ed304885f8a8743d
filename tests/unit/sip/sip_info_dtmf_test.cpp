#include "sip/sip_info_dtmf.h"

#include <gtest/gtest.h>

namespace markaz::sip {
namespace {

TEST(SipInfoDtmf, ReadsDtmfRelay) {
    const auto event =
        parse_sip_info_dtmf("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n");
    ASSERT_TRUE(event) << event.error().message;
    EXPECT_EQ(*event, (SipInfoDigit{'5', Duration{160}}));
}

TEST(SipInfoDtmf, ToleratesSpacingCaseAndParameters) {
    const auto event =
        parse_sip_info_dtmf("Application/DTMF-Relay; charset=utf-8", "signal= #\nduration = 250\n");
    ASSERT_TRUE(event) << event.error().message;
    EXPECT_EQ(event->digit, '#');
    EXPECT_EQ(event->duration, Duration{250});
}

TEST(SipInfoDtmf, MapsEventCodesSomePhonesSend) {
    const auto star = parse_sip_info_dtmf("application/dtmf-relay", "Signal=10\r\n");
    ASSERT_TRUE(star);
    EXPECT_EQ(star->digit, '*');
    const auto hash = parse_sip_info_dtmf("application/dtmf", "11");
    ASSERT_TRUE(hash);
    EXPECT_EQ(hash->digit, '#');
}

TEST(SipInfoDtmf, ReadsApplicationDtmf) {
    const auto event = parse_sip_info_dtmf("application/dtmf", "7\r\n");
    ASSERT_TRUE(event);
    EXPECT_EQ(*event, (SipInfoDigit{'7', Duration{0}}));
}

TEST(SipInfoDtmf, MissingDurationIsZero) {
    const auto event = parse_sip_info_dtmf("application/dtmf-relay", "Signal=D");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->duration, Duration{0});
}

TEST(SipInfoDtmf, ErrorsSayWhatIsWrong) {
    const auto not_digit = parse_sip_info_dtmf("application/dtmf-relay", "Signal=X\r\n");
    ASSERT_FALSE(not_digit);
    EXPECT_EQ(not_digit.error().message, "dtmf-relay: Signal 'X' is not a DTMF digit");

    const auto no_signal = parse_sip_info_dtmf("application/dtmf-relay", "Duration=100\r\n");
    ASSERT_FALSE(no_signal);
    EXPECT_EQ(no_signal.error().message, "dtmf-relay: no Signal line");

    const auto code = parse_sip_info_dtmf("application/dtmf", "16");
    ASSERT_FALSE(code);
    EXPECT_EQ(code.error().message, "application/dtmf: '16' is not a DTMF digit");

    const auto type = parse_sip_info_dtmf("application/media_control+xml", "<x/>");
    ASSERT_FALSE(type);
    EXPECT_EQ(type.error().code, Errc::InvalidArgument);
    EXPECT_EQ(type.error().message,
              "INFO content type 'application/media_control+xml' does not carry DTMF");
}

}  // namespace
}  // namespace markaz::sip
