// Classes of service through the switchboard: what an extension may dial out, how many calls
// it may have up, and which numbers a callback may dial (dial/dial_rules.h).

#include <gtest/gtest.h>

#include "unit/app/call_flow_fakes.h"

namespace markaz::app::testing {
namespace {

using namespace std::chrono_literals;
using Side = sip::CallEvent::Side;

const std::string kCentreWithClasses =
    "sip:\n"
    "  extensions:\n"
    "    - {number: \"1001\", password: secret-phone}\n"
    "    - {number: \"1002\", password: secret-phone, class: managers}\n"
    "  trunks:\n"
    "    - {name: carrier, allow: [10.0.0.5], dial_prefix: \"9\", target: \"10.0.0.5:5060\"}\n"
    "queues:\n"
    "  - {name: sales, ring_timeout: 10s, callback: {enabled: true, mode: customer-first,"
    " max_attempts: 2, retry_interval: 1m}}\n"
    "agents:\n  - {id: a1001, queues: [sales], extension: \"1001\"}\n"
    "dialplan:\n  \"200\": {queue: sales}\n"
    "dial_rules:\n"
    "  default_class: agents\n"
    "  classes:\n"
    "    agents: {outbound: [\"0[1-8]XXXXXXXXX\", \"09XXXXXXXXX\"], max_calls: 2}\n"
    "    managers: {outbound: [\"0[1-8]XXXXXXXXX\", \"09XXXXXXXXX\", \"00.\"]}\n";

TEST(SwitchboardDialRules, AnExtensionDialsOutOnlyWhatItsClassAllows) {
    CallFlowHarness h{kCentreWithClasses};
    // A stolen agent password: an international premium number through the trunk.
    h.arrive("1001", "900882123456789");
    auto rejects = h.phones.take<FakePhones::Reject>();
    ASSERT_EQ(rejects.size(), 1u);
    EXPECT_EQ(rejects[0].status, 403);
    EXPECT_TRUE(h.phones.take<FakePhones::RingTrunk>().empty());
    EXPECT_TRUE(h.store.opened.empty()) << "a refused call leaves no record";
    // National numbers go out, and the manager's class reaches abroad.
    h.arrive("1001", "909121234567");
    EXPECT_EQ(h.phones.take<FakePhones::RingTrunk>().size(), 1u);
    h.arrive("1002", "900882123456789");
    auto out = h.phones.take<FakePhones::RingTrunk>();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].number, "00882123456789");
}

/// A customer calls 200 through the trunk and a1001 answers: the call and the agent's leg.
std::pair<sip::CallRef, std::uint64_t> from_the_trunk_to_a1001(CallFlowHarness& h) {
    h.registered("1001");
    sip::CallRef call = h.arrive("02188776655", "200", /*from_trunk=*/true);
    auto rings = h.phones.take<FakePhones::Ring>();
    EXPECT_EQ(rings.size(), 1u);
    const std::uint64_t leg = rings.empty() ? 0 : rings[0].leg;
    h.answer(call, leg);
    return {call, leg};
}

TEST(SwitchboardDialRules, AnAgentTransfersOutOnlyWhereTheirOwnPhoneMayCall) {
    CallFlowHarness h{kCentreWithClasses};
    const auto [call, agent_leg] = from_the_trunk_to_a1001(h);
    const CallId id{h.call_id(call)};
    h.advance(20s);
    // An international number is beyond the agents' class: refused, the conversation goes on.
    auto refused = h.board().command(
        acd::TransferCall{id, QueueId{}, "a1001", std::nullopt, "900882123456789"}, h.now());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::InvalidArgument);
    EXPECT_EQ(refused.error().message.rfind("number: ", 0), 0u) << refused.error().message;
    EXPECT_TRUE(h.phones.take<FakePhones::RingTrunk>().empty());
    EXPECT_EQ(h.agent_state("a1001"), acd::AgentState::OnCall);
    auto own = h.board().command(
        acd::TransferCall{id, QueueId{}, "a1001", std::nullopt, "02188776655"}, h.now());
    EXPECT_FALSE(own) << "the caller's own number";

    ASSERT_TRUE(h.board().command(
        acd::TransferCall{id, QueueId{}, "a1001", std::nullopt, "909121234567"}, h.now()));
    const auto dropped = h.phones.given<FakePhones::Drop>();
    const auto out = h.phones.take<FakePhones::RingTrunk>();
    ASSERT_EQ(dropped.size(), 1u);
    EXPECT_EQ(dropped[0].leg, agent_leg) << "the agent's phone hangs up";
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].number, "09121234567") << "through the trunk, its prefix taken off";
    auto live = h.board().view().book().calls(h.router());
    ASSERT_EQ(live.size(), 1u) << "out of the queues, still on the centre's trunk";
    EXPECT_EQ(live[0].state, api::LiveCall::State::TransferredOut);
    EXPECT_EQ(live[0].transferred_to, "909121234567");
    h.answer(call, out[0].leg);
    h.advance(30s);
    // A supervisor hangs it up from the console: both phones, the router has nothing of it.
    ASSERT_TRUE(h.board().command(acd::RemoveCall{id, "sara"}, h.now()));
    EXPECT_EQ(h.phones.take<FakePhones::HangUp>().size(), 1u);
    h.end(call, Side::Server);
    EXPECT_TRUE(h.board().view().book().calls(h.router()).empty()) << "gone once it ended";
    const store::CallRecord record = h.store.record(id.str());
    EXPECT_EQ(record.talk, 50s) << "the agent's 20 s and the 30 s outside";
    EXPECT_EQ(record.hangup_cause, "hung up from the console");
    ASSERT_EQ(record.transfers.size(), 1u);
    EXPECT_EQ(record.transfers[0].to_number, "909121234567");
    EXPECT_EQ(record.transfers[0].to_queue, "");
}

