#include "stats/event_folder.h"

#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "unit/stats/stats_test_util.h"

namespace markaz::stats {
namespace {

using namespace testing;
using acd::AgentState;

/// Folds `events` into one day-wide bucket and returns it; `end` closes open spans.
class FolderTest : public ::testing::Test {
protected:
    ScopedCounters fold(const std::vector<acd::Event>& events) {
        for (const auto& e : events) {
            folder_.apply(e, timeline_);
        }
        return timeline_.sum(-100, 100);
    }
    ScopedCounters with_open_spans(WallTime end) const {
        Timeline t = timeline_;
        folder_.add_open_spans(end, t);
        return t.sum(-100, 100);
    }

    EventFolder folder_{{QueuePolicy{.id = kSales, .sl_threshold = 20s},
                         QueuePolicy{.id = kSupport, .sl_threshold = 60s}}};
    Timeline timeline_{kT0, 24h};
};

TEST_F(FolderTest, EnqueuedIsOffered) {
    auto c = fold({at(kT0, enqueued("sales", "c1"))});
    EXPECT_EQ(c.total, KpiCounters{.offered = 1});
    EXPECT_EQ(c.queues.at(kSales), KpiCounters{.offered = 1});
    EXPECT_TRUE(c.agents.empty());
}

TEST_F(FolderTest, BlockedIsOfferedAndBlocked) {
    auto c = fold({at(kT0, blocked("sales", "c1"))});
    EXPECT_EQ(c.queues.at(kSales), (KpiCounters{.offered = 1, .blocked = 1}));
}

TEST_F(FolderTest, AnsweredAtTheThresholdIsWithin) {
    auto c = fold({at(kT0, answered("sales", "c1", "a1", 20s)),
                   at(kT0, answered("sales", "c2", "a1", 20001ms))});
    const KpiCounters& q = c.queues.at(kSales);
    EXPECT_EQ(q.answered, 2);
    EXPECT_EQ(q.answered_within_threshold, 1);
    EXPECT_EQ(q.answered_wait, 40001ms);
    EXPECT_EQ(c.agents.at(kA1).answered, 2);  // answered calls count for the agent too
    EXPECT_EQ(c.total, q);
}

TEST_F(FolderTest, EachQueueUsesItsOwnThreshold) {
    // 30 s is late for sales (20 s) and in time for support (60 s).
    auto c = fold(
        {at(kT0, answered("sales", "c1", "a1", 30s)), at(kT0, answered("support", "c2", "a1", 30s)),
         at(kT0, abandoned("sales", "c3", 30s)), at(kT0, abandoned("support", "c4", 30s))});
    EXPECT_EQ(c.queues.at(kSales).answered_within_threshold, 0);
    EXPECT_EQ(c.queues.at(kSupport).answered_within_threshold, 1);
    EXPECT_EQ(c.queues.at(kSales).abandoned_after_threshold, 1);
    EXPECT_EQ(c.queues.at(kSupport).abandoned_after_threshold, 0);
    EXPECT_EQ(c.total.answered_within_threshold, 1);
    EXPECT_EQ(c.total.abandoned_after_threshold, 1);
}

TEST_F(FolderTest, UnconfiguredQueueGetsTheDefaultTwentySeconds) {
    auto c = fold(
        {at(kT0, answered("other", "c1", "a1", 20s)), at(kT0, answered("other", "c2", "a1", 21s))});
    EXPECT_EQ(c.queues.at(QueueId{"other"}).answered_within_threshold, 1);
    EXPECT_EQ(folder_.policy(QueueId{"other"}).sl_threshold, 20s);
    EXPECT_EQ(folder_.policy(kSupport).sl_threshold, 60s);
}

TEST_F(FolderTest, AnsweredCallbackIsCountedApartFromAnswered) {
    auto c = fold({at(kT0, answered("sales", "c1", "a1", 10min, /*callback=*/true))});
    EXPECT_EQ(c.queues.at(kSales), KpiCounters{.callbacks_answered = 1});
    EXPECT_EQ(c.agents.at(kA1).callbacks_answered, 1);
}

TEST_F(FolderTest, ShortAbandonsAreCountedApartWithoutTheirWait) {
    auto c = fold({at(kT0, abandoned("sales", "c1", 3s, /*short=*/true)),
                   at(kT0, abandoned("sales", "c2", 10s)), at(kT0, abandoned("sales", "c3", 20s)),
                   at(kT0, abandoned("sales", "c4", 45s))});
    const KpiCounters& q = c.queues.at(kSales);
    EXPECT_EQ(q.short_abandoned, 1);
    EXPECT_EQ(q.abandoned, 3);
    EXPECT_EQ(q.abandoned_after_threshold, 1);  // 45 s; 20 s is not after 20 s
    EXPECT_EQ(q.abandoned_wait, 75s);
    EXPECT_EQ(q.longest_wait, 45s) << "the longest, a short abandon's 3 s not counted";
    EXPECT_TRUE(c.agents.empty());
}

TEST_F(FolderTest, OtherCallEndsHaveTheirOwnCounters) {
    auto c =
        fold({at(kT0, timed_out("sales", "c1", 5min)), at(kT0, removed("sales", "c2")),
              at(kT0, callback_requested("sales", "c3")), at(kT0, callback_failed("sales", "c3"))});
    EXPECT_EQ(c.queues.at(kSales), (KpiCounters{.timed_out = 1,
                                                .removed = 1,
                                                .callbacks_requested = 1,
                                                .callbacks_failed = 1,
                                                .longest_wait = 5min}))
        << "a caller who timed out after 5 min waited longest";
}

TEST_F(FolderTest, CompletedAndWrapUpGiveHandleTime) {
    auto c = fold({at(kT0, completed("sales", "c1", "a1", 270s, 30s)),
                   at(kT0 + 1min, wrapped("sales", "c1", "a1", 60s))});
    const KpiCounters expected{.handled = 1, .talk = 270s, .hold = 30s, .wrap = 60s};
    EXPECT_EQ(c.queues.at(kSales), expected);
    EXPECT_EQ(c.agents.at(kA1), expected);
    EXPECT_EQ(c.total, expected);
}

TEST_F(FolderTest, EventsWithoutCountsFeedNothing) {
    auto c = fold({
        at(kT0, offered("sales", "c1", "a1")),
        at(kT0, acd::OfferEnded{.call = CallId{"c1"}, .queue = kSales, .agent = kA1}),
        at(kT0, acd::CallPriorityChanged{.call = CallId{"c1"}, .queue = kSales, .to = 5}),
        at(kT0, acd::CallHeld{.call = CallId{"c1"}, .agent = kA1}),
        at(kT0, acd::CallResumed{.call = CallId{"c1"}, .agent = kA1, .hold = 5s}),
        at(kT0, acd::CallbackOffered{.call = CallId{"c1"}, .queue = kSales}),
        at(kT0, acd::DialCallback{.call = CallId{"c1"}, .queue = kSales, .agent = kA1}),
        at(kT0, acd::CallbackAttemptFailed{.call = CallId{"c1"}, .queue = kSales}),
    });
    EXPECT_EQ(c.total, KpiCounters{});
    EXPECT_TRUE(c.queues.empty());
    EXPECT_TRUE(c.agents.empty());
}

/// a1 works sales and support: available, rings for a sales call, talks, wraps up, available.
std::vector<acd::Event> two_queue_shift() {
    return {
        at(kT0, logged_in("a1", {"sales", "support"})),
        at(kT0, state("a1", AgentState::LoggedOut, AgentState::Available)),
        at(kT0 + 10min, offered("sales", "c1", "a1")),
        at(kT0 + 10min, state("a1", AgentState::Available, AgentState::Ringing)),
        at(kT0 + 10min + 10s, state("a1", AgentState::Ringing, AgentState::OnCall)),
        at(kT0 + 10min + 10s, answered("sales", "c1", "a1", 10s)),
        at(kT0 + 20min + 10s, completed("sales", "c1", "a1", 600s)),
        at(kT0 + 20min + 10s, state("a1", AgentState::OnCall, AgentState::WrapUp)),
        at(kT0 + 21min + 10s, wrapped("sales", "c1", "a1", 60s)),
        at(kT0 + 21min + 10s, state("a1", AgentState::WrapUp, AgentState::Available)),
    };
}

TEST_F(FolderTest, AgentTimeOfTwoQueuesIsApportioned) {
    fold(two_queue_shift());
    const ScopedCounters c = with_open_spans(kT0 + 30min);

    // Available 10:00 + 8:50 = 1130 s, ringing 10 s, on call 600 s, wrap-up 60 s.
    const AgentTime agent{.available = 1130s, .ringing = 10s, .on_call = 600s, .wrap_up = 60s};
    EXPECT_EQ(c.agents.at(kA1).agent_time, agent);
    EXPECT_EQ(c.total.agent_time, agent);
    EXPECT_THAT(occupancy(agent), Optional(DoubleEq(660.0 / 1800.0)));

    // Free time is halved; the sales call's talk and wrap-up go to sales only.
    const AgentTime sales{.available = 565s, .ringing = 5s, .on_call = 600s, .wrap_up = 60s};
    const AgentTime support{.available = 565s, .ringing = 5s};
    EXPECT_EQ(c.queues.at(kSales).agent_time, sales);
    EXPECT_EQ(c.queues.at(kSupport).agent_time, support);
    EXPECT_THAT(occupancy(sales), Optional(DoubleEq(660.0 / 1230.0)));
    EXPECT_THAT(occupancy(support), Optional(DoubleEq(0.0)));

    AgentTime both = sales;
    both += support;
    EXPECT_EQ(both, agent);  // the shares add up to the agent's time
}

TEST_F(FolderTest, OpenSpansChangeNothingInTheFolder) {
    fold(two_queue_shift());
    const ScopedCounters once = with_open_spans(kT0 + 30min);
    const ScopedCounters twice = with_open_spans(kT0 + 30min);
    EXPECT_EQ(once.total, twice.total);
    EXPECT_EQ(folder_.agents().at(kA1).since, kT0 + 21min + 10s);
    EXPECT_EQ(folder_.agents().at(kA1).state, AgentState::Available);
    // Without the open span only the closed ones count.
    EXPECT_EQ(timeline_.sum(0, 0).total.agent_time.available, 10min);
}

TEST_F(FolderTest, PausedAndNotReadyTimeIsKeptButIsNotWorkingTime) {
    fold({
        at(kT0, logged_in("a1", {"sales"})),
        at(kT0, state("a1", AgentState::LoggedOut, AgentState::Paused, "lunch")),
        at(kT0 + 30min, state("a1", AgentState::Paused, AgentState::NotReady)),
        at(kT0 + 40min, state("a1", AgentState::NotReady, AgentState::Available)),
    });
    EXPECT_EQ(folder_.agents().at(kA1).reason, "");
    const ScopedCounters c = with_open_spans(kT0 + 50min);
    const AgentTime t = c.agents.at(kA1).agent_time;
    EXPECT_EQ(t, (AgentTime{.available = 10min, .paused = 30min, .not_ready = 10min}));
    EXPECT_EQ(c.queues.at(kSales).agent_time, t);
    EXPECT_THAT(occupancy(t), Optional(DoubleEq(0.0)));
}

TEST_F(FolderTest, LogoutClosesTheSpanAndForgetsTheQueues) {
    fold({
        at(kT0, logged_in("a1", {"sales"})),
        at(kT0, state("a1", AgentState::LoggedOut, AgentState::Available)),
        at(kT0 + 5min, state("a1", AgentState::Available, AgentState::LoggedOut)),
        at(kT0 + 5min, logged_out("a1")),
    });
    const AgentTrack& a = folder_.agents().at(kA1);
    EXPECT_EQ(a.state, AgentState::LoggedOut);
    EXPECT_TRUE(a.queues.empty());
    const ScopedCounters c = with_open_spans(kT0 + 1h);
    EXPECT_EQ(c.agents.at(kA1).agent_time, AgentTime{.available = 5min});
}

TEST_F(FolderTest, NewQueueListSharesOnlyLaterTime) {
    fold({
        at(kT0, logged_in("a1", {"sales"})),
        at(kT0, state("a1", AgentState::LoggedOut, AgentState::Available)),
        at(kT0 + 10min, state("a1", AgentState::Available, AgentState::LoggedOut)),
        at(kT0 + 10min, logged_out("a1")),
        at(kT0 + 20min, logged_in("a1", {"sales", "support"})),
        at(kT0 + 20min, state("a1", AgentState::LoggedOut, AgentState::Available)),
    });
    const ScopedCounters c = with_open_spans(kT0 + 30min);
    EXPECT_EQ(c.queues.at(kSales).agent_time.available, 15min);  // 10 alone + half of 10
    EXPECT_EQ(c.queues.at(kSupport).agent_time.available, 5min);
    EXPECT_EQ(c.agents.at(kA1).agent_time.available, 20min);  // logged-out time not kept
}

TEST_F(FolderTest, AfterTheCallFreeTimeIsSharedAgain) {
    fold(two_queue_shift());
    const AgentTrack& a = folder_.agents().at(kA1);
    EXPECT_EQ(a.busy_queue, std::nullopt);
    EXPECT_EQ(a.queues, (std::vector<QueueId>{kSales, kSupport}));
}

}  // namespace
}  // namespace markaz::stats
