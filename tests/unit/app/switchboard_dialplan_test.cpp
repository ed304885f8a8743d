// The dialplan's own routes through the switchboard (dialplan.h): calls between extensions,
// out through a trunk, the echo and prompt tests, and the calls it refuses. The SIP layer
// reports every INVITE unanswered; these tests check what the switchboard tells it then.

#include <gtest/gtest.h>

#include "unit/app/call_flow_fakes.h"

namespace markaz::app::testing {
namespace {

using Side = sip::CallEvent::Side;

const std::string kCentre =
    "sip:\n"
    "  extensions:\n"
    "    - {number: \"1001\", password: secret-1001}\n"
    "    - {number: \"1002\", password: secret-1002}\n"
    "  trunks:\n"
    "    - {name: carrier, allow: [10.0.0.5], dial_prefix: \"9\", target: \"10.0.0.5:5060\"}\n"
    "queues:\n  - {name: sales}\n"
    "agents:\n  - {id: a1001, queues: [sales], extension: \"1001\"}\n"
    "dialplan:\n  \"200\": {queue: sales}\n";

TEST(SwitchboardDialplan, AnExtensionCallRingsUnansweredAndTheAnswerConnectsAndRecords) {
    CallFlowHarness h{kCentre};
    sip::CallRef call = h.arrive("1001", "1002");
    auto rings = h.phones.commands;
    ASSERT_EQ(rings.size(), 1u) << "only the ring: the caller hears it, Markaz does not answer";
    const auto* ring = std::get_if<FakePhones::Ring>(&rings[0]);
    ASSERT_TRUE(ring);
    EXPECT_EQ(ring->extension, "1002");
    EXPECT_EQ(ring->caller, "1001");
    h.phones.commands.clear();

    h.answer(call, ring->leg);
    auto connects = h.phones.take<FakePhones::Connect>();
    ASSERT_EQ(connects.size(), 1u);
    // One room for the caller and the phone that answered, recorded.
    ASSERT_EQ(h.media.bridges.size(), 1u);
    const auto& room = h.media.bridges[0];
    EXPECT_EQ(room.a, h.channel_of(call));
    EXPECT_EQ(room.b, h.leg_channel(call, ring->leg));
    ASSERT_TRUE(room.recording);
    EXPECT_NE(room.recording->find(h.call_id(call)), std::string::npos);

    h.advance(std::chrono::seconds{7});
    h.end(call, Side::Leg);
    store::CallRecord record = h.store.record(h.call_id(call));
    EXPECT_EQ(record.caller, "1001");
    EXPECT_EQ(record.dialled, "1002");
    EXPECT_EQ(record.talk, std::chrono::seconds{7});
    EXPECT_EQ(record.recording, *room.recording);
    EXPECT_TRUE(h.store.all<acd::CallEnqueued>().empty()) << "no queue: the router never has it";
}

TEST(SwitchboardDialplan, WhenTheAnsweringPhonesAudioStopsTheCallEndsOnBothSides) {
    // A phone that lost power or network sends no BYE: the media engine reports the silence
    // of its channel, and the call flow (not the SIP layer) ends the call.
    CallFlowHarness h{kCentre};
    sip::CallRef call = h.arrive("1001", "1002");
    auto rings = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(rings.size(), 1u);
    h.answer(call, rings[0].leg);
    h.phones.commands.clear();

    h.audio_stopped(ChannelId{9999});  // no call's channel: nothing happens
    EXPECT_TRUE(h.phones.commands.empty());

    h.audio_stopped(h.leg_channel(call, rings[0].leg));
    auto hang_ups = h.phones.take<FakePhones::HangUp>();
    ASSERT_EQ(hang_ups.size(), 1u);
    EXPECT_EQ(hang_ups[0].call, call);
    h.end(call, Side::Server);
    EXPECT_EQ(h.store.record(h.call_id(call)).hangup_cause, "the answering phone's audio stopped");
}

TEST(SwitchboardDialplan, TheCallerHearsTheRungPhonesEarlyMediaAndTheRecordingStartsAtTheAnswer) {
    CallFlowHarness h{kCentre};
    sip::CallRef call = h.arrive("1001", "1002");
    auto rings = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(rings.size(), 1u);

    h.early_media(call, rings[0].leg);  // a 183 with SDP: an announcement, a ringback
    ASSERT_EQ(h.media.bridges.size(), 1u);
    EXPECT_EQ(h.media.bridges[0].a, h.channel_of(call));
    EXPECT_EQ(h.media.bridges[0].b, h.leg_channel(call, rings[0].leg));
    EXPECT_FALSE(h.media.bridges[0].recording) << "nobody has answered: nothing is recorded";

    h.answer(call, rings[0].leg);
    EXPECT_EQ(h.phones.take<FakePhones::Connect>().size(), 1u);
    EXPECT_EQ(h.media.bridges.size(), 1u) << "the same room goes on";
    EXPECT_TRUE(h.media.unbridges.empty());
    ASSERT_EQ(h.media.records.size(), 1u);
    EXPECT_EQ(h.media.records[0].channel, h.channel_of(call));
    EXPECT_NE(h.media.records[0].path.find(h.call_id(call)), std::string::npos);
    h.end(call, Side::Caller);
    EXPECT_EQ(h.store.record(h.call_id(call)).recording, h.media.records[0].path);
}

TEST(SwitchboardDialplan, BusyAndDeclinePassToTheCallerAndAnythingElseIs480) {
    for (auto [status, expected] : {std::pair{486, 486}, {603, 603}, {408, 480}, {480, 480}}) {
        CallFlowHarness h{kCentre};
        sip::CallRef call = h.arrive("1001", "1002");
        auto rings = h.phones.take<FakePhones::Ring>();
        ASSERT_EQ(rings.size(), 1u);
        h.fail(call, rings[0].leg, status);
        auto rejects = h.phones.take<FakePhones::Reject>();
        ASSERT_EQ(rejects.size(), 1u) << status;
        EXPECT_EQ(rejects[0].status, expected) << status;
        h.end(call, Side::Server);
        EXPECT_NE(h.store.record(h.call_id(call)).hangup_cause.find(std::to_string(status)),
                  std::string::npos);
    }
}

TEST(SwitchboardDialplan, ThePrefixDialsOutThroughItsTrunk) {
    CallFlowHarness h{kCentre};
    h.arrive("1001", "909121234567");
    auto out = h.phones.take<FakePhones::RingTrunk>();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].trunk, "carrier");
    EXPECT_EQ(out[0].number, "09121234567");
    EXPECT_EQ(out[0].caller, "1001");
}

