// The store worker's group commit: writes queued together go to disk in one transaction, and
// a booking's completion runs only once its batch is committed.

#include "app/store_worker.h"

#include <atomic>
#include <filesystem>

#include <gtest/gtest.h>

#include "store/call_log.h"

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

}  // namespace
}  // namespace markaz::app
