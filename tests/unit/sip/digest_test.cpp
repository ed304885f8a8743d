#include "sip/digest.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace markaz::sip {
namespace {

using namespace std::chrono_literals;

// RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256.
DigestResponse rfc7616(const char* algorithm) {
    DigestResponse r;
    r.username = "Mufasa";
    r.realm = "http-auth@example.org";
    r.nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    r.uri = "/dir/index.html";
    r.algorithm = algorithm;
    r.qop = "auth";
    r.nc = "00000001";
    r.cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    return r;
}

TEST(Digest, Rfc7616ExamplesForMd5AndSha256) {
    EXPECT_EQ(*expected_digest(rfc7616("MD5"), "Circle of Life", "GET"),
              "8ca523f5e9506fed4657c9700eebdbec");
    EXPECT_EQ(*expected_digest(rfc7616("SHA-256"), "Circle of Life", "GET"),
              "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

TEST(Digest, Rfc2617Example) {
    DigestResponse r;
    r.username = "Mufasa";
    r.realm = "testrealm@host.com";
    r.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
    r.uri = "/dir/index.html";
    r.algorithm = "MD5";
    r.qop = "auth";
    r.nc = "00000001";
    r.cnonce = "0a4f113b";
    r.response = "6629FAE49393A05397450978507C4EF1";  // case does not matter
    EXPECT_TRUE(digest_matches(r, "Circle Of Life", "GET"));
    EXPECT_FALSE(digest_matches(r, "Circle of Life", "GET"));
    EXPECT_FALSE(digest_matches(r, "Circle Of Life", "POST"));
}

TEST(Digest, ParsesSofiaTokenizedParameters) {
    const char* params[] = {"username=\"1001\"", "realm=\"markaz\"",
                            "nonce=\"123.abc\"", "uri=\"sip:127.0.0.1\"",
                            "response=\"00ff\"", "algorithm=SHA-256",
                            "qop=auth",          "nc=00000001",
                            "cnonce=\"x\\\"y\"", nullptr};
    auto r = digest_response_from_params(params);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->username, "1001");
    EXPECT_EQ(r->algorithm, "SHA-256");
    EXPECT_EQ(r->cnonce, "x\"y");
}

TEST(Digest, MalformedAuthorizationNamesWhatIsWrong) {
    const char* no_response[] = {"username=\"1001\"", "realm=\"r\"", "nonce=\"n\"", "uri=\"sip:x\"",
                                 nullptr};
    auto r = digest_response_from_params(no_response);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "authorization: missing response");
    const char* qop_alone[] = {"username=\"1001\"", "realm=\"r\"", "nonce=\"n\"", "uri=\"sip:x\"",
                               "response=\"0\"",    "qop=auth",    nullptr};
    EXPECT_EQ(digest_response_from_params(qop_alone).error().message,
              "authorization: qop without nc and cnonce");
    DigestResponse odd = rfc7616("SHA-512-256");
    EXPECT_EQ(expected_digest(odd, "p", "REGISTER").error().message,
              "authorization: unsupported algorithm 'SHA-512-256'");
    EXPECT_FALSE(digest_matches(odd, "p", "REGISTER"));
}

TEST(Nonce, IssuedNoncesCheckAndForgedOrStaleOnesDoNot) {
    NonceIssuer issuer{"secret"};
    WallTime t0{std::chrono::hours{500000}};
    std::string nonce = issuer.issue(t0, "10.0.0.7");
    EXPECT_TRUE(issuer.check(nonce, t0 + 10s, 5min, "10.0.0.7"));
    EXPECT_EQ(issuer.check(nonce, t0 + 6min, 5min, "10.0.0.7").error().code, Errc::Conflict);
    EXPECT_FALSE(NonceIssuer{"other"}.check(nonce, t0, 5min, "10.0.0.7"));
    std::string tampered = nonce;
    tampered[0] = tampered[0] == '1' ? '2' : '1';
    EXPECT_FALSE(issuer.check(tampered, t0, 5min, "10.0.0.7"));
    EXPECT_FALSE(issuer.check("garbage", t0, 5min, "10.0.0.7"));
}

TEST(Nonce, ANonceIsGoodOnlyFromTheAddressItWasIssuedTo) {
    // A spoofer cannot receive the challenge sent to the address it spoofs, so it can only
    // bring a nonce issued to itself: from the spoofed address that nonce is not valid.
    NonceIssuer issuer{"secret"};
    WallTime t0{std::chrono::hours{500000}};
    std::string nonce = issuer.issue(t0, "203.0.113.9");
    auto spoofed = issuer.check(nonce, t0, 5min, "10.0.0.5");
    ASSERT_FALSE(spoofed);
    EXPECT_EQ(spoofed.error().code, Errc::InvalidArgument);
    EXPECT_NE(spoofed.error().message.find("source"), std::string::npos);
}

DigestResponse answer(std::string nonce, std::string qop, std::string nc) {
    DigestResponse r;
    r.nonce = std::move(nonce);
    r.qop = std::move(qop);
    r.nc = std::move(nc);
    return r;
}

TEST(NonceUses, ACountIsUsedOnceAndMustRise) {
    NonceUses uses{5min};
    SteadyTime t0{std::chrono::hours{1}};
    EXPECT_TRUE(uses.use(answer("n1", "auth", "00000001"), t0));
    auto replay = uses.use(answer("n1", "auth", "00000001"), t0 + 1s);
    ASSERT_FALSE(replay);
    EXPECT_EQ(replay.error().code, Errc::Conflict);
    EXPECT_TRUE(uses.use(answer("n1", "auth", "00000002"), t0 + 2s));
    EXPECT_FALSE(uses.use(answer("n1", "auth", "00000002"), t0 + 3s));
    EXPECT_TRUE(uses.use(answer("n2", "auth", "00000001"), t0 + 3s)) << "another nonce";
    EXPECT_EQ(uses.use(answer("n1", "auth", "zz"), t0).error().code, Errc::InvalidArgument);
    EXPECT_EQ(uses.use(answer("n1", "auth", "0"), t0).error().code, Errc::InvalidArgument);
}

TEST(NonceUses, WithoutQopANonceIsGoodForOneRequest) {
    NonceUses uses{5min};
    SteadyTime t0{std::chrono::hours{1}};
    EXPECT_TRUE(uses.use(answer("n1", "", ""), t0));
    EXPECT_FALSE(uses.use(answer("n1", "", ""), t0 + 1s));
}

TEST(NonceUses, EntriesGoWhenTheirNonceWouldBeStale) {
    NonceUses uses{5min};
    SteadyTime t0{std::chrono::hours{1}};
    ASSERT_TRUE(uses.use(answer("n1", "auth", "00000001"), t0));
    ASSERT_TRUE(uses.use(answer("n2", "", ""), t0));
    uses.expire(t0 + 4min);
    EXPECT_EQ(uses.size(), 2u);
    uses.expire(t0 + 5min);
    EXPECT_EQ(uses.size(), 0u);
}

TEST(Challenge, HeaderValue) {
    EXPECT_EQ(digest_challenge(DigestAlgorithm::Sha256, "markaz", "n1", false),
              "Digest realm=\"markaz\", nonce=\"n1\", algorithm=SHA-256, qop=\"auth\"");
    EXPECT_EQ(digest_challenge(DigestAlgorithm::Md5, "markaz", "n1", true),
              "Digest realm=\"markaz\", nonce=\"n1\", algorithm=MD5, qop=\"auth\", stale=true");
}

TEST(ClientDigest, AnswersTheRfc7616Sha256Challenge) {
    // RFC 7616 §3.9.1, as sofia-sip tokenizes the WWW-Authenticate parameters.
    const char* challenge[] = {"realm=\"http-auth@example.org\"",
                               "qop=\"auth, auth-int\"",
                               "algorithm=SHA-256",
                               "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\"",
                               "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
                               nullptr};
    auto header =
        digest_authorization(challenge, DigestAlgorithm::Sha256,
                             DigestCredentials{"Mufasa", "Circle of Life", "GET", "/dir/index.html",
                                               "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"});
    ASSERT_TRUE(header) << header.error().message;
    EXPECT_EQ(*header,
              "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
              "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", uri=\"/dir/index.html\", "
              "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", "
              "algorithm=SHA-256, qop=auth, nc=00000001, "
              "cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", "
              "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
}

/// A header value "Digest a=1, b=\"2\"" as sofia-sip hands its parameters over: one string
/// per parameter, quotes kept, then a null.
struct SofiaParams {
    explicit SofiaParams(const std::string& header) {
        std::string rest = header.substr(std::string("Digest ").size());
        for (std::size_t start = 0; start < rest.size();) {
            auto comma = rest.find(", ", start);
            texts.push_back(rest.substr(start, comma - start));
            start = comma == std::string::npos ? rest.size() : comma + 2;
        }
        for (const auto& t : texts) {
            pointers.push_back(t.c_str());
        }
        pointers.push_back(nullptr);
    }
    std::vector<std::string> texts;
    std::vector<const char*> pointers;
};

TEST(ClientDigest, WhatTheClientSendsTheServerAccepts) {
    NonceIssuer nonces{"secret"};
    SofiaParams challenge{digest_challenge(DigestAlgorithm::Md5, "markaz",
                                           nonces.issue(WallTime{}, "127.0.0.1"), false)};
    auto header = digest_authorization(
        challenge.pointers.data(), DigestAlgorithm::Md5,
        DigestCredentials{"1001", "secret1001", "REGISTER", "sip:127.0.0.1:5060", "c1"});
    ASSERT_TRUE(header) << header.error().message;
    // Back through the server's own reading of an Authorization header.
    SofiaParams answer{*header};
    auto response = digest_response_from_params(answer.pointers.data());
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_TRUE(digest_matches(*response, "secret1001", "REGISTER"));
    EXPECT_FALSE(digest_matches(*response, "secret1002", "REGISTER"));
}

TEST(ClientDigest, AChallengeItCannotAnswerSaysWhy) {
    const char* sha[] = {"realm=\"markaz\"", "nonce=\"n\"", "algorithm=SHA-256", nullptr};
    DigestCredentials who{"1001", "pw", "REGISTER", "sip:h", "c"};
    auto md5 = digest_authorization(sha, DigestAlgorithm::Md5, who);
    ASSERT_FALSE(md5);
    EXPECT_EQ(md5.error().message, "challenge: algorithm SHA-256, not MD5");

    const char* no_nonce[] = {"realm=\"markaz\"", nullptr};
    auto missing = digest_authorization(no_nonce, DigestAlgorithm::Md5, who);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message, "challenge: missing nonce");

    const char* auth_int[] = {"realm=\"markaz\"", "nonce=\"n\"", "qop=\"auth-int\"", nullptr};
    auto qop = digest_authorization(auth_int, DigestAlgorithm::Md5, who);
    ASSERT_FALSE(qop);
    EXPECT_EQ(qop.error().message, "challenge: qop auth-int is not supported");
}

}  // namespace
}  // namespace markaz::sip
