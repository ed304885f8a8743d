// The call flow stepped on a test clock: a real Switchboard, router and IVR on fake phones,
// media and store (call_flow_fakes.h). Each test plays what the SIP layer would report and
// checks what the switchboard told the phones, the router's events and the call records.

#include "app/switchboard.h"

#include <gtest/gtest.h>

#include "unit/app/call_flow_fakes.h"
#include "unit/app/sales_centre.h"

namespace markaz::app::testing {
namespace {

using namespace std::chrono_literals;
using Side = sip::CallEvent::Side;
using acd::AgentState;

TEST(Switchboard, DeskAgentsWaitForTheirPhoneThenAreReady) {
    CallFlowHarness h{sales_centre()};
    EXPECT_EQ(h.agent_state("a1001"), AgentState::NotReady);
    h.registered("1001");
    EXPECT_EQ(h.agent_state("a1001"), AgentState::Available);
}

TEST(Switchboard, IvrToQueueToAgentRingsConnectsRecordsAndEnds) {
    CallFlowHarness h{sales_centre()};
    ready(h);
    sip::CallRef call = h.arrive("1005", "100");
    EXPECT_TRUE(h.phones.take<FakePhones::Ring>().empty()) << "the IVR first";
    h.digit(call, '1');
    auto rings = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(rings.size(), 1u);
    EXPECT_EQ(rings[0].call, call);
    EXPECT_EQ(rings[0].extension, "1001");
    EXPECT_EQ(rings[0].caller, "1005");  // the agent's phone shows the caller
    EXPECT_EQ(h.agent_state("a1001"), AgentState::Ringing);

    h.advance(2s);
    h.answer(call, rings[0].leg);
    auto connects = h.phones.take<FakePhones::Connect>();
    ASSERT_EQ(connects.size(), 1u);
    EXPECT_EQ(connects[0].leg, rings[0].leg);
    ASSERT_EQ(h.media.bridges.size(), 1u);
    EXPECT_EQ(h.media.bridges[0].a, h.channel_of(call));  // the caller left
    EXPECT_EQ(h.media.bridges[0].b, h.leg_channel(call, rings[0].leg));
    ASSERT_TRUE(h.media.bridges[0].recording);
    EXPECT_NE(h.media.bridges[0].recording->find(h.call_id(call)), std::string::npos);
    EXPECT_EQ(h.agent_state("a1001"), AgentState::OnCall);

    h.advance(30s);
    h.end(call, Side::Caller);
    EXPECT_EQ(h.agent_state("a1001"), AgentState::Available);  // no wrap-up in this queue
    store::CallRecord r = h.store.record(h.call_id(call));
    EXPECT_EQ(r.disposition, store::Disposition::Answered);
    EXPECT_EQ(r.agent, "a1001");
    EXPECT_EQ(r.ivr_path, (std::vector<std::string>{"welcome", "sales"}));
    EXPECT_EQ(r.digits, "1");
    EXPECT_EQ(r.wait, 2s);
    EXPECT_EQ(r.talk, 30s);
    EXPECT_EQ(r.hangup_side, "caller");
    EXPECT_EQ(h.store.all<acd::CallCompleted>().size(), 1u);
    // The record was on disk, open, from the arrival and again from the answer.
    EXPECT_GE(h.store.opened.size(), 2u);
}

TEST(Switchboard, RingTimeoutCancelsAndRingsTheNextAgent) {
    CallFlowHarness h{sales_centre(", ring_timeout: 10s, strategy: linear", 2)};
    ready(h, 2);
    sip::CallRef call = h.arrive("1005", "200");
    auto first = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(first.size(), 1u);
    h.advance(10s);
    std::vector<FakePhones::Command> commands = h.phones.commands;
    auto drops = h.phones.take<FakePhones::Drop>();
    ASSERT_EQ(drops.size(), 1u);
    EXPECT_EQ(drops[0].leg, first[0].leg);  // CANCEL the phone that did not answer
    h.phones.commands = commands;
    auto second = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(second.size(), 1u);
    EXPECT_NE(second[0].extension, first[0].extension);
    EXPECT_NE(second[0].leg, first[0].leg);
    EXPECT_TRUE(h.store.saved.empty()) << "no finished record before the call ends";
    EXPECT_EQ(h.store.opened.front().id, h.call_id(call));
}

TEST(Switchboard, BusyMovesToTheNextAgentAtOnce) {
    CallFlowHarness h{sales_centre(", strategy: linear", 2)};
    ready(h, 2);
    sip::CallRef call = h.arrive("1005", "200");
    auto first = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(first.size(), 1u);
    h.fail(call, first[0].leg, 486);
    auto second = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(second.size(), 1u);
    EXPECT_NE(second[0].extension, first[0].extension);
}

TEST(Switchboard, MissedOffersPauseTheAgentWithReasonNoAnswer) {
    CallFlowHarness h{sales_centre(", ring_timeout: 5s", 1, ", max_no_answer: 2")};
    ready(h);
    sip::CallRef call = h.arrive("1005", "200");
    for (int miss = 0; miss < 2; ++miss) {
        auto rings = h.phones.take<FakePhones::Ring>();
        ASSERT_EQ(rings.size(), 1u) << "miss " << miss;
        h.fail(call, rings[0].leg, 408);
        h.advance(10s);  // the retry delay
    }
    EXPECT_EQ(h.agent_state("a1001"), AgentState::Paused);
    EXPECT_EQ(h.router().agent(AgentId{"a1001"})->reason, "no-answer");
    EXPECT_TRUE(h.phones.take<FakePhones::Ring>().empty()) << "a paused agent is not rung";
}

TEST(Switchboard, ACallerWhoHangsUpWhileWaitingIsAbandoned) {
    CallFlowHarness h{sales_centre()};  // the agent's phone never registers
    sip::CallRef call = h.arrive("1005", "200");
    h.advance(7s);
    h.end(call, Side::Caller);
    auto abandoned = h.store.all<acd::CallAbandoned>();
    ASSERT_EQ(abandoned.size(), 1u);
    EXPECT_EQ(abandoned[0].wait, 7s);
    store::CallRecord r = h.store.record(h.call_id(call));
    EXPECT_EQ(r.disposition, store::Disposition::Abandoned);
    EXPECT_EQ(r.position, 1);
}

TEST(Switchboard, MaxWaitHangsTheCallerUpAsTimedOut) {
    CallFlowHarness h{sales_centre(", max_wait: 30s, on_max_wait: {exit: hangup}")};
    sip::CallRef call = h.arrive("1005", "200");
    h.advance(29s);
    EXPECT_TRUE(h.phones.take<FakePhones::HangUp>().empty());
    h.advance(1s);
    auto hang_ups = h.phones.take<FakePhones::HangUp>();
    ASSERT_EQ(hang_ups.size(), 1u);  // no announcement to play here: at once
    EXPECT_EQ(hang_ups[0].call, call);
    h.end(call, Side::Server);
    store::CallRecord r = h.store.record(h.call_id(call));
    EXPECT_EQ(r.disposition, store::Disposition::TimedOut);
    EXPECT_EQ(r.hangup_cause, "max-wait");
}

TEST(Switchboard, RingAllRingsEveryoneAndTheFirstAnswerCancelsTheOthers) {
    CallFlowHarness h{sales_centre(", strategy: ring-all", 3)};
    ready(h, 3);
    sip::CallRef call = h.arrive("1005", "200");
    auto rings = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(rings.size(), 3u);
    h.answer(call, rings[1].leg);
    std::vector<FakePhones::Command> commands = h.phones.commands;
    auto drops = h.phones.take<FakePhones::Drop>();
    ASSERT_EQ(drops.size(), 2u);
    for (const auto& drop : drops) {
        EXPECT_NE(drop.leg, rings[1].leg);
    }
    h.phones.commands = commands;
    auto connects = h.phones.take<FakePhones::Connect>();
    ASSERT_EQ(connects.size(), 1u);
    EXPECT_EQ(connects[0].leg, rings[1].leg);
    EXPECT_EQ(h.agent_state("a" + rings[1].extension), AgentState::OnCall);
    int available = 0;
    for (const char* agent : {"a1001", "a1002", "a1003"}) {
        available += h.agent_state(agent) == AgentState::Available ? 1 : 0;
    }
    EXPECT_EQ(available, 2);
}

TEST(Switchboard, TheAgentHangingUpEndsTheCallAsCompletedByTheAgent) {
    CallFlowHarness h{sales_centre()};
    ready(h);
    auto [call, leg] = connect(h);
    h.advance(12s);
    h.end(call, Side::Leg);
    auto completed = h.store.all<acd::CallCompleted>();
    ASSERT_EQ(completed.size(), 1u);
    EXPECT_EQ(completed[0].ended_by, acd::Party::Agent);
    EXPECT_EQ(h.store.record(h.call_id(call)).hangup_side, "agent");
}

TEST(Switchboard, TheConsolesHangUpOfAConnectedCallEndsItOnThePhonesAndStartsWrapUp) {
    CallFlowHarness h{sales_centre(", wrap_up: 20s")};
    ready(h);
    auto [call, leg] = connect(h);
    h.phones.commands.clear();
    ASSERT_TRUE(
        h.board().command(acd::HangUp{CallId{h.call_id(call)}, acd::Party::Agent}, h.now()));
    auto hang_ups = h.phones.take<FakePhones::HangUp>();
    ASSERT_EQ(hang_ups.size(), 1u);
    EXPECT_EQ(hang_ups[0].call, call);
    EXPECT_EQ(h.agent_state("a1001"), AgentState::WrapUp);
    h.end(call, Side::Server);  // the SIP layer reports the call over
    store::CallRecord r = h.store.record(h.call_id(call));
    EXPECT_EQ(r.hangup_cause, "hung up from the console");
    EXPECT_EQ(r.disposition, store::Disposition::Answered);
    EXPECT_EQ(h.store.all<acd::CallCompleted>().size(), 1u);
}

TEST(Switchboard, TheConsolesHangUpOfARingingCallCancelsTheAgentsPhone) {
    CallFlowHarness h{sales_centre()};
    ready(h);
    sip::CallRef call = h.arrive("1005", "200");
    auto rings = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(rings.size(), 1u);
    ASSERT_TRUE(h.board().command(acd::RemoveCall{CallId{h.call_id(call)}, "supervisor"}, h.now()));
    std::vector<FakePhones::Command> commands = h.phones.commands;
    auto drops = h.phones.take<FakePhones::Drop>();
    ASSERT_EQ(drops.size(), 1u);
    EXPECT_EQ(drops[0].leg, rings[0].leg);
    h.phones.commands = commands;
    EXPECT_EQ(h.phones.take<FakePhones::HangUp>().size(), 1u);
    EXPECT_EQ(h.agent_state("a1001"), AgentState::Available);
}

TEST(Switchboard, TheConsolesHangUpOfACallInTheIvrHangsItUp) {
    CallFlowHarness h{sales_centre()};
    sip::CallRef call = h.arrive("1005", "100");
    ASSERT_TRUE(h.board().command(acd::RemoveCall{CallId{h.call_id(call)}, "supervisor"}, h.now()));
    EXPECT_EQ(h.phones.take<FakePhones::HangUp>().size(), 1u);
}

TEST(Switchboard, AHangUpOfAnUnknownCallIsRefusedAndChangesNothing) {
    CallFlowHarness h{sales_centre()};
    auto refused = h.board().command(acd::HangUp{CallId{"nope"}, acd::Party::Agent}, h.now());
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("nope"), std::string::npos) << refused.error().message;
    EXPECT_TRUE(h.phones.commands.empty());
}

TEST(Switchboard, ALoginAtAStringThatIsNoExtensionIsRefusedNamingTheField) {
    CallFlowHarness h{sales_centre()};
    ASSERT_TRUE(h.board().command(acd::AgentLogout{AgentId{"a1001"}, ""}, h.now()));
    auto refused = h.board().command(
        acd::AgentLogin{AgentId{"a1001"}, "00989121234567", {}, AgentState::Available, "", "sup"},
        h.now());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::InvalidArgument);
    EXPECT_TRUE(refused.error().message.starts_with("extension: ")) << refused.error().message;
    EXPECT_EQ(h.agent_state("a1001"), AgentState::LoggedOut);
    EXPECT_TRUE(
        h.board()
            .command(
                acd::AgentLogin{AgentId{"a1001"}, "1003", {}, AgentState::Available, "", "sup"},
                h.now())
            .has_value());
}

