// Attended transfer and conference on the call flow's fakes: the colleague's phone is one
// more leg of the call; while they talk with the agent the caller hears music and nobody hears
// the caller; a conference lets all three hear each other; completing hangs up the agent's
// phone and connects the colleague's in the same room and recording.

#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "unit/app/sales_centre.h"

namespace markaz::app::testing {
namespace {

using namespace std::chrono_literals;
using Side = sip::CallEvent::Side;

struct Consulting {
    sip::CallRef call = 0;
    CallId id;
    std::uint64_t agent_leg = 0;
    std::uint64_t colleague_leg = 0;
    std::vector<FakePhones::Release> released;  ///< legs the caller stopped depending on
};

/// a1001 on a call from 1005, consulting a1002 (extension 1002) who has not answered yet.
Consulting consulting(CallFlowHarness& h) {
    ready(h, 2);
    EXPECT_TRUE(h.board().command(acd::AgentNotReady{AgentId{"a1002"}}, h.now()));
    auto [call, leg] = connect(h);
    EXPECT_TRUE(h.board().command(acd::AgentReady{AgentId{"a1002"}}, h.now()));
    const CallId id{h.call_id(call)};
    h.advance(30s);
    EXPECT_TRUE(h.board().command(acd::ConsultAgent{id, AgentId{"a1002"}, "a1001"}, h.now()));
    auto released = h.phones.given<FakePhones::Release>();
    auto rings = h.phones.take<FakePhones::Ring>();
    EXPECT_EQ(rings.size(), 1u);
    EXPECT_EQ(rings.empty() ? "" : rings[0].extension, "1002");
    return {call, id, leg, rings.empty() ? 0 : rings[0].leg, std::move(released)};
}

TEST(SwitchboardConsult, TheCallerHoldsWhileTheAgentsTalkThenTheColleagueTakesTheCaller) {
    CallFlowHarness h{sales_centre("", 2)};
    const Consulting c = consulting(h);
    const ChannelId caller = h.channel_of(c.call);
    const ChannelId agent = h.leg_channel(c.call, c.agent_leg);
    // This centre has no music on hold: the caller hears silence instead of the room.
    ASSERT_FALSE(h.media.stops.empty());
    EXPECT_EQ(h.media.stops.back(), caller);
    EXPECT_TRUE(h.media.was_set(agent, caller, false)) << "the agent no longer hears the caller";
    EXPECT_EQ(h.agent_state("a1002"), AgentState::OnCall) << "busy for the consult";

    // Completing before the colleague answers is refused: the caller would hear ringing.
    auto early = h.board().command(acd::CompleteTransfer{c.id, "a1001"}, h.now());
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().message,
              "'a1002' has not answered the consult of call '" + c.id.str() + "' yet");

    h.answer(c.call, c.colleague_leg);
    const ChannelId colleague = h.leg_channel(c.call, c.colleague_leg);
    ASSERT_EQ(h.media.joins.size(), 1u);
    EXPECT_EQ(h.media.joins[0].channel, colleague);
    EXPECT_EQ(h.media.joins[0].hears, std::vector<ChannelId>{agent});
    EXPECT_EQ(h.media.joins[0].heard_by, std::vector<ChannelId>{agent});
    auto calls = h.board().view().book().calls(h.router());
    ASSERT_EQ(calls.size(), 1u);
    ASSERT_TRUE(calls[0].consult);
    EXPECT_EQ(calls[0].consult->phase, api::ConsultPhase::Talking);
    EXPECT_FALSE(h.board().hold_call(c.id, false, "a1001", h.now())) << "held for the consult";
    h.phones.commands.clear();

    h.advance(20s);
    ASSERT_TRUE(h.board().command(acd::CompleteTransfer{c.id, "a1001"}, h.now()));
    const auto dropped = h.phones.given<FakePhones::Drop>();
    const auto connected = h.phones.take<FakePhones::Connect>();
    ASSERT_EQ(dropped.size(), 1u);
    EXPECT_EQ(dropped[0].leg, c.agent_leg) << "the agent's phone hangs up";
    ASSERT_EQ(connected.size(), 1u);
    EXPECT_EQ(connected[0].leg, c.colleague_leg);
    EXPECT_TRUE(h.media.was_set(caller, colleague, true));
    EXPECT_TRUE(h.media.was_set(colleague, caller, true));
    EXPECT_EQ(h.media.bridges.size(), 1u) << "the same room, the same recording";
    EXPECT_EQ(h.media.stops.back(), caller) << "the music stops";
    EXPECT_EQ(h.agent_state("a1002"), AgentState::OnCall);
    calls = h.board().view().book().calls(h.router());
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_FALSE(calls[0].consult);
    EXPECT_EQ(calls[0].agent, AgentId{"a1002"});

