#include "store/call_log.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "unit/store/store_test_support.h"

namespace markaz::store {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using testing::TempDir;

// 2026-11-23T08:15:30Z
const WallTime kRecordMorning{std::chrono::seconds{1'795'421'730}};

CallLog open_log(const std::string& path) {
    auto log = CallLog::open(path);
    EXPECT_TRUE(log) << log.error().message;
    return std::move(*log);
}

/// A record with every field set, and values that are easy to lose on the way to disk:
/// milliseconds, commas in list items, non-ASCII text, quotes.
CallRecord full_record(const std::string& id, WallTime started) {
    CallRecord r;
    r.id = id;
    r.started = started + 417ms;
    r.ended = started + 200'123ms;
    r.caller = "09121234567";
    r.dialled = "100";
    r.ivr_path = {"main", "menu, sales", "صف"};
    r.digits = "1*9#";
    r.variables = {{"lang", "fa"}, {"customer", "\"VIP\", gold"}};
    r.queues = {"sales", "vip"};
    r.joined = started + 10'001ms;
    r.wait = 36'900ms;
    r.position = 2;
    r.agents_offered = {"a1001", "a1002"};
    r.agent = "a1002";
    r.talk = 125'999ms;
    r.hold = 30'001ms;
    r.wrap = 15'500ms;
    r.disposition = Disposition::Answered;
    r.hangup_side = "caller";
    r.hangup_cause = "caller hung up";
    r.recording = "/var/lib/markaz/recordings/c1.wav";
    r.transfers = {Transfer{"a1001", "sales", "vip", started + 70'250ms, 40'000ms, 2'500ms},
                   Transfer{"a1003", "vip", "vip", started + 90'000ms, 10'000ms, 0ms, "a1002"}};
    r.monitors = {MonitorPeriod{"sara", "2001", "whisper", started + 50'001ms, started + 60'002ms}};
    r.recording_pauses = {RecordingPause{"a1001", started + 20'003ms, started + 31'004ms}};
    return r;
}

/// A record with nothing optional set.
CallRecord bare_record(const std::string& id, WallTime started) {
    CallRecord r;
    r.id = id;
    r.started = started;
    r.ended = started + 4s;
    r.caller = "021555";
    r.disposition = Disposition::Ivr;
    return r;
}

std::vector<CallRecord> all_records(CallLog& log) {
    auto records = log.records_between(WallTime{}, WallTime::max());
    EXPECT_TRUE(records) << records.error().message;
    return records ? *records : std::vector<CallRecord>{};
}

std::vector<std::string> ids_of(const std::vector<CallRecord>& records) {
    std::vector<std::string> ids;
    for (const auto& r : records) {
        ids.push_back(r.id);
    }
    return ids;
}

TEST(CallLog, ARecordReadsBackEqual) {
    TempDir dir;
    CallLog log = open_log(dir.file("calls.db"));
    const CallRecord record = full_record("c1", kRecordMorning);
    ASSERT_TRUE(log.save(record));
    auto records = all_records(log);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0], record);
}

TEST(CallLog, EmptyOptionalsStayEmptyAndZeroStaysZero) {
    TempDir dir;
    CallLog log = open_log(dir.file("calls.db"));
    const CallRecord bare = bare_record("bare", kRecordMorning);
    CallRecord zeros = bare_record("zeros", kRecordMorning + 1s);
    zeros.joined = WallTime{};
    zeros.wait = 0ms;
    zeros.position = 0;
    zeros.wrap = 0ms;
    ASSERT_TRUE(log.save(bare));
    ASSERT_TRUE(log.save(zeros));
    auto records = all_records(log);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0], bare);
    EXPECT_FALSE(records[0].joined.has_value());
    EXPECT_FALSE(records[0].wait.has_value());
    EXPECT_FALSE(records[0].position.has_value());
    EXPECT_FALSE(records[0].wrap.has_value());
    EXPECT_EQ(records[1], zeros);
    EXPECT_TRUE(records[1].wait.has_value()) << "a zero wait is not a missing wait";
    EXPECT_TRUE(records[1].wrap.has_value());
}

