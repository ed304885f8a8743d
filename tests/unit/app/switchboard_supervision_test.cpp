// Supervisors in a call, stepped on a test clock: their phone rung as a leg of the connected
// call, the room they join and who hears whom in each mode, the mode changed from the console
// and by their keys, and the call going on when they leave.

#include <gtest/gtest.h>

#include "app/switchboard.h"
#include "unit/app/call_flow_fakes.h"
#include "unit/app/sales_centre.h"

namespace markaz::app::testing {
namespace {

using namespace std::chrono_literals;
using Side = sip::CallEvent::Side;
using api::MonitorMode;

/// A caller from 1005 talks with agent a1001 (1001): the call and the agent's leg.
std::pair<sip::CallRef, std::uint64_t> talking(CallFlowHarness& h) {
    ready(h);
    return connect(h);
}

/// The supervisor at 1003 asks to monitor in `mode`: the leg their phone is rung on.
std::uint64_t ring_supervisor(CallFlowHarness& h, sip::CallRef call, MonitorMode mode) {
    auto asked = h.board().monitor(CallId{h.call_id(call)}, "1003", mode, "sara", h.now());
    EXPECT_TRUE(asked) << (asked ? "" : asked.error().message);
    auto rings = h.phones.take<FakePhones::Ring>();
    EXPECT_EQ(rings.size(), 1u);
    if (rings.empty()) {
        return 0;
    }
    EXPECT_EQ(rings[0].call, call);
    EXPECT_EQ(rings[0].extension, "1003");
    return rings[0].leg;
}

/// The supervisors the live calls list shows in the one call.
std::vector<api::CallMonitor> shown(CallFlowHarness& h) {
    auto calls = h.board().view().book().calls(h.router());
    EXPECT_EQ(calls.size(), 1u);
    return calls.empty() ? std::vector<api::CallMonitor>{} : calls[0].monitors;
}

TEST(SwitchboardSupervision, ListenJoinsHearingBothAndHeardByNobody) {
    CallFlowHarness h{sales_centre()};
    auto [call, agent_leg] = talking(h);
    std::uint64_t leg = ring_supervisor(h, call, MonitorMode::Listen);
    EXPECT_TRUE(h.media.joins.empty()) << "nothing joins before the phone answers";
    h.answer(call, leg);
    ASSERT_EQ(h.media.joins.size(), 1u);
    const FakeMedia::Join& join = h.media.joins[0];
    const ChannelId caller = h.channel_of(call);
    const ChannelId agent = h.leg_channel(call, agent_leg);
    EXPECT_EQ(join.member, caller);
    EXPECT_EQ(join.channel, h.leg_channel(call, leg));
    EXPECT_EQ(join.hears, (std::vector<ChannelId>{caller, agent}));
    EXPECT_TRUE(join.heard_by.empty());
    for (const auto& connect : h.phones.take<FakePhones::Connect>()) {
        EXPECT_NE(connect.leg, leg) << "the supervisor's leg is never the one the caller talks to";
    }
}

TEST(SwitchboardSupervision, WhisperAndBargeChangeWhoHearsTheSupervisorWithoutRedialling) {
    CallFlowHarness h{sales_centre()};
    auto [call, agent_leg] = talking(h);
    std::uint64_t leg = ring_supervisor(h, call, MonitorMode::Whisper);
    h.answer(call, leg);
    const ChannelId caller = h.channel_of(call);
    const ChannelId agent = h.leg_channel(call, agent_leg);
    const ChannelId supervisor = h.leg_channel(call, leg);
    ASSERT_EQ(h.media.joins.size(), 1u);
    EXPECT_EQ(h.media.joins[0].heard_by, std::vector<ChannelId>{agent}) << "coaching the agent";
    ASSERT_EQ(shown(h).size(), 1u);
    EXPECT_EQ(shown(h)[0].user, "sara");
    EXPECT_EQ(shown(h)[0].extension, "1003");
    EXPECT_EQ(shown(h)[0].mode, MonitorMode::Whisper);

    // From the console: barge in. No new ring, the hearing sets change.
    ASSERT_TRUE(
        h.board().monitor(CallId{h.call_id(call)}, "1003", MonitorMode::Barge, "sara", h.now()));
    EXPECT_TRUE(h.phones.take<FakePhones::Ring>().empty());
    EXPECT_TRUE(h.media.was_set(caller, supervisor, true));
    EXPECT_TRUE(h.media.was_set(agent, supervisor, true));
    EXPECT_EQ(shown(h).at(0).mode, MonitorMode::Barge);

    // From the supervisor's phone: 4 back to listening.
    h.media.hearings.clear();
    h.leg_digit(call, leg, '4');
    EXPECT_TRUE(h.media.was_set(caller, supervisor, false));
    EXPECT_TRUE(h.media.was_set(agent, supervisor, false));
    h.media.hearings.clear();
    h.leg_digit(call, leg, '7');  // not a mode key
    EXPECT_TRUE(h.media.hearings.empty());
}

TEST(SwitchboardSupervision, WhenTheSupervisorHangsUpCallerAndAgentGoOn) {
    CallFlowHarness h{sales_centre()};
    auto [call, agent_leg] = talking(h);
    std::uint64_t leg = ring_supervisor(h, call, MonitorMode::Barge);
    h.answer(call, leg);
    const ChannelId supervisor = h.leg_channel(call, leg);
    h.leg_ended(call, leg);
    EXPECT_EQ(h.media.leaves, std::vector<ChannelId>{supervisor});
    EXPECT_TRUE(shown(h).empty());
    EXPECT_TRUE(h.phones.take<FakePhones::HangUp>().empty());
    EXPECT_EQ(h.agent_state("a1001"), acd::AgentState::OnCall);
    h.hold(call, agent_leg, true);  // still the agent's call to hold
    EXPECT_EQ(h.store.all<acd::CallHeld>().size(), 1u);
    h.advance(30s);
    h.end(call, Side::Leg);
    EXPECT_EQ(h.store.all<acd::CallCompleted>().size(), 1u);
}

TEST(SwitchboardSupervision, TheCallsRecordKeepsEachSupervisorsModesFromAndTo) {
    CallFlowHarness h{sales_centre()};
    auto [call, agent_leg] = talking(h);
    const std::string id = h.call_id(call);
    std::uint64_t leg = ring_supervisor(h, call, MonitorMode::Listen);
    h.advance(5s);  // ringing: not yet in the call
    const WallTime joined = h.now().wall;
    h.answer(call, leg);
    h.advance(20s);
    h.leg_digit(call, leg, '5');
    h.advance(10s);
    h.leg_digit(call, leg, '5');  // already whispering: no new period
    h.advance(10s);
    h.leg_ended(call, leg);
    h.advance(5s);
    std::uint64_t again = ring_supervisor(h, call, MonitorMode::Barge);
    h.answer(call, again);
    h.advance(15s);
    h.end(call, Side::Caller);  // the call ends with the supervisor in it

    const std::vector<store::MonitorPeriod> periods = h.store.record(id).monitors;
    ASSERT_EQ(periods.size(), 3u);
    EXPECT_EQ(periods[0], (store::MonitorPeriod{"sara", "1003", "listen", joined, joined + 20s}));
    EXPECT_EQ(periods[1],
              (store::MonitorPeriod{"sara", "1003", "whisper", joined + 20s, joined + 40s}));
    EXPECT_EQ(periods[2],
              (store::MonitorPeriod{"sara", "1003", "barge", joined + 45s, joined + 60s}));
}

TEST(SwitchboardSupervision, ASupervisorWhoDoesNotAnswerCanBeRungAgain) {
    CallFlowHarness h{sales_centre()};
    auto [call, agent_leg] = talking(h);
    std::uint64_t leg = ring_supervisor(h, call, MonitorMode::Listen);
    h.fail(call, leg, 480);
    EXPECT_TRUE(h.phones.take<FakePhones::HangUp>().empty()) << "the call goes on";
    std::uint64_t again = ring_supervisor(h, call, MonitorMode::Listen);
    EXPECT_NE(again, leg);
}

TEST(SwitchboardSupervision, OnlyAConnectedCallMayBeMonitoredFromAPhoneNotInIt) {
    CallFlowHarness h{sales_centre()};
    sip::CallRef waiting = h.arrive("1005", "200");  // nobody is ready: it waits
    const CallId id{h.call_id(waiting)};
    auto refused = h.board().monitor(id, "1003", MonitorMode::Listen, "sara", h.now());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::Conflict);
    EXPECT_NE(refused.error().message.find("not connected"), std::string::npos);
    h.end(waiting, Side::Caller);

