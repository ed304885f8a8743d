// `markaz export calls|queue-log` run in-process on SQLite files in a temp directory.

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/commands.h"
#include "store/call_log.h"
#include "store/sqlite_store.h"
#include "unit/cli/command_run.h"
#include "unit/store/store_test_support.h"

namespace markaz::cli {
namespace {

using namespace std::chrono_literals;
using store::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kHeader =
    "call,started,ended,caller,dialled,ivr_path,digits,queues,joined,wait_s,position,"
    "agents_offered,agent,talk_s,hold_s,wrap_s,disposition,hangup_side,hangup_cause,"
    "recording,transfers\r\n";

// 2026-11-23T08:15:30Z
const WallTime kMorning{std::chrono::seconds{1'795'421'730}};

CommandRun export_(const std::vector<std::string>& args) {
    return run_command(run_export, args);
}

store::CallRecord record() {
    store::CallRecord r;
    r.id = "c1";
    r.started = kMorning;
    r.ended = kMorning + 200s;
    r.caller = "Smith, John";
    r.dialled = "100";
    r.ivr_path = {"main"};
    r.queues = {"sales"};
    r.joined = kMorning + 10s;
    r.wait = 36s;
    r.position = 1;
    r.agents_offered = {"a1001"};
    r.agent = "a1001";
    r.talk = 150s;
    r.disposition = store::Disposition::Answered;
    r.hangup_side = "agent";
    r.hangup_cause = "agent hung up";
    return r;
}

const std::string kRow =
    "c1,2026-11-23T08:15:30Z,2026-11-23T08:18:50Z,\"Smith, John\",100,main,,sales,"
    "2026-11-23T08:15:40Z,36,1,a1001,a1001,150,0,,answered,agent,agent hung up,,\r\n";

void save_records(const std::string& path, const std::vector<store::CallRecord>& records) {
    auto log = store::CallLog::open(path);
    ASSERT_TRUE(log) << log.error().message;
    for (const auto& r : records) {
        ASSERT_TRUE(log->save(r));
    }
}

void append_events(const std::string& path, const std::vector<acd::Event>& events) {
    auto db = store::SqliteStore::open(path);
    ASSERT_TRUE(db) << db.error().message;
    auto appended = db->append(events);
    ASSERT_TRUE(appended) << appended.error().message;
}

// ---- wrong input ----

TEST(ExportCommand, WithoutAKindItSaysWhatItCanExport) {
    auto run = export_({});
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.out, "");
    EXPECT_THAT(run.err, HasSubstr("calls or queue-log"));
    EXPECT_THAT(run.err, HasSubstr("usage: markaz export"));
}

TEST(ExportCommand, AnUnknownKindIsRefused) {
    TempDir dir;
    for (const char* kind : {"frobs", "call", "queue_log", "--store"}) {
        auto run = export_({kind, "--store", dir.file("m.db")});
        EXPECT_EQ(run.status, 2) << kind;
        EXPECT_EQ(run.out, "") << kind;
        EXPECT_THAT(run.err, HasSubstr("calls or queue-log")) << kind;
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("m.db"))) << "nothing was opened";
}

TEST(ExportCommand, TheStoreIsRequired) {
    for (const char* kind : {"calls", "queue-log"}) {
        auto run = export_({kind});
        EXPECT_EQ(run.status, 2) << kind;
        EXPECT_EQ(run.out, "");
        EXPECT_THAT(run.err, HasSubstr("--store FILE is required")) << kind;
    }
}

TEST(ExportCommand, BadOptionsAreNamed) {
    TempDir dir;
    const std::string path = dir.file("m.db");
    auto missing_value = export_({"calls", "--store"});
    EXPECT_EQ(missing_value.status, 2);
    EXPECT_THAT(missing_value.err, HasSubstr("--store"));

    auto unknown = export_({"calls", "--store", path, "--since", "2026-11-23"});
    EXPECT_EQ(unknown.status, 2);
    EXPECT_THAT(unknown.err, HasSubstr("--since"));

    auto twice = export_({"calls", "--store", path, "--store", path});
    EXPECT_EQ(twice.status, 2);
    EXPECT_THAT(twice.err, HasSubstr("--store"));

    auto stray = export_({"calls", "extra", "--store", path});
    EXPECT_EQ(stray.status, 2);
    EXPECT_THAT(stray.err, HasSubstr("extra"));
    EXPECT_EQ(stray.out, "");
}

TEST(ExportCommand, BadDatesAreQuoted) {
    TempDir dir;
    const std::string path = dir.file("m.db");
    struct Case {
        const char* option;
        const char* text;
    };
    for (auto [option, text] :
         {Case{"--from", "2026-13-01"}, Case{"--from", "yesterday"}, Case{"--to", "2026-02-30"},
          Case{"--to", "2026-1-5"}, Case{"--from", ""}, Case{"--to", "2026-11-23T00:00"}}) {
        for (const char* kind : {"calls", "queue-log"}) {
            auto run = export_({kind, "--store", path, option, text});
            EXPECT_EQ(run.status, 2) << option << " " << text;
            EXPECT_EQ(run.out, "") << option << " " << text;
            EXPECT_THAT(run.err,
                        HasSubstr(std::string(option) + ": expected a date like 2026-11-23, got '" +
                                  text + "'"));
        }
    }
    EXPECT_FALSE(std::filesystem::exists(path)) << "a bad date is refused before the store opens";
}

TEST(ExportCommand, AMissingStoreIsAnErrorNotAnEmptyCentre) {
    TempDir dir;
    const std::string path = dir.file("typo.db");
    for (const char* kind : {"calls", "queue-log"}) {
        auto run = export_({kind, "--store", path});
        EXPECT_EQ(run.status, 1) << kind;
        EXPECT_NE(run.err.find("no store at " + path), std::string::npos) << run.err;
        EXPECT_FALSE(std::filesystem::exists(path)) << "a mistyped path creates nothing";
    }
    auto reversed =
        export_({"calls", "--store", path, "--from", "2026-11-24", "--to", "2026-11-23"});
    EXPECT_EQ(reversed.status, 2);
    EXPECT_NE(reversed.err.find("--from is after --to"), std::string::npos) << reversed.err;
}

TEST(ExportCommand, AStoreThatIsNotADatabaseFailsNamingTheFile) {
    TempDir dir;
    const std::string path = dir.file("notes.txt");
    store::testing::write_file(path, std::string(4096, 'x'));
    for (const char* kind : {"calls", "queue-log"}) {
        auto run = export_({kind, "--store", path});
        EXPECT_EQ(run.status, 1) << kind;
        EXPECT_EQ(run.out, "") << kind;
        EXPECT_THAT(run.err, StartsWith("markaz export: ")) << kind;
        EXPECT_THAT(run.err, HasSubstr(path)) << kind;
        EXPECT_THAT(run.err, HasSubstr("not a database")) << kind;
    }
}

TEST(ExportCommand, AStoreInAMissingDirectoryFailsNamingTheFile) {
    TempDir dir;
    const std::string path = dir.file("no-such-dir/m.db");
    auto run = export_({"calls", "--store", path});
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.out, "");
    EXPECT_THAT(run.err, HasSubstr(path));
}

// ---- right input ----

TEST(ExportCommand, CallsOfAStoreWithOneRecord) {
    TempDir dir;
    const std::string path = dir.file("m.db");
    save_records(path, {record()});
    auto run = export_({"calls", "--store", path});
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.err, "");
    EXPECT_EQ(run.out, kHeader + kRow);
}

