// The store worker's group commit: writes queued together go to disk in one transaction, and
// a booking's completion runs only once its batch is committed.

#include "app/store_worker.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "store/call_log.h"
#include "store/call_record_index.h"

namespace markaz::app {
namespace {

using namespace std::chrono_literals;

const WallTime kMorning{std::chrono::sys_days{std::chrono::November / 23 / 2026} +
                        std::chrono::hours{8}};

struct TempFile {
    TempFile() {
        path = (std::filesystem::temp_directory_path() /
                ("markaz-store-worker-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                   .string();
        std::filesystem::remove(path);
    }
    ~TempFile() {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::remove(path + suffix);
        }
    }
    std::string path;
};

TEST(StoreWorker, ABookingIsOnDiskWhenItsCompletionRuns) {
    TempFile file;
    auto worker = StoreWorker::start(file.path, [](const std::string&) {});
    ASSERT_TRUE(worker) << worker.error().message;
    std::atomic<int> seen_on_disk{-1};
    store::CallRecord record;
    record.id = "c1";
    record.started = kMorning;
    record.ended = kMorning;
    (*worker)->save_open(record);
    (*worker)->book_callback(
        store::CallbackRequest{"c1", "sales", "09121234567", kMorning, 0},
        [&](Result<void> booked) {
            // Another connection, as a restarted server would open the file.
            auto other = store::CallLog::open(file.path);
            auto pending = other ? other->pending_callbacks()
                                 : Result<std::vector<store::CallbackRequest>>(fail(other.error()));
            seen_on_disk = booked && pending ? static_cast<int>(pending->size()) : -2;
        });
    (*worker)->flush();
    EXPECT_EQ(seen_on_disk.load(), 1);
}

TEST(StoreWorker, WritesQueuedTogetherAllReachTheDisk) {
    TempFile file;
    {
        auto worker = StoreWorker::start(file.path, [](const std::string&) {});
        ASSERT_TRUE(worker);
        for (int i = 0; i < 200; ++i) {
            store::CallRecord record;
            record.id = "c" + std::to_string(i);
            record.started = kMorning + std::chrono::seconds{i};
            record.ended = record.started + 30s;
            if (i % 2 == 0) {
                (*worker)->save_open(record);
            }
            (*worker)->save(record);
        }
    }  // the destructor writes everything queued
    auto log = store::CallLog::open(file.path);
    ASSERT_TRUE(log);
    auto records = log->records_between(WallTime{}, WallTime::max());
    ASSERT_TRUE(records);
    EXPECT_EQ(records->size(), 200u);
    auto left_open = log->close_open();
    ASSERT_TRUE(left_open);
    EXPECT_EQ(*left_open, 0);
}

TEST(StoreWorker, RecordingsPastTheirRetentionAreDeletedAndForgottenUnlessOnLegalHold) {
    TempFile file;
    const std::filesystem::path folder = file.path + "-recordings";
    std::filesystem::create_directories(folder);
    config::RetentionSettings retention;
    retention.recordings_days = 30;
    retention.queue_days = {{"vip", 0}, {"sales", 7}};
    auto recorded = [&](const std::string& id, const std::string& queue, WallTime started) {
        store::CallRecord r;
        r.id = id;
        r.started = started;
        r.ended = started + 60s;
        r.queues = {queue};
        r.recording = (folder / (id + ".wav")).string();
        std::ofstream(r.recording) << "RIFF";
        return r;
    };
    const WallTime now = kMorning + std::chrono::hours(24 * 60);
    std::vector<std::string> logged;
    {
        auto worker = StoreWorker::start(
            file.path, [&](const std::string& line) { logged.push_back(line); }, retention);
        ASSERT_TRUE(worker);
        (*worker)->save(recorded("old-support", "support", kMorning));        // 60 days > 30
        (*worker)->save(recorded("new-support", "support", now - 29 * 24h));  // 29 < 30
        (*worker)->save(recorded("week-sales", "sales", now - 8 * 24h));      // 8 > 7
        (*worker)->save(recorded("old-vip", "vip", kMorning));                // for ever
        (*worker)->save(recorded("held", "support", kMorning));
        store::CallRecord gone = recorded("gone", "support", kMorning);
        std::filesystem::remove(gone.recording);  // deleted by hand: still forgotten
        (*worker)->save(gone);
        (*worker)->flush();
        auto index = store::CallRecordIndex::open(file.path);
        ASSERT_TRUE(index);
        ASSERT_TRUE((*index)->set_legal_hold("held", true));
        (*worker)->save(recorded("held", "support", kMorning));  // saved again: still held
        (*worker)->expire_recordings(now);
        (*worker)->flush();
    }
    for (const char* id : {"old-support", "week-sales"}) {
        EXPECT_FALSE(std::filesystem::exists(folder / (std::string(id) + ".wav"))) << id;
    }
    for (const char* id : {"new-support", "old-vip", "held"}) {
        EXPECT_TRUE(std::filesystem::exists(folder / (std::string(id) + ".wav"))) << id;
    }
    auto log = store::CallLog::open(file.path);
    ASSERT_TRUE(log);
    auto records = log->records_between(WallTime{}, WallTime::max());
    ASSERT_TRUE(records);
    ASSERT_EQ(records->size(), 6u) << "the calls stay; only their recordings go";
    std::map<std::string, bool> recorded_now;
    for (const auto& r : *records) {
        recorded_now[r.id] = !r.recording.empty();
    }
    EXPECT_EQ(recorded_now, (std::map<std::string, bool>{{"gone", false},
                                                         {"held", true},
                                                         {"new-support", true},
                                                         {"old-support", false},
                                                         {"old-vip", true},
                                                         {"week-sales", false}}));
    ASSERT_FALSE(logged.empty());
    EXPECT_EQ(logged.back(), "retention: 3 of 3 expired recording(s) deleted");
    std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace markaz::app