TEST(SwitchboardDialplan, TheEchoTestIsAnsweredAndHearsItself) {
    CallFlowHarness h{kCentre};
    sip::CallRef call = h.arrive("1001", "600");
    EXPECT_EQ(h.phones.take<FakePhones::Answer>().size(), 1u);
    ASSERT_EQ(h.media.echoes.size(), 1u);
    EXPECT_EQ(h.media.echoes[0], h.channel_of(call));
}

TEST(SwitchboardDialplan, TheCentresNumbersAreAnsweredAtOnce) {
    CallFlowHarness h{kCentre};
    h.registered("1001");
    sip::CallRef call = h.arrive("1002", "200");
    auto answers = h.phones.commands;
    ASSERT_FALSE(answers.empty());
    const auto* first = std::get_if<FakePhones::Answer>(&answers[0]);
    ASSERT_TRUE(first) << "answered before the agent rings";
    EXPECT_EQ(first->call, call);
}

TEST(SwitchboardDialplan, AnUnknownNumberIsRefusedWith404AndLeavesNoRecord) {
    CallFlowHarness h{kCentre};
    sip::CallRef call = h.arrive("1001", "777");
    auto rejects = h.phones.take<FakePhones::Reject>();
    ASSERT_EQ(rejects.size(), 1u);
    EXPECT_EQ(rejects[0].call, call);
    EXPECT_EQ(rejects[0].status, 404);
    h.end(call, Side::Server);
    EXPECT_TRUE(h.store.opened.empty());
    EXPECT_TRUE(h.store.saved.empty());
}

TEST(SwitchboardDialplan, AFeatureCodeFromATrunkIsRefusedAndTheAgentIsUntouched) {
    // The toll-fraud path: a carrier's caller dials *11<agent> to log the agent in at the
    // caller's own number, so that the agent's calls would be dialled out to it.
    CallFlowHarness h{kCentre};
    h.registered("1001");
    sip::CallRef logout = h.arrive("1001", "*12");
    h.end(logout, Side::Caller);
    ASSERT_EQ(h.agent_state("a1001"), acd::AgentState::LoggedOut);
    h.phones.commands.clear();

    sip::CallRef fraud = h.arrive("+15552", "*111001", /*from_trunk=*/true);
    auto rejects = h.phones.take<FakePhones::Reject>();
    ASSERT_EQ(rejects.size(), 1u);
    EXPECT_EQ(rejects[0].call, fraud);
    EXPECT_EQ(rejects[0].status, 403);
    EXPECT_EQ(h.agent_state("a1001"), acd::AgentState::LoggedOut);
}

}  // namespace
}  // namespace markaz::app::testing
