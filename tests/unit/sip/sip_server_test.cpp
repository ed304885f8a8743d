// The SIP server on a real socket, driven by real clients: sipsak for registrations and
// OPTIONS, and raw datagrams for garbage and for a SHA-256 digest (sipsak speaks only MD5).

#include "sip/sip_server.h"

#include <algorithm>
#include <arpa/inet.h>
#include <mutex>
#include <netinet/in.h>
#include <regex>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "support/ports.h"
#include "support/sipsak.h"
#include "support/udp_exchange.h"

namespace markaz::sip {
namespace {

using namespace std::chrono_literals;

/// The status codes of every response in sipsak's verbose output, in order.
std::vector<int> statuses(const std::string& output) {
    std::vector<int> out;
    // Responses as sipsak prints them start a line; its summary lines are indented.
    std::regex status_line{R"(\nSIP/2\.0 (\d{3}) )"};
    std::string text = "\n" + output;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), status_line);
         it != std::sregex_iterator(); ++it) {
        out.push_back(std::stoi((*it)[1]));
    }
    return out;
}

class SipServerTest : public ::testing::Test {
protected:
    void start(SipSettings settings = {}) {
        port_ = integration::free_sip_port();
        ASSERT_NE(port_, 0);
        settings.port = port_;
        settings.digest_algorithms = algorithms_;
        for (std::string n : {"1001", "1002"}) {
            settings.extensions[n] = Extension{n, "secret" + n};
        }
        auto server = SipServer::start(settings, [this](const SipNotice& n) {
            std::lock_guard lock{mutex_};
            notices_.push_back(n);
        });
        ASSERT_TRUE(server) << server.error().message;
        server_ = std::move(*server);
    }

    /// One REGISTER by sipsak (usrloc mode) with its own contact, answering the challenge.
    integration::SipsakResult register_with(const std::string& user, const std::string& password,
                                            int expires = 120) {
        return integration::run_sipsak({"-U", "-s", "sip:" + user + "@127.0.0.1", "-r",
                                        std::to_string(port_), "-u", user, "-a", password, "-x",
                                        std::to_string(expires)});
    }
    integration::SipsakResult options(std::chrono::seconds timeout = std::chrono::seconds{20}) {
        return integration::run_sipsak({"-s", "sip:ping@127.0.0.1", "-r", std::to_string(port_)},
                                       timeout);
    }

    // The server goes first: its thread may still report while the fixture is torn down.
    void TearDown() override { server_.reset(); }

    std::vector<SipNotice> notices() {
        std::lock_guard lock{mutex_};
        return notices_;
    }

    int port_ = 0;
    std::vector<DigestAlgorithm> algorithms_{DigestAlgorithm::Md5, DigestAlgorithm::Sha256};
    std::unique_ptr<SipServer> server_;
    std::mutex mutex_;
    std::vector<SipNotice> notices_;
};

TEST_F(SipServerTest, AnswersOptions) {
    start();
    integration::SipsakResult r = options();
    EXPECT_EQ(statuses(r.output), std::vector<int>{200}) << r.output;
}

TEST_F(SipServerTest, RegistersWithMd5AfterAChallenge) {
    start();
    integration::SipsakResult r = register_with("1001", "secret1001");
    auto codes = statuses(r.output);
    std::sort(codes.begin(), codes.end());
    EXPECT_EQ(codes, (std::vector<int>{200, 401})) << r.output;
    EXPECT_NE(r.output.find(";expires=120"), std::string::npos) << r.output;
    EXPECT_EQ(server_->registered_extensions(), std::vector<std::string>{"1001"});
    auto n = notices();
    ASSERT_FALSE(n.empty());
    EXPECT_EQ(n.back().kind, SipNotice::Kind::Registered);
    EXPECT_EQ(n.back().extension, "1001");
}

