// Who a request comes from: X-Forwarded-For is believed only from a trusted proxy.

#include "api/client_address.h"

#include <gtest/gtest.h>

namespace markaz::api {
namespace {

const std::vector<std::string> kProxies{"10.0.0.1", "10.0.0.2"};

TEST(ClientAddress, WithoutATrustedProxyTheHeaderIsTheClientsOwnClaimAndIgnored) {
    EXPECT_EQ(client_address("203.0.113.9", "198.51.100.1", kProxies), "203.0.113.9");
    EXPECT_EQ(client_address("203.0.113.9", "198.51.100.1", {}), "203.0.113.9");
}

TEST(ClientAddress, FromATrustedProxyTheNearestUntrustedHopIsTheClient) {
    EXPECT_EQ(client_address("10.0.0.1", "198.51.100.1", kProxies), "198.51.100.1");
    // The client wrote its own header, which the proxy extended: only the proxy's hop counts.
    EXPECT_EQ(client_address("10.0.0.1", "1.2.3.4, 198.51.100.1", kProxies), "198.51.100.1");
    // Two of our proxies in a row.
    EXPECT_EQ(client_address("10.0.0.1", "1.2.3.4, 198.51.100.1,10.0.0.2", kProxies),
              "198.51.100.1");
    EXPECT_EQ(client_address("10.0.0.1", " 2001:db8::7 ", kProxies), "2001:db8::7");
}

TEST(ClientAddress, AHopThatIsNoAddressLeavesTheProxyAsTheClient) {
    EXPECT_EQ(client_address("10.0.0.1", "1.2.3.4, unknown", kProxies), "10.0.0.1");
    EXPECT_EQ(client_address("10.0.0.1", "1.2.3.4,", kProxies), "10.0.0.1");
    EXPECT_EQ(client_address("10.0.0.1", "10.0.0.2", kProxies), "10.0.0.1");
}

TEST(ClientAddress, MappedAddressesAreTheirIpv4) {
    EXPECT_TRUE(TrustedProxies(kProxies).contains("::ffff:10.0.0.1"));
    EXPECT_EQ(client_address("::ffff:10.0.0.1", "::ffff:198.51.100.1", kProxies), "198.51.100.1");
    EXPECT_FALSE(TrustedProxies(kProxies).contains("10.0.0.3"));
    EXPECT_FALSE(TrustedProxies({"not an address"}).contains("not an address"));
}

}  // namespace
}  // namespace markaz::api