TEST(Switchboard, HoldFromAPhoneGivesTheOtherPartyMusicAndCountsHoldTime) {
    CallFlowHarness h{sales_centre()};
    ready(h);
    auto [call, leg] = connect(h);
    h.advance(10s);
    h.media.stops.clear();
    h.hold(call, leg, true);  // the agent's phone holds the caller
    ASSERT_EQ(h.store.all<acd::CallHeld>().size(), 1u);
    h.advance(5s);
    h.hold(call, leg, false);
    auto resumed = h.store.all<acd::CallResumed>();
    ASSERT_EQ(resumed.size(), 1u);
    EXPECT_EQ(resumed[0].hold, 5s);
    // No music is configured here: the caller's channel goes back to its bridge.
    EXPECT_EQ(h.media.stops, (std::vector<ChannelId>{h.channel_of(call), h.channel_of(call)}));
    h.advance(3s);
    h.end(call, Side::Caller);
    store::CallRecord r = h.store.record(h.call_id(call));
    EXPECT_EQ(r.hold, 5s);
    EXPECT_EQ(r.talk, 13s);  // connected 18 s, 5 of them on hold
}

TEST(Switchboard, HoldFromTheDeskSilencesBothWaysForTheAgentAndCountsHoldTime) {
    CallFlowHarness h{sales_centre()};
    ready(h);
    auto [call, leg] = connect(h);
    const CallId id{h.call_id(call)};
    const ChannelId customer = h.channel_of(call);
    const ChannelId agent = h.leg_channel(call, leg);
    h.advance(10s);
    h.media.stops.clear();
    ASSERT_TRUE(h.board().hold_call(id, true, "a1001", h.now()));
    // No music is configured here: the customer hears silence instead of the agent.
    EXPECT_EQ(h.media.stops, std::vector<ChannelId>{customer});
    ASSERT_EQ(h.store.all<acd::CallHeld>().size(), 1u);
    ASSERT_EQ(h.media.hearings.size(), 1u);
    EXPECT_EQ(h.media.hearings[0].listener, agent);
    EXPECT_EQ(h.media.hearings[0].source, customer);
    EXPECT_FALSE(h.media.hearings[0].hears);
    auto again = h.board().hold_call(id, true, "a1001", h.now());
    ASSERT_FALSE(again) << "already on hold";
    EXPECT_EQ(again.error().code, Errc::Conflict);
    EXPECT_EQ(h.media.hearings.size(), 1u) << "a refusal changes nothing";

    h.advance(5s);
    ASSERT_TRUE(h.board().hold_call(id, false, "a1001", h.now()));
    EXPECT_EQ(h.media.stops.back(), customer);
    EXPECT_TRUE(h.media.hearings.back().hears);
    h.advance(5s);
    h.end(call, Side::Caller);
    EXPECT_EQ(h.store.record(id.str()).hold, 5s);
    EXPECT_EQ(h.store.record(id.str()).talk, 15s);
}

