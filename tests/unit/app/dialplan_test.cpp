#include "app/dialplan.h"

#include <optional>

#include <gtest/gtest.h>

namespace markaz::app {
namespace {

config::ServerConfig centre() {
    auto config = config::parse_server_config(
        "sip:\n"
        "  extensions:\n"
        "    - {number: \"1001\", password: secret-1001}\n"
        "    - {number: \"1002\", password: secret-1002}\n"
        "  loop_prompt: /sounds/loop.wav\n"
        "  trunks:\n"
        "    - {name: carrier, allow: [10.0.0.5], dial_prefix: \"9\", target: \"10.0.0.5:5060\"}\n"
        "    - {name: inbound-only, allow: [10.0.0.6]}\n"
        "queues:\n  - {name: sales}\n"
        "agents:\n  - {id: a1001, queues: [sales]}\n"
        "dialplan:\n  \"200\": {queue: sales}\n",
        "centre.yaml");
    EXPECT_TRUE(config) << config.error().message;
    return config ? std::move(*config) : config::ServerConfig{};
}

/// The destination as a T, or nullopt when it is another kind.
template <class T>
std::optional<T> as(const Destination& d) {
    const T* t = std::get_if<T>(&d);
    return t ? std::optional<T>(*t) : std::nullopt;
}

TEST(Dialplan, TheCentresNumbersAndFeatureCodesRunInTheFlow) {
    auto config = centre();
    EXPECT_TRUE(as<destination::Flow>(route_call(config, "1001", "200", false)));
    EXPECT_TRUE(as<destination::Flow>(route_call(config, "+98912", "200", true)))
        << "a trunk's caller reaches the centre's numbers";
    EXPECT_TRUE(as<destination::Flow>(route_call(config, "1001", "*111001", false)));
}

TEST(Dialplan, FeatureCodesFromATrunkAreRefusedWith403) {
    // A carrier's caller must not log an agent in at their own number (toll fraud).
    auto config = centre();
    const auto refused = as<destination::Refused>(route_call(config, "+98912", "*111001", true));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    EXPECT_NE(refused->reason.find("extensions only"), std::string::npos) << refused->reason;
}

TEST(Dialplan, EchoAndPromptTests) {
    auto config = centre();
    EXPECT_TRUE(as<destination::Echo>(route_call(config, "1001", "600", false)));
    EXPECT_TRUE(as<destination::PromptLoop>(route_call(config, "1001", "601", false)));
    config.sip.loop_prompt.clear();
    EXPECT_TRUE(as<destination::Refused>(route_call(config, "1001", "601", false)))
        << "no prompt configured: no prompt test";
}

TEST(Dialplan, AnotherExtensionRingsButNotYourOwn) {
    auto config = centre();
    const auto extension = as<destination::Extension>(route_call(config, "1001", "1002", false));
    ASSERT_TRUE(extension);
    EXPECT_EQ(extension->number, "1002");
    EXPECT_TRUE(as<destination::Extension>(route_call(config, "+98912", "1002", true)));
    EXPECT_TRUE(as<destination::Refused>(route_call(config, "1001", "1001", false)));
}

TEST(Dialplan, ExtensionsDialOutByTheTrunksPrefixAndTrunkCallsNeverDo) {
    auto config = centre();
    const auto out = as<destination::Trunk>(route_call(config, "1001", "909121234567", false));
    ASSERT_TRUE(out);
    EXPECT_EQ(out->trunk, "carrier");
    EXPECT_EQ(out->number, "09121234567");
    // Markaz is not an open relay: a call from a trunk never leaves through one.
    const auto relay = as<destination::Refused>(route_call(config, "+98912", "909121234567", true));
    ASSERT_TRUE(relay);
    EXPECT_EQ(relay->status, 404);
    EXPECT_TRUE(as<destination::Refused>(route_call(config, "1001", "9", false)))
        << "the prefix alone dials nothing";
}

TEST(Dialplan, ANumberOutsideTheCallersClassIsRefusedWith403NamingTheRule) {
    auto config = centre();
    std::map<std::string, dial::DialClass> classes;
    classes["national"] = dial::DialClass{"", {*dial::DialPattern::parse("0[1-9]XXXXXXXXX")}, 2};
    config.dial = *dial::DialRules::make(classes, "national", {}, std::nullopt);
    EXPECT_TRUE(as<destination::Trunk>(route_call(config, "1001", "909121234567", false)));
    const auto refused =
        as<destination::Refused>(route_call(config, "1001", "900882123456789", false));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    EXPECT_EQ(refused->reason, "1001 (class national) may not dial 00882123456789");
}

TEST(Dialplan, AnythingElseIs404NamingTheNumber) {
    auto config = centre();
    const auto refused = as<destination::Refused>(route_call(config, "1001", "777", false));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 404);
    EXPECT_EQ(refused->reason, "no route to 777");
}

}  // namespace
}  // namespace markaz::app
