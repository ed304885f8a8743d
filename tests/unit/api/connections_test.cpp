// The HTTP server under attack through real sockets: a client holding connections open, a
// client trickling its request head, and X-Forwarded-For from strangers and from a trusted
// proxy.

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "api/connection_limits.h"
#include "support/tcp_client.h"
#include "unit/api/api_test_support.h"

namespace markaz::api::testing {
namespace {

using integration::TcpClient;

const std::string kHealth = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

/// Whether a request from `source` gets its answer.
bool answered(const char* source, unsigned short port) {
    TcpClient client(port, source);
    return client.send(kHealth) && client.read(3s).starts_with("HTTP/1.1 200");
}

TEST(ConnectionLimits, CountsPerAddressAndOverallAndGivesPlacesBack) {
    ConnectionLimits limits(
        ConnectionCaps{.total = 3, .per_address = 2, .exempt = TrustedProxies({"10.0.0.9"})});
    auto a1 = limits.admit("10.0.0.1");
    auto a2 = limits.admit("10.0.0.1");
    EXPECT_TRUE(a1 && a2);
    EXPECT_FALSE(limits.admit("10.0.0.1"));
    {
        auto b = limits.admit("10.0.0.2");
        EXPECT_TRUE(b);
        EXPECT_FALSE(limits.admit("10.0.0.3"));  // 3 open: the overall cap
        EXPECT_FALSE(limits.admit("10.0.0.9"));  // a proxy is held to the overall cap only
    }
    EXPECT_EQ(limits.open(), 2);
    a1.reset();
    EXPECT_TRUE(limits.admit("10.0.0.1"));
    ConnectionLimits proxied(
        ConnectionCaps{.total = 10, .per_address = 1, .exempt = TrustedProxies({"10.0.0.9"})});
    auto p1 = proxied.admit("10.0.0.9");
    auto p2 = proxied.admit("10.0.0.9");
    EXPECT_TRUE(p1 && p2);
}

TEST(HttpConnections, OneAddressHoldingItsCapOfIdleConnectionsKeepsNobodyElseOut) {
    ApiHarness api([](ApiOptions& o) { o.max_connections_per_address = 3; });
    std::vector<std::unique_ptr<TcpClient>> idle;
    for (int i = 0; i < 3; ++i) {
        idle.push_back(std::make_unique<TcpClient>(api.port()));
    }
    // The fourth from the same address is closed unanswered...
    TcpClient over(api.port(), "127.0.0.1");
    over.send(kHealth);
    bool closed = false;
    EXPECT_EQ(over.read(3s, closed), "");
    EXPECT_TRUE(closed);
    // ...while another address is served.
    EXPECT_TRUE(answered("127.0.0.2", api.port()));
    // A place given back is a place to use.
    idle.pop_back();
    bool back = false;
    for (int i = 0; i < 50 && !back; ++i) {
        back = answered("127.0.0.1", api.port());
        if (!back) {
            std::this_thread::sleep_for(20ms);
        }
    }
    EXPECT_TRUE(back);
    // At least the fourth was counted (a retry above may have come before the place was free).
    // The idle ones go first: the server gives a closed connection's place back a moment after
    // the client closes it, and the login and the read of /metrics need places too.
    idle.clear();
    Browser manager = api.browser("manager");
    const std::string metrics = manager.get("/metrics").body;
    const auto at = metrics.find("\nmarkaz_http_connections_refused_total ");
    ASSERT_NE(at, std::string::npos) << metrics;
    EXPECT_GE(std::stod(metrics.substr(at + 39)), 1.0) << metrics.substr(at, 60);
}

TEST(HttpConnections, AHeadTrickledInByteByByteIsCutOffAtTheHeaderTimeout) {
    ApiHarness api([](ApiOptions& o) { o.header_timeout = 500ms; });
    TcpClient slow(api.port(), "127.0.0.1");
    ASSERT_TRUE(slow.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "));
    const auto started = std::chrono::steady_clock::now();
    bool cut = false;
    // A byte every 100 ms would keep a per-read timeout happy for ever.
    while (!cut && std::chrono::steady_clock::now() - started < 10s) {
        cut = !slow.send("a");
        bool closed = false;
        slow.read(100ms, closed);
        cut = cut || closed;
    }
    EXPECT_TRUE(cut);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

/// Five wrong passwords for the manager, each request naming `forwarded` as its client.
void guess_wrong(unsigned short port, const std::string& forwarded) {
    for (int i = 0; i < 5; ++i) {
        http_send(port, "POST", "/api/v1/session",
                  Json{{"username", "manager"}, {"password", "wrong"}}.dump(),
                  {{"Content-Type", "application/json"}, {"X-Forwarded-For", forwarded}});
    }
}

Reply manager_logs_in(unsigned short port, const std::string& forwarded) {
    return http_send(port, "POST", "/api/v1/session",
                     Json{{"username", "manager"}, {"password", "demo-manager"}}.dump(),
                     {{"Content-Type", "application/json"}, {"X-Forwarded-For", forwarded}});
}

TEST(HttpConnections, BehindATrustedProxyAGuesserLocksOnlyItself) {
    ApiHarness api([](ApiOptions& o) { o.trusted_proxies = {"127.0.0.1"}; });
    guess_wrong(api.port(), "203.0.113.5");
    EXPECT_EQ(manager_logs_in(api.port(), "203.0.113.5").status, 429U);
    EXPECT_EQ(manager_logs_in(api.port(), "198.51.100.7").status, 200U);
}

TEST(HttpConnections, FromAnyoneElseXForwardedForIsIgnored) {
    // A guesser writing a fresh address into every request still counts as itself.
    ApiHarness api;
    for (int i = 0; i < 5; ++i) {
        guess_wrong(api.port(), "203.0.113." + std::to_string(i));
    }
    EXPECT_EQ(manager_logs_in(api.port(), "198.51.100.7").status, 429U);
}

}  // namespace
}  // namespace markaz::api::testing
