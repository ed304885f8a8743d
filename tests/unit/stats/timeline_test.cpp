#include "stats/timeline.h"

#include <array>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "unit/stats/stats_test_util.h"

namespace markaz::stats {
namespace {

using namespace testing;
using acd::AgentState;

const QueueId kBilling{"billing"};

KpiCounters answered_once() {
    return KpiCounters{.answered = 1};
}

TEST(Timeline, IndexIsFloorDivisionFromTheOrigin) {
    const Timeline t(kT0, 10min);
    EXPECT_EQ(t.index_of(kT0), 0);
    EXPECT_EQ(t.index_of(kT0 + 10min - 1ms), 0);
    EXPECT_EQ(t.index_of(kT0 + 10min), 1);
    EXPECT_EQ(t.index_of(kT0 - 1ms), -1);
    EXPECT_EQ(t.index_of(kT0 - 10min), -1);
    EXPECT_EQ(t.index_of(kT0 - 10min - 1ms), -2);
    EXPECT_EQ(t.start_of(0), kT0);
    EXPECT_EQ(t.start_of(3), kT0 + 30min);
    EXPECT_EQ(t.start_of(-1), kT0 - 10min);
    EXPECT_EQ(t.width(), 10min);
}

TEST(Timeline, CountsLandInTheBucketOfTheirInstantForEveryScope) {
    Timeline t(kT0, 10min);
    t.add(kT0 + 1min, kSales, kA1, answered_once());
    t.add(kT0 + 9min, kSupport, AgentId{}, KpiCounters{.offered = 1});
    t.add(kT0 + 10min, kSales, kA1, answered_once());

    ASSERT_EQ(t.buckets().size(), 2u);
    const ScopedCounters& first = t.buckets().at(0);
    EXPECT_EQ(first.total, (KpiCounters{.offered = 1, .answered = 1}));
    EXPECT_EQ(first.queues.at(kSales), answered_once());
    EXPECT_EQ(first.queues.at(kSupport), KpiCounters{.offered = 1});
    EXPECT_EQ(first.agents.size(), 1u);  // no entry for an event without agent
    EXPECT_EQ(first.agents.at(kA1), answered_once());
    EXPECT_EQ(t.buckets().at(1).total, answered_once());

    const ScopedCounters both = t.sum(0, 1);
    EXPECT_EQ(both.total.answered, 2);
    EXPECT_EQ(both.queues.at(kSales).answered, 2);
    EXPECT_EQ(both.agents.at(kA1).answered, 2);
    EXPECT_EQ(t.sum(2, 5).total, KpiCounters{});
    EXPECT_TRUE(t.sum(2, 5).queues.empty());
}

TEST(Timeline, StateSpanIsSplitAtBucketBoundaries) {
    Timeline t(kT0, 10min);
    t.add_state_time(kA1, {kSales}, AgentState::Available, kT0 + 5min, kT0 + 25min);
    EXPECT_EQ(t.buckets().at(0).agents.at(kA1).agent_time.available, 5min);
    EXPECT_EQ(t.buckets().at(1).agents.at(kA1).agent_time.available, 10min);
    EXPECT_EQ(t.buckets().at(2).agents.at(kA1).agent_time.available, 5min);
    EXPECT_EQ(t.buckets().at(2).total.agent_time.available, 5min);
    EXPECT_EQ(t.buckets().at(2).queues.at(kSales).agent_time.available, 5min);
    EXPECT_EQ(t.sum(0, 2).total.agent_time.available, 20min);
}

TEST(Timeline, StateSpanIsSharedEquallyAmongQueues) {
    Timeline t(kT0, 1h);
    t.add_state_time(kA1, {kSales, kSupport}, AgentState::OnCall, kT0, kT0 + 10min);
    const ScopedCounters& b = t.buckets().at(0);
    EXPECT_EQ(b.total.agent_time.on_call, 10min);  // the centre and the agent get it whole
    EXPECT_EQ(b.agents.at(kA1).agent_time.on_call, 10min);
    EXPECT_EQ(b.queues.at(kSales).agent_time.on_call, 5min);
    EXPECT_EQ(b.queues.at(kSupport).agent_time.on_call, 5min);
}

TEST(Timeline, ShareRemaindersGoToTheFirstQueuesSoSharesAddUp) {
    Timeline t(kT0, 1h);
    t.add_state_time(kA1, {kSales, kSupport, kBilling}, AgentState::Available, kT0, kT0 + 1001ms);
    const ScopedCounters& b = t.buckets().at(0);
    EXPECT_EQ(b.queues.at(kSales).agent_time.available, 334ms);
    EXPECT_EQ(b.queues.at(kSupport).agent_time.available, 334ms);
    EXPECT_EQ(b.queues.at(kBilling).agent_time.available, 333ms);
}

TEST(Timeline, NoQueueToShareWithGivesQueuesNothing) {
    Timeline t(kT0, 1h);
    t.add_state_time(kA1, {}, AgentState::Paused, kT0, kT0 + 1min);
    EXPECT_TRUE(t.buckets().at(0).queues.empty());
    EXPECT_EQ(t.buckets().at(0).agents.at(kA1).agent_time.paused, 1min);
}

TEST(Timeline, LoggedOutTimeIsNotKept) {
    Timeline t(kT0, 1h);
    t.add_state_time(kA1, {kSales}, AgentState::LoggedOut, kT0, kT0 + 1min);
    EXPECT_TRUE(t.buckets().empty());
}

TEST(Timeline, DroppedBucketsAreGoneAndIgnoreLaterCounts) {
    Timeline t(kT0, 10min);
    t.add(kT0, kSales, kA1, answered_once());
    t.add(kT0 + 15min, kSales, kA1, answered_once());
    t.add(kT0 + 25min, kSales, kA1, answered_once());
    t.drop_before(2);
    ASSERT_EQ(t.buckets().size(), 1u);
    EXPECT_EQ(t.buckets().begin()->first, 2);

    t.add(kT0 + 15min, kSales, kA1, answered_once());  // before the floor: ignored
    EXPECT_EQ(t.sum(0, 10).total.answered, 1);

    // A span reaching back before the floor keeps only its part from the floor on.
    t.add_state_time(kA1, {kSales}, AgentState::Available, kT0 + 5min, kT0 + 22min);
    EXPECT_EQ(t.sum(0, 10).total.agent_time.available, 2min);
    EXPECT_EQ(t.buckets().count(1), 0u);

    t.drop_before(1);  // the floor never moves back
    t.add(kT0 + 15min, kSales, kA1, answered_once());
    EXPECT_EQ(t.sum(0, 10).total.answered, 1);
}

TEST(Timeline, EmptyCopyKeepsGeometryAndFloorButNoCounts) {
    Timeline t(kT0, 10min);
    t.add(kT0 + 25min, kSales, kA1, answered_once());
    t.drop_before(2);
    Timeline copy = t.empty_copy();
    EXPECT_TRUE(copy.buckets().empty());
    EXPECT_EQ(copy.width(), 10min);
    EXPECT_EQ(copy.index_of(kT0 + 25min), 2);
    copy.add(kT0 + 5min, kSales, kA1, answered_once());  // below the copied floor
    EXPECT_TRUE(copy.buckets().empty());
}

TEST(FanoutSink, PassesEveryContributionToEverySink) {
    Timeline fine(kT0, 1min);
    Timeline coarse(kT0, 1h);
    const std::array<CounterSink*, 2> sinks{&fine, &coarse};
    FanoutSink fan(sinks);
    fan.add(kT0 + 90s, kSales, kA1, answered_once());
    fan.add_state_time(kA1, {kSales}, AgentState::WrapUp, kT0, kT0 + 3min);
    EXPECT_EQ(fine.buckets().at(1).total.answered, 1);
    EXPECT_EQ(coarse.buckets().at(0).total.answered, 1);
    EXPECT_EQ(fine.buckets().size(), 3u);
    EXPECT_EQ(fine.sum(0, 2).total.agent_time.wrap_up, 3min);
    EXPECT_EQ(coarse.sum(0, 0).total.agent_time.wrap_up, 3min);
}

TEST(ScopedCounters, AddingMergesEveryScope) {
    ScopedCounters a;
    a.total.offered = 1;
    a.queues[kSales].offered = 1;
    ScopedCounters b;
    b.total.offered = 2;
    b.queues[kSales].offered = 1;
    b.queues[kSupport].offered = 1;
    b.agents[kA1].answered = 1;
    a += b;
    EXPECT_EQ(a.total.offered, 3);
    EXPECT_EQ(a.queues.at(kSales).offered, 2);
    EXPECT_EQ(a.queues.at(kSupport).offered, 1);
    EXPECT_EQ(a.agents.at(kA1).answered, 1);
}

}  // namespace
}  // namespace markaz::stats