TEST(CallLog, EveryDispositionRoundTrips) {
    TempDir dir;
    CallLog log = open_log(dir.file("calls.db"));
    std::vector<CallRecord> saved;
    int i = 0;
    for (const auto& [disposition, name] : kDispositionNames.entries) {
        CallRecord r = bare_record(std::string(name), kRecordMorning + 1s * i++);
        r.disposition = disposition;
        ASSERT_TRUE(log.save(r));
        saved.push_back(r);
    }
    EXPECT_EQ(all_records(log), saved);
}

TEST(CallLog, RecordsBetweenIncludesFromAndExcludesTo) {
    TempDir dir;
    CallLog log = open_log(dir.file("calls.db"));
    const WallTime from = kRecordMorning;
    const WallTime to = kRecordMorning + 1h;
    // Saved out of order: the result is ordered by start.
    for (auto [id, started] : {std::pair{"at-to", to}, std::pair{"before-to", to - 1ms},
                               std::pair{"at-from", from}, std::pair{"before-from", from - 1ms}}) {
        ASSERT_TRUE(log.save(bare_record(id, started)));
    }
    auto records = log.records_between(from, to);
    ASSERT_TRUE(records) << records.error().message;
    EXPECT_EQ(ids_of(*records), (std::vector<std::string>{"at-from", "before-to"}));

    auto empty = log.records_between(from, from);
    ASSERT_TRUE(empty) << empty.error().message;
    EXPECT_TRUE(empty->empty());
    auto reversed = log.records_between(to, from);
    ASSERT_TRUE(reversed) << reversed.error().message;
    EXPECT_TRUE(reversed->empty());
}

TEST(CallLog, SavingTheSameIdReplacesTheRecord) {
    TempDir dir;
    CallLog log = open_log(dir.file("calls.db"));
    ASSERT_TRUE(log.save(full_record("c1", kRecordMorning)));
    ASSERT_TRUE(log.save(full_record("c2", kRecordMorning + 1s)));
    CallRecord changed = bare_record("c1", kRecordMorning + 2s);
    changed.disposition = Disposition::Abandoned;
    ASSERT_TRUE(log.save(changed));
    auto records = all_records(log);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].id, "c2");
    EXPECT_EQ(records[1], changed) << "the new record whole, nothing left of the old one";
}

TEST(CallLog, SetWrapChangesOnlyThatRecordsWrap) {
    TempDir dir;
    CallLog log = open_log(dir.file("calls.db"));
    CallRecord c1 = bare_record("c1", kRecordMorning);
    CallRecord c2 = full_record("c2", kRecordMorning + 1s);
    ASSERT_TRUE(log.save(c1));
    ASSERT_TRUE(log.save(c2));
    ASSERT_TRUE(log.set_wrap("c1", 12'345ms));
    auto records = all_records(log);
    ASSERT_EQ(records.size(), 2u);
    c1.wrap = 12'345ms;
    EXPECT_EQ(records[0], c1);
    EXPECT_EQ(records[1], c2) << "the other record keeps its wrap";
}

TEST(CallLog, SetWrapOfAnUnknownCallCreatesNoRecord) {
    TempDir dir;
    CallLog log = open_log(dir.file("calls.db"));
    ASSERT_TRUE(log.save(bare_record("c1", kRecordMorning)));
    (void)log.set_wrap("no-such-call", 5s);
    auto records = all_records(log);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].id, "c1");
    EXPECT_FALSE(records[0].wrap.has_value());
}

CallbackRequest request(const std::string& call, WallTime requested, int attempts = 0) {
    return CallbackRequest{call, "sales", "0912" + call, requested, attempts};
}

std::vector<CallbackRequest> pending(CallLog& log) {
    auto requests = log.pending_callbacks();
    EXPECT_TRUE(requests) << requests.error().message;
    return requests ? *requests : std::vector<CallbackRequest>{};
}

TEST(CallLog, NoCallbacksBookedNonePending) {
    TempDir dir;
    CallLog log = open_log(dir.file("calls.db"));
    EXPECT_TRUE(pending(log).empty());
}