TEST(Switchboard, ACallHeldFromTheDeskAndTakenBackFromThePhoneIsHeardAgain) {
    CallFlowHarness h{sales_centre()};
    ready(h);
    auto [call, leg] = connect(h);
    ASSERT_TRUE(h.board().hold_call(CallId{h.call_id(call)}, true, "a1001", h.now()));
    h.hold(call, leg, true);  // the agent's phone holds too: the router has it held already
    h.hold(call, leg, false);
    ASSERT_FALSE(h.media.hearings.empty());
    EXPECT_EQ(h.media.hearings.back().listener, h.leg_channel(call, leg));
    EXPECT_EQ(h.media.hearings.back().source, h.channel_of(call));
    EXPECT_TRUE(h.media.hearings.back().hears);
    EXPECT_EQ(h.store.all<acd::CallResumed>().size(), 1u);
}

TEST(Switchboard, HoldFromTheDeskNeedsAConnectedCall) {
    CallFlowHarness h{sales_centre()};
    sip::CallRef waiting = h.arrive("1005", "200");
    auto refused = h.board().hold_call(CallId{h.call_id(waiting)}, true, "a1001", h.now());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::Conflict);
    EXPECT_EQ(h.board().hold_call(CallId{"nope"}, true, "a1001", h.now()).error().code,
              Errc::NotFound);
    EXPECT_TRUE(h.media.hearings.empty());
}