    auto [call, agent_leg] = talking(h);
    const CallId live{h.call_id(call)};
    EXPECT_EQ(
        h.board().monitor(CallId{"nope"}, "1003", MonitorMode::Listen, "s", h.now()).error().code,
        Errc::NotFound);
    auto outside = h.board().monitor(live, "0912555", MonitorMode::Listen, "s", h.now());
    ASSERT_FALSE(outside) << "never dials out: only the centre's own phones";
    EXPECT_EQ(outside.error().code, Errc::InvalidArgument);
    EXPECT_EQ(outside.error().message, "extension: '0912555' is not an extension of this centre");
    EXPECT_EQ(h.board().monitor(live, "1001", MonitorMode::Listen, "s", h.now()).error().code,
              Errc::Conflict)
        << "the agent's own phone";
    EXPECT_EQ(h.board().monitor(live, "1005", MonitorMode::Listen, "s", h.now()).error().code,
              Errc::Conflict)
        << "the caller's phone";
    EXPECT_TRUE(h.phones.take<FakePhones::Ring>().empty()) << "nothing rang";
}

TEST(SwitchboardSupervision, ASupervisorsPhoneThatHoldsPutsNobodyOnHold) {
    CallFlowHarness h{sales_centre()};
    auto [call, agent_leg] = talking(h);
    std::uint64_t leg = ring_supervisor(h, call, MonitorMode::Listen);
    h.answer(call, leg);
    h.hold(call, leg, true);
    EXPECT_TRUE(h.store.all<acd::CallHeld>().empty());
}

}  // namespace
}  // namespace markaz::app::testing
