// RFC 4475 torture messages (tests/data/sip-torture, byte-exact) thrown at a running server
// over UDP and TCP: each gets an answer or a silent drop, and the server keeps serving. Under
// the sanitizer build this also proves no message makes Markaz touch memory it should not.

#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "support/markaz_server.h"
#include "support/sipsak.h"
#include "support/tcp_client.h"
#include "support/udp_exchange.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;

std::vector<std::pair<std::string, std::string>> torture_messages() {
    std::vector<std::pair<std::string, std::string>> out;
    std::filesystem::path dir =
        std::filesystem::path(MARKAZ_INTEGRATION_DIR) / ".." / "data" / "sip-torture" / "rfc4475";
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::ifstream in{entry.path(), std::ios::binary};
        out.emplace_back(entry.path().filename().string(),
                         std::string(std::istreambuf_iterator<char>(in), {}));
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool answers_options(const MarkazServer& server) {
    SipsakResult r = sipsak_options("sip:ping@" + server.registrar());
    return r.final_status == 200;
}

// RFC 4475 §3.1.2: syntactically invalid requests; a success answer to any is wrong.
const std::vector<std::string> kInvalid{
    "badinv01.dat",   "clerr.dat",     "ncl.dat",      "scalar02.dat", "quotbal.dat",
    "ltgtruri.dat",   "lwsruri.dat",   "lwsstart.dat", "trws.dat",     "escruri.dat",
    "baddate.dat",    "regbadct.dat",  "badaspec.dat", "baddn.dat",    "badvers.dat",
    "mismatch01.dat", "mismatch02.dat"};

TEST(SipTorture, EveryRfc4475MessageIsAnsweredOrDroppedAndTheServerKeepsServing) {
    MarkazServer server;
    auto messages = torture_messages();
    ASSERT_EQ(messages.size(), 50u);
    for (const auto& [name, bytes] : messages) {
        SCOPED_TRACE(name);
        std::string reply = udp_exchange(server.port(), bytes, std::chrono::milliseconds{300});
        if (std::find(kInvalid.begin(), kInvalid.end(), name) != kInvalid.end()) {
            EXPECT_EQ(reply.rfind("SIP/2.0 2", 0), std::string::npos) << reply;
        }
        tcp_send(server.port(), bytes);
        ASSERT_TRUE(server.running()) << server.log_tail();
    }
    EXPECT_TRUE(answers_options(server)) << server.log_tail();
}

std::string options_over_tcp(const MarkazServer& server, const std::string& body) {
    const std::string target = "sip:ping@" + server.registrar();
    return "OPTIONS " + target +
           " SIP/2.0\r\n"
           "Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-big-1\r\n"
           "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\nTo: <" +
           target +
           ">\r\nCall-ID: big-1@127.0.0.1\r\nCSeq: 1 OPTIONS\r\n"
           "Content-Type: text/plain\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST(SipTorture, AMessageOverSixtyFourKibIsNotReadAndTheServerKeepsServing) {
    MarkazServer server;
    // The same request with a small body is answered: the refusal is about the size alone.
    TcpClient small(server.port());
    ASSERT_TRUE(small.send(options_over_tcp(server, std::string(1000, 'a'))));
    bool closed = false;
    EXPECT_EQ(small.read(2s, closed).rfind("SIP/2.0 200", 0), 0u);

    TcpClient big(server.port());
    big.send(options_over_tcp(server, std::string(200 * 1024, 'a')));
    const std::string reply = big.read(3s, closed);
    EXPECT_EQ(reply.rfind("SIP/2.0 200", 0), std::string::npos) << reply.substr(0, 200);
    EXPECT_TRUE(answers_options(server)) << server.log_tail();
}

TEST(SipTorture, ATcpClientThatStallsInAMessageOrFallsSilentIsCutOff) {
    MarkazServer server("", "  tcp: {message_timeout: 1s, idle: 2s}\n");
    // Half a request, then nothing: the connection goes after the message timeout.
    TcpClient stalled(server.port());
    ASSERT_TRUE(stalled.send("OPTIONS sip:ping@" + server.registrar() + " SIP/2.0\r\nVia: "));
    const auto started = std::chrono::steady_clock::now();
    bool closed = false;
    stalled.read(10s, closed);
    EXPECT_TRUE(closed);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);

    // A whole request is answered; then silence: the connection goes after the idle time.
    TcpClient quiet(server.port());
    ASSERT_TRUE(quiet.send(options_over_tcp(server, "")));
    EXPECT_EQ(quiet.read(2s, closed).rfind("SIP/2.0 200", 0), 0u);
    if (!closed) {
        quiet.read(10s, closed);
    }
    EXPECT_TRUE(closed);
    EXPECT_TRUE(answers_options(server)) << server.log_tail();
}

}  // namespace
}  // namespace markaz::integration
