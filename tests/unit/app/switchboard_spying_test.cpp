// Supervisors who dial in from their own phone (*31 listen, *32 whisper, *33 barge + the agent's
// extension), stepped on a test clock: their call joins the agent's room in the mode, keys
// 4-6 switch it, hanging up leaves the call going on, the call's end hangs them up, and a
// phone whose class of service does not allow it is refused.

#include <gtest/gtest.h>

#include "app/switchboard.h"
#include "unit/app/call_flow_fakes.h"
#include "unit/app/sales_centre.h"

namespace markaz::app::testing {
namespace {

using namespace std::chrono_literals;
using Side = sip::CallEvent::Side;

/// Sales, with 1003 in the class `supervisors`, which may join the calls of sales.
std::string spied_centre(const std::string& monitor = "[sales]") {
    std::string yaml = sales_centre();
    const std::string plain = "{number: \"1003\", password: secret-phone}";
    yaml.replace(yaml.find(plain), plain.size(),
                 "{number: \"1003\", password: secret-phone, class: supervisors}");
    return yaml +
           "dial_rules:\n"
           "  default_class: agents\n"
           "  classes:\n"
           "    agents: {outbound: [\"09XXXXXXXXX\"]}\n"
           "    supervisors: {outbound: [\"09XXXXXXXXX\"], monitor: " +
           monitor + "}\n";
}

TEST(SwitchboardSpying, ASupervisorDialsInToWhisperAndBargesInWithKeySix) {
    CallFlowHarness h{spied_centre()};
    ready(h);
    auto [call, agent_leg] = connect(h);
    const ChannelId caller = h.channel_of(call);
    const ChannelId agent = h.leg_channel(call, agent_leg);
    h.phones.commands.clear();

    const sip::CallRef phone = h.arrive("1003", "*321001");
    const ChannelId supervisor = h.channel_of(phone);
    ASSERT_EQ(h.media.joins.size(), 1u);
    EXPECT_EQ(h.media.joins[0].member, caller);
    EXPECT_EQ(h.media.joins[0].channel, supervisor);
    EXPECT_EQ(h.media.joins[0].hears, (std::vector<ChannelId>{caller, agent}));
    EXPECT_EQ(h.media.joins[0].heard_by, std::vector<ChannelId>{agent}) << "a whisper";
    EXPECT_TRUE(h.media.plays.empty() || h.media.plays.back().channel != supervisor)
        << "no confirmation is played into the call";

    h.advance(10s);
    h.digit(phone, '6');
    EXPECT_TRUE(h.media.was_set(caller, supervisor, true)) << "barged in: the caller hears them";
    h.advance(10s);
    h.end(phone, Side::Caller);
    EXPECT_EQ(h.media.leaves, std::vector<ChannelId>{supervisor});
    EXPECT_TRUE(h.phones.take<FakePhones::HangUp>().empty()) << "caller and agent go on";
    EXPECT_EQ(h.agent_state("a1001"), acd::AgentState::OnCall);

    h.end(call, Side::Caller);
    const store::CallRecord* record = nullptr;
    for (const store::CallRecord& r : h.store.saved) {
        if (r.id == h.call_id(call)) {
            record = &r;
        }
    }
    ASSERT_NE(record, nullptr);
    ASSERT_EQ(record->monitors.size(), 2u);
    EXPECT_EQ(record->monitors[0].mode, "whisper");
    EXPECT_EQ(record->monitors[0].user, "phone 1003");
    EXPECT_EQ(record->monitors[1].mode, "barge");
    EXPECT_EQ(record->monitors[1].to - record->monitors[1].from, 10s);
}

TEST(SwitchboardSpying, TheCallsEndHangsUpTheSupervisorWhoDialledIn) {
    CallFlowHarness h{spied_centre("[\"*\"]")};
    ready(h);
    auto [call, agent_leg] = connect(h);
    const sip::CallRef phone = h.arrive("1003", "*311001");
    ASSERT_EQ(h.media.joins.size(), 1u);
    EXPECT_TRUE(h.media.joins[0].heard_by.empty()) << "listening: heard by nobody";
    h.phones.commands.clear();
    h.end(call, Side::Leg);
    auto hung_up = h.phones.take<FakePhones::HangUp>();
    ASSERT_EQ(hung_up.size(), 1u);
    EXPECT_EQ(hung_up[0].call, phone);
    h.end(phone, Side::Server);  // the SIP layer's answer to that: nothing more happens
}

TEST(SwitchboardSpying, APhoneWhoseClassMayNotMonitorIsRefused) {
    CallFlowHarness h{spied_centre()};
    ready(h);
    connect(h);
    h.arrive("1004", "*331001");  // the agents' class: no monitoring
    EXPECT_TRUE(h.media.joins.empty());
    h.arrive("1003", "*331009");  // nobody at 1009
    EXPECT_TRUE(h.media.joins.empty());
    CallFlowHarness open{sales_centre()};  // no dial rules: no phone may listen in
    ready(open);
    connect(open);
    open.arrive("1003", "*311001");
    EXPECT_TRUE(open.media.joins.empty());
    // Feature codes never come from a trunk: route_call refuses them (dialplan tests).
}

TEST(SwitchboardSpying, AListenOnlyPhoneListensAndIsNeverHeard) {
    std::string yaml = spied_centre();
    yaml.replace(yaml.find("monitor: [sales]}"), 17, "monitor: [sales], listen_only: true}");
    CallFlowHarness h{yaml};
    ready(h);
    connect(h);
    h.arrive("1003", "*321001");
    EXPECT_TRUE(h.media.joins.empty()) << "no whisper";
    const sip::CallRef phone = h.arrive("1003", "*311001");
    ASSERT_EQ(h.media.joins.size(), 1u);
    EXPECT_TRUE(h.media.joins[0].heard_by.empty());
    h.digit(phone, '6');
    h.digit(phone, '5');
    EXPECT_TRUE(h.media.hearings.empty()) << "keys 5 and 6 change nothing";
}

TEST(SwitchboardSpying, ABargeInIsAnnouncedWithABeepWhereTheCentreWantsIt) {
    std::string yaml = spied_centre();
    yaml.replace(yaml.find("sip:\n"), 5, "sip:\n  barge_beep: true\n");
    CallFlowHarness h{yaml};
    ready(h);
    auto [call, agent_leg] = connect(h);
    const ChannelId caller = h.channel_of(call);
    const ChannelId agent = h.leg_channel(call, agent_leg);
    auto beeps = [&] {
        std::vector<ChannelId> out;
        for (const FakeMedia::Play& p : h.media.plays) {
            if (p.tag == 0 && !p.loop) {
                out.push_back(p.channel);
            }
        }
        h.media.plays.clear();
        return out;
    };
    beeps();
    const sip::CallRef phone = h.arrive("1003", "*321001");
    EXPECT_TRUE(beeps().empty()) << "a whisper is not announced";
    h.digit(phone, '6');
    EXPECT_EQ(beeps(), (std::vector<ChannelId>{caller, agent})) << "both hear the barge-in";
    h.digit(phone, '4');
    h.digit(phone, '6');
    EXPECT_EQ(beeps().size(), 2u) << "each time";
    // Without barge_beep, nobody hears one.
    CallFlowHarness quiet{spied_centre()};
    ready(quiet);
    connect(quiet);
    quiet.media.plays.clear();
    quiet.arrive("1003", "*331001");
    for (const FakeMedia::Play& p : quiet.media.plays) {
        EXPECT_FALSE(p.tag == 0 && !p.loop) << "no beep, only the call flow's own sounds";
    }
}

}  // namespace
}  // namespace markaz::app::testing