TEST_F(SipServerTest, WrongPasswordAndUnknownExtensionGetTheSameAnswers) {
    start();
    auto wrong = statuses(register_with("1001", "not-the-password").output);
    auto unknown = statuses(register_with("7777", "whatever1").output);
    // sipsak prints the final answer first: compare the answers, not their order.
    std::sort(wrong.begin(), wrong.end());
    std::sort(unknown.begin(), unknown.end());
    EXPECT_EQ(wrong, (std::vector<int>{401, 403}));
    EXPECT_EQ(unknown, wrong);
    EXPECT_TRUE(server_->registered_extensions().empty());
}

TEST_F(SipServerTest, TooBriefAnExpiryGets423) {
    start();
    auto codes = statuses(register_with("1001", "secret1001", 10).output);
    std::sort(codes.begin(), codes.end());
    EXPECT_EQ(codes, (std::vector<int>{401, 423}));
    EXPECT_TRUE(server_->registered_extensions().empty());
}

TEST_F(SipServerTest, RepeatedFailuresBanTheAddressAndItsRequestsGoUnanswered) {
    SipSettings settings;
    settings.bans = {.max_failures = 3, .window = 1min, .ban_time = 10min};
    start(settings);
    for (int i = 0; i < 3; ++i) {
        register_with("1002", "guess" + std::to_string(i));
    }
    auto bans = server_->bans();
    ASSERT_EQ(bans.size(), 1u);
    EXPECT_EQ(bans[0].address, "127.0.0.1");
    // Even the right password and a plain OPTIONS now get no answer at all.
    integration::SipsakResult after = options(std::chrono::seconds{2});
    EXPECT_TRUE(statuses(after.output).empty()) << after.output;
    auto n = notices();
    EXPECT_EQ(n.back().kind, SipNotice::Kind::Banned);
    // The ban shows in the counters monitoring reads.
    SipStats stats = server_->stats();
    EXPECT_EQ(stats.auth_failures, 3u);
    EXPECT_EQ(stats.bans, 1u);
    EXPECT_EQ(stats.banned_now, 1u);
    EXPECT_GE(stats.requests_dropped, 1u) << "the OPTIONS after the ban";
    EXPECT_EQ(stats.registered_extensions, 0u);
}

std::string register_request(int port, int cseq, const std::string& authorization) {
    std::string target = "127.0.0.1:" + std::to_string(port);
    return "REGISTER sip:" + target + " SIP/2.0\r\n" +
           "Via: SIP/2.0/UDP 127.0.0.1:9;rport;branch=z9hG4bK-test-" + std::to_string(cseq) +
           "\r\n" +
           "Max-Forwards: 70\r\n"
           "From: <sip:1001@" +
           target + ">;tag=t1\r\n" + "To: <sip:1001@" + target + ">\r\n" +
           "Call-ID: sha256-test@127.0.0.1\r\n"
           "CSeq: " +
           std::to_string(cseq) + " REGISTER\r\n" +
           "Contact: <sip:1001@127.0.0.1:9>\r\n"
           "Expires: 300\r\n" +
           authorization + "Content-Length: 0\r\n\r\n";
}

