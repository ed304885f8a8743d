// /api/v1/users and /api/v1/roles: creating, changing and deleting users, with the checks on
// names, passwords, roles, agents and teams, and the effects on sessions.

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api::testing {
namespace {

class UsersApiTest : public ::testing::Test {
protected:
    ApiHarness api;
    Browser manager = api.browser("manager");
};

TEST_F(UsersApiTest, Roles) {
    EXPECT_EQ(manager.get("/api/v1/roles").json(),
              Json::parse(R"({"roles":["manager","supervisor","qa","agent"]})"));
}

TEST_F(UsersApiTest, ListIsByName) {
    const Json users = manager.get("/api/v1/users").json()["users"];
    ASSERT_EQ(users.size(), 6U);
    EXPECT_EQ(users[0]["username"], "a1001");
    EXPECT_EQ(users[5]["username"], "supervisor");
    EXPECT_EQ(manager.get("/api/v1/users").body.find("argon2"), std::string::npos);
}

TEST_F(UsersApiTest, CreateThenLogIn) {
    const Reply r = manager.post("/api/v1/users", Json{{"username", "a1004"},
                                                       {"password", "secret-1004"},
                                                       {"role", "agent"},
                                                       {"agent", "a1004"},
                                                       {"extension", "1004"},
                                                       {"language", "ar"},
                                                       {"display_name", "Dara"}});
    ASSERT_EQ(r.status, 201U) << r.body;
    EXPECT_EQ(r.header("location"), "/api/v1/users/a1004");
    const Json user = r.json()["user"];
    EXPECT_EQ(user["agent"], "a1004");
    EXPECT_EQ(user["language"], "ar");
    EXPECT_EQ(user["last_login_at_ms"], nullptr);
    EXPECT_EQ(log_in(api.port(), "a1004", "secret-1004").status, 200U);
    const auto entry = api.audit.list(2, std::nullopt)[1];
    EXPECT_EQ(entry.action, "user-create");
    EXPECT_EQ(entry.detail.find("secret-1004"), std::string::npos);
    EXPECT_NE(entry.detail.find("\"password_changed\":true"), std::string::npos);
}

struct BadUser {
    Json body;
    std::string code;
    std::string field;
};

class UsersBadCreate : public UsersApiTest, public ::testing::WithParamInterface<BadUser> {};

TEST_P(UsersBadCreate, NamesTheField) {
    const Reply r = manager.post("/api/v1/users", GetParam().body);
    EXPECT_EQ(r.code(), GetParam().code) << r.body;
    EXPECT_EQ(r.field(), GetParam().field) << r.body;
    EXPECT_EQ(manager.get("/api/v1/users").json()["users"].size(), 6U);
}

Json user_body(std::initializer_list<std::pair<const std::string, Json>> changes) {
    Json body{{"username", "newbie"}, {"password", "long-enough"}, {"role", "qa"}};
    for (const auto& [key, value] : changes) {
        if (value.is_discarded()) {
            body.erase(key);
        } else {
            body[key] = value;
        }
    }
    return body;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, UsersBadCreate,
    ::testing::Values(BadUser{user_body({{"username", "New Bie"}}), "invalid_value", "username"},
                      BadUser{user_body({{"username", Json(Json::value_t::discarded)}}),
                              "missing_field", "username"},
                      BadUser{user_body({{"password", "short"}}), "invalid_value", "password"},
                      BadUser{user_body({{"role", "boss"}}), "invalid_value", "role"},
                      BadUser{user_body({{"role", "agent"}}), "missing_field", "agent"},
                      BadUser{user_body({{"agent", "a9999"}}), "invalid_value", "agent"},
                      BadUser{user_body({{"queues", {"sales"}}}), "invalid_value", "queues"},
                      BadUser{user_body({{"role", "supervisor"}, {"queues", {"sales", "nope"}}}),
                              "invalid_value", "queues[1]"},
                      BadUser{user_body({{"language", "de"}}), "invalid_value", "language"},
                      BadUser{user_body({{"queues", "sales"}}), "invalid_type", "queues"},
                      BadUser{user_body({{"admin", true}}), "unknown_field", "admin"},
                      BadUser{user_body({{"username", "qa"}}), "conflict", "username"}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

TEST_F(UsersApiTest, PatchChangesOnlyWhatIsGiven) {
    const Reply r = manager.patch("/api/v1/users/supervisor",
                                  Json{{"queues", {"sales", "support"}}, {"language", "fa"}});
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["user"]["queues"], Json::array({"sales", "support"}));
    EXPECT_EQ(r.json()["user"]["role"], "supervisor");
    EXPECT_EQ(manager.patch("/api/v1/users/supervisor", Json::object()).code(), "invalid_value");
    EXPECT_EQ(manager.patch("/api/v1/users/ghost", Json{{"language", "fa"}}).status, 404U);
    EXPECT_EQ(manager.patch("/api/v1/users/a1001", Json{{"agent", nullptr}}).field(), "agent");
}

TEST_F(UsersApiTest, ANewPasswordEndsTheUsersOtherSessions) {
    Browser agent = api.browser("a1001");
    ASSERT_EQ(manager.patch("/api/v1/users/a1001", Json{{"password", "brand-new-pass"}}).status,
              200U);
    EXPECT_EQ(agent.get("/api/v1/session/me").status, 401U);
    EXPECT_EQ(log_in(api.port(), "a1001", "brand-new-pass").status, 200U);
    EXPECT_EQ(log_in(api.port(), "a1001", "demo-a1001").status, 401U);
}

TEST_F(UsersApiTest, DeleteEndsSessionsAndTokens) {
    Browser qa = api.browser("qa");
    const std::string secret =
        manager.post("/api/v1/tokens", Json{{"name", "n"}, {"username", "qa"}}).json()["secret"];
    EXPECT_EQ(manager.del("/api/v1/users/qa").status, 204U);
    EXPECT_EQ(qa.get("/api/v1/session/me").status, 401U);
    EXPECT_EQ(http_send(api.port(), "GET", "/api/v1/session/me", "",
                        {{"Authorization", "Bearer " + secret}})
                  .status,
              401U);
    EXPECT_EQ(manager.del("/api/v1/users/qa").status, 404U);
    const Reply self = manager.del("/api/v1/users/manager");
    EXPECT_EQ(self.status, 409U);
    EXPECT_EQ(self.json()["error"]["message"], "you cannot delete yourself");
}

TEST_F(UsersApiTest, UsersReadThemselves) {
    Browser agent = api.browser("a1001");
    const Reply me = agent.get("/api/v1/users/a1001");
    EXPECT_EQ(me.status, 200U);
    EXPECT_EQ(me.json()["user"]["extension"], "1001");
    EXPECT_EQ(agent.get("/api/v1/users/ghost").status, 404U);
    EXPECT_EQ(agent.get("/api/v1/users/qa").status, 403U);
}

}  // namespace
}  // namespace markaz::api::testing
