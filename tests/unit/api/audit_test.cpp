// The audit log's ring: ids, order, paging, capacity, and the sink.

#include "api/audit.h"

#include <gtest/gtest.h>

#include "api/phone_audit.h"

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

TEST(PhoneAudit, MonitoringFromAPhoneIsRecordedAsItsUserOnceTheServerFlushes) {
    User sara;
    sara.username = "sara";
    sara.role = Role::Supervisor;
    sara.extension = "1004";
    auto users = UserDirectory::create({sara});
    ASSERT_TRUE(users);
    AuditLog log;
    PhoneAudit phone;
    const WallTime at = WallTime{} + std::chrono::hours{1000};
    phone.note(
        flow::MonitorJoined{CallId{"c-7"}, {"phone 1004", "1004", MonitorMode::Whisper, at}});
    phone.note(flow::MonitorJoined{CallId{"c-8"}, {"phone 1005", "1005", MonitorMode::Listen, at}});
    // The console's own requests are audited by their handler, not here.
    phone.note(flow::MonitorJoined{CallId{"c-9"}, {"sara", "1004", MonitorMode::Barge, at}});
    phone.note(flow::MonitorLeft{CallId{"c-7"}, "1004"});
    EXPECT_TRUE(log.list(10, std::nullopt).empty()) << "nothing written on the core loop";

    phone.flush(log, *users);
    const auto entries = log.list(10, std::nullopt);
    ASSERT_EQ(entries.size(), 2U);
    EXPECT_EQ(entries[1].username, "sara") << "the user whose extension it is";
    EXPECT_EQ(entries[1].action, "call-monitor");
    EXPECT_EQ(entries[1].target, "c-7");
    EXPECT_EQ(entries[1].address, "phone 1004");
    EXPECT_EQ(entries[1].at, at);
    EXPECT_EQ(entries[1].detail, R"({"extension":"1004","from":"phone","mode":"whisper"})");
    EXPECT_EQ(entries[0].username, "phone 1005") << "a phone no user has";
    phone.flush(log, *users);
    EXPECT_EQ(log.list(10, std::nullopt).size(), 2U) << "each once";
}

}  // namespace
}  // namespace markaz::api