TEST(CallLog, PendingCallbacksAreOldestFirst) {
    TempDir dir;
    CallLog log = open_log(dir.file("calls.db"));
    const auto newer = request("c2", kRecordMorning + 5min);
    const auto older = request("c1", kRecordMorning + 1min, 1);
    const auto newest = request("c3", kRecordMorning + 9min);
    ASSERT_TRUE(log.book_callback(newer));
    ASSERT_TRUE(log.book_callback(older));
    ASSERT_TRUE(log.book_callback(newest));
    EXPECT_EQ(pending(log), (std::vector<CallbackRequest>{older, newer, newest}));
}

TEST(CallLog, AttemptsAreCounted) {
    TempDir dir;
    CallLog log = open_log(dir.file("calls.db"));
    ASSERT_TRUE(log.book_callback(request("c1", kRecordMorning)));
    ASSERT_TRUE(log.book_callback(request("c2", kRecordMorning + 1s)));
    ASSERT_TRUE(log.callback_attempted("c1", 1, kRecordMorning + 1min));
    ASSERT_TRUE(log.callback_attempted("c1", 2, kRecordMorning + 2min));
    auto requests = pending(log);
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0], request("c1", kRecordMorning, 2)) << "still pending, with its attempts";
    EXPECT_EQ(requests[1].attempts, 0) << "the other request is untouched";
}

TEST(CallLog, ClosedCallbacksAreNoLongerPending) {
    TempDir dir;
    CallLog log = open_log(dir.file("calls.db"));
    for (const char* call : {"c1", "c2", "c3", "c4"}) {
        ASSERT_TRUE(log.book_callback(request(call, kRecordMorning + 1s * (call[1] - '0'))));
    }
    ASSERT_TRUE(log.close_callback("c1", "answered", kRecordMorning + 1min));
    ASSERT_TRUE(log.close_callback("c3", "failed", kRecordMorning + 1min));
    ASSERT_TRUE(log.close_callback("c4", "removed", kRecordMorning + 1min));
    auto requests = pending(log);
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].call, "c2");
}

TEST(CallLog, ClosingAnUnknownCallbackLeavesTheOthersPending) {
    TempDir dir;
    CallLog log = open_log(dir.file("calls.db"));
    ASSERT_TRUE(log.book_callback(request("c1", kRecordMorning)));
    (void)log.close_callback("no-such-call", "answered", kRecordMorning + 1min);
    (void)log.callback_attempted("no-such-call", 3, kRecordMorning + 1min);
    EXPECT_EQ(pending(log), (std::vector<CallbackRequest>{request("c1", kRecordMorning)}));
}

TEST(CallLog, RecordsAndCallbacksSurviveClosingTheFile) {
    TempDir dir;
    const std::string path = dir.file("calls.db");
    const CallRecord record = full_record("c1", kRecordMorning);
    {
        CallLog log = open_log(path);
        ASSERT_TRUE(log.save(record));
        ASSERT_TRUE(log.set_wrap("c1", 9s));
        ASSERT_TRUE(log.book_callback(request("c7", kRecordMorning)));
        ASSERT_TRUE(log.book_callback(request("c8", kRecordMorning + 1s)));
        ASSERT_TRUE(log.callback_attempted("c7", 1, kRecordMorning + 1min));
        ASSERT_TRUE(log.close_callback("c8", "answered", kRecordMorning + 2min));
    }
    CallLog log = open_log(path);
    CallRecord wrapped = record;
    wrapped.wrap = 9s;
    EXPECT_EQ(all_records(log), std::vector<CallRecord>{wrapped});
    EXPECT_EQ(pending(log), (std::vector<CallbackRequest>{request("c7", kRecordMorning, 1)}));
}