TEST(SwitchboardDialRules, AnAgentConsultsAnOutsideNumberAndLeavesTheCallerWithIt) {
    CallFlowHarness h{kCentreWithClasses};
    const auto [call, agent_leg] = from_the_trunk_to_a1001(h);
    const CallId id{h.call_id(call)};
    auto refused =
        h.board().command(acd::ConsultAgent{id, AgentId{}, "a1001", "900882123456789"}, h.now());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::InvalidArgument);
    EXPECT_TRUE(h.phones.take<FakePhones::RingTrunk>().empty());

    ASSERT_TRUE(
        h.board().command(acd::ConsultAgent{id, AgentId{}, "a1001", "909121234567"}, h.now()));
    auto out = h.phones.take<FakePhones::RingTrunk>();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].number, "09121234567");
    h.answer(call, out[0].leg);
    auto calls = h.board().view().book().calls(h.router());
    ASSERT_EQ(calls.size(), 1u);
    ASSERT_TRUE(calls[0].consult);
    EXPECT_EQ(calls[0].consult->number, "909121234567");
    EXPECT_EQ(calls[0].consult->phase, api::ConsultPhase::Talking);
    h.advance(15s);
    ASSERT_TRUE(h.board().command(acd::CompleteTransfer{id, "a1001"}, h.now()));
    const auto dropped = h.phones.given<FakePhones::Drop>();
    const auto connected = h.phones.take<FakePhones::Connect>();
    ASSERT_EQ(dropped.size(), 1u);
    EXPECT_EQ(dropped[0].leg, agent_leg) << "the agent leaves";
    ASSERT_EQ(connected.size(), 1u);
    EXPECT_EQ(connected[0].leg, out[0].leg) << "the caller talks with the number consulted";
    calls = h.board().view().book().calls(h.router());
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].state, api::LiveCall::State::TransferredOut) << "out of the queues";
    EXPECT_FALSE(calls[0].consult);
    h.advance(30s);
    h.end(call, Side::Leg);
    EXPECT_TRUE(h.board().view().book().calls(h.router()).empty());
    const store::CallRecord record = h.store.record(id.str());
    ASSERT_EQ(record.transfers.size(), 1u);
    EXPECT_TRUE(record.transfers[0].attended);
    EXPECT_EQ(record.transfers[0].to_number, "909121234567");
    EXPECT_EQ(record.hold, 15s);
    EXPECT_EQ(record.talk, 30s) << "the agent talked 0 s, the outside phone 30 s";
}

TEST(SwitchboardDialRules, AnExtensionWithAllItsCallsUpGets486UntilOneEnds) {
    CallFlowHarness h{kCentreWithClasses};
    sip::CallRef first = h.arrive("1001", "200");
    h.arrive("1001", "200");
    h.phones.commands.clear();
    h.arrive("1001", "200");  // a third: the class allows 2
    auto rejects = h.phones.take<FakePhones::Reject>();
    ASSERT_EQ(rejects.size(), 1u);
    EXPECT_EQ(rejects[0].status, 486);
    // Calls coming in from the trunk are not the extension's.
    h.arrive("1001", "200", /*from_trunk=*/true);
    EXPECT_TRUE(h.phones.take<FakePhones::Reject>().empty());
    // Another extension has its own count.
    h.arrive("1002", "200");
    EXPECT_TRUE(h.phones.take<FakePhones::Reject>().empty());
    h.end(first, Side::Caller);
    h.arrive("1001", "200");
    EXPECT_TRUE(h.phones.take<FakePhones::Reject>().empty()) << "a place came free";
}

TEST(SwitchboardDialRules, ACallbackGoesOnlyToANumberTheRulesAllow) {
    CallFlowHarness h{kCentreWithClasses};
    // A caller from abroad asks for a callback: its own number is not offered for confirming
    // (the caller is asked to type one)...
    sip::CallRef call = h.arrive("00882123456789", "200", /*from_trunk=*/true);
    h.advance(3s);
    h.digit(call, '9');
    EXPECT_TRUE(h.store.bookings.empty());
    // ...nor is a foreign number it types...
    for (char d : std::string("00882123456789#")) {
        h.digit(call, d);
    }
    EXPECT_TRUE(h.store.bookings.empty());
    // ...and a national one is booked.
    h.digit(call, '9');
    for (char d : std::string("09121234567#")) {
        h.digit(call, d);
    }
    ASSERT_EQ(h.store.bookings.size(), 1u);
    EXPECT_EQ(h.store.bookings[0].request.number, "09121234567");
}

}  // namespace
}  // namespace markaz::app::testing