TEST(Switchboard, HoldBeforeTheAnswerChangesNothing) {
    CallFlowHarness h{sales_centre()};
    sip::CallRef call = h.arrive("1005", "200");
    h.hold(call, 0, true);
    EXPECT_TRUE(h.store.all<acd::CallHeld>().empty());
}

TEST(Switchboard, FeatureCodesChangeTheAgentAtThatPhone) {
    CallFlowHarness h{sales_centre()};
    ready(h);
    sip::CallRef pause = h.arrive("1001", "*13");
    EXPECT_EQ(h.agent_state("a1001"), AgentState::Paused);
    h.end(pause, Side::Caller);
    sip::CallRef back = h.arrive("1001", "*14");
    EXPECT_EQ(h.agent_state("a1001"), AgentState::Available);
    h.end(back, Side::Caller);
    sip::CallRef out = h.arrive("1001", "*12");
    EXPECT_EQ(h.agent_state("a1001"), AgentState::LoggedOut);
    h.end(out, Side::Caller);
}

TEST(Switchboard, TheLiveCallsListShowsACallInTheIvrAndDropsItWhenItEnds) {
    CallFlowHarness h{sales_centre(", max_length: 1")};
    auto live = [&h] { return h.board().view().book().calls(h.router()); };
    sip::CallRef first = h.arrive("1005", "100");
    ASSERT_EQ(live().size(), 1u);
    EXPECT_EQ(live()[0].state, api::LiveCall::State::Ivr);
    EXPECT_EQ(live()[0].dialled, "100");
    h.digit(first, '1');
    ASSERT_EQ(live().size(), 1u);
    EXPECT_EQ(live()[0].state, api::LiveCall::State::Waiting);
    EXPECT_EQ(live()[0].digits, "1") << "the agent's screen pop";

    sip::CallRef second = h.arrive("1004", "100");
    h.digit(second, '1');  // the line is full: blocked, told so and hung up
    h.end(second, Side::Server);
    ASSERT_EQ(live().size(), 1u) << "a blocked call does not stay in the list";
    EXPECT_EQ(live()[0].id.str(), h.call_id(first));
    sip::CallRef third = h.arrive("1003", "100");
    h.end(third, Side::Caller);  // hung up in the IVR
    EXPECT_EQ(live().size(), 1u);
}

