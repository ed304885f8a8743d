// DESIGN rule 5: what the store said is stored survives `kill -9`. A child process appends
// batches and reports each one after append() returns; the parent kills it mid-way with
// SIGKILL and checks the file.

#include <cerrno>
#include <cstdint>
#include <map>
#include <poll.h>
#include <signal.h>
#include <string>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include "store/sqlite_db.h"
#include "store/sqlite_store.h"
#include "unit/store/store_test_support.h"

namespace markaz::store {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

constexpr int kEventsPerBatch = 20;
constexpr std::int32_t kMaxBatches = 1'000'000;  // the child stops by itself only if never killed
constexpr int kReportTimeoutMs = 30'000;

const WallTime kStart{std::chrono::days{20'000}};

/// Batch `number`: kEventsPerBatch events of call "k<number>", all stamped kStart + number ms.
std::vector<acd::Event> batch(std::int32_t number) {
    std::vector<acd::Event> events;
    const CallId call{"k" + std::to_string(number)};
    for (int i = 0; i < kEventsPerBatch; ++i) {
        events.push_back({kStart + Duration{number},
                          acd::CallEnqueued{call, QueueId{"q"}, i, i + 1, std::string(200, 'x')}});
    }
    return events;
}

/// The child: append batches until killed, reporting each batch number once it is durable.
/// Never returns; exit codes 3..5 say what failed.
[[noreturn]] void append_until_killed(const std::string& path, int report_fd, std::int32_t first) {
    auto store = SqliteStore::open(path);
    if (!store) {
        ::_exit(3);
    }
    for (std::int32_t n = first; n < first + kMaxBatches; ++n) {
        if (!store->append(batch(n))) {
            ::_exit(4);
        }
        if (::write(report_fd, &n, sizeof n) != static_cast<ssize_t>(sizeof n)) {
            ::_exit(5);
        }
    }
    ::_exit(0);
}

/// Reads one batch number from `fd`; false at end of file, on error or after the timeout.
bool read_report(int fd, std::int32_t& number, int timeout_ms) {
    char* out = reinterpret_cast<char*>(&number);
    std::size_t got = 0;
    while (got < sizeof number) {
        pollfd p{fd, POLLIN, 0};
        int ready = ::poll(&p, 1, timeout_ms);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            return false;
        }
        ssize_t n = ::read(fd, out + got, sizeof number - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        got += static_cast<std::size_t>(n);
    }
    return true;
}

/// Kills and reaps the child if the test ends early, so no appender outlives it.
struct ChildGuard {
    pid_t pid;
    ~ChildGuard() {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
    }
};

/// Starts a child appending batches `first`, `first + 1`, ... and kills it with SIGKILL once it
/// has reported `kill_after` of them; `reported` is the last batch it reported committed.
void kill_mid_way(const std::string& path, std::int32_t first, std::int32_t kill_after,
                  std::int32_t& reported) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(fds[0]);
        append_until_killed(path, fds[1], first);
    }
    ::close(fds[1]);
    ChildGuard guard{child};

    reported = first - 1;
    std::int32_t number = 0;
    while (reported < first - 1 + kill_after && read_report(fds[0], number, kReportTimeoutMs)) {
        ASSERT_EQ(number, reported + 1);
        reported = number;
    }
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    guard.pid = 0;
    // Reports written between our last read and the kill are promises too.
    while (read_report(fds[0], number, 0)) {
        reported = number;
    }
    ::close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the child ended by itself with status " << status << " after batch " << reported;
    ASSERT_GE(reported, first - 1 + kill_after);
}

/// Checks the file after a crash: it passes integrity_check, every batch up to `reported` is
/// whole, and any other batch (the one in flight at the kill) is whole too. `last` is the
/// highest batch stored.
void check_after_crash(const std::string& path, std::int32_t reported, std::int32_t& last) {
    {
        auto db = SqliteDb::open(path);
        ASSERT_TRUE(db) << db.error().message;
        auto check = db->prepare("PRAGMA integrity_check");
        ASSERT_TRUE(check);
        auto row = check->step();
        ASSERT_TRUE(row && *row);
        EXPECT_EQ(check->text(0), "ok");
    }
    auto store = SqliteStore::open(path);
    ASSERT_TRUE(store) << store.error().message;
    auto events = store->events_between(kStart, kStart + 24h);
    ASSERT_TRUE(events) << events.error().message;
    std::map<std::int32_t, int> per_batch;
    for (const acd::Event& e : *events) {
        ++per_batch[static_cast<std::int32_t>(e.at.time_since_epoch().count() -
                                              kStart.time_since_epoch().count())];
    }
    for (std::int32_t n = 1; n <= reported; ++n) {
        auto stored = per_batch.find(n);
        EXPECT_TRUE(stored != per_batch.end() && stored->second == kEventsPerBatch)
            << "batch " << n << " was reported committed";
    }
    for (const auto& [n, count] : per_batch) {
        EXPECT_EQ(count, kEventsPerBatch) << "batch " << n << " is partly stored";
    }
    last = per_batch.empty() ? 0 : per_batch.rbegin()->first;
    EXPECT_LE(last, reported + 1);
}

TEST(StoreCrash, EveryReportedBatchSurvivesKillNine) {
    TempDir dir;
    const std::string path = dir.file("crash.db");
    std::int32_t last = 0;
    // Several rounds on the same file, each killed at a different point and each starting
    // from the file the previous crash left.
    for (std::int32_t round = 0; round < 3; ++round) {
        std::int32_t reported = 0;
        ASSERT_NO_FATAL_FAILURE(kill_mid_way(path, last + 1, 20 + 9 * round, reported));
        ASSERT_NO_FATAL_FAILURE(check_after_crash(path, reported, last));
    }
    auto store = SqliteStore::open(path);
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_TRUE(store->append(batch(last + 1)));
}

}  // namespace
}  // namespace markaz::store
