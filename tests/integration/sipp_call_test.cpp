// Calls placed by SIPp acting as a carrier behind a trunk: requests no phone here sends
// (SIP INFO digits, an offer of a codec Markaz does not speak).

#include <filesystem>

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

}  // namespace
}  // namespace markaz::integration
