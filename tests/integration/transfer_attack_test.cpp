// A phone's transfer may only join its own calls: a REFER whose Replaces names another phone's
// call (its Call-ID and tags learnt by sniffing, say) or no call at all is refused, and the
// call it named goes on untouched. Without the check a registered phone could pull anyone's
// conversation into its own call, or hand it to a number of its choosing.

#include <thread>

#include <gtest/gtest.h>

#include "support/baresip_phone.h"
#include "support/extension_phone.h"
#include "support/markaz_server.h"
#include "support/nua_phone.h"
#include "support/wav_analysis.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;
namespace ev = baresip_event;

TEST(TransferAttack, AReferNamingAnotherPhonesCallOrNoCallIsRefusedAndThatCallGoesOn) {
    MarkazServer server{MarkazServer::Options{}};
    NuaPhone victim{"1001", "secret1001", server.registrar()};
    NuaPhone attacker{"1003", "secret1003", server.registrar()};
    BaresipPhone colleague{extension_phone(server, "1002", 1000, AnswerMode::Auto)};
    victim.wait_until_registered();
    attacker.wait_until_registered();
    colleague.wait_until_registered();

    const int victims_call = victim.call("1002");
    victim.wait_until_established(victims_call);
    colleague.wait_for(ev::kCallEstablished, 10s);
    const int attackers_call = attacker.call("600");  // the echo test: any call of its own
    attacker.wait_until_established(attackers_call);

    attacker.transfer_with(attackers_call, "1002", victim.replaces_header(victims_call));
    EXPECT_EQ(attacker.wait_for_transfer_outcome(attackers_call), 403);
    EXPECT_TRUE(server.wait_for_log("the call it names is not its own (403)")) << server.log_tail();

    const int second = attacker.call("600");
    attacker.wait_until_established(second);
    attacker.transfer_with(second, "1002",
                           "Replaces=made-up%40127.0.0.1%3Bto-tag%3D1%3Bfrom-tag%3D2");
    EXPECT_EQ(attacker.wait_for_transfer_outcome(second), 481);

    std::this_thread::sleep_for(1s);
    EXPECT_FALSE(victim.ended(victims_call)) << "the victim's call goes on";
    EXPECT_FALSE(attacker.ended(attackers_call)) << "a refusal leaves the asker's call as it was";
    colleague.hangup();
    victim.wait_until_ended(victims_call);
}

}  // namespace
}  // namespace markaz::integration
