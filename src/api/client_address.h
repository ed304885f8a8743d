#pragma once

// Who a request comes from. Behind a reverse proxy every connection comes from the proxy, so
// the login limiter, the audit log and the connection caps would see one client; the proxy
// names the real client in X-Forwarded-For. That header is believed only from the proxies
// the configuration trusts: from anyone else it is the client's own claim, and a guesser would
// write a fresh address into it for every attempt.

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace markaz::api {

/// The reverse proxies the configuration trusts, as exact IP addresses, normalised once
/// when the server starts so that "::ffff:127.0.0.1" is 127.0.0.1. Entries that are no
/// address (the configuration loader refuses them) match nothing.
class TrustedProxies {
public:
    TrustedProxies() = default;
    TrustedProxies(const std::vector<std::string>& addresses);  // NOLINT: a list converts
    /// Whether `address` is one of them.
    bool contains(std::string_view address) const;

private:
    std::set<std::string> normalised_;
};

/// The client of a request that came from `peer` (the TCP connection's address) with the
/// X-Forwarded-For value `forwarded` (empty when absent). When `peer` is a trusted proxy, the
/// nearest address in the header that is not itself a trusted proxy; otherwise, and when the
/// header names nothing usable, `peer`.
std::string client_address(std::string_view peer, std::string_view forwarded,
                           const TrustedProxies& trusted_proxies);

/// Whether `text` is an IPv4 or IPv6 address.
bool is_ip_address(std::string_view text);

}  // namespace markaz::api
