// Blind transfer to a queue on the call flow's fakes: the agent's leg is hung up, the caller
// hears music in the next queue and keeps one recording, and the next agent is bridged with
// them. The record keeps both agents' parts.

#include <gtest/gtest.h>

#include "unit/app/sales_centre.h"

namespace markaz::app::testing {
namespace {

using namespace std::chrono_literals;
using Side = sip::CallEvent::Side;

/// Queues sales (a1001) and support (a1002).
std::string sales_and_support() {
    std::string yaml = sales_centre("", 2);
    auto replace = [&yaml](const std::string& from, const std::string& to) {
        const auto at = yaml.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        yaml.replace(at, from.size(), to);
    };
    replace("  - {name: sales}\n", "  - {name: sales}\n  - {name: support}\n");
    replace("{id: a1002, queues: [sales]", "{id: a1002, queues: [support]");
    return yaml;
}

TEST(SwitchboardTransfer, TheCallerGoesToTheQueueAndTalksToItsAgentOnOneRecording) {
    CallFlowHarness h{sales_and_support()};
    ready(h, 2);
    ASSERT_TRUE(h.board().command(acd::AgentNotReady{AgentId{"a1002"}}, h.now()));
    auto [call, leg] = connect(h);
    const CallId id{h.call_id(call)};
    ASSERT_EQ(h.media.bridges.size(), 1u);
    const std::optional<std::string> recording = h.media.bridges[0].recording;
    ASSERT_TRUE(recording);
    h.advance(30s);

    ASSERT_TRUE(h.board().command(acd::TransferCall{id, QueueId{"support"}, "a1001"}, h.now()));
    auto drops = h.phones.take<FakePhones::Drop>();
    ASSERT_EQ(drops.size(), 1u);
    EXPECT_EQ(drops[0].leg, leg) << "the first agent's phone is hung up";
    EXPECT_TRUE(h.phones.take<FakePhones::HangUp>().empty()) << "the caller stays";
    EXPECT_EQ(h.agent_state("a1001"), AgentState::Available);  // no wrap-up configured

    h.advance(10s);
    ASSERT_TRUE(h.board().command(acd::AgentReady{AgentId{"a1002"}}, h.now()));
    auto rings = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(rings.size(), 1u);
    EXPECT_EQ(rings[0].extension, "1002");
    h.answer(call, rings[0].leg);
    ASSERT_EQ(h.media.bridges.size(), 2u);
    EXPECT_EQ(h.media.bridges[1].a, h.channel_of(call));
    EXPECT_EQ(h.media.bridges[1].b, h.leg_channel(call, rings[0].leg));
    EXPECT_FALSE(h.media.bridges[1].recording) << "the first recording goes on";
    h.advance(20s);
    h.end(call, Side::Caller);

    const store::CallRecord record = h.store.record(id.str());
    EXPECT_EQ(record.agent, "a1002");
    EXPECT_EQ(record.queues, (std::vector<std::string>{"sales", "support"}));
    EXPECT_EQ(record.talk, 50s);
    EXPECT_EQ(record.recording, *recording);
    ASSERT_EQ(record.transfers.size(), 1u);
    EXPECT_EQ(record.transfers[0].agent, "a1001");
    EXPECT_EQ(record.transfers[0].to_queue, "support");
    EXPECT_EQ(record.transfers[0].talk, 30s);
    EXPECT_EQ(record.disposition, store::Disposition::Answered);
}

TEST(SwitchboardTransfer, OnlyAConnectedCallToAQueueThatExists) {
    CallFlowHarness h{sales_and_support()};
    sip::CallRef waiting = h.arrive("1005", "200");
    const CallId id{h.call_id(waiting)};
    auto refused = h.board().command(acd::TransferCall{id, QueueId{"support"}, "a1001"}, h.now());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::Conflict);
    ready(h, 2);
    auto rings = h.phones.take<FakePhones::Ring>();
    ASSERT_FALSE(rings.empty());
    h.answer(waiting, rings[0].leg);
    auto nowhere = h.board().command(acd::TransferCall{id, QueueId{"nowhere"}, "a1001"}, h.now());
    ASSERT_FALSE(nowhere);
    EXPECT_EQ(nowhere.error().code, Errc::NotFound);
    EXPECT_TRUE(h.phones.take<FakePhones::Drop>().empty()) << "a refusal changes nothing";
    EXPECT_EQ(h.agent_state("a1001"), AgentState::OnCall);
}

TEST(SwitchboardTransfer, ToAColleagueRingsTheirPhoneAndHangsUpTheSupervisorWhoCoached) {
    CallFlowHarness h{sales_and_support()};
    ready(h, 2);
    auto [call, leg] = connect(h);
    const CallId id{h.call_id(call)};
    ASSERT_TRUE(h.board().monitor(id, "1003", api::MonitorMode::Whisper, "sara", h.now()));
    auto rings = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(rings.size(), 1u);
    const std::uint64_t supervisor = rings[0].leg;
    h.answer(call, supervisor);

    ASSERT_TRUE(h.board().command(
        acd::TransferCall{id, QueueId{"support"}, "a1001", AgentId{"a1002"}}, h.now()));
    std::vector<std::uint64_t> dropped;
    for (const FakePhones::Drop& drop : h.phones.given<FakePhones::Drop>()) {
        dropped.push_back(drop.leg);
    }
    rings = h.phones.take<FakePhones::Ring>();
    EXPECT_EQ(dropped, (std::vector<std::uint64_t>{leg, supervisor}));
    ASSERT_EQ(rings.size(), 1u);
    EXPECT_EQ(rings[0].extension, "1002") << "the colleague named, at once";
    const auto calls = h.board().view().book().calls(h.router());
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_TRUE(calls[0].monitors.empty());
    h.answer(call, rings[0].leg);
    EXPECT_EQ(h.agent_state("a1002"), AgentState::OnCall);
}

/// What the phones were told to answer REFERs since the last look.
std::vector<FakePhones::ReferAnswer> refer_answers(const CallFlowHarness& h) {
    return h.phones.given<FakePhones::ReferAnswer>();
}

TEST(SwitchboardRefer, TheAgentsTransferKeyPassesTheCallerToAColleagueOrAQueue) {
    CallFlowHarness h{sales_and_support()};
    ready(h, 2);
    auto [call, leg] = connect(h);
    const CallId id{h.call_id(call)};
    h.phones.commands.clear();
    h.board().on_call_event(sip::CallEvent::referred(call, leg, "1002"), h.now());
    EXPECT_TRUE(refer_answers(h).empty()) << "dropping the agent's leg tells their phone";
    auto rings = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(rings.size(), 1u);
    EXPECT_EQ(rings[0].extension, "1002");
    EXPECT_EQ(h.agent_state("a1001"), AgentState::Available);
    h.answer(call, rings[0].leg);
    EXPECT_EQ(h.agent_state("a1002"), AgentState::OnCall);

    // a1002's phone passes the caller on to the number that leads to the sales queue.
    h.board().on_call_event(sip::CallEvent::referred(call, rings[0].leg, "200"), h.now());
    rings = h.phones.take<FakePhones::Ring>();
    ASSERT_EQ(rings.size(), 1u);
    EXPECT_EQ(rings[0].extension, "1001") << "sales' agent";
    const auto calls = h.board().view().book().calls(h.router());
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].queue, QueueId{"sales"});
    EXPECT_EQ(h.board().view().book().calls(h.router())[0].id, id);
}

