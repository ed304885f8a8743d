#include "app/feature_codes.h"

#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace markaz::app {
namespace {

using Kind = FeatureCode::Kind;

std::optional<FeatureCode> code(Kind kind, std::string argument = "") {
    return FeatureCode{kind, std::move(argument)};
}

TEST(FeatureCodes, StarElevenLogsInAsTheDesksAgent) {
    EXPECT_EQ(parse_feature_code("*11"), code(Kind::Login));
}

TEST(FeatureCodes, StarElevenWithDigitsLogsInAsThatAgent) {
    EXPECT_EQ(parse_feature_code("*111001"), code(Kind::Login, "1001"));
    EXPECT_EQ(parse_feature_code("*1107"), code(Kind::Login, "07")) << "leading zeros are kept";
}

TEST(FeatureCodes, StarTwelveLogsOut) {
    EXPECT_EQ(parse_feature_code("*12"), code(Kind::Logout));
}

TEST(FeatureCodes, StarThirteenPausesWithTheFirstReasonOrTheOneGiven) {
    EXPECT_EQ(parse_feature_code("*13"), code(Kind::Pause));
    EXPECT_EQ(parse_feature_code("*132"), code(Kind::Pause, "2"));
    EXPECT_EQ(parse_feature_code("*1312"), code(Kind::Pause, "12"));
}

TEST(FeatureCodes, StarFourteenIsReady) {
    EXPECT_EQ(parse_feature_code("*14"), code(Kind::Ready));
}

TEST(FeatureCodes, TheKindsAreNotConfused) {
    // Equal arguments, different kinds: the comparison above would not catch a wrong kind if
    // every code parsed to Login with "".
    EXPECT_NE(parse_feature_code("*12"), code(Kind::Login));
    EXPECT_NE(parse_feature_code("*13"), code(Kind::Ready));
    EXPECT_NE(parse_feature_code("*14"), code(Kind::Pause));
}

TEST(FeatureCodes, LogoutAndReadyTakeNoDigits) {
    EXPECT_EQ(parse_feature_code("*121"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*121001"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*140"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*141"), std::nullopt);
}

TEST(FeatureCodes, StarThirtyOneToThirtyThreeJoinAnAgentsCall) {
    EXPECT_EQ(parse_feature_code("*311001"), code(Kind::Listen, "1001"));
    EXPECT_EQ(parse_feature_code("*321001"), code(Kind::Whisper, "1001"));
    EXPECT_EQ(parse_feature_code("*331001"), code(Kind::Barge, "1001"));
    EXPECT_EQ(parse_feature_code("*31"), std::nullopt) << "whose call?";
    EXPECT_EQ(parse_feature_code("*341001"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*301001"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*31100a"), std::nullopt);
}

TEST(FeatureCodes, OtherCodesAreNotFeatureCodes) {
    EXPECT_EQ(parse_feature_code("*15"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*10"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*19"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*21"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*1"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*"), std::nullopt);
}

TEST(FeatureCodes, OrdinaryNumbersAreNotFeatureCodes) {
    EXPECT_EQ(parse_feature_code("100"), std::nullopt);
    EXPECT_EQ(parse_feature_code("111"), std::nullopt);
    EXPECT_EQ(parse_feature_code("#11"), std::nullopt);
    EXPECT_EQ(parse_feature_code("**11"), std::nullopt);
    EXPECT_EQ(parse_feature_code(""), std::nullopt);
}

TEST(FeatureCodes, AnythingButDigitsAfterTheCodeIsRefused) {
    EXPECT_EQ(parse_feature_code("*11a"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*11a1001"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*11#"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*11*"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*13 2"), std::nullopt);
    EXPECT_EQ(parse_feature_code("*13-1"), std::nullopt);
}

}  // namespace
}  // namespace markaz::app
