// argon2id hashes through libsodium: round trip, wrong passwords, malformed hashes, cost.

#include "api/passwords.h"

#include <chrono>

#include <gtest/gtest.h>

#include "api/secrets.h"

namespace markaz::api {
namespace {

TEST(Passwords, HashVerifiesItsPasswordOnly) {
    auto hash = hash_password("demo-manager");
    ASSERT_TRUE(hash);
    EXPECT_TRUE(is_password_hash(*hash));
    EXPECT_TRUE(verify_password(*hash, "demo-manager"));
    EXPECT_FALSE(verify_password(*hash, "demo-Manager"));
    EXPECT_FALSE(verify_password(*hash, ""));
}

TEST(Passwords, SamePasswordGetsADifferentSaltEachTime) {
    auto a = hash_password("secret-1");
    auto b = hash_password("secret-1");
    ASSERT_TRUE(a && b);
    EXPECT_NE(*a, *b);
    EXPECT_TRUE(verify_password(*b, "secret-1"));
}

TEST(Passwords, MalformedHashesNeverMatch) {
    EXPECT_FALSE(verify_password("", "x"));
    EXPECT_FALSE(verify_password("plain-text", "plain-text"));
    EXPECT_FALSE(verify_password("$argon2id$v=19$m=19456,t=2,p=1$broken", "x"));
    EXPECT_FALSE(is_password_hash("$2b$12$bcrypt.hash.is.not.taken"));
}

TEST(Passwords, OneVerificationIsWellUnder100Milliseconds) {
    auto hash = hash_password("demo-a1001");
    ASSERT_TRUE(hash);
    auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(verify_password(*hash, "demo-a1001"));
    auto took = std::chrono::steady_clock::now() - start;
    // A bound, not a benchmark: a sanitizer build may be slower, so only a gross regression
    // (a cost meant for offline keys) fails here.
    EXPECT_LT(took, std::chrono::milliseconds(400));
}

TEST(Secrets, RandomTokensAre43Base64UrlCharacters) {
    std::string a = random_base64url(32);
    std::string b = random_base64url(32);
    EXPECT_EQ(a.size(), 43U);
    EXPECT_NE(a, b);
    EXPECT_EQ(
        a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
}

TEST(Secrets, Sha256OfAKnownText) {
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Secrets, SameSecretComparesWholeValues) {
    EXPECT_TRUE(same_secret("abc", "abc"));
    EXPECT_FALSE(same_secret("abc", "abd"));
    EXPECT_FALSE(same_secret("abc", "abcd"));
}

}  // namespace
}  // namespace markaz::api
