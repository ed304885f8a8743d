// Classes of service: the patterns an administrator writes, and who may dial what.

#include "dial/dial_rules.h"

#include <gtest/gtest.h>

namespace markaz::dial {
namespace {

DialPattern pattern(const char* text) {
    auto parsed = DialPattern::parse(text);
    EXPECT_TRUE(parsed) << parsed.error().message;
    return *parsed;
}

std::string error_of(const char* text) {
    auto parsed = DialPattern::parse(text);
    return parsed ? "" : parsed.error().message;
}

TEST(DialPattern, MatchesWholeNumbersOnly) {
    const DialPattern mobile = pattern("09XXXXXXXXX");
    EXPECT_TRUE(mobile.matches("09121234567"));
    EXPECT_FALSE(mobile.matches("0912123456"));    // one digit short
    EXPECT_FALSE(mobile.matches("091212345678"));  // one digit more
    EXPECT_FALSE(mobile.matches("08121234567"));
    EXPECT_FALSE(mobile.matches(""));
}

TEST(DialPattern, LettersSetsAndTails) {
    EXPECT_TRUE(pattern("0[1-8]XXXXXXXXX").matches("02188776655"));
    EXPECT_FALSE(pattern("0[1-8]XXXXXXXXX").matches("09188776655"));
    EXPECT_TRUE(pattern("[135]").matches("3"));
    EXPECT_FALSE(pattern("[135]").matches("2"));
    EXPECT_TRUE(pattern("NXX").matches("200"));
    EXPECT_FALSE(pattern("NXX").matches("100"));
    EXPECT_TRUE(pattern("ZX").matches("10"));
    EXPECT_FALSE(pattern("ZX").matches("01"));
    EXPECT_TRUE(pattern("00.").matches("0044207"));
    EXPECT_FALSE(pattern("00.").matches("00"));  // "." wants one more at least
    EXPECT_TRUE(pattern("00!").matches("00"));
    EXPECT_TRUE(pattern("+98.").matches("+989121234567"));
    EXPECT_FALSE(pattern("+98.").matches("+449121234567"));
    EXPECT_TRUE(pattern("*#").matches("*#"));
}

TEST(DialPattern, AMistakeIsNamedWithWhereItIs) {
    EXPECT_EQ(error_of(""), "a pattern may not be empty");
    EXPECT_EQ(error_of("09X?"),
              "'09X?': '?' is not a digit, + * #, X, Z, N, a [set], or a final . or ! at "
              "character 4");
    EXPECT_EQ(error_of("0.9"), "'0.9': '.' may only end a pattern at character 2");
    EXPECT_EQ(error_of("0[1-8"), "'0[1-8': '[' is not closed at character 2");
    EXPECT_EQ(error_of("0[a]"), "'0[a]': a set holds digits and ranges like 1-5 at character 3");
    EXPECT_EQ(error_of("0[8-1]"),
              "'0[8-1]': a range runs from a digit up to a digit at character 3");
    EXPECT_EQ(error_of("0[]"), "'0[]': '[]' allows nothing at character 2");
}

TEST(DialRules, WithoutRulesEveryoneDialsAnythingWithFourCallsAtMost) {
    DialRules rules;
    EXPECT_FALSE(rules.refuse_outbound("1001", "00442071234567"));
    EXPECT_FALSE(rules.refuse_callback("00442071234567"));
    EXPECT_EQ(rules.max_calls("1001"), 4);
}

DialRules national_and_managers() {
    std::map<std::string, DialClass> classes;
    classes["agents"] = DialClass{"", {pattern("0[1-8]XXXXXXXXX"), pattern("09XXXXXXXXX")}, 2};
    classes["managers"] =
        DialClass{"", {pattern("0[1-8]XXXXXXXXX"), pattern("09XXXXXXXXX"), pattern("00.")}, 4};
    auto rules = DialRules::make(classes, "agents", {{"1009", "managers"}}, std::nullopt);
    EXPECT_TRUE(rules) << rules.error().message;
    return *rules;
}

TEST(DialRules, EachExtensionDialsWithItsClass) {
    const DialRules rules = national_and_managers();
    // An agent's extension (the default class) dials national numbers only.
    EXPECT_FALSE(rules.refuse_outbound("1001", "09121234567"));
    auto refused = rules.refuse_outbound("1001", "00882123456789");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->reason, "1001 (class agents) may not dial 00882123456789");
    EXPECT_EQ(rules.max_calls("1001"), 2);
    // The manager's may dial abroad.
    EXPECT_FALSE(rules.refuse_outbound("1009", "00882123456789"));
    EXPECT_EQ(rules.max_calls("1009"), 4);
    // Callbacks follow the default class when no rule of their own is given.
    EXPECT_FALSE(rules.refuse_callback("09121234567"));
    EXPECT_EQ(rules.refuse_callback("00882123456789")->reason,
              "callbacks may not dial 00882123456789");
}

TEST(DialRules, OnlyAClassThatNamesAQueueMayJoinItsCallsByPhone) {
    std::map<std::string, DialClass> classes;
    classes["agents"] = DialClass{"", {pattern("09XXXXXXXXX")}, 2};
    classes["supervisors"] = DialClass{"", {pattern("09XXXXXXXXX")}, 4, {"sales"}};
    classes["managers"] = DialClass{"", {pattern("09XXXXXXXXX")}, 4, {"*"}};
    auto rules = DialRules::make(classes, "agents", {{"2001", "supervisors"}, {"2009", "managers"}},
                                 std::nullopt);
    ASSERT_TRUE(rules);
    const std::vector<std::string> sales{"sales"};
    const std::vector<std::string> support_then_sales{"support", "sales"};
    EXPECT_FALSE(rules->may_monitor("1001", sales)) << "an agent's phone";
    EXPECT_TRUE(rules->may_monitor("2001", sales));
    EXPECT_TRUE(rules->may_monitor("2001", support_then_sales)) << "a call that reached sales";
    EXPECT_FALSE(rules->may_monitor("2001", {"support"}));
    EXPECT_TRUE(rules->may_monitor("2009", {"support"}));
    EXPECT_FALSE(DialRules().may_monitor("2009", sales)) << "no rules: nobody by phone";
}

TEST(DialRules, CallbacksHaveTheirOwnPatternsWhenGiven) {
    std::map<std::string, DialClass> classes{{"agents", DialClass{"", {pattern("X!")}, 2}}};
    auto rules = DialRules::make(classes, "agents", {}, std::vector{pattern("09XXXXXXXXX")});
    ASSERT_TRUE(rules);
    EXPECT_FALSE(rules->refuse_outbound("1001", "02112345678"));
    EXPECT_TRUE(rules->refuse_callback("02112345678"));
    EXPECT_FALSE(rules->refuse_callback("09121234567"));
}

TEST(DialRules, UnknownClassesAreNamed) {
    std::map<std::string, DialClass> classes{{"agents", DialClass{}}, {"managers", DialClass{}}};
    EXPECT_EQ(DialRules::make(classes, "staff", {}, std::nullopt).error().message,
              "default_class: 'staff' is not a class (classes: agents, managers)");
    EXPECT_EQ(DialRules::make(classes, "agents", {{"1001", "boss"}}, std::nullopt).error().message,
              "extension 1001: class 'boss' is not a class (classes: agents, managers)");
    EXPECT_EQ(DialRules::make({}, "agents", {}, std::nullopt).error().message,
              "classes: name at least one class");
}

}  // namespace
}  // namespace markaz::dial