TEST_F(SipServerTest, RegistersWithSha256WhenTheClientAnswersThatChallenge) {
    algorithms_ = {DigestAlgorithm::Sha256};
    start();
    std::string challenge = integration::udp_exchange(static_cast<std::uint16_t>(port_),
                                                      register_request(port_, 1, ""));
    ASSERT_NE(challenge.find("SIP/2.0 401"), std::string::npos) << challenge;
    std::smatch nonce;
    ASSERT_TRUE(std::regex_search(challenge, nonce, std::regex{R"re(nonce="([^"]+)")re"}));
    EXPECT_NE(challenge.find("algorithm=SHA-256"), std::string::npos);
    EXPECT_EQ(challenge.find("algorithm=MD5"), std::string::npos) << "only what is configured";

    DigestResponse r{"1001",   "markaz",  nonce[1], "sip:127.0.0.1:" + std::to_string(port_),
                     "",       "SHA-256", "auth",   "00000001",
                     "c0ffee", ""};
    r.response = *expected_digest(r, "secret1001", "REGISTER");
    std::string header = "Authorization: Digest username=\"1001\", realm=\"markaz\", nonce=\"" +
                         r.nonce + "\", uri=\"" + r.uri + "\", response=\"" + r.response +
                         "\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"c0ffee\"\r\n";
    std::string ok = integration::udp_exchange(static_cast<std::uint16_t>(port_),
                                               register_request(port_, 2, header));
    EXPECT_NE(ok.find("SIP/2.0 200"), std::string::npos) << ok;
    EXPECT_EQ(server_->registered_extensions(), std::vector<std::string>{"1001"});

    // An MD5 answer to a server that offers only SHA-256 is a downgrade: refused.
    r.algorithm = "MD5";
    r.response = *expected_digest(r, "secret1001", "REGISTER");
    std::string md5 = "Authorization: Digest username=\"1001\", realm=\"markaz\", nonce=\"" +
                      r.nonce + "\", uri=\"" + r.uri + "\", response=\"" + r.response +
                      "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"c0ffee\"\r\n";
    EXPECT_NE(integration::udp_exchange(static_cast<std::uint16_t>(port_),
                                        register_request(port_, 3, md5))
                  .find("SIP/2.0 403"),
              std::string::npos);
}

/// One datagram from `source` (a loopback address such as 127.0.0.2) to the server, and the
/// first answer within 2 s ("" if none).
std::string exchange_from(const char* source, int port, const std::string& bytes) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    inet_pton(AF_INET, source, &from.sin_addr);
    bind(s, reinterpret_cast<sockaddr*>(&from), sizeof from);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sendto(s, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    timeval wait{2, 0};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    char buffer[4096];
    ssize_t got = recv(s, buffer, sizeof buffer, 0);
    close(s);
    return got > 0 ? std::string(buffer, static_cast<std::size_t>(got)) : std::string{};
}

/// The Authorization header answering `nonce` for 1001 with `password`, uri and count given.
std::string authorization(const std::string& nonce, const std::string& uri,
                          const std::string& password, const std::string& nc) {
    DigestResponse r{"1001", "markaz", nonce, uri, "", "SHA-256", "auth", nc, "c0ffee", ""};
    r.response = *expected_digest(r, password, "REGISTER");
    return "Authorization: Digest username=\"1001\", realm=\"markaz\", nonce=\"" + nonce +
           "\", uri=\"" + uri + "\", response=\"" + r.response +
           "\", algorithm=SHA-256, qop=auth, nc=" + nc + ", cnonce=\"c0ffee\"\r\n";
}

std::string nonce_of(const std::string& challenge) {
    std::smatch nonce;
    return std::regex_search(challenge, nonce, std::regex{R"re(nonce="([^"]+)")re"})
               ? nonce[1].str()
               : "";
}

TEST_F(SipServerTest, ACapturedAuthorizationSentAgainIsNotAccepted) {
    // RFC 7616 §3.4.5: the count must rise for each use of a nonce, so an eavesdropper's copy
    // of a REGISTER (sent again from elsewhere, to take over the extension's calls) fails.
    algorithms_ = {DigestAlgorithm::Sha256};
    start();
    const auto port = static_cast<std::uint16_t>(port_);
    std::string nonce = nonce_of(integration::udp_exchange(port, register_request(port_, 1, "")));
    ASSERT_FALSE(nonce.empty());
    const std::string uri = "sip:127.0.0.1:" + std::to_string(port_);
    std::string header = authorization(nonce, uri, "secret1001", "00000001");
    ASSERT_NE(
        integration::udp_exchange(port, register_request(port_, 2, header)).find("SIP/2.0 200"),
        std::string::npos);
    std::string replay = integration::udp_exchange(port, register_request(port_, 3, header));
    EXPECT_NE(replay.find("SIP/2.0 401"), std::string::npos) << replay;
    EXPECT_NE(replay.find("stale=true"), std::string::npos) << replay;
    // The phone's own next request, with the next count, is fine.
    std::string next = authorization(nonce, uri, "secret1001", "00000002");
    EXPECT_NE(integration::udp_exchange(port, register_request(port_, 4, next)).find("SIP/2.0 200"),
              std::string::npos);
    // An answer computed for another URI does not authorise this request.
    std::string elsewhere = authorization(nonce, "sip:evil.example", "secret1001", "00000003");
    EXPECT_NE(
        integration::udp_exchange(port, register_request(port_, 5, elsewhere)).find("SIP/2.0 403"),
        std::string::npos);
}

TEST_F(SipServerTest, AnswersToAnotherAddresssNonceAreNotCountedAgainstTheSource) {
    // A spoofer at 127.0.0.2 gets its own nonce, then sends wrong answers as 127.0.0.3 (the
    // address it wants banned): they are challenged again and never counted.
    algorithms_ = {DigestAlgorithm::Sha256};
    SipSettings settings;
    settings.bans = {.max_failures = 2, .window = 1min, .ban_time = 10min};
    start(settings);
    std::string nonce = nonce_of(exchange_from("127.0.0.2", port_, register_request(port_, 1, "")));
    ASSERT_FALSE(nonce.empty());
    const std::string uri = "sip:127.0.0.1:" + std::to_string(port_);
    for (int i = 0; i < 4; ++i) {
        std::string wrong = authorization(nonce, uri, "guess", "0000000" + std::to_string(i + 1));
        std::string answer =
            exchange_from("127.0.0.3", port_, register_request(port_, 2 + i, wrong));
        EXPECT_NE(answer.find("SIP/2.0 401"), std::string::npos) << answer;
    }
    EXPECT_TRUE(server_->bans().empty());
    EXPECT_EQ(server_->stats().auth_failures, 0u);
}

TEST_F(SipServerTest, ATrunksAddressIsNeverBanned) {
    SipSettings settings;
    settings.bans = {.max_failures = 2, .window = 1min, .ban_time = 10min};
    settings.trunks.push_back(Trunk{"carrier", {"127.0.0.1"}});
    start(settings);
    for (int i = 0; i < 4; ++i) {
        register_with("1002", "guess" + std::to_string(i));
    }
    EXPECT_TRUE(server_->bans().empty());
    EXPECT_EQ(server_->stats().auth_failures, 4u) << "refused, counted, not banned";
    EXPECT_EQ(statuses(options().output), std::vector<int>{200});
}

TEST_F(SipServerTest, GarbageDatagramsChangeNothing) {
    start();
    for (const char* garbage : {"", "\x01\x02\x03", "REGISTER\r\n\r\n", "SIP/2.0 200 OK\r\n",
                                "INVITE sip:x SIP/2.0\r\nContent-Length: 99999\r\n\r\n"}) {
        integration::udp_exchange(static_cast<std::uint16_t>(port_), garbage,
                                  300ms);  // answered with 400 or dropped; either is fine
    }
    integration::SipsakResult r = options();
    EXPECT_EQ(statuses(r.output), std::vector<int>{200}) << r.output;
}

TEST(SipServer, APortInUseIsAClearError) {
    int port = integration::free_sip_port();
    SipSettings settings;
    settings.port = port;
    auto first = SipServer::start(settings, nullptr);
    ASSERT_TRUE(first) << first.error().message;
    auto second = SipServer::start(settings, nullptr);
    ASSERT_FALSE(second);
    EXPECT_NE(second.error().message.find(std::to_string(port)), std::string::npos)
        << second.error().message;
}

}  // namespace
}  // namespace markaz::sip
