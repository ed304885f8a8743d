// docs/api.md "Endpoint by role", checked for every role against every endpoint class.
// Users: manager; supervisor (team: sales = agents a1001, a1002); lead (team: support =
// a1002, a1003, and agent a1002 themselves); qa; agents a1001 (sales) and a1003 (support).
// Calls c1 (sales), c2 (support) and c3 (vip) wait; a1001 is paused, a1003 not ready.

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api::testing {
namespace {

const std::vector<std::string> kUsers{"manager", "supervisor", "lead", "qa", "a1001", "a1003"};

struct Case {
    std::string method;
    std::string target;
    Json body;
    std::vector<unsigned> expected;  ///< per user of kUsers, in order
};

void set_up_floor(TestCenter& center) {
    center.must(
        acd::AgentLogin{AgentId{"a1001"}, "1001", {}, acd::AgentState::Paused, "break", ""});
    center.must(acd::AgentLogin{AgentId{"a1003"}, "1003", {}, acd::AgentState::NotReady, "", ""});
    center.must(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "+982100001"});
    center.must(acd::EnqueueCall{CallId{"c2"}, QueueId{"support"}, 0, {}, "+982100002"});
    center.must(acd::EnqueueCall{CallId{"c3"}, QueueId{"vip"}, 0, {}, "+982100003"});
}

Reply call(const Browser& browser, const Case& c) {
    return browser.send(c.method, c.target, c.body.is_null() ? "" : c.body.dump());
}

std::string name_of(const ::testing::TestParamInfo<Case>& info) {
    std::string name = info.param.method + info.param.target;
    for (char& ch : name) {
        ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    }
    return name;
}

class ReadsByRole : public ::testing::TestWithParam<Case> {
protected:
    static void SetUpTestSuite() {
        api_ = new ApiHarness;
        set_up_floor(api_->center);
        for (const std::string& user : kUsers) {
            browsers_->emplace(user, api_->browser(user));
        }
    }
    static void TearDownTestSuite() {
        browsers_->clear();
        delete api_;
    }
    static inline ApiHarness* api_ = nullptr;
    static inline std::map<std::string, Browser>* browsers_ = new std::map<std::string, Browser>;
};

TEST_P(ReadsByRole, AnswersEachRoleAsDocumented) {
    const Case& c = GetParam();
    for (std::size_t i = 0; i < kUsers.size(); ++i) {
        const Reply reply = call(browsers_->at(kUsers[i]), c);
        EXPECT_EQ(reply.status, c.expected[i]) << kUsers[i] << ": " << reply.body;
        if (reply.status == 403) {
            EXPECT_EQ(reply.code(), "forbidden");
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Endpoints, ReadsByRole,
    ::testing::Values(
        //                                                   mgr  sup  lead qa   a1001 a1003
        Case{"GET", "/api/v1/roles", nullptr, {200, 200, 200, 200, 200, 200}},
        Case{"GET", "/api/v1/pause-reasons", nullptr, {200, 200, 200, 200, 200, 200}},
        Case{"GET", "/api/v1/session/me", nullptr, {200, 200, 200, 200, 200, 200}},
        Case{"GET", "/api/v1/users", nullptr, {200, 403, 403, 403, 403, 403}},
        Case{"GET", "/api/v1/users/qa", nullptr, {200, 403, 403, 200, 403, 403}},
        Case{"GET", "/api/v1/users/a1001", nullptr, {200, 403, 403, 403, 200, 403}},
        Case{"GET", "/api/v1/tokens", nullptr, {200, 403, 403, 403, 403, 403}},
        Case{"GET", "/api/v1/agents", nullptr, {200, 200, 200, 200, 200, 200}},
        Case{"GET", "/api/v1/agents/a1001", nullptr, {200, 200, 403, 200, 200, 403}},
        Case{"GET", "/api/v1/agents/a1003", nullptr, {200, 403, 200, 200, 403, 200}},
        Case{"GET", "/api/v1/agents/a1004", nullptr, {200, 403, 403, 200, 403, 403}},
        Case{"GET", "/api/v1/queues", nullptr, {200, 200, 200, 200, 200, 200}},
        Case{"GET", "/api/v1/queues/sales", nullptr, {200, 200, 200, 200, 200, 403}},
        Case{"GET", "/api/v1/queues/vip", nullptr, {200, 403, 403, 200, 403, 403}},
        Case{"GET", "/api/v1/queues/sales/members", nullptr, {200, 200, 200, 200, 403, 403}},
        Case{"GET", "/api/v1/queues/vip/members", nullptr, {200, 403, 403, 200, 403, 403}},
        Case{"GET", "/api/v1/calls", nullptr, {200, 200, 200, 403, 200, 200}},
        Case{"GET", "/api/v1/calls/c1", nullptr, {200, 200, 403, 403, 403, 403}},
        Case{"GET", "/api/v1/calls/c2", nullptr, {200, 403, 200, 403, 403, 403}},
        Case{"GET", "/api/v1/calls/c1/events", nullptr, {200, 200, 403, 200, 403, 403}},
        Case{"GET", "/api/v1/calls/c3/events", nullptr, {200, 403, 403, 200, 403, 403}},
        Case{"GET", "/api/v1/stats/live", nullptr, {200, 200, 200, 200, 200, 200}},
        Case{"GET", "/api/v1/stats/intervals", nullptr, {200, 200, 200, 200, 403, 403}},
        Case{"GET", "/api/v1/audit", nullptr, {200, 403, 403, 403, 403, 403}},
        Case{"GET", "/metrics", nullptr, {200, 403, 403, 403, 403, 403}}),
    name_of);

/// Changes: refusals run on one server (a refusal changes nothing); each allowed change runs
/// on a fresh one, so that one role's change does not decide the next role's answer.
class WritesByRole : public ::testing::TestWithParam<Case> {};

TEST_P(WritesByRole, AnswersEachRoleAsDocumented) {
    const Case& c = GetParam();
    ApiHarness refusals;
    set_up_floor(refusals.center);
    for (std::size_t i = 0; i < kUsers.size(); ++i) {
        if (c.expected[i] != 403) {
            continue;
        }
        const Reply reply = call(refusals.browser(kUsers[i]), c);
        EXPECT_EQ(reply.status, 403U) << kUsers[i] << ": " << reply.body;
        EXPECT_EQ(reply.code(), "forbidden");
    }
    EXPECT_TRUE(refusals.audit.list(100, std::nullopt).size() == 0 ||
                refusals.audit.list(1, std::nullopt)[0].action == "login");
    for (std::size_t i = 0; i < kUsers.size(); ++i) {
        if (c.expected[i] == 403) {
            continue;
        }
        ApiHarness fresh;
        set_up_floor(fresh.center);
        const Reply reply = call(fresh.browser(kUsers[i]), c);
        EXPECT_EQ(reply.status, c.expected[i]) << kUsers[i] << ": " << reply.body;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Endpoints, WritesByRole,
    ::testing::Values(
        //                                                   mgr  sup  lead qa   a1001 a1003
        Case{"POST",
             "/api/v1/agents/a1001/state",
             {{"state", "not-ready"}},
             {200, 200, 403, 403, 200, 403}},
        Case{"POST",
             "/api/v1/agents/a1003/state",
             {{"state", "available"}},
             {200, 403, 200, 403, 403, 200}},
        Case{"POST",
             "/api/v1/agents/a1002/login",
             {{"extension", "1002"}, {"state", "paused"}, {"reason", "lunch"}},
             {200, 200, 200, 403, 403, 403}},
        // a1004 is logged out: the engine refuses, after every permission check passed.
        Case{"POST", "/api/v1/calls/c1/move", {{"agent", "a1002"}}, {409, 409, 403, 403, 403, 403}},
        Case{"POST", "/api/v1/calls/c2/move", {{"agent", "a1003"}}, {409, 403, 409, 403, 403, 403}},
        Case{
            "POST", "/api/v1/calls/c1/priority", {{"priority", 5}}, {200, 200, 403, 403, 403, 403}},
        Case{"POST", "/api/v1/calls/c1/hangup", nullptr, {204, 204, 403, 403, 403, 403}},
        Case{"POST", "/api/v1/calls/c2/hangup", nullptr, {204, 403, 204, 403, 403, 403}},
        Case{"PATCH", "/api/v1/queues/sales", {{"weight", 2}}, {200, 403, 403, 403, 403, 403}},
        Case{"PUT",
             "/api/v1/queues/sales/members/a1004",
             {{"penalty", 1}},
             {201, 403, 403, 403, 403, 403}},
        Case{"DELETE", "/api/v1/queues/vip/members/a1004", nullptr, {204, 403, 403, 403, 403, 403}},
        Case{"POST",
             "/api/v1/users",
             {{"username", "newbie"}, {"password", "long-enough"}, {"role", "qa"}},
             {201, 403, 403, 403, 403, 403}},
        Case{"PATCH",
             "/api/v1/users/qa",
             {{"display_name", "Quality"}},
             {200, 403, 403, 403, 403, 403}},
        Case{"DELETE", "/api/v1/users/a1003", nullptr, {204, 403, 403, 403, 403, 403}},
        Case{"POST",
             "/api/v1/tokens",
             {{"name", "crm"}, {"username", "qa"}},
             {201, 403, 403, 403, 403, 403}},
        Case{"PATCH", "/api/v1/session/me", {{"language", "ar"}}, {200, 200, 200, 200, 200, 200}},
        Case{"DELETE", "/api/v1/session", nullptr, {204, 204, 204, 204, 204, 204}}),
    name_of);

}  // namespace
}  // namespace markaz::api::testing
