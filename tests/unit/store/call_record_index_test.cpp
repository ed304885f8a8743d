// Searching the finished calls on a real SQLite file, as the API does on its own connection
// while the call log writes: each condition alone, the reader's queues, order, pages and the
// count of all matches; calls still going on are never found.

#include "store/call_record_index.h"

#include <gtest/gtest.h>

#include "store/call_log.h"
#include "store/migrations.h"
#include "unit/store/store_test_support.h"

namespace markaz::store {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

// 2026-11-23T08:00:00Z
const WallTime kIndexMorning{std::chrono::seconds{1'795'420'800}};

CallRecord indexed_call(const std::string& id, WallTime started, const std::string& queue,
                        const std::string& agent, Duration talk) {
    CallRecord r;
    r.id = id;
    r.started = started;
    r.ended = started + talk + 20s;
    r.caller = "0912555" + id;
    r.dialled = "200";
    r.queues = {queue};
    r.agent = agent;
    r.talk = talk;
    r.disposition = Disposition::Answered;
    r.hangup_side = "caller";
    r.recording = "recordings/" + id + ".wav";
    return r;
}

class CallRecordIndexTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto log = CallLog::open(dir.file("markaz.db"));
        ASSERT_TRUE(log) << log.error().message;
        // c1 sales/a1001 60 s; c2 support/a1002 5 min; c3 sales, transferred by a1001 to
        // support where a1003 finished it; c4 abandoned in support, not recorded; c5 still
        // going on.
        ASSERT_TRUE(log->save(indexed_call("c1", kIndexMorning, "sales", "a1001", 60s)));
        ASSERT_TRUE(log->save(indexed_call("c2", kIndexMorning + 1h, "support", "a1002", 300s)));
        CallRecord c3 = indexed_call("c3", kIndexMorning + 2h, "sales", "a1003", 90s);
        c3.queues = {"sales", "support"};
        c3.transfers = {Transfer{"a1001", "sales", "support", kIndexMorning + 2h + 30s, 30s, 0s}};
        ASSERT_TRUE(log->save(c3));
        CallRecord c4 = indexed_call("c4", kIndexMorning + 3h, "support", "", 0s);
        c4.disposition = Disposition::Abandoned;
        c4.recording.clear();
        ASSERT_TRUE(log->save(c4));
        ASSERT_TRUE(log->save_open(indexed_call("c5", kIndexMorning + 4h, "sales", "a1001", 0s)));
        auto opened = CallRecordIndex::open(dir.file("markaz.db"));
        ASSERT_TRUE(opened) << opened.error().message;
        index = std::move(*opened);
    }

    std::vector<std::string> ids(api::RecordQuery q) {
        q.from = q.from == WallTime{} ? kIndexMorning - 1h : q.from;
        q.to = q.to == WallTime{} ? kIndexMorning + 24h : q.to;
        auto page = index->search(q);
        EXPECT_TRUE(page) << page.error().message;
        std::vector<std::string> out;
        for (const auto& r : page ? page->records : std::vector<api::CallRecordEntry>{}) {
            out.push_back(r.id);
        }
        return out;
    }

    TempDir dir;
    std::unique_ptr<CallRecordIndex> index;
};

using Ids = std::vector<std::string>;

TEST_F(CallRecordIndexTest, NewestFirstAndNeverACallStillGoingOn) {
    EXPECT_EQ(ids({}), (Ids{"c4", "c3", "c2", "c1"}));
    api::RecordQuery oldest;
    oldest.newest_first = false;
    EXPECT_EQ(ids(oldest), (Ids{"c1", "c2", "c3", "c4"}));
}

TEST_F(CallRecordIndexTest, EachConditionAlone) {
    api::RecordQuery q;
    q.agent = "a1001";
    EXPECT_EQ(ids(q), (Ids{"c3", "c1"})) << "c3 was transferred by a1001";
    q = {};
    q.queue = "support";
    EXPECT_EQ(ids(q), (Ids{"c4", "c3", "c2"}));
    q = {};
    q.caller = "555c2";
    EXPECT_EQ(ids(q), (Ids{"c2"}));
    q = {};
    q.disposition = "abandoned";
    EXPECT_EQ(ids(q), (Ids{"c4"}));
    q = {};
    q.min_talk = 61s;
    q.max_talk = 300s;
    EXPECT_EQ(ids(q), (Ids{"c3", "c2"}));
    q = {};
    q.recorded = false;
    EXPECT_EQ(ids(q), (Ids{"c4"}));
    q = {};
    q.from = kIndexMorning + 1h;
    q.to = kIndexMorning + 2h;
    EXPECT_EQ(ids(q), (Ids{"c2"})) << "from inclusive, to exclusive";
    q = {};
    q.within_queues = std::vector<std::string>{"support"};
    EXPECT_EQ(ids(q), (Ids{"c4", "c3", "c2"})) << "a supervisor of support";
    q.within_queues = std::vector<std::string>{};
    EXPECT_TRUE(ids(q).empty()) << "no queues: nothing";
}

TEST_F(CallRecordIndexTest, PagesCountEveryMatch) {
    api::RecordQuery q;
    q.from = kIndexMorning - 1h;
    q.to = kIndexMorning + 24h;
    q.limit = 2;
    q.offset = 1;
    auto page = index->search(q);
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_EQ(page->total, 4);
    ASSERT_EQ(page->records.size(), 2u);
    EXPECT_EQ(page->records[0].id, "c3");
    EXPECT_EQ(page->records[0].transfers.size(), 1u);
    EXPECT_EQ(page->records[0].transfers[0].agent, "a1001");
    EXPECT_EQ(page->records[1].id, "c2");
    EXPECT_EQ(page->records[1].talk, 300s);
    EXPECT_EQ(page->records[1].disposition, "answered");
    EXPECT_EQ(page->records[1].recording, "recordings/c2.wav");
    q.offset = 10;
    page = index->search(q);
    ASSERT_TRUE(page);
    EXPECT_TRUE(page->records.empty());
    EXPECT_EQ(page->total, 4);
}

TEST_F(CallRecordIndexTest, FindsOneFinishedCall) {
    auto c2 = index->find("c2");
    ASSERT_TRUE(c2) << c2.error().message;
    ASSERT_TRUE(*c2);
    EXPECT_EQ((*c2)->agent, "a1002");
    auto open = index->find("c5");
    ASSERT_TRUE(open);
    EXPECT_FALSE(*open) << "still going on";
    auto none = index->find("nope");
    ASSERT_TRUE(none);
    EXPECT_FALSE(*none);
}

TEST_F(CallRecordIndexTest, AVacuumThatRenumbersTheCallsKeepsEverySearchRight) {
    {
        auto log = CallLog::open(dir.file("markaz.db"));
        ASSERT_TRUE(log);
        // Saved again: its row moves to the end, leaving a gap a VACUUM closes up.
        ASSERT_TRUE(log->save(indexed_call("c1", kIndexMorning, "sales", "a1001", 60s)));
    }
    auto db = SqliteDb::open(dir.file("markaz.db"));
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("VACUUM"));
    api::RecordQuery q;
    q.agent = "a1002";
    EXPECT_EQ(ids(q), (Ids{"c2"}));
    q.agent = "a1001";
    EXPECT_EQ(ids(q), (Ids{"c3", "c1"}));
}

