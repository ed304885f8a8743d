// RFC 4475 torture messages (tests/data/sip-torture, byte-exact) thrown at a running server
// over UDP and TCP: each gets an answer or a silent drop, and the server keeps serving. Under
// the sanitizer build this also proves no message makes Markaz touch memory it should not.

#include <arpa/inet.h>
#include <fstream>
#include <iterator>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "support/markaz_server.h"
#include "support/sipsak.h"

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

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return addr;
}

/// Sends `bytes` as one datagram and returns the first reply within 300 ms ("" if none:
/// many torture messages name other hosts in Via, where replies go).
std::string send_udp(std::uint16_t port, const std::string& bytes) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    timeval timeout{0, 300'000};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in to = loopback(port);
    sendto(s, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    std::string reply(65536, '\0');
    ssize_t n = recv(s, reply.data(), reply.size(), 0);
    close(s);
    reply.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return reply;
}

/// Writes `bytes` on a fresh TCP connection and closes it.
void send_tcp(std::uint16_t port, const std::string& bytes) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in to = loopback(port);
    if (connect(s, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0) {
        (void)!write(s, bytes.data(), bytes.size());
        std::this_thread::sleep_for(20ms);
    }
    close(s);
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
        std::string reply = send_udp(server.port(), bytes);
        if (std::find(kInvalid.begin(), kInvalid.end(), name) != kInvalid.end()) {
            EXPECT_EQ(reply.rfind("SIP/2.0 2", 0), std::string::npos) << reply;
        }
        send_tcp(server.port(), bytes);
        ASSERT_TRUE(server.running()) << server.log_tail();
    }
    EXPECT_TRUE(answers_options(server)) << server.log_tail();
}

}  // namespace
}  // namespace markaz::integration
