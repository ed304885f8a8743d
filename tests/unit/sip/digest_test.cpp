#include "sip/digest.h"

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
    std::string nonce = issuer.issue(t0);
    EXPECT_TRUE(issuer.check(nonce, t0 + 10s, 5min));
    EXPECT_EQ(issuer.check(nonce, t0 + 6min, 5min).error().code, Errc::Conflict);
    EXPECT_FALSE(NonceIssuer{"other"}.check(nonce, t0, 5min));
    std::string tampered = nonce;
    tampered[0] = tampered[0] == '1' ? '2' : '1';
    EXPECT_FALSE(issuer.check(tampered, t0, 5min));
    EXPECT_FALSE(issuer.check("garbage", t0, 5min));
}

TEST(Challenge, HeaderValue) {
    EXPECT_EQ(digest_challenge(DigestAlgorithm::Sha256, "markaz", "n1", false),
              "Digest realm=\"markaz\", nonce=\"n1\", algorithm=SHA-256, qop=\"auth\"");
    EXPECT_EQ(digest_challenge(DigestAlgorithm::Md5, "markaz", "n1", true),
              "Digest realm=\"markaz\", nonce=\"n1\", algorithm=MD5, qop=\"auth\", stale=true");
}

}  // namespace
}  // namespace markaz::sip