TEST(Switchboard, TheRecordingPausesForCardDetailsAndTheRecordSaysWhen) {
    CallFlowHarness h{sales_centre()};
    ready(h);
    auto [call, leg] = connect(h);
    const CallId id{h.call_id(call)};
    const WallTime answered = h.now().wall;
    h.advance(10s);
    ASSERT_TRUE(h.board().pause_recording(id, true, "a1001", h.now()));
    ASSERT_EQ(h.media.pauses.size(), 1u);
    EXPECT_EQ(h.media.pauses[0].channel, h.channel_of(call)) << "the room the caller is in";
    EXPECT_TRUE(h.media.pauses[0].paused);
    EXPECT_TRUE(h.board().view().book().calls(h.router()).at(0).recording_paused);
    auto again = h.board().pause_recording(id, true, "a1001", h.now());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::Conflict);
    EXPECT_EQ(h.media.pauses.size(), 1u) << "a refusal changes nothing";

    h.advance(20s);
    ASSERT_TRUE(h.board().pause_recording(id, false, "supervisor", h.now()));
    EXPECT_FALSE(h.media.pauses.back().paused);
    EXPECT_FALSE(h.board().view().book().calls(h.router()).at(0).recording_paused);
    h.advance(5s);
    ASSERT_TRUE(h.board().pause_recording(id, true, "a1001", h.now()));
    h.advance(5s);
    h.end(call, Side::Caller);  // still paused: the pause ends with the call

    const std::vector<store::RecordingPause> pauses = h.store.record(id.str()).recording_pauses;
    ASSERT_EQ(pauses.size(), 2u);
    EXPECT_EQ(pauses[0], (store::RecordingPause{"a1001", answered + 10s, answered + 30s}));
    EXPECT_EQ(pauses[1], (store::RecordingPause{"a1001", answered + 35s, answered + 40s}));
}

TEST(Switchboard, OnlyARecordedConnectedCallPausesItsRecording) {
    CallFlowHarness h{sales_centre()};
    sip::CallRef waiting = h.arrive("1005", "200");
    EXPECT_EQ(
        h.board().pause_recording(CallId{h.call_id(waiting)}, true, "a1001", h.now()).error().code,
        Errc::Conflict);
    EXPECT_EQ(h.board().pause_recording(CallId{"nope"}, true, "a1001", h.now()).error().code,
              Errc::NotFound);
    EXPECT_TRUE(h.media.pauses.empty());
}

}  // namespace
}  // namespace markaz::app::testing
