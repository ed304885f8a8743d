// Calls placed by SIPp acting as a carrier behind a trunk: requests no phone here sends
// (SIP INFO digits, an offer of a codec Markaz does not speak).

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "support/markaz_server.h"
#include "support/sipp.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;

/// A server that trusts every source on this host as a trunk, so SIPp (on a port it picks
/// itself) can call in without credentials; its log has the SIP detail (debug), digits too.
MarkazServer trunk_server() {
    return MarkazServer{MarkazServer::Options{
        .extra_sip = "  trunks:\n    - {name: carrier, allow: [\"127.0.0.1\"]}\n",
        .serve_args = {"--log-level", "debug"}}};
}

SippOptions carrier_calls(const MarkazServer& server, const char* scenario,
                          const std::string& number) {
    return {.scenario = std::filesystem::path{MARKAZ_INTEGRATION_DIR} / "scenarios" / scenario,
            .extra_args = {"-s", number, server.registrar()}};
}

TEST(SippCalls, SipInfoDigitsReachTheServerAsEvents) {
    MarkazServer server = trunk_server();
    SippProcess sipp{carrier_calls(server, "info_dtmf_call.xml", "600")};
    auto status = sipp.wait_for_exit(20s);
    ASSERT_EQ(status, 0) << sipp.log_tail() << server.log_tail();
    std::string log = server.log_tail(200);
    EXPECT_NE(log.find("digit 5 (sip-info)"), std::string::npos) << log;  // dtmf-relay
    EXPECT_NE(log.find("digit 9 (sip-info)"), std::string::npos) << log;  // application/dtmf
}

TEST(SippCalls, AnOfferWithNoSupportedCodecGets488) {
    MarkazServer server = trunk_server();
    SippProcess sipp{carrier_calls(server, "unsupported_codec.xml", "600")};
    auto status = sipp.wait_for_exit(20s);
    ASSERT_EQ(status, 0) << "SIPp expected 488:\n" << sipp.log_tail() << server.log_tail();
    EXPECT_TRUE(server.running());
}

/// Counts lines of SIPp's message trace that start `text` (a status line such as
/// "SIP/2.0 486"): every message SIPp received or sent is in it once, retransmissions apart.
int trace_count(const SippProcess& sipp, const std::string& text) {
    std::ifstream in(sipp.dir() / "messages.log");
    std::set<std::string> calls;  // Call-IDs with such a message: retransmissions count once
    std::string line;
    bool counting = false;
    while (std::getline(in, line)) {
        const bool request_line = line.size() > 8 && line.ends_with(" SIP/2.0");
        if (line.rfind("SIP/2.0 ", 0) == 0 || request_line) {  // a message starts
            counting = line.rfind(text, 0) == 0;
        } else if (counting && line.rfind("Call-ID:", 0) == 0) {
            calls.insert(line);
            counting = false;
        }
    }
    return static_cast<int>(calls.size());
}

TEST(SippCalls, AnExtensionWithALeakedPasswordCannotOpenMoreCallsThanItsClassAllows) {
    // Attack: whoever has 1001's password opens five calls at once (to premium numbers, in
    // the real attack; to the echo test here, which needs no trunk). Class "phones" allows
    // two: the other three get 486, and once the two have ended the extension calls again.
    MarkazServer server{MarkazServer::Options{
        .extra_yaml = "dial_rules:\n  default_class: phones\n"
                      "  classes:\n    phones: {outbound: [\"0XXXXXXXXXX\"], max_calls: 2}\n"}};
    auto calls = [&](int count, const char* hold) {
        return SippOptions{
            .scenario =
                std::filesystem::path{MARKAZ_INTEGRATION_DIR} / "scenarios" / "extension_calls.xml",
            .keys = {{"user", "1001"}},
            .calls = count,
            .extra_args = {"-s", "600", "-au", "1001", "-ap", "secret1001", "-auth_uri",
                           "600@" + server.registrar(), "-l", std::to_string(count), "-r", "50",
                           "-d", hold, server.registrar()}};
    };
    {
        SippProcess attack{calls(5, "3000")};
        auto status = attack.wait_for_exit(30s);
        ASSERT_EQ(status, 0) << attack.log_tail(200) << server.log_tail();
        EXPECT_EQ(trace_count(attack, "SIP/2.0 200"), 2) << attack.log_tail(200);
        EXPECT_EQ(trace_count(attack, "SIP/2.0 486"), 3) << attack.log_tail(200);
    }
    std::string log = server.log_tail(300);
    EXPECT_NE(log.find("refused (486): 1001 has 2 calls up, as many as its class phones allows"),
              std::string::npos)
        << log;
    // The two ended with their BYEs: the extension's next call goes through.
    SippProcess after{calls(1, "200")};
    ASSERT_EQ(after.wait_for_exit(20s), 0) << after.log_tail() << server.log_tail();
    EXPECT_EQ(trace_count(after, "SIP/2.0 200"), 1) << after.log_tail();
}

}  // namespace
}  // namespace markaz::integration
