// Sessions (expiry by idleness and by age), API tokens, and the login rate limits, on a clock
// that moves only when the test says so.

#include "api/sessions.h"

#include <gtest/gtest.h>

#include "api/api_tokens.h"
#include "api/login_limiter.h"

namespace markaz::api {
namespace {

using namespace std::chrono_literals;

const WallTime kT0{std::chrono::hours(24 * 20000)};

TEST(Sessions, IdsAndCsrfTokensAre43RandomCharacters) {
    SessionStore store;
    NewSession a = store.create("manager", kT0);
    NewSession b = store.create("manager", kT0);
    EXPECT_EQ(a.id.size(), 43U);
    EXPECT_EQ(a.session.csrf_token.size(), 43U);
    EXPECT_NE(a.id, b.id);  // a new login always makes a new session; the old one stays
    EXPECT_NE(a.session.csrf_token, b.session.csrf_token);
    EXPECT_NE(a.session.key, a.id);  // only the digest is kept
    EXPECT_TRUE(store.use(a.id, kT0));
    EXPECT_TRUE(store.use(b.id, kT0));
}

TEST(Sessions, EndAfterTwelveHoursIdle) {
    SessionStore store;
    NewSession made = store.create("qa", kT0);
    ASSERT_TRUE(store.use(made.id, kT0 + 11h));   // used: the idle clock restarts
    ASSERT_TRUE(store.use(made.id, kT0 + 22h));   // 11 h after the last use
    EXPECT_FALSE(store.use(made.id, kT0 + 34h));  // 12 h idle
    EXPECT_FALSE(store.use(made.id, kT0 + 34h));  // and forgotten
    EXPECT_EQ(store.size(), 0U);
}

TEST(Sessions, EndSevenDaysAfterLoginHoweverBusy) {
    SessionStore store;
    NewSession made = store.create("qa", kT0);
    for (int hour = 10; hour < 24 * 7; hour += 10) {
        ASSERT_TRUE(store.use(made.id, kT0 + std::chrono::hours(hour))) << hour;
    }
    EXPECT_FALSE(store.use(made.id, kT0 + std::chrono::hours(24 * 7)));
}

TEST(Sessions, PeekDoesNotCountAsUse) {
    SessionStore store;
    NewSession made = store.create("qa", kT0);
    EXPECT_TRUE(store.peek(made.session.key, kT0 + 11h));
    EXPECT_FALSE(store.peek(made.session.key, kT0 + 12h));
}

TEST(Sessions, EndOneOrAllOfAUser) {
    SessionStore store;
    NewSession a = store.create("agent", kT0);
    NewSession b = store.create("agent", kT0);
    NewSession c = store.create("agent", kT0);
    NewSession other = store.create("qa", kT0);
    EXPECT_TRUE(store.end(a.id));
    EXPECT_FALSE(store.end(a.id));
    auto ended = store.end_user("agent", c.session.key);
    EXPECT_EQ(ended, std::vector<std::string>{b.session.key});
    EXPECT_FALSE(store.use(b.id, kT0));
    EXPECT_TRUE(store.use(c.id, kT0));
    EXPECT_TRUE(store.use(other.id, kT0));
    EXPECT_FALSE(store.use("not-a-session", kT0));
}

TEST(Sessions, SweepForgetsEndedOnes) {
    SessionStore store({.idle_timeout = 1h, .absolute_timeout = 24h});
    NewSession old = store.create("a", kT0);
    NewSession fresh = store.create("b", kT0 + 50min);
    auto swept = store.sweep(kT0 + 61min);
    EXPECT_EQ(swept, std::vector<std::string>{old.session.key});
    EXPECT_TRUE(store.use(fresh.id, kT0 + 61min));
}

TEST(ApiTokens, SecretIsShownOnceAndWorksUntilRevoked) {
    TokenStore tokens;
    NewToken made = *tokens.create("prometheus", "manager", std::nullopt, kT0);
    EXPECT_TRUE(looks_like_token(made.secret));
    EXPECT_EQ(made.secret.size(), 47U);
    auto used = tokens.use(made.secret, kT0 + 1s);
    ASSERT_TRUE(used);
    EXPECT_EQ(used->username, "manager");
    EXPECT_EQ(tokens.find(made.token.id)->last_used_at, kT0 + 1s);
    EXPECT_FALSE(tokens.use(made.secret.substr(0, 46) + "x", kT0));
    EXPECT_FALSE(tokens.use("mkz_short", kT0));
    EXPECT_TRUE(tokens.revoke(made.token.id).has_value());
    EXPECT_EQ(tokens.revoke(made.token.id).error().code, Errc::NotFound);
    EXPECT_FALSE(tokens.use(made.secret, kT0 + 2s));
}

TEST(ApiTokens, ExpireAtTheirTime) {
    TokenStore tokens;
    NewToken made = *tokens.create("crm", "supervisor", kT0 + 1h, kT0);
    EXPECT_TRUE(tokens.use(made.secret, kT0 + 59min));
    EXPECT_FALSE(tokens.use(made.secret, kT0 + 1h));
}

TEST(ApiTokens, ListInCreationOrderAndRevokeByUser) {
    TokenStore tokens;
    NewToken a = *tokens.create("one", "qa", std::nullopt, kT0);
    NewToken b = *tokens.create("two", "manager", std::nullopt, kT0 + 1s);
    NewToken c = *tokens.create("three", "qa", std::nullopt, kT0 + 2s);
    auto listed = tokens.list();
    ASSERT_EQ(listed.size(), 3U);
    EXPECT_EQ(listed[0].name, "one");
    EXPECT_EQ(listed[2].name, "three");
    auto revoked = tokens.revoke_user("qa");
    EXPECT_EQ(revoked.size(), 2U);
    EXPECT_FALSE(tokens.use(a.secret, kT0));
    EXPECT_FALSE(tokens.use(c.secret, kT0));
    EXPECT_TRUE(tokens.use(b.secret, kT0));
}

TEST(LoginLimiter, FiveFailuresForOneNameFromOneAddressBlockThemForFiveMinutes) {
    LoginLimiter limiter;
    for (int i = 0; i < 4; ++i) {
        limiter.record_failure("manager", "10.0.0.1", kT0 + i * 10s);
        EXPECT_FALSE(limiter.blocked("manager", "10.0.0.1", kT0 + i * 10s));
    }
    limiter.record_failure("manager", "10.0.0.1", kT0 + 40s);
    EXPECT_EQ(limiter.blocked("manager", "10.0.0.1", kT0 + 40s), 5min);
    EXPECT_EQ(limiter.blocked("manager", "10.0.0.1", kT0 + 100s), 4min);
    EXPECT_FALSE(limiter.blocked("qa", "10.0.0.1", kT0 + 100s));  // other names are free
    EXPECT_FALSE(limiter.blocked("manager", "10.0.0.1", kT0 + 40s + 5min));
}

TEST(LoginLimiter, WrongPasswordsFromElsewhereNeverLockTheManagerOut) {
    // The attack: guess the manager's password from addresses the manager never uses.
    LoginLimiter limiter;
    for (int i = 0; i < 50; ++i) {
        limiter.record_failure("manager", "203.0.113." + std::to_string(i % 10), kT0 + i * 1s);
    }
    EXPECT_TRUE(limiter.blocked("manager", "203.0.113.3", kT0 + 50s));
    EXPECT_FALSE(limiter.blocked("manager", "10.0.0.9", kT0 + 50s));
}

TEST(LoginLimiter, FailuresOlderThanTheWindowDoNotCount) {
    LoginLimiter limiter;
    for (int i = 0; i < 4; ++i) {
        limiter.record_failure("qa", "10.0.0.1", kT0 + i * 1min);
    }
    limiter.record_failure("qa", "10.0.0.1", kT0 + 5min);  // the first is 5 min old now
    EXPECT_FALSE(limiter.blocked("qa", "10.0.0.1", kT0 + 5min));
    limiter.record_failure("qa", "10.0.0.1", kT0 + 5min + 1s);
    EXPECT_TRUE(limiter.blocked("qa", "10.0.0.1", kT0 + 5min + 1s));
}

TEST(LoginLimiter, TwentyFailuresFromOneAddressBlockIt) {
    LoginLimiter limiter;
    for (int i = 0; i < 19; ++i) {
        limiter.record_failure("user" + std::to_string(i), "192.0.2.7", kT0 + i * 1s);
    }
    EXPECT_FALSE(limiter.blocked("another", "192.0.2.7", kT0 + 20s));
    limiter.record_failure("user19", "192.0.2.7", kT0 + 20s);
    EXPECT_TRUE(limiter.blocked("another", "192.0.2.7", kT0 + 21s));
    EXPECT_FALSE(limiter.blocked("another", "192.0.2.8", kT0 + 21s));
}

}  // namespace
}  // namespace markaz::api