TEST(SwitchboardRefer, RefusedFromTheCallerToAnOutsideNumberOrABusyColleague) {
    CallFlowHarness h{sales_and_support()};
    ready(h, 2);
    ASSERT_TRUE(h.board().command(acd::AgentNotReady{AgentId{"a1002"}}, h.now()));
    auto [call, leg] = connect(h);
    h.phones.commands.clear();
    // The caller's own phone must not move the call (nor send it out at the centre's cost).
    h.board().on_call_event(sip::CallEvent::referred(call, 0, "1002"), h.now());
    h.board().on_call_event(sip::CallEvent::referred(call, leg, "00441234567"), h.now());
    h.board().on_call_event(sip::CallEvent::referred(call, leg, "1002"), h.now());
    const auto answers = refer_answers(h);
    ASSERT_EQ(answers.size(), 3u);
    EXPECT_EQ(answers[0].leg, 0u);
    EXPECT_EQ(answers[0].status, 403);
    EXPECT_EQ(answers[1].leg, leg);
    EXPECT_EQ(answers[1].status, 403) << "no trunk here: nowhere the agent's phone may call";
    EXPECT_EQ(answers[2].status, 486) << "a1002 is not ready: busy here";
    EXPECT_TRUE(h.phones.take<FakePhones::Ring>().empty());
    EXPECT_EQ(h.agent_state("a1001"), AgentState::OnCall) << "the conversation goes on";
}

}  // namespace
}  // namespace markaz::app::testing