TEST(CallLog, SharesItsFileWithTheEventStore) {
    TempDir dir;
    const std::string path = dir.file("markaz.db");
    auto store = SqliteStore::open(path);
    ASSERT_TRUE(store) << store.error().message;
    CallLog log = open_log(path);
    ASSERT_TRUE(log.save(bare_record("c1", kRecordMorning)));
    const acd::Event event{kRecordMorning, acd::CallHeld{CallId{"c1"}, AgentId{"a1"}}};
    ASSERT_TRUE(store->append({event}));
    auto events = store->events_between(WallTime{}, WallTime::max());
    ASSERT_TRUE(events) << events.error().message;
    ASSERT_EQ(events->size(), 1u);
    EXPECT_TRUE(testing::same_event((*events)[0], event));
    EXPECT_EQ(ids_of(all_records(log)), std::vector<std::string>{"c1"});
}

TEST(CallLog, AFileThatIsNotADatabaseIsRefusedByName) {
    TempDir dir;
    const std::string path = dir.file("notes.txt");
    testing::write_file(path, std::string(4096, 'x'));
    auto log = CallLog::open(path);
    ASSERT_FALSE(log);
    EXPECT_THAT(log.error().message, HasSubstr(path));
    EXPECT_THAT(log.error().message, HasSubstr("not a database"));
}

TEST(CallLog, AFileInAMissingDirectoryIsRefusedByName) {
    TempDir dir;
    const std::string path = dir.file("no-such-dir/calls.db");
    auto log = CallLog::open(path);
    ASSERT_FALSE(log);
    EXPECT_THAT(log.error().message, HasSubstr(path));
}

}  // namespace
}  // namespace markaz::store

namespace markaz::store {
namespace {

TEST(CallLogOpenRecords, ACallInProgressIsNotAFinishedRecordUntilSaved) {
    TempDir dir;
    CallLog log = open_log(dir.file("calls.db"));
    CallRecord open = bare_record("c1", kRecordMorning);
    open.ended = open.started;
    ASSERT_TRUE(log.save_open(open));
    ASSERT_TRUE(log.save(bare_record("c0", kRecordMorning - 1min)));
    EXPECT_EQ(ids_of(all_records(log)), std::vector<std::string>{"c0"});
    const CallRecord finished = full_record("c1", kRecordMorning);
    ASSERT_TRUE(log.save(finished));  // the finished record replaces the open one
    EXPECT_EQ(all_records(log),
              (std::vector<CallRecord>{bare_record("c0", kRecordMorning - 1min), finished}));
    auto closed = log.close_open();
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(*closed, 0) << "a finished record is not closed again";
}

TEST(CallLogOpenRecords, CallsLeftOpenByAKilledServerAreClosedAtTheirLastEvent) {
    TempDir dir;
    const std::string path = dir.file("markaz.db");
    CallRecord answered = full_record("c1", kRecordMorning);
    answered.ended = answered.started;
    CallRecord quiet = bare_record("c2", kRecordMorning + 1s);  // no event stored for it
    quiet.ended = quiet.started;
    {
        auto store = SqliteStore::open(path);
        ASSERT_TRUE(store) << store.error().message;
        CallLog log = open_log(path);
        ASSERT_TRUE(log.save_open(answered));
        ASSERT_TRUE(log.save_open(quiet));
        ASSERT_TRUE(store->append(
            {acd::Event{kRecordMorning + 20s, acd::CallHeld{CallId{"c1"}, AgentId{"a1002"}}},
             acd::Event{kRecordMorning + 90s,
                        acd::CallResumed{CallId{"c1"}, AgentId{"a1002"}, 70s}}}));
    }  // the server dies here: nothing more is written
    CallLog log = open_log(path);
    auto closed = log.close_open();
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(*closed, 2);
    auto records = all_records(log);
    ASSERT_EQ(records.size(), 2u);
    CallRecord expected = answered;
    expected.ended = kRecordMorning + 90s;  // its last event
    expected.hangup_side = "system";
    expected.hangup_cause = "server stopped";
    EXPECT_EQ(records[0], expected);
    EXPECT_EQ(records[1].ended, quiet.started);  // nothing known after its start
    EXPECT_EQ(records[1].hangup_cause, "server stopped");
    auto again = log.close_open();
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, 0);
}

}  // namespace
}  // namespace markaz::store
