#include "store/replay.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "unit/acd/router_fixture.h"
#include "unit/store/store_test_support.h"

namespace markaz::store {
namespace {

using namespace std::chrono_literals;
using acd::testing::RouterHarness;
using testing::TempDir;

const WallTime kDay{std::chrono::days{20'000}};

void expect_same(const stats::WindowFigures& a, const stats::WindowFigures& b,
                 const std::string& at) {
    EXPECT_EQ(a.from, b.from) << at;
    EXPECT_EQ(a.to, b.to) << at;
    EXPECT_EQ(a.counters, b.counters) << at;
    EXPECT_EQ(a.kpis, b.kpis) << at;
}

void expect_same(const stats::QueueLive& a, const stats::QueueLive& b) {
    const std::string at = "queue '" + a.id.str() + "'";
    EXPECT_EQ(a.id, b.id) << at;
    EXPECT_EQ(a.sl_target, b.sl_target) << at;
    expect_same(a.today, b.today, at + ".today");
    expect_same(a.interval, b.interval, at + ".interval");
    expect_same(a.last_hour, b.last_hour, at + ".last_hour");
    EXPECT_EQ(a.waiting, b.waiting) << at;
    EXPECT_EQ(a.callbacks_waiting, b.callbacks_waiting) << at;
    EXPECT_EQ(a.longest_wait, b.longest_wait) << at;
    EXPECT_EQ(a.agents, b.agents) << at;
}

void expect_same(const stats::LiveSnapshot& a, const stats::LiveSnapshot& b) {
    EXPECT_EQ(a.at, b.at);
    ASSERT_EQ(a.queues.size(), b.queues.size());
    for (std::size_t i = 0; i < a.queues.size(); ++i) {
        expect_same(a.queues[i], b.queues[i]);
    }
    expect_same(a.totals, b.totals);
    ASSERT_EQ(a.agents.size(), b.agents.size());
    for (std::size_t i = 0; i < a.agents.size(); ++i) {
        const stats::AgentLive& x = a.agents[i];
        const stats::AgentLive& y = b.agents[i];
        const std::string at = "agent '" + x.id.str() + "'";
        EXPECT_EQ(x.id, y.id) << at;
        EXPECT_EQ(x.state, y.state) << at;
        EXPECT_EQ(x.reason, y.reason) << at;
        EXPECT_EQ(x.in_state, y.in_state) << at;
        EXPECT_EQ(x.queues, y.queues) << at;
        EXPECT_EQ(x.calls_answered, y.calls_answered) << at;
        EXPECT_EQ(x.talk, y.talk) << at;
        EXPECT_EQ(x.occupancy, y.occupancy) << at;
        EXPECT_EQ(x.today, y.today) << at;
    }
}

/// A router driven through a morning of calls, each step's events appended to a store as
/// the core loop would.
class ReplayTest : public ::testing::Test {
protected:
    ReplayTest() : h_(router_config()), store_(open()) {}

    static acd::RouterConfig router_config() {
        acd::RouterConfig config = acd::testing::one_queue(acd::Strategy::LongestIdle, 3);
        config.queues[0].wrap_up = 10s;
        config.queues.push_back(acd::testing::queue("support", acd::Strategy::RoundRobin));
        config.agents[2].queues.push_back({QueueId{"support"}, 0});
        return config;
    }
    SqliteStore open() {
        auto store = SqliteStore::open(dir_.file("replay.db"));
        EXPECT_TRUE(store) << store.error().message;
        return std::move(*store);
    }
    /// Appends what the router emitted since the last sync as one batch.
    void sync() {
        const auto& log = h_.log();
        std::vector<acd::Event> batch(log.begin() + static_cast<std::ptrdiff_t>(synced_),
                                      log.end());
        synced_ = log.size();
        auto ok = store_.append(batch);
        ASSERT_TRUE(ok) << ok.error().message;
    }
    /// The agent whose phone rings for `call` now.
    std::optional<AgentId> ringing_for(const std::string& call) {
        for (const char* id : {"a1", "a2", "a3"}) {
            auto agent = h_.router().agent(AgentId{id});
            if (agent && agent->state == acd::AgentState::Ringing && agent->call == CallId{call}) {
                return agent->id;
            }
        }
        return std::nullopt;
    }
    void run_a_morning() {
        h_.advance(9h);  // the day starts at midnight UTC; nothing happens before 09:00
        for (const char* agent : {"a1", "a2", "a3"}) {
            h_.login(agent);
            sync();
        }
        h_.call("c1");
        sync();
        h_.advance(4s);
        auto agent = ringing_for("c1");
        ASSERT_TRUE(agent.has_value());
        h_.ok(acd::OfferAnswered{CallId{"c1"}, *agent});
        sync();
        h_.ok(acd::AgentPause{AgentId{"a3"}, "lunch", ""});
        sync();
        h_.advance(2min);
        h_.ok(acd::HangUp{CallId{"c1"}, acd::Party::Agent});
        sync();
        h_.advance(15s);  // wrap-up ends
        sync();
        h_.call("c2");
        sync();
        h_.call("c3");
        sync();
        h_.call("c4");
        sync();
        h_.call("s1", "support");
        sync();
        h_.advance(25s);  // ring timeouts fire and calls are offered again
        sync();
        h_.ok(acd::AbandonCall{CallId{"c4"}});
        sync();
        h_.advance(3s);
        sync();
        agent = ringing_for("c2");
        ASSERT_TRUE(agent.has_value());
        h_.ok(acd::OfferAnswered{CallId{"c2"}, *agent});
        sync();
        h_.advance(7min);
        sync();
    }

    TempDir dir_;
    RouterHarness h_;
    SqliteStore store_;
    std::size_t synced_ = 0;
};

TEST_F(ReplayTest, ReplayGivesTheSameSnapshotAsLiveStats) {
    ASSERT_NO_FATAL_FAILURE(run_a_morning());
    const stats::StatsConfig config = stats::StatsConfig::from(router_config());
    auto live = stats::LiveStats::create(config);
    ASSERT_TRUE(live) << live.error().message;
    live->apply(h_.log());

    const WallTime now = h_.clock().now().wall;
    auto replayed = replay_today(store_, config, now);
    ASSERT_TRUE(replayed) << replayed.error().message;
    const stats::LiveSnapshot want = live->snapshot(now);
    expect_same(replayed->snapshot(now), want);
    expect_same(replayed->snapshot(now + 10min), live->snapshot(now + 10min));

    // Not two empty snapshots: the morning shows up.
    EXPECT_EQ(want.totals.today.counters.offered, 5);
    EXPECT_EQ(want.totals.today.counters.answered, 2);
    EXPECT_EQ(want.totals.today.counters.abandoned + want.totals.today.counters.short_abandoned, 1);
    EXPECT_EQ(want.totals.agents.logged_in(), 3);
    EXPECT_GT(want.totals.waiting, 0);

    // After a restart, from the file alone.
    store_ = open();
    auto again = replay_today(store_, config, now);
    ASSERT_TRUE(again) << again.error().message;
    expect_same(again->snapshot(now), want);
}

TEST(Replay, EventsBeforeLocalMidnightAreLeftOut) {
    TempDir dir;
    auto store = SqliteStore::open(dir.file("replay.db"));
    ASSERT_TRUE(store) << store.error().message;
    stats::StatsConfig config;
    config.queues.push_back({QueueId{"sales"}});
    config.utc_offset = 210min;               // Tehran, +03:30
    const WallTime midnight = kDay - 210min;  // local midnight of day 20'000
    const WallTime now = midnight + 9h;
    auto call = [](WallTime at, const char* id) {
        return acd::Event{at, acd::CallEnqueued{CallId{id}, QueueId{"sales"}, 0, 1, ""}};
    };
    auto answer = [](WallTime at, const char* id) {
        return acd::Event{
            at, acd::CallAnswered{CallId{id}, QueueId{"sales"}, AgentId{"a1"}, 5s, 1, false}};
    };
    const std::vector<acd::Event> yesterday{call(midnight - 10min, "y1"),
                                            answer(midnight - 1ms, "y1")};
    const std::vector<acd::Event> today{call(midnight, "t1"), answer(midnight + 20s, "t1"),
                                        call(now, "t2")};
    const std::vector<acd::Event> later{call(now + 1ms, "t3")};
    ASSERT_TRUE(store->append(yesterday));
    ASSERT_TRUE(store->append(today));
    ASSERT_TRUE(store->append(later));

    auto replayed = replay_today(*store, config, now);
    ASSERT_TRUE(replayed) << replayed.error().message;
    auto live = stats::LiveStats::create(config);
    ASSERT_TRUE(live);
    live->apply(today);
    const stats::LiveSnapshot snapshot = replayed->snapshot(now);
    expect_same(snapshot, live->snapshot(now));
    EXPECT_EQ(snapshot.totals.today.counters.offered, 2);
    EXPECT_EQ(snapshot.totals.today.counters.answered, 1);
    EXPECT_EQ(snapshot.totals.waiting, 1);
}

TEST(Replay, AnInvalidStatsConfigIsRefused) {
    TempDir dir;
    auto store = SqliteStore::open(dir.file("replay.db"));
    ASSERT_TRUE(store) << store.error().message;
    stats::StatsConfig config;
    config.interval = 7min;
    auto replayed = replay_today(*store, config, kDay);
    ASSERT_FALSE(replayed);
    EXPECT_EQ(replayed.error().code, Errc::InvalidArgument);
}

TEST(Replay, LocalMidnight) {
    EXPECT_EQ(local_midnight(kDay + 5h, 0min), kDay);
    EXPECT_EQ(local_midnight(kDay, 0min), kDay);
    EXPECT_EQ(local_midnight(kDay - 1ms, 0min), kDay - 24h);
    EXPECT_EQ(local_midnight(kDay + 20h + 31min, 210min), kDay + 20h + 30min);
    EXPECT_EQ(local_midnight(kDay + 20h + 29min, 210min), kDay - 3h - 30min);
    EXPECT_EQ(local_midnight(kDay + 4h, -300min), kDay - 19h);
    EXPECT_EQ(local_midnight(WallTime{} - 1ms, 0min), WallTime{} - 24h);
}

}  // namespace
}  // namespace markaz::store
