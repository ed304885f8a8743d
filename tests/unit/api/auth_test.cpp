// Logging in and out, cookies, CSRF, API tokens, login rate limits and the audit trail of
// logins, through the real server.

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api::testing {
namespace {

class AuthTest : public ::testing::Test {
protected:
    ApiHarness api;
};

TEST_F(AuthTest, LoginSetsBothCookiesAndAnswersTheUser) {
    const Reply reply = log_in(api.port(), "supervisor", "demo-supervisor");
    ASSERT_EQ(reply.status, 200U) << reply.body;
    const auto cookies = reply.all("set-cookie");
    ASSERT_EQ(cookies.size(), 2U);
    EXPECT_TRUE(cookies[0].starts_with("markaz_session="));
    EXPECT_EQ(cookies[0].substr(15 + 43), "; Path=/; HttpOnly; SameSite=Strict");
    EXPECT_TRUE(cookies[1].starts_with("markaz_csrf="));
    EXPECT_EQ(cookies[1].substr(12 + 43), "; Path=/; SameSite=Strict");
    const Json user = reply.json()["user"];
    EXPECT_EQ(user["username"], "supervisor");
    EXPECT_EQ(user["role"], "supervisor");
    EXPECT_EQ(user["queues"], Json::array({"sales"}));
    EXPECT_EQ(user["agent"], nullptr);
    EXPECT_TRUE(user["last_login_at_ms"].is_number_integer());
    EXPECT_EQ(user.size(), 9U);
}

TEST_F(AuthTest, EveryLoginMakesANewSessionAndKeepsTheOthers) {
    Browser first = api.browser("qa");
    Browser second = api.browser("qa");
    EXPECT_NE(first.session(), second.session());
    EXPECT_EQ(first.get("/api/v1/session/me").status, 200U);
    EXPECT_EQ(second.get("/api/v1/session/me").status, 200U);
}

TEST_F(AuthTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
    const Reply wrong = log_in(api.port(), "manager", "not-the-password");
    const Reply nobody = log_in(api.port(), "nobody", "not-the-password");
    EXPECT_EQ(wrong.status, 401U);
    EXPECT_EQ(wrong.code(), "invalid_credentials");
    EXPECT_EQ(wrong.body, nobody.body);
    EXPECT_TRUE(wrong.all("set-cookie").empty());
}

TEST_F(AuthTest, LoginBodyErrorsNameTheField) {
    auto post = [this](const std::string& body) {
        return http_send(api.port(), "POST", "/api/v1/session", body,
                         {{"Content-Type", "application/json"}});
    };
    Reply r = post(R"({"password":"x"})");
    EXPECT_EQ(r.code(), "missing_field");
    EXPECT_EQ(r.field(), "username");
    r = post(R"({"username":7,"password":"x"})");
    EXPECT_EQ(r.code(), "invalid_type");
    EXPECT_EQ(r.json()["error"]["message"], "username: expected a string, got integer");
    r = post(R"({"username":"manager","password":"x","remember":true})");
    EXPECT_EQ(r.code(), "unknown_field");
    EXPECT_EQ(r.field(), "remember");
    r = post(R"({"username":"","password":"x"})");
    EXPECT_EQ(r.code(), "invalid_value");
    EXPECT_EQ(r.field(), "username");
    r = post(R"({"username":null,"password":"x"})");
    EXPECT_EQ(r.code(), "missing_field");
}

TEST_F(AuthTest, LoginFromAForeignOriginIsRefused) {
    const Reply reply =
        http_send(api.port(), "POST", "/api/v1/session",
                  R"({"username":"manager","password":"demo-manager"})",
                  {{"Content-Type", "application/json"}, {"Origin", "https://evil.example"}});
    EXPECT_EQ(reply.status, 403U);
    EXPECT_EQ(reply.code(), "forbidden");
    const Reply own = http_send(api.port(), "POST", "/api/v1/session",
                                R"({"username":"manager","password":"demo-manager"})",
                                {{"Content-Type", "application/json"}, {"Origin", api.origin()}});
    EXPECT_EQ(own.status, 200U);
}

TEST_F(AuthTest, FiveFailuresBlockTheUserEvenWithTheRightPassword) {
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(log_in(api.port(), "a1001", "wrong").status, 401U) << i;
    }
    const Reply blocked = log_in(api.port(), "a1001", "demo-a1001");
    EXPECT_EQ(blocked.status, 429U);
    EXPECT_EQ(blocked.code(), "rate_limited");
    const int retry = std::stoi(blocked.header("retry-after"));
    EXPECT_GT(retry, 290);
    EXPECT_LE(retry, 300);
    EXPECT_EQ(log_in(api.port(), "a1003", "demo-a1003").status, 200U);  // others are free

    const auto entries = api.audit.list(10, std::nullopt);
    EXPECT_EQ(entries[0].action, "login");
    EXPECT_EQ(entries[1].action, "login-failed");
    EXPECT_NE(entries[1].detail.find("rate-limited"), std::string::npos);
    EXPECT_EQ(entries[2].action, "login-failed");
    EXPECT_EQ(entries[2].address, "127.0.0.1");
    EXPECT_EQ(entries[2].username, "a1001");
    EXPECT_EQ(entries[0].username, "a1003");
    EXPECT_EQ(entries[2].detail.find("wrong"), std::string::npos);  // never the password
}

TEST_F(AuthTest, CookieSessionsNeedTheCsrfTokenToChangeThings) {
    Browser manager = api.browser("manager");
    const std::string body = R"({"language":"fa"})";
    const Headers cookies = manager.cookie_headers();
    auto patch = [&](Headers headers) {
        headers.emplace_back("Content-Type", "application/json");
        return http_send(api.port(), "PATCH", "/api/v1/session/me", body, headers);
    };
    Reply r = patch(cookies);  // no header
    EXPECT_EQ(r.status, 403U);
    EXPECT_EQ(r.code(), "csrf_failed");
    Headers wrong = cookies;
    wrong.emplace_back("X-CSRF-Token", std::string(43, 'A'));
    EXPECT_EQ(patch(wrong).code(), "csrf_failed");
    // A cookie planted by another site, matching the header but not the session's token.
    Headers planted{{"Cookie", "markaz_session=" + manager.session() + "; markaz_csrf=planted"},
                    {"X-CSRF-Token", "planted"}};
    EXPECT_EQ(patch(planted).code(), "csrf_failed");
    EXPECT_EQ(api.users.find("manager")->language, Language::En);  // nothing changed

    r = manager.patch("/api/v1/session/me", Json{{"language", "fa"}});
    EXPECT_EQ(r.status, 200U);
    EXPECT_EQ(r.json()["user"]["language"], "fa");
    // Reads need no token.
    EXPECT_EQ(http_send(api.port(), "GET", "/api/v1/session/me", "", cookies).status, 200U);
}

TEST_F(AuthTest, CsrfIsCheckedBeforeTheRole) {
    Browser qa = api.browser("qa");
    const Reply r = http_send(api.port(), "POST", "/api/v1/users", "{}",
                              {qa.cookie_headers()[0], {"Content-Type", "application/json"}});
    EXPECT_EQ(r.code(), "csrf_failed");
    EXPECT_EQ(qa.post("/api/v1/users", Json::object()).code(), "forbidden");
}

TEST_F(AuthTest, MeSetsTheCsrfCookieAgainWhenMissing) {
    Browser agent = api.browser("a1001");
    const Reply without = http_send(api.port(), "GET", "/api/v1/session/me", "",
                                    {{"Cookie", "markaz_session=" + agent.session()}});
    EXPECT_EQ(without.status, 200U);
    ASSERT_EQ(without.all("set-cookie").size(), 1U);
    EXPECT_EQ(without.header("set-cookie"),
              "markaz_csrf=" + agent.csrf() + "; Path=/; SameSite=Strict");
    EXPECT_TRUE(agent.get("/api/v1/session/me").all("set-cookie").empty());
}

TEST_F(AuthTest, LogoutEndsTheSessionAndClearsTheCookies) {
    Browser supervisor = api.browser("supervisor");
    const Reply out = supervisor.del("/api/v1/session");
    EXPECT_EQ(out.status, 204U);
    const auto cleared = out.all("set-cookie");
    ASSERT_EQ(cleared.size(), 2U);
    EXPECT_EQ(cleared[0], "markaz_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict");
    EXPECT_EQ(cleared[1], "markaz_csrf=; Max-Age=0; Path=/; SameSite=Strict");
    const Reply after = supervisor.get("/api/v1/session/me");
    EXPECT_EQ(after.status, 401U);
    EXPECT_EQ(after.code(), "unauthenticated");
    EXPECT_EQ(api.audit.list(1, std::nullopt)[0].action, "logout");
}

TEST_F(AuthTest, TokensActAsTheirUserWithoutCsrfAndDieWhenRevoked) {
    Browser manager = api.browser("manager");
    const Reply made = manager.post("/api/v1/tokens", Json{{"name", "crm"}, {"username", "qa"}});
    ASSERT_EQ(made.status, 201U) << made.body;
    const std::string secret = made.json()["secret"];
    EXPECT_TRUE(secret.starts_with("mkz_"));
    EXPECT_EQ(secret.size(), 47U);
    const Json token = made.json()["token"];
    EXPECT_EQ(token["role"], "qa");
    EXPECT_EQ(token["expires_at_ms"], nullptr);
    EXPECT_EQ(made.body.find(secret, made.body.find("token")), made.body.find(secret));

    const Headers bearer{{"Authorization", "Bearer " + secret}};
    const Reply me = http_send(api.port(), "GET", "/api/v1/session/me", "", bearer);
    EXPECT_EQ(me.json()["user"]["username"], "qa");
    // The token's role: qa may not change agents.
    Headers post = bearer;
    post.emplace_back("Content-Type", "application/json");
    EXPECT_EQ(http_send(api.port(), "POST", "/api/v1/agents/a1001/state",
                        R"({"state":"available"})", post)
                  .code(),
              "forbidden");

    const Reply listed = manager.get("/api/v1/tokens");
    ASSERT_EQ(listed.json()["tokens"].size(), 1U);
    EXPECT_TRUE(listed.json()["tokens"][0]["last_used_at_ms"].is_number_integer());
    EXPECT_EQ(listed.body.find("mkz_"), std::string::npos);

    const std::string id = token["id"];
    EXPECT_EQ(manager.del("/api/v1/tokens/" + id).status, 204U);
    EXPECT_EQ(http_send(api.port(), "GET", "/api/v1/session/me", "", bearer).status, 401U);
    EXPECT_EQ(manager.del("/api/v1/tokens/" + id).status, 404U);
}

TEST_F(AuthTest, ABadTokenIsNeverAFallbackToTheCookie) {
    Browser manager = api.browser("manager");
    Headers headers = manager.cookie_headers();
    headers.emplace_back("Authorization", "Bearer mkz_" + std::string(43, 'x'));
    const Reply r = http_send(api.port(), "GET", "/api/v1/session/me", "", headers);
    EXPECT_EQ(r.status, 401U);
    EXPECT_EQ(
        http_send(api.port(), "GET", "/api/v1/agents", "", {{"Authorization", "Basic x"}}).status,
        401U);
}

TEST_F(AuthTest, TokenBodyErrors) {
    Browser manager = api.browser("manager");
    Reply r = manager.post("/api/v1/tokens", Json{{"name", "x"}, {"username", "ghost"}});
    EXPECT_EQ(r.code(), "invalid_value");
    EXPECT_EQ(r.field(), "username");
    r = manager.post("/api/v1/tokens",
                     Json{{"name", "x"}, {"username", "qa"}, {"expires_at_ms", 1000}});
    EXPECT_EQ(r.field(), "expires_at_ms");
    EXPECT_EQ(r.json()["error"]["message"], "expires_at_ms: must be in the future");
    r = manager.post("/api/v1/tokens", Json{{"name", ""}, {"username", "qa"}});
    EXPECT_EQ(r.field(), "name");
    r = manager.post("/api/v1/tokens",
                     Json{{"name", "x"}, {"username", "qa"}, {"expires_at_ms", 1.5}});
    EXPECT_EQ(r.code(), "invalid_type");
    EXPECT_TRUE(manager.get("/api/v1/tokens").json()["tokens"].empty());
}

}  // namespace
}  // namespace markaz::api::testing
