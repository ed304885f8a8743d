// Who may see and steer what: the scope rules of docs/api.md, directly.

#include "api/scope.h"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api {
namespace {

User user(Role role, std::optional<std::string> agent = {}, std::vector<QueueId> queues = {}) {
    User u;
    u.username = "u";
    u.role = role;
    if (agent) {
        u.agent = AgentId{*agent};
    }
    u.queues = std::move(queues);
    return u;
}

LiveCall call(const char* queue, std::optional<std::string> agent = {}) {
    LiveCall c;
    c.id = CallId{"c"};
    c.queue = QueueId{queue};
    if (agent) {
        c.agent = AgentId{*agent};
    }
    return c;
}

const acd::RouterConfig kRouting = testing::test_routing();

TEST(Scope, SupervisorSteersTheirTeam) {
    const Scope s(user(Role::Supervisor, std::nullopt, {QueueId{"sales"}}), kRouting);
    EXPECT_TRUE(s.may_read_queue(QueueId{"sales"}));
    EXPECT_FALSE(s.may_read_queue(QueueId{"support"}));
    EXPECT_TRUE(s.may_steer_agent(AgentId{"a1002"}));  // member of sales (and of support)
    EXPECT_FALSE(s.may_steer_agent(AgentId{"a1003"}));
    EXPECT_TRUE(s.may_steer_call(call("sales")));
    EXPECT_FALSE(s.may_steer_call(call("support", "a1002")));
    EXPECT_TRUE(s.sees_totals());
}

TEST(Scope, AgentSeesThemselvesAndTheirQueues) {
    const Scope s(user(Role::Agent, "a1002"), kRouting);
    EXPECT_TRUE(s.may_read_queue(QueueId{"sales"}));
    EXPECT_TRUE(s.may_read_queue(QueueId{"support"}));
    EXPECT_FALSE(s.may_read_queue(QueueId{"vip"}));
    EXPECT_TRUE(s.may_read_agent(AgentId{"a1002"}));
    EXPECT_FALSE(s.may_read_agent(AgentId{"a1001"}));
    EXPECT_TRUE(s.may_read_call(call("sales", "a1002")));
    EXPECT_FALSE(s.may_read_call(call("sales")));
    EXPECT_FALSE(s.may_steer_call(call("sales", "a1002")));
    EXPECT_FALSE(s.sees_totals());
}

TEST(Scope, QaReadsEverythingAndSteersNothing) {
    const Scope s(user(Role::Qa), kRouting);
    EXPECT_TRUE(s.may_read_queue(QueueId{"vip"}));
    EXPECT_TRUE(s.may_read_agent(AgentId{"a1004"}));
    EXPECT_FALSE(s.may_steer_agent(AgentId{"a1004"}));
    EXPECT_FALSE(s.sees_live_calls());
    EXPECT_TRUE(s.may_read_history({}));
}

TEST(Scope, HistoryFollowsTheCallsQueuesAndOffers) {
    const std::vector<acd::Event> history{
        {WallTime{}, acd::CallEnqueued{CallId{"c"}, QueueId{"vip"}, 0, 1, "1"}},
        {WallTime{}, acd::CallOffered{CallId{"c"}, QueueId{"vip"}, AgentId{"a1001"}, "1001", 1}},
    };
    EXPECT_TRUE(Scope(user(Role::Agent, "a1001"), kRouting).may_read_history(history));
    EXPECT_FALSE(Scope(user(Role::Agent, "a1003"), kRouting).may_read_history(history));
    EXPECT_FALSE(Scope(user(Role::Supervisor, std::nullopt, {QueueId{"sales"}}), kRouting)
                     .may_read_history(history));
    EXPECT_TRUE(Scope(user(Role::Supervisor, std::nullopt, {QueueId{"vip"}}), kRouting)
                    .may_read_history(history));
}

}  // namespace
}  // namespace markaz::api
