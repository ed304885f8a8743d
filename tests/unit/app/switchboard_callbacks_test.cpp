// Callbacks on the call flow, stepped on a test clock: the dialogue in line, the booking,
// both dialling modes and what the router hears when a dial or a dialogue comes to nothing.

#include <gtest/gtest.h>

#include "app/switchboard.h"
#include "unit/app/call_flow_fakes.h"
#include "unit/app/sales_centre.h"

namespace markaz::app::testing {
namespace {

using namespace std::chrono_literals;
using Side = sip::CallEvent::Side;
using acd::AgentState;

bool waiting_in_sales(const CallFlowHarness& h, const std::string& id) {
    for (const acd::WaitingCall& waiting : h.router().waiting_calls(QueueId{"sales"})) {
        if (waiting.id.str() == id) {
            return true;
        }
    }
    return false;
}

TEST(SwitchboardCallbacks, ACustomerFirstCallbackDialsTheCustomerThenRingsTheAgent) {
    CallFlowHarness h{callback_centre("customer-first")};
    const std::string id = book(h, "09121234567");
    ASSERT_EQ(h.store.all<acd::CallbackRequested>().size(), 1u);

    ready(h);  // an agent is free: the request reaches them, the customer is dialled
    auto dials = h.phones.take<FakePhones::Originate>();
    ASSERT_EQ(dials.size(), 1u);
    EXPECT_EQ(dials[0].number, "09121234567");
    sip::CallRef dial = h.originated(dials[0].tag);
    EXPECT_TRUE(h.phones.take<FakePhones::Ring>().empty()) << "the agent waits for the customer";
    h.answer(dial, 0);
    auto rings = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(rings.size(), 1u);
    EXPECT_EQ(rings[0].call, dial);
    EXPECT_EQ(rings[0].extension, "1001");
    h.answer(dial, rings[0].leg);
    EXPECT_EQ(h.phones.take<FakePhones::Connect>().size(), 1u);
    EXPECT_EQ(h.agent_state("a1001"), AgentState::OnCall);
    EXPECT_EQ(h.store.closed_callbacks[id], "answered");
    h.advance(20s);
    h.end(dial, Side::Caller);
    EXPECT_EQ(h.store.all<acd::CallCompleted>().size(), 1u);
}

TEST(SwitchboardCallbacks, ACallbackNobodyAnswersIsTriedAgainAfterTheRetryInterval) {
    CallFlowHarness h{callback_centre("customer-first")};
    const std::string id = book(h, "09121234567");
    ready(h);
    auto dials = h.phones.take<FakePhones::Originate>();
    ASSERT_EQ(dials.size(), 1u);
    sip::CallRef dial = h.originated(dials[0].tag);
    h.fail(dial, 0, 480);
    h.end(dial, Side::Server);
    EXPECT_EQ(h.store.attempts_of[id], 1);
    EXPECT_TRUE(h.phones.take<FakePhones::Originate>().empty());
    h.advance(1min);
    EXPECT_EQ(h.phones.take<FakePhones::Originate>().size(), 1u) << "the second attempt";
}

TEST(SwitchboardCallbacks, AnAgentFirstCallbackRingsTheAgentThenDialsTheCustomer) {
    CallFlowHarness h{callback_centre("agent-first")};
    const std::string id = book(h, "09121234567");
    ready(h);
    auto dials = h.phones.take<FakePhones::Originate>();
    ASSERT_EQ(dials.size(), 1u);
    EXPECT_EQ(dials[0].number, "1001");  // the agent's phone first
    sip::CallRef call = h.originated(dials[0].tag);
    h.answer(call, 0);  // the agent takes it
    auto rings = h.phones.take<FakePhones::RingTrunk>();
    ASSERT_EQ(rings.size(), 1u);
    EXPECT_EQ(rings[0].number, "09121234567");  // then the customer, as a leg of it
    EXPECT_EQ(rings[0].trunk, "") << "through the first trunk that dials out";
    h.answer(call, rings[0].leg);
    auto connects = h.phones.take<FakePhones::Connect>();
    ASSERT_EQ(connects.size(), 1u);
    EXPECT_EQ(connects[0].leg, rings[0].leg);
    EXPECT_EQ(h.store.closed_callbacks[id], "answered");
    h.advance(15s);
    h.end(call, Side::Leg);  // the customer hangs up
    auto completed = h.store.all<acd::CallCompleted>();
    ASSERT_EQ(completed.size(), 1u);
    EXPECT_EQ(completed[0].ended_by, acd::Party::Caller);
}

TEST(SwitchboardCallbacks, ABookingTheDiskRefusesIsNotPromised) {
    CallFlowHarness h{callback_centre("customer-first")};
    sip::CallRef call = h.arrive("09121234567", "200");
    h.digit(call, '9');
    h.digit(call, '1');
    h.finish_bookings(false);
    EXPECT_EQ(h.phones.take<FakePhones::HangUp>().size(), 1u);  // after "could not book"
    h.end(call, Side::Server);
    EXPECT_EQ(h.store.record(h.call_id(call)).hangup_cause, "callback not stored");
}

TEST(SwitchboardCallbacks, ACallerWhoLetsTheDialogueLapseKeepsTheirPlaceInLine) {
    CallFlowHarness h{callback_centre("customer-first")};
    sip::CallRef call = h.arrive("09121234567", "200");
    h.advance(3s);
    // "We will call you back at ...; 1 to confirm, 2 for another number" (no sound files
    // here: the prompts end at once).
    h.digit(call, '9');
    h.advance(9s);  // no answer
    EXPECT_TRUE(h.phones.take<FakePhones::HangUp>().empty());
    EXPECT_TRUE(waiting_in_sales(h, h.call_id(call))) << "the caller kept their place";
    EXPECT_TRUE(h.store.bookings.empty());

    ready(h);  // back in line: the next free agent is rung for them
    auto rings = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(rings.size(), 1u);
    EXPECT_EQ(rings[0].call, call);
    h.end(call, Side::Caller);
    EXPECT_EQ(h.store.record(h.call_id(call)).disposition, store::Disposition::Abandoned);
}

TEST(SwitchboardCallbacks, ACallerFromTheIvrWhoLetsTheDialogueLapseIsToldAndHungUp) {
    std::string yaml = callback_centre("customer-first");
    yaml.replace(yaml.find("      sales: {queue: sales}"), 27, "      sales: {callback: sales}");
    CallFlowHarness h{yaml};
    sip::CallRef call = h.arrive("09121234567", "100");
    h.digit(call, '1');
    h.advance(7s);
    EXPECT_TRUE(h.phones.take<FakePhones::HangUp>().empty()) << "the caller has 8 s to answer";
    h.advance(2s);  // no answer: "your callback could not be booked", then hung up
    EXPECT_EQ(h.phones.take<FakePhones::HangUp>().size(), 1u);
    h.end(call, Side::Server);
    EXPECT_EQ(h.store.record(h.call_id(call)).hangup_cause, "callback not confirmed");
    EXPECT_TRUE(h.store.all<acd::CallAbandoned>().empty()) << "it never joined the queue";
}

TEST(SwitchboardCallbacks, TheConsoleRemovingACallerInTheDialogueEndsTheirCall) {
    CallFlowHarness h{callback_centre("customer-first")};
    sip::CallRef call = h.arrive("09121234567", "200");
    h.digit(call, '9');
    const std::string id = h.call_id(call);
    ASSERT_TRUE(h.board().command(acd::RemoveCall{CallId{id}, "console"}, h.now()));
    EXPECT_FALSE(waiting_in_sales(h, id));
    EXPECT_EQ(h.phones.take<FakePhones::HangUp>().size(), 1u);
    h.end(call, Side::Server);
    EXPECT_EQ(h.store.record(id).hangup_cause, "removed by console");
    EXPECT_TRUE(h.store.all<acd::CallAbandoned>().empty()) << "removed, not abandoned";
}

TEST(SwitchboardCallbacks, AnAgentFirstCallbackWhoseAgentHangsUpBeforeTheCustomerIsTriedAgain) {
    CallFlowHarness h{callback_centre("agent-first")};
    const std::string id = book(h, "09121234567");
    ready(h);
    auto dials = h.phones.take<FakePhones::Originate>();
    ASSERT_EQ(dials.size(), 1u);
    sip::CallRef call = h.originated(dials[0].tag);
    h.answer(call, 0);
    ASSERT_EQ(h.phones.take<FakePhones::RingTrunk>().size(), 1u);
    h.end(call, Side::Caller);  // the agent gives up while the customer's phone rings
    EXPECT_EQ(h.store.attempts_of[id], 1);
    EXPECT_TRUE(h.store.all<acd::CallCompleted>().empty());
    EXPECT_NE(h.agent_state("a1001"), AgentState::OnCall);
    h.advance(1min);
    EXPECT_EQ(h.phones.take<FakePhones::Originate>().size(), 1u) << "the second attempt";
}

}  // namespace
}  // namespace markaz::app::testing
