// An attended transfer made on the agent's phone, on the call flow's fakes: the phone holds the
// caller, calls a colleague itself, then sends REFER with Replaces naming that call. The
// colleague's leg moves into the caller's call (never rung again), the phone's own call ends,
// the router counts an attended transfer; refused, nothing moves.

#include <gtest/gtest.h>

#include "unit/app/sales_centre.h"

namespace markaz::app::testing {
namespace {

using namespace std::chrono_literals;
using Side = sip::CallEvent::Side;
using acd::AgentState;

/// The agent's phone (1001, connected to a caller as `leg` of `call`) places its own call to
/// `number`, which answers: the consult call's ref and its leg.
std::pair<sip::CallRef, std::uint64_t> phone_calls(CallFlowHarness& h, const std::string& number) {
    const sip::CallRef consult = h.arrive("1001", number);
    auto rings = h.phones.take<FakePhones::Ring>();
    EXPECT_EQ(rings.size(), 1u);
    const std::uint64_t leg = rings.empty() ? 0 : rings[0].leg;
    h.answer(consult, leg);
    return {consult, leg};
}

bool hears(const CallFlowHarness& h, ChannelId listener, ChannelId source) {
    for (const FakeMedia::Hearing& hearing : h.media.hearings) {
        if (hearing.listener == listener && hearing.source == source && hearing.hears) {
            return true;
        }
    }
    return false;
}

TEST(SwitchboardPhoneTransfer, TheColleagueThePhoneCalledTakesTheCallerInTheQueue) {
    CallFlowHarness h{sales_centre("", 2)};
    ready(h, 2);
    auto [call, agent_leg] = connect(h);
    const CallId id{h.call_id(call)};
    h.advance(30s);
    h.hold(call, agent_leg, true);  // the transfer key holds the caller first
    auto [consult, colleague_leg] = phone_calls(h, "1002");
    const ChannelId colleague = h.leg_channel(consult, colleague_leg);
    h.advance(20s);
    h.phones.commands.clear();

    h.board().on_call_event(sip::CallEvent::referred_replacing(call, agent_leg, "1002", consult, 0),
                            h.now());

    const auto moves = h.phones.given<FakePhones::Move>();
    ASSERT_EQ(moves.size(), 1u);
    EXPECT_EQ(moves[0].from, consult);
    EXPECT_EQ(moves[0].leg, colleague_leg);
    EXPECT_EQ(moves[0].to, call);
    EXPECT_TRUE(h.phones.given<FakePhones::Ring>().empty()) << "on the line already";
    EXPECT_TRUE(h.phones.given<FakePhones::ReferAnswer>().empty())
        << "dropping the agent's leg tells their phone it worked";
    const auto drops = h.phones.given<FakePhones::Drop>();
    ASSERT_EQ(drops.size(), 1u);
    EXPECT_EQ(drops[0].call, call);
    EXPECT_EQ(drops[0].leg, agent_leg);
    const auto hang_ups = h.phones.given<FakePhones::HangUp>();
    ASSERT_EQ(hang_ups.size(), 1u);
    EXPECT_EQ(hang_ups[0].call, consult) << "the phone's own call ends; the caller's goes on";
    const auto connects = h.phones.given<FakePhones::Connect>();
    ASSERT_FALSE(connects.empty());
    EXPECT_EQ(connects.back().call, call);
    EXPECT_EQ(connects.back().leg, moves[0].as);

    ASSERT_FALSE(h.media.unbridges.empty());
    EXPECT_EQ(h.media.unbridges.back(), h.channel_of(consult)) << "their room ends";
    ASSERT_FALSE(h.media.joins.empty());
    EXPECT_EQ(h.media.joins.back().member, h.channel_of(call));
    EXPECT_EQ(h.media.joins.back().channel, colleague);
    EXPECT_TRUE(hears(h, h.channel_of(call), colleague));
    EXPECT_TRUE(hears(h, colleague, h.channel_of(call)));

    EXPECT_EQ(h.agent_state("a1001"), AgentState::Available);
    EXPECT_EQ(h.agent_state("a1002"), AgentState::OnCall);
    const auto transfers = h.store.all<acd::CallTransferred>();
    ASSERT_EQ(transfers.size(), 1u);
    EXPECT_TRUE(transfers[0].attended);
    EXPECT_EQ(transfers[0].to_agent, AgentId{"a1002"});
    EXPECT_EQ(transfers[0].by, "phone a1001");
    const auto calls = h.board().view().book().calls(h.router());
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].agent, AgentId{"a1002"});