TEST_F(CallRecordIndexTest, ASearchInjectingSqlIsJustText) {
    api::RecordQuery q;
    q.caller = "' OR 1=1 --";
    EXPECT_TRUE(ids(q).empty());
    q = {};
    q.queue = "sales\") OR (\"1\"=\"1";
    EXPECT_TRUE(ids(q).empty());
}

TEST(CallRecordIndex, AStoreFromBeforeThePartiesTableIsSearchedByAgentAndQueue) {
    TempDir dir;
    {
        auto db = SqliteDb::open(dir.file("old.db"));
        ASSERT_TRUE(db);
        ASSERT_TRUE(migrate(*db, schema_migrations().first(6)));
        // As schema v6 kept it: a1001 passed the caller from sales to support, a1003 answered.
        ASSERT_TRUE(db->exec(
            "INSERT INTO calls (id, started_ms, ended_ms, caller, dialled, ivr_path, digits, "
            "variables, queues, agents_offered, agent, talk_ms, hold_ms, disposition, "
            "hangup_side, hangup_cause, recording, transfers) VALUES ('old', 1795420800000, "
            "1795420900000, '0912', '200', '[]', '', '{}', '[\"sales\",\"support\"]', '[]', "
            "'a1003', 60000, 0, 'answered', 'caller', '', 'old.wav', "
            "'[{\"agent\":\"a1001\",\"queue\":\"sales\",\"to_queue\":\"support\","
            "\"at_ms\":1795420830000,\"talk_ms\":30000,\"hold_ms\":0}]')"));
    }
    auto index = CallRecordIndex::open(dir.file("old.db"));
    ASSERT_TRUE(index) << index.error().message;
    api::RecordQuery q;
    q.from = kIndexMorning - 1h;
    q.to = kIndexMorning + 1h;
    for (const char* agent : {"a1001", "a1003"}) {
        q.agent = agent;
        auto page = (*index)->search(q);
        ASSERT_TRUE(page) << page.error().message;
        EXPECT_EQ(page->total, 1) << agent;
    }
    q.agent.reset();
    q.queue = "support";
    EXPECT_EQ((*index)->search(q)->total, 1);
}

}  // namespace
}  // namespace markaz::store