TEST(ExportCommand, CallsOfAnEmptyStoreIsTheHeader) {
    TempDir dir;
    const std::string path = dir.file("m.db");
    save_records(path, {});
    auto run = export_({"calls", "--store", path});
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.out, kHeader);
}

TEST(ExportCommand, CallsBetweenDaysFromInclusiveToExclusive) {
    TempDir dir;
    const std::string path = dir.file("m.db");
    store::CallRecord next_day = record();
    next_day.id = "c2";
    next_day.started = kMorning + 24h;
    save_records(path, {record(), next_day});

    auto that_day =
        export_({"calls", "--store", path, "--from", "2026-11-23", "--to", "2026-11-24"});
    ASSERT_EQ(that_day.status, 0) << that_day.err;
    EXPECT_EQ(that_day.out, kHeader + kRow);

    auto from_next = export_({"calls", "--store", path, "--from", "2026-11-24"});
    ASSERT_EQ(from_next.status, 0) << from_next.err;
    EXPECT_THAT(from_next.out, StartsWith(std::string(kHeader) + "c2,2026-11-24T08:15:30Z,"));
    EXPECT_EQ(from_next.out.find("\r\nc1,"), std::string::npos) << from_next.out;

    auto to_that_day = export_({"calls", "--store", path, "--to", "2026-11-23"});
    ASSERT_EQ(to_that_day.status, 0) << to_that_day.err;
    EXPECT_EQ(to_that_day.out, kHeader) << "--to is exclusive";
}

