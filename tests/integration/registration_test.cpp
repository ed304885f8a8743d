// A baresip phone registering with digest auth, against SIPp playing the registrar: proves the
// harness's registrar mode before Markaz's own registrar is tested with it.
#include <gtest/gtest.h>

#include "support/baresip_phone.h"
#include "support/sipp.h"
#include "support/sipsak.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;

const std::filesystem::path kRegistrarScenario =
    std::filesystem::path{MARKAZ_INTEGRATION_DIR} / "scenarios/registrar_digest.xml";

SippOptions registrar(const std::string& user, const std::string& password) {
    return {.scenario = kRegistrarScenario, .keys = {{"user", user}, {"password", password}}};
}

PhoneOptions registering_phone(const SippProcess& sipp, const std::string& password) {
    PhoneOptions options;
    options.user = "1001";
    options.password = password;
    options.registrar = sipp.address();
    return options;
}

TEST(Registration, PhoneRegistersWithDigestAuthAndUnregistersOnStop) {
    SippProcess sipp{registrar("1001", "secret")};
    BaresipPhone phone{registering_phone(sipp, "secret")};

    phone.wait_until_registered();
    EXPECT_EQ(phone.registration(), RegistrationState::Registered);
    EXPECT_EQ(phone.aor(), "sip:1001@" + sipp.address());

    phone.stop();  // sends REGISTER with Expires 0, which ends the scenario
    EXPECT_EQ(sipp.wait_for_exit(10s), 0) << sipp.log_tail();
}

TEST(Registration, WrongPasswordIsRefusedAndReported) {
    SippProcess sipp{registrar("1001", "secret")};
    BaresipPhone phone{registering_phone(sipp, "not-the-password")};

    try {
        phone.wait_until_registered();
        FAIL() << "registered with a wrong password";
    } catch (const PhoneError& error) {
        EXPECT_NE(std::string{error.what()}.find("registration at " + sipp.address() + " failed"),
                  std::string::npos)
            << error.what();
    }
    EXPECT_EQ(phone.registration(), RegistrationState::Failed);
}

TEST(Registration, SipsakRegistersWithDigestAuth) {
    SippProcess sipp{registrar("1001", "secret")};

    const SipsakResult result =
        sipsak_register("sip:1001@" + sipp.address(), "secret", "sip:1001@127.0.0.1:5999", 60);

    EXPECT_EQ(result.exit_code, 0) << result.command_line << "\n" << result.output;
    EXPECT_EQ(result.final_status, 200) << result.output;
}

TEST(Registration, PhoneWithoutRegistrarReportsSo) {
    BaresipPhone phone{PhoneOptions{}};
    EXPECT_EQ(phone.registration(), RegistrationState::NotConfigured);
    EXPECT_THROW(phone.wait_until_registered(1s), PhoneError);
}

}  // namespace
}  // namespace markaz::integration