    h.end(consult, Side::Server);
    const store::CallRecord phones_call = h.store.record(h.call_id(consult));
    EXPECT_EQ(phones_call.talk, 20s);
    EXPECT_NE(phones_call.hangup_cause.find("transferred call " + id.str()), std::string::npos)
        << phones_call.hangup_cause;
    h.advance(40s);
    h.end(call, Side::Caller);
    const store::CallRecord record = h.store.record(id.str());
    EXPECT_EQ(record.agent, "a1002");
    ASSERT_EQ(record.transfers.size(), 1u);
    EXPECT_EQ(record.transfers[0].agent, "a1001");
    EXPECT_TRUE(record.transfers[0].attended);
    EXPECT_EQ(record.transfers[0].to_agent, "a1002");
}

TEST(SwitchboardPhoneTransfer, AnotherPhoneTakesTheCallerOutOfTheQueuesWhicheverCallReferred) {
    CallFlowHarness h{sales_centre("", 1)};
    ready(h, 1);
    auto [call, agent_leg] = connect(h);
    const CallId id{h.call_id(call)};
    auto [consult, other_leg] = phone_calls(h, "1003");  // a phone, not an agent's
    const ChannelId other = h.leg_channel(consult, other_leg);
    h.phones.commands.clear();

    // This phone sends its REFER in its consult call, naming the caller's call.
    h.board().on_call_event(sip::CallEvent::referred_replacing(consult, 0, "1002", call, agent_leg),
                            h.now());

    const auto moves = h.phones.given<FakePhones::Move>();
    ASSERT_EQ(moves.size(), 1u);
    EXPECT_EQ(moves[0].to, call);
    EXPECT_TRUE(h.phones.given<FakePhones::ReferAnswer>().empty());
    const auto connects = h.phones.given<FakePhones::Connect>();
    ASSERT_FALSE(connects.empty());
    EXPECT_EQ(connects.back().leg, moves[0].as);
    EXPECT_TRUE(hears(h, h.channel_of(call), other));
    const auto transfers = h.store.all<acd::CallTransferred>();
    ASSERT_EQ(transfers.size(), 1u);
    EXPECT_TRUE(transfers[0].attended);
    EXPECT_EQ(transfers[0].to_number, "1003");
    EXPECT_EQ(h.agent_state("a1001"), AgentState::Available);
    h.end(consult, Side::Server);
    h.advance(15s);
    h.end(call, Side::Caller);
    const store::CallRecord record = h.store.record(id.str());
    ASSERT_EQ(record.transfers.size(), 1u);
    EXPECT_EQ(record.transfers[0].to_number, "1003");
}

TEST(SwitchboardPhoneTransfer, RefusedWhenTheCallsAreNotTheAgentsAndTheirOwnNothingMoves) {
    CallFlowHarness h{sales_centre("", 2)};
    ready(h, 2);
    auto [call, agent_leg] = connect(h);
    // The phone's own call still ringing, then one the caller's phone names, one that ended.
    auto [consult, colleague_leg] = phone_calls(h, "1002");
    const sip::CallRef ringing = h.arrive("1001", "1003");
    h.phones.commands.clear();
    h.board().on_call_event(sip::CallEvent::referred_replacing(call, agent_leg, "1003", ringing, 0),
                            h.now());
    h.board().on_call_event(sip::CallEvent::referred_replacing(call, 0, "1002", consult, 0),
                            h.now());
    h.board().on_call_event(
        sip::CallEvent::referred_replacing(call, agent_leg, "1002", consult, colleague_leg),
        h.now());
    h.board().on_call_event(sip::CallEvent::referred_replacing(call, agent_leg, "1002", 999, 0),
                            h.now());
    const auto answers = h.phones.given<FakePhones::ReferAnswer>();
    ASSERT_EQ(answers.size(), 4u);
    EXPECT_EQ(answers[0].status, 486) << "not answered yet";
    EXPECT_EQ(answers[1].leg, 0u);
    EXPECT_EQ(answers[1].status, 403) << "the caller's phone moves nothing";
    EXPECT_EQ(answers[2].status, 403) << "the dialog named is the colleague's, not the phone's";
    EXPECT_EQ(answers[3].status, 481);
    EXPECT_TRUE(h.phones.given<FakePhones::Move>().empty());
    EXPECT_TRUE(h.phones.given<FakePhones::Drop>().empty());
    EXPECT_TRUE(h.media.joins.empty());
    EXPECT_EQ(h.agent_state("a1001"), AgentState::OnCall);
    EXPECT_EQ(h.agent_state("a1002"), AgentState::Available) << "the router was not asked";
    EXPECT_TRUE(h.store.all<acd::ConsultStarted>().empty());
}

}  // namespace
}  // namespace markaz::app::testing