std::vector<acd::Event> answered_call_events(WallTime t0) {
    const CallId call{"c1"};
    const QueueId sales{"sales"};
    const AgentId agent{"a1001"};
    return {
        acd::Event{t0, acd::AgentLoggedIn{agent, "1001", {sales}, ""}},
        acd::Event{t0 + 10s, acd::CallEnqueued{call, sales, 0, 1, "0912"}},
        acd::Event{t0 + 12s, acd::CallOffered{call, sales, agent, "1001", 1, false, ""}},
        acd::Event{t0 + 15s, acd::CallAnswered{call, sales, agent, 5s, 1, false}},
        acd::Event{t0 + 15s, acd::CallHeld{call, agent}},  // no queue_log verb
        acd::Event{t0 + 75s,
                   acd::CallCompleted{call, sales, agent, 60s, 0s, acd::Party::Caller, false}},
    };
}

TEST(ExportCommand, QueueLogOfAStoreWithEvents) {
    TempDir dir;
    const std::string path = dir.file("m.db");
    append_events(path, answered_call_events(kMorning));
    auto run = export_({"queue-log", "--store", path});
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.err, "");
    EXPECT_EQ(run.out,
              "1795421730|NONE|NONE|Agent/a1001|AGENTLOGIN|SIP/1001\n"
              "1795421740|c1|sales|NONE|ENTERQUEUE||0912|1\n"
              "1795421745|c1|sales|Agent/a1001|CONNECT|5||3\n"
              "1795421805|c1|sales|Agent/a1001|COMPLETECALLER|5|60|1\n");
}

TEST(ExportCommand, QueueLogBetweenDays) {
    TempDir dir;
    const std::string path = dir.file("m.db");
    append_events(path, answered_call_events(kMorning));
    auto other_day = export_({"queue-log", "--store", path, "--from", "2026-11-24"});
    ASSERT_EQ(other_day.status, 0) << other_day.err;
    EXPECT_EQ(other_day.out, "");
    auto that_day =
        export_({"queue-log", "--store", path, "--from", "2026-11-23", "--to", "2026-11-24"});
    ASSERT_EQ(that_day.status, 0) << that_day.err;
    EXPECT_THAT(that_day.out, StartsWith("1795421730|NONE|NONE|Agent/a1001|AGENTLOGIN|"));
    EXPECT_EQ(std::count(that_day.out.begin(), that_day.out.end(), '\n'), 4);
}

TEST(ExportCommand, QueueLogOfAnEmptyStoreIsEmpty) {
    TempDir dir;
    const std::string path = dir.file("m.db");
    append_events(path, {});
    auto run = export_({"queue-log", "--store", path});
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.out, "");
}

}  // namespace
}  // namespace markaz::cli
