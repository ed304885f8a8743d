#include "stats/open_at_end.h"

#include "unit/stats/stats_test_util.h"

namespace markaz::stats::testing {
namespace {

using acd::AgentState;

TEST(ClosingEvents, WaitingCallersAreRemovedAndPresentAgentsLoggedOut) {
    const std::vector<acd::Event> today{
        at(t(8, 0), logged_in("a1", {"sales"})),
        at(t(8, 0), state("a1", AgentState::LoggedOut, AgentState::Available)),
        at(t(8, 1), logged_in("a2", {"sales"})),
        at(t(8, 1), state("a2", AgentState::LoggedOut, AgentState::Available)),
        at(t(8, 2), state("a2", AgentState::Available, AgentState::LoggedOut)),
        at(t(8, 2), logged_out("a2")),
        at(t(9, 0), enqueued("sales", "c1")),  // answered: nothing to close
        at(t(9, 0, 5), answered("sales", "c1", "a1", 5s)),
        at(t(9, 0, 5), state("a1", AgentState::Available, AgentState::OnCall)),
        at(t(9, 1), enqueued("sales", "c2")),  // still waiting
        at(t(9, 2), enqueued("support", "c3")),
        at(t(9, 2, 30), callback_requested("support", "c3")),  // a callback goes on
        at(t(9, 3), enqueued("sales", "c4")),
        at(t(9, 3, 10), abandoned("sales", "c4", 10s)),
    };
    const auto closing = closing_events(today, t(9, 5), "restart");
    ASSERT_EQ(closing.size(), 3U);
    const auto* removed = std::get_if<acd::CallRemoved>(&closing[0].body);
    ASSERT_NE(removed, nullptr);
    EXPECT_EQ(removed->call, CallId{"c2"});
    EXPECT_EQ(removed->queue, kSales);
    EXPECT_EQ(removed->wait, 4min);
    EXPECT_EQ(removed->by, "restart");
    EXPECT_EQ(closing[0].at, t(9, 5));
    const auto* changed = std::get_if<acd::AgentStateChanged>(&closing[1].body);
    ASSERT_NE(changed, nullptr);
    EXPECT_EQ(changed->agent, kA1);
    EXPECT_EQ(changed->from, AgentState::OnCall);
    EXPECT_EQ(changed->to, AgentState::LoggedOut);
    EXPECT_EQ(changed->in_previous, 5min - 5s);
    const auto* out = std::get_if<acd::AgentLoggedOut>(&closing[2].body);
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->session, 65min);

    // Folded after the day, they leave no one waiting and no one working.
    LiveStats live = live_stats(StatsConfig{});
    live.apply(today);
    live.apply(closing);
    const LiveSnapshot snap = live.snapshot(t(9, 5));
    EXPECT_EQ(snap.totals.waiting, 0);
    EXPECT_EQ(snap.totals.callbacks_waiting, 1);
    EXPECT_EQ(snap.totals.agents.on_call, 0);
    EXPECT_EQ(snap.totals.today.counters.removed, 1);
    EXPECT_EQ(snap.totals.today.counters.answered, 1);
}

TEST(ClosingEvents, NothingOpenNothingToClose) {
    EXPECT_TRUE(closing_events({}, t(9, 0), "restart").empty());
    EXPECT_TRUE(closing_events({at(t(8, 0), enqueued("sales", "c1")),
                                at(t(8, 1), timed_out("sales", "c1", 1min))},
                               t(9, 0), "restart")
                    .empty());
}

}  // namespace
}  // namespace markaz::stats::testing
