// A call's record as a fold over the router's events of that call.

#include "store/call_record_fold.h"

#include <gtest/gtest.h>

namespace markaz::store {
namespace {

using namespace std::chrono_literals;

const WallTime kFoldStart{std::chrono::sys_days{std::chrono::December / 6 / 2026} + 9h};
const CallId kFoldedCall{"c1"};

CallRecord folded(const std::vector<acd::Event>& events) {
    CallRecord record;
    record.id = kFoldedCall.str();
    for (const acd::Event& event : events) {
        fold(record, event);
    }
    return record;
}

TEST(CallRecordFold, AnAnsweredCallHasItsQueueWaitAgentsAndTimes) {
    const QueueId sales{"sales"};
    const CallRecord record = folded({
        {kFoldStart, acd::CallEnqueued{kFoldedCall, sales, 0, 3, "0912"}},
        {kFoldStart + 5s, acd::CallOffered{kFoldedCall, sales, AgentId{"a1"}, "1001", 1}},
        {kFoldStart + 20s,
         acd::OfferEnded{kFoldedCall, sales, AgentId{"a1"}, acd::OfferEnd::NoAnswer}},
        {kFoldStart + 21s, acd::CallOffered{kFoldedCall, sales, AgentId{"a2"}, "1002", 2}},
        {kFoldStart + 25s, acd::CallAnswered{kFoldedCall, sales, AgentId{"a2"}, 25s, 1}},
        {kFoldStart + 90s, acd::CallCompleted{kFoldedCall, sales, AgentId{"a2"}, 55s, 10s}},
    });
    EXPECT_EQ(record.queues, std::vector<std::string>{"sales"});
    EXPECT_EQ(record.joined, kFoldStart);
    EXPECT_EQ(record.position, 3);
    EXPECT_EQ(record.agents_offered, (std::vector<std::string>{"a1", "a2"}));
    EXPECT_EQ(record.agent, "a2");
    EXPECT_EQ(record.wait, 25s);
    EXPECT_EQ(record.talk, 55s);
    EXPECT_EQ(record.hold, 10s);
    EXPECT_EQ(record.disposition, Disposition::Answered);
}

TEST(CallRecordFold, ATransferKeepsEachAgentsPartAndAddsUpTheirTimes) {
    const QueueId sales{"sales"};
    const QueueId support{"support"};
    const CallRecord record = folded({
        {kFoldStart, acd::CallEnqueued{kFoldedCall, sales, 0, 1, "0912"}},
        {kFoldStart + 5s, acd::CallAnswered{kFoldedCall, sales, AgentId{"a1"}, 5s, 1}},
        {kFoldStart + 65s,
         acd::CallTransferred{kFoldedCall, sales, AgentId{"a1"}, support, 50s, 10s, "a1"}},
        {kFoldStart + 65s, acd::CallEnqueued{kFoldedCall, support, 0, 1, "0912"}},
        {kFoldStart + 75s, acd::CallAnswered{kFoldedCall, support, AgentId{"a3"}, 10s, 1}},
        {kFoldStart + 105s, acd::CallCompleted{kFoldedCall, support, AgentId{"a3"}, 30s, 0s}},
    });
    EXPECT_EQ(record.queues, (std::vector<std::string>{"sales", "support"}));
    EXPECT_EQ(record.agent, "a3");  // who finished the call
    EXPECT_EQ(record.talk, 80s);
    EXPECT_EQ(record.hold, 10s);
    EXPECT_EQ(
        record.transfers,
        (std::vector<Transfer>{Transfer{"a1", "sales", "support", kFoldStart + 65s, 50s, 10s}}));
    EXPECT_EQ(record.disposition, Disposition::Answered);
}

TEST(CallRecordFold, AMaxWaitExitToAnotherQueueKeepsTheFirstJoinAndBothQueues) {
    acd::ExitAction to_support{acd::ExitKind::Queue, QueueId{"support"}, ""};
    const CallRecord record = folded({
        {kFoldStart, acd::CallEnqueued{kFoldedCall, QueueId{"sales"}, 0, 2, "0912"}},
        {kFoldStart + 60s, acd::CallTimedOut{kFoldedCall, QueueId{"sales"}, 60s, 1,
                                             acd::TimeoutReason::MaxWait, to_support}},
        {kFoldStart + 60s, acd::CallEnqueued{kFoldedCall, QueueId{"support"}, 0, 1, "0912"}},
        {kFoldStart + 70s, acd::CallAbandoned{kFoldedCall, QueueId{"support"}, 10s, 1, false}},
    });
    EXPECT_EQ(record.queues, (std::vector<std::string>{"sales", "support"}));
    EXPECT_EQ(record.joined, kFoldStart);
    EXPECT_EQ(record.position, 2);
    EXPECT_EQ(record.wait, 10s);
    EXPECT_EQ(record.disposition, Disposition::Abandoned);
}

TEST(CallRecordFold, HowACallLeavesTheLineIsItsDisposition) {
    const QueueId sales{"sales"};
    EXPECT_EQ(folded({{kFoldStart,
                       acd::CallBlocked{kFoldedCall, sales, acd::BlockReason::QueueFull, "0"}}})
                  .disposition,
              Disposition::Blocked);
    EXPECT_EQ(
        folded({{kFoldStart, acd::CallTimedOut{kFoldedCall, sales, 9s, 1,
                                               acd::TimeoutReason::MaxWait, acd::ExitAction{}}}})
            .disposition,
        Disposition::TimedOut);
    EXPECT_EQ(folded({{kFoldStart, acd::CallRemoved{kFoldedCall, sales, 9s, 1, false, "console"}}})
                  .disposition,
              Disposition::TimedOut);
    EXPECT_EQ(
        folded({{kFoldStart, acd::CallbackRequested{kFoldedCall, sales, "0912", 30s, 1, false}}})
            .disposition,
        Disposition::Callback);
    // A callback request taken out is not the caller's call leaving the line.
    EXPECT_EQ(folded({{kFoldStart, acd::CallRemoved{kFoldedCall, sales, 9s, 1, true, "console"}}})
                  .disposition,
              Disposition::Ivr);
}

TEST(CallRecordFold, AgentEventsChangeNothing) {
    const CallRecord before = folded({});
    const CallRecord after = folded({{kFoldStart, acd::AgentStateChanged{}}});
    EXPECT_EQ(before, after);
}

}  // namespace
}  // namespace markaz::store
