// Attendance rows are written with the events that make them: a session and a state span stay
// open across a reopen of the store (what a kill -9 leaves) and are closed by the logout the
// next start writes; a correction of a day replaces the one before.

#include "store/attendance_book.h"

#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "unit/store/store_test_support.h"

namespace markaz::store {
namespace {

using namespace std::chrono_literals;
using S = acd::AgentState;

const WallTime kNine{std::chrono::seconds{1'796'634'000}};  // 2026-12-07 09:00Z

TEST(AttendanceBook, OpenSessionsAndSpansSurviveAReopenAndAreClosedByTheLogout) {
    testing::TempDir dir;
    const std::string path = dir.file("markaz.db");
    {
        auto events = SqliteStore::open(path);
        ASSERT_TRUE(events);
        ASSERT_TRUE(events->append(
            {{kNine, acd::AgentLoggedIn{AgentId{"a1"}, "1001", {}, "a1"}},
             {kNine, acd::AgentStateChanged{AgentId{"a1"}, S::LoggedOut, S::Available, "", {}, ""}},
             {kNine + 1h,
              acd::AgentStateChanged{AgentId{"a1"}, S::Available, S::Paused, "lunch", 1h, ""}}}));
    }
    auto book = AttendanceBook::open(path);
    ASSERT_TRUE(book);
    auto sessions = (*book)->sessions("a1", kNine, kNine + 24h);
    ASSERT_TRUE(sessions);
    ASSERT_EQ(sessions->size(), 1U);
    EXPECT_FALSE((*sessions)[0].logout) << "still open after the reopen";
    auto spans = (*book)->state_spans("a1", kNine, kNine + 24h);
    ASSERT_EQ(spans->size(), 2U);
    EXPECT_EQ((*spans)[1].state, "paused");
    EXPECT_EQ((*spans)[1].reason, "lunch");
    EXPECT_FALSE((*spans)[1].to);

    // The next start closes what the crash left open, with events in the log.
    auto events = SqliteStore::open(path);
    ASSERT_TRUE(
        events->append({{kNine + 2h, acd::AgentStateChanged{AgentId{"a1"}, S::Paused, S::LoggedOut,
                                                            "", 1h, "restart"}},
                        {kNine + 2h, acd::AgentLoggedOut{AgentId{"a1"}, "1001", 2h, "restart"}}}));
    sessions = (*book)->sessions("a1", kNine, kNine + 24h);
    EXPECT_EQ((*sessions)[0].logout, kNine + 2h);
    spans = (*book)->state_spans("a1", kNine, kNine + 24h);
    ASSERT_EQ(spans->size(), 2U) << "logged out is no span";
    EXPECT_EQ((*spans)[1].to, kNine + 2h);
    EXPECT_TRUE((*book)->sessions("a1", kNine + 3h, kNine + 24h)->empty());
    EXPECT_TRUE((*book)->sessions("a2", kNine, kNine + 24h)->empty());
}

TEST(AttendanceBook, ALaterCorrectionOfADayReplacesTheEarlierOne) {
    testing::TempDir dir;
    auto book = AttendanceBook::open(dir.file("markaz.db"));
    ASSERT_TRUE(book);
    const WallTime day = kNine - 9h;
    ASSERT_TRUE((*book)->correct("a1", {day, kNine, kNine + 8h, "phone broken", "sup", kNine}));
    ASSERT_TRUE((*book)->correct("a1", {day, kNine - 1h, kNine + 8h, "came early", "mgr", kNine}));
    auto kept = (*book)->corrections("a1", day, day + 24h);
    ASSERT_TRUE(kept);
    ASSERT_EQ(kept->size(), 1U);
    EXPECT_EQ((*kept)[0].reason, "came early");
    EXPECT_EQ((*kept)[0].login, kNine - 1h);
    EXPECT_TRUE((*book)->corrections("a1", day + 24h, day + 48h)->empty());
}

}  // namespace
}  // namespace markaz::store