    h.advance(40s);
    h.end(c.call, Side::Caller);
    const store::CallRecord record = h.store.record(c.id.str());
    EXPECT_EQ(record.agent, "a1002");
    EXPECT_EQ(record.talk, 70s);
    EXPECT_EQ(record.hold, 20s);
    ASSERT_EQ(record.transfers.size(), 1u);
    EXPECT_TRUE(record.transfers[0].attended);
    EXPECT_EQ(record.transfers[0].to_agent, "a1002");
    EXPECT_EQ(record.transfers[0].talk, 30s);
}

TEST(SwitchboardConsult, AConferenceThenTheColleagueHangsUpAndTheCallGoesOn) {
    CallFlowHarness h{sales_centre("", 2)};
    const Consulting c = consulting(h);
    const ChannelId caller = h.channel_of(c.call);
    const ChannelId agent = h.leg_channel(c.call, c.agent_leg);
    h.answer(c.call, c.colleague_leg);
    const ChannelId colleague = h.leg_channel(c.call, c.colleague_leg);
    ASSERT_TRUE(h.board().command(acd::JoinConsult{c.id, "a1001"}, h.now()));
    EXPECT_TRUE(h.media.was_set(agent, caller, true));
    EXPECT_TRUE(h.media.was_set(caller, colleague, true));
    EXPECT_TRUE(h.media.was_set(colleague, caller, true));
    auto calls = h.board().view().book().calls(h.router());
    ASSERT_TRUE(calls[0].consult);
    EXPECT_EQ(calls[0].consult->phase, api::ConsultPhase::Conference);

    h.leg_ended(c.call, c.colleague_leg);
    EXPECT_EQ(h.agent_state("a1002"), AgentState::Available);
    EXPECT_EQ(h.media.leaves, std::vector<ChannelId>{colleague});
    EXPECT_TRUE(h.phones.take<FakePhones::HangUp>().empty()) << "caller and agent go on";
    calls = h.board().view().book().calls(h.router());
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_FALSE(calls[0].consult);
    EXPECT_EQ(calls[0].state, api::LiveCall::State::Connected);
}

TEST(SwitchboardConsult, ACancelOrAnUnansweredPhoneLetsTheColleagueGoAndTheCallerBack) {
    CallFlowHarness h{sales_centre("", 2)};
    const Consulting c = consulting(h);
    const ChannelId caller = h.channel_of(c.call);
    const ChannelId agent = h.leg_channel(c.call, c.agent_leg);
    h.fail(c.call, c.colleague_leg, 486);
    EXPECT_EQ(h.agent_state("a1002"), AgentState::Available);
    EXPECT_TRUE(h.media.was_set(agent, caller, true)) << "the agent hears the caller again";
    EXPECT_EQ(h.media.stops.back(), caller);

    ASSERT_TRUE(h.board().command(acd::ConsultAgent{c.id, AgentId{"a1002"}, "a1001"}, h.now()));
    auto rings = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(rings.size(), 1u);
    h.phones.commands.clear();
    ASSERT_TRUE(h.board().command(acd::EndConsult{c.id, "a1001"}, h.now()));
    auto drops = h.phones.take<FakePhones::Drop>();
    ASSERT_EQ(drops.size(), 1u);
    EXPECT_EQ(drops[0].leg, rings[0].leg) << "the colleague's phone stops ringing";
    EXPECT_EQ(h.agent_state("a1002"), AgentState::Available);
    EXPECT_EQ(h.agent_state("a1001"), AgentState::OnCall);
}

TEST(SwitchboardConsult, TheAgentHangingUpLeavesTheCallerWithTheColleagueOnceTheyAnswered) {
    CallFlowHarness h{sales_centre("", 2)};
    const Consulting c = consulting(h);
    ASSERT_EQ(c.released.size(), 1u) << "the agent's hang-up no longer ends the caller's call";
    EXPECT_EQ(c.released[0].leg, c.agent_leg);
    h.answer(c.call, c.colleague_leg);
    h.phones.commands.clear();
    h.leg_ended(c.call, c.agent_leg);
    EXPECT_TRUE(h.phones.take<FakePhones::HangUp>().empty()) << "the caller stays";
    EXPECT_EQ(h.agent_state("a1002"), AgentState::OnCall);
    const auto calls = h.board().view().book().calls(h.router());
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].agent, AgentId{"a1002"});
    h.end(c.call, Side::Caller);
    ASSERT_EQ(h.store.record(c.id.str()).transfers.size(), 1u);
    EXPECT_TRUE(h.store.record(c.id.str()).transfers[0].attended);
}

TEST(SwitchboardConsult, TheAgentHangingUpWhileTheColleagueRingsEndsTheCall) {
    CallFlowHarness h{sales_centre("", 2)};
    const Consulting c = consulting(h);
    h.phones.commands.clear();
    h.leg_ended(c.call, c.agent_leg);
    EXPECT_EQ(h.phones.take<FakePhones::HangUp>().size(), 1u);
    h.end(c.call, Side::Server);
    EXPECT_EQ(h.agent_state("a1002"), AgentState::Available);
}

TEST(SwitchboardConsult, TheCallerHangingUpEndsTheConsultToo) {
    CallFlowHarness h{sales_centre("", 2)};
    const Consulting c = consulting(h);
    h.answer(c.call, c.colleague_leg);
    h.advance(12s);
    h.end(c.call, Side::Caller);
    EXPECT_EQ(h.agent_state("a1002"), AgentState::Available);
    EXPECT_EQ(h.store.record(c.id.str()).hold, 12s) << "held for the consult from its start";
    EXPECT_EQ(h.store.record(c.id.str()).talk, 30s);
}

}  // namespace
}  // namespace markaz::app::testing
