#include "store/sqlite_store.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/router_config_loader.h"
#include "store/event_codec.h"
#include "store/sqlite_db.h"
#include "unit/store/store_test_support.h"

namespace markaz::store {
namespace {

using namespace std::chrono_literals;
using testing::expect_same;
using ::testing::HasSubstr;
using testing::same_event;
using testing::TempDir;

SqliteStore open_store(const std::string& path) {
    auto store = SqliteStore::open(path);
    EXPECT_TRUE(store) << store.error().message;
    return std::move(*store);
}

acd::RouterConfig shipped_config() {
    auto config = config::load_router_config(testing::source_dir() + "/config/markaz.yaml");
    EXPECT_TRUE(config) << config.error().message;
    return config ? *config : acd::RouterConfig{};
}

/// A second, different configuration: one queue, two agents, settings away from defaults.
acd::RouterConfig small_config() {
    acd::RouterConfig config;
    config.pause_reasons = {"prayer"};
    acd::QueueConfig q;
    q.id = QueueId{"vip"};
    q.strategy = acd::Strategy::Skills;
    q.max_wait = 90s;
    q.on_max_wait = {acd::ExitKind::Hangup, {}, "closed"};
    q.callback_threshold = std::nullopt;
    q.sl_target = 0.95;
    q.sl_formula = acd::ServiceLevelFormula::AbandonedAfterThreshold;
    config.queues.push_back(q);
    acd::AgentConfig a;
    a.id = AgentId{"v1"};
    a.name = "نرگس";
    a.queues = {{QueueId{"vip"}, 3}};
    a.skills = {{"vip", 10}};
    a.wrap_up = 7s;
    config.agents.push_back(a);
    a.id = AgentId{"v2"};
    a.wrap_up.reset();
    a.skills.clear();
    config.agents.push_back(a);
    return config;
}

TEST(StoreConfig, TheShippedConfigRoundTrips) {
    TempDir dir;
    const acd::RouterConfig config = shipped_config();
    ASSERT_EQ(config.queues.size(), 2u);
    {
        SqliteStore store = open_store(dir.file("c.db"));
        auto saved = store.save_config(config);
        ASSERT_TRUE(saved) << saved.error().message;
    }
    SqliteStore store = open_store(dir.file("c.db"));
    auto loaded = store.load_config();
    ASSERT_TRUE(loaded) << loaded.error().message;
    expect_same(*loaded, config);
}

TEST(StoreConfig, NothingSavedIsNotFound) {
    TempDir dir;
    SqliteStore store = open_store(dir.file("c.db"));
    auto loaded = store.load_config();
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().code, Errc::NotFound);
    EXPECT_EQ(loaded.error().message,
              dir.file("c.db") +
                  ": cannot load the configuration: no configuration has been saved in this "
                  "database");
}

TEST(StoreConfig, ASaveReplacesEverything) {
    TempDir dir;
    SqliteStore store = open_store(dir.file("c.db"));
    ASSERT_TRUE(store.save_config(shipped_config()));
    ASSERT_TRUE(store.save_config(small_config()));
    auto loaded = store.load_config();
    ASSERT_TRUE(loaded) << loaded.error().message;
    expect_same(*loaded, small_config());
    // An empty configuration is a configuration too.
    ASSERT_TRUE(store.save_config(acd::RouterConfig{{}, {}, {}}));
    loaded = store.load_config();
    ASSERT_TRUE(loaded) << loaded.error().message;
    expect_same(*loaded, acd::RouterConfig{{}, {}, {}});
}

TEST(StoreConfig, AnInvalidConfigIsRefusedAndTheOldOneKept) {
    TempDir dir;
    SqliteStore store = open_store(dir.file("c.db"));
    ASSERT_TRUE(store.save_config(small_config()));
    acd::RouterConfig bad = small_config();
    bad.agents[1].queues.push_back({QueueId{"nowhere"}, 0});
    auto saved = store.save_config(bad);
    ASSERT_FALSE(saved);
    EXPECT_EQ(saved.error().code, Errc::InvalidArgument);
    EXPECT_EQ(saved.error().message,
              dir.file("c.db") +
                  ": configuration not saved: agents[1].queues[1]: unknown queue 'nowhere'");
    auto loaded = store.load_config();
    ASSERT_TRUE(loaded) << loaded.error().message;
    expect_same(*loaded, small_config());
}

TEST(StoreConfig, AFailureHalfWayLeavesTheOldConfigUntouched) {
    TempDir dir;
    const std::string path = dir.file("c.db");
    SqliteStore store = open_store(path);
    ASSERT_TRUE(store.save_config(small_config()));
    {
        // Stands in for a disk that fills up: the last row of the save fails, after every
        // table was cleared and most rows were written.
        auto db = SqliteDb::open(path);
        ASSERT_TRUE(db);
        ASSERT_TRUE(
            db->exec("CREATE TRIGGER fail_boom BEFORE INSERT ON agent_skills "
                     "WHEN NEW.skill = 'boom' BEGIN SELECT RAISE(ABORT, 'disk full'); "
                     "END;"));
    }
    acd::RouterConfig next = shipped_config();
    next.agents.back().skills["boom"] = 5;
    auto saved = store.save_config(next);
    ASSERT_FALSE(saved);
    EXPECT_EQ(saved.error().message, path +
                                         ": cannot save the configuration: agents[9]: "
                                         "skills.boom: disk full");
    auto loaded = store.load_config();
    ASSERT_TRUE(loaded) << loaded.error().message;
    expect_same(*loaded, small_config());
    // Reopened, the file says the same.
    SqliteStore reopened = open_store(path);
    loaded = reopened.load_config();
    ASSERT_TRUE(loaded) << loaded.error().message;
    expect_same(*loaded, small_config());
}

const WallTime kStoreDay{std::chrono::days{20'000}};

acd::Event enqueued(WallTime at, const std::string& call, const std::string& queue = "sales") {
    return {at, acd::CallEnqueued{CallId{call}, QueueId{queue}, 0, 1, "+98" + call}};
}
acd::Event answered(WallTime at, const std::string& call, const std::string& agent) {
    return {at, acd::CallAnswered{CallId{call}, QueueId{"sales"}, AgentId{agent}, 5s, 1, false}};
}
acd::Event paused(WallTime at, const std::string& agent) {
    return {at, acd::AgentStateChanged{AgentId{agent}, acd::AgentState::Available,
                                       acd::AgentState::Paused, "lunch", 1min, ""}};
}

void expect_events(const Result<std::vector<acd::Event>>& got,
                   const std::vector<acd::Event>& want) {
    ASSERT_TRUE(got) << got.error().message;
    ASSERT_EQ(got->size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_TRUE(same_event((*got)[i], want[i]))
            << i << ": " << encode_event((*got)[i]) << " != " << encode_event(want[i]);
    }
}

TEST(StoreEvents, AppendedEventsAreReadBackByTime) {
    TempDir dir;
    const std::vector<acd::Event> first{enqueued(kStoreDay + 1h, "c1"),
                                        paused(kStoreDay + 1h, "a1"),
                                        answered(kStoreDay + 2h, "c1", "a2")};
    const std::vector<acd::Event> second{enqueued(kStoreDay + 3h, "c2"),
                                         enqueued(kStoreDay + 3h + 1ms, "c3", "support")};
    {
        SqliteStore store = open_store(dir.file("e.db"));
        ASSERT_TRUE(store.append(first));
        ASSERT_TRUE(store.append({}));
        ASSERT_TRUE(store.append(second));
    }
    SqliteStore store = open_store(dir.file("e.db"));
    expect_events(store.events_between(kStoreDay, kStoreDay + 1h), {});
    expect_events(store.events_between(kStoreDay, kStoreDay + 24h),
                  {first[0], first[1], first[2], second[0], second[1]});
    // [from, to): the end is excluded, the start included.
    expect_events(store.events_between(kStoreDay + 1h, kStoreDay + 3h), first);
    expect_events(store.events_between(kStoreDay + 3h + 1ms, kStoreDay + 4h), {second[1]});
}

TEST(StoreEvents, EventsOfOneCall) {
    TempDir dir;
    SqliteStore store = open_store(dir.file("e.db"));
    ASSERT_TRUE(store.append({enqueued(kStoreDay + 1s, "c1"), enqueued(kStoreDay + 2s, "c2"),
                              paused(kStoreDay + 3s, "a1")}));
    ASSERT_TRUE(store.append({answered(kStoreDay + 4s, "c1", "a2"),
                              {kStoreDay + 5s, acd::CallHeld{CallId{"c1"}, AgentId{"a2"}}}}));
    expect_events(store.events_of_call(CallId{"c1"}),
                  {enqueued(kStoreDay + 1s, "c1"),
                   answered(kStoreDay + 4s, "c1", "a2"),
                   {kStoreDay + 5s, acd::CallHeld{CallId{"c1"}, AgentId{"a2"}}}});
    expect_events(store.events_of_call(CallId{"c2"}), {enqueued(kStoreDay + 2s, "c2")});
    expect_events(store.events_of_call(CallId{"c9"}), {});
}

TEST(StoreEvents, AFailedAppendStoresNothingOfItsBatch) {
    TempDir dir;
    const std::string path = dir.file("e.db");
    SqliteStore store = open_store(path);
    ASSERT_TRUE(store.append({enqueued(kStoreDay, "c1")}));
    {
        auto db = SqliteDb::open(path);
        ASSERT_TRUE(db);
        ASSERT_TRUE(
            db->exec("CREATE TRIGGER fail_boom BEFORE INSERT ON events "
                     "WHEN NEW.call = 'boom' BEGIN SELECT RAISE(ABORT, 'disk full'); "
                     "END;"));
    }
    auto appended =
        store.append({enqueued(kStoreDay + 1s, "c2"), enqueued(kStoreDay + 2s, "boom")});
    ASSERT_FALSE(appended);
    EXPECT_EQ(appended.error().message, path + ": cannot append events: disk full");
    expect_events(store.events_between(kStoreDay, kStoreDay + 1h), {enqueued(kStoreDay, "c1")});
}

TEST(StoreEvents, TheLogIsAppendOnly) {
    TempDir dir;
    const std::string path = dir.file("e.db");
    SqliteStore store = open_store(path);
    ASSERT_TRUE(store.append({enqueued(kStoreDay, "c1")}));
    auto db = SqliteDb::open(path);
    ASSERT_TRUE(db);
    auto update = db->exec("UPDATE events SET type = 'CallAnswered'");
    ASSERT_FALSE(update);
    EXPECT_EQ(update.error().message, "events are append-only");
    auto removed = db->exec("DELETE FROM events");
    ASSERT_FALSE(removed);
    expect_events(store.events_between(kStoreDay, kStoreDay + 1h), {enqueued(kStoreDay, "c1")});
}

TEST(StoreEvents, ADamagedRowIsReportedWithItsSeq) {
    TempDir dir;
    const std::string path = dir.file("e.db");
    SqliteStore store = open_store(path);
    ASSERT_TRUE(store.append({enqueued(kStoreDay, "c1")}));
    {
        auto db = SqliteDb::open(path);
        ASSERT_TRUE(db);
        ASSERT_TRUE(
            db->exec("INSERT INTO events (at_ms, type, call, body) VALUES "
                     "(1728000000000, 'CallHeld', 'c1', "
                     "'{\"type\":\"CallHeld\",\"at_ms\":1728000000000,\"call\":\"c1\"}')"));
    }
    auto events = store.events_of_call(CallId{"c1"});
    ASSERT_FALSE(events);
    EXPECT_EQ(events.error().code, Errc::Internal);
    EXPECT_EQ(events.error().message,
              path + ": event seq 2 cannot be read: CallHeld.agent: missing");
}

}  // namespace
}  // namespace markaz::store
