// The audit log's ring: ids, order, paging, capacity, and the sink.

#include "api/audit.h"

#include <gtest/gtest.h>

namespace markaz::api {
namespace {

AuditEntry entry(const std::string& action, const std::string& target) {
    AuditEntry e;
    e.username = "supervisor";
    e.address = "127.0.0.1";
    e.action = action;
    e.target = target;
    return e;
}

TEST(AuditLog, ListsNewestFirstWithPaging) {
    AuditLog log;
    for (int i = 1; i <= 5; ++i) {
        EXPECT_EQ(log.record(entry("agent-state", "a100" + std::to_string(i))), i);
    }
    auto newest = log.list(2, std::nullopt);
    ASSERT_EQ(newest.size(), 2U);
    EXPECT_EQ(newest[0].id, 5);
    EXPECT_EQ(newest[1].target, "a1004");
    EXPECT_EQ(newest[0].detail, "{}");
    auto older = log.list(10, 3);
    ASSERT_EQ(older.size(), 2U);
    EXPECT_EQ(older[0].id, 2);
    EXPECT_EQ(older[1].id, 1);
}

TEST(AuditLog, KeepsOnlyTheLatestCapacityEntries) {
    AuditLog log(3);
    for (int i = 0; i < 5; ++i) {
        log.record(entry("login", "manager"));
    }
    auto all = log.list(100, std::nullopt);
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all.back().id, 3);
}

TEST(AuditLog, TheSinkSeesEveryEntryWithItsId) {
    std::vector<AuditEntry> seen;
    AuditLog log(10, [&seen](const AuditEntry& e) { seen.push_back(e); });
    log.record(entry("call-move", "c17"));
    log.record(entry("call-hangup", "c18"));
    ASSERT_EQ(seen.size(), 2U);
    EXPECT_EQ(seen[1].id, 2);
    EXPECT_EQ(seen[1].action, "call-hangup");
}

}  // namespace
}  // namespace markaz::api
