#include "api/client_address.h"

#include <boost/asio/ip/address.hpp>

namespace markaz::api {
namespace {

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

/// The address in canonical text, IPv4-mapped IPv6 as IPv4; empty when `text` is none.
std::string normalised(std::string_view text) {
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(std::string(text), ec);
    if (ec) {
        return {};
    }
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6())
            .to_string();
    }
    return address.to_string();
}

}  // namespace

bool is_ip_address(std::string_view text) {
    return !normalised(text).empty();
}

TrustedProxies::TrustedProxies(const std::vector<std::string>& addresses) {
    for (const auto& address : addresses) {
        if (std::string ip = normalised(address); !ip.empty()) {
            normalised_.insert(std::move(ip));
        }
    }
}

bool TrustedProxies::contains(std::string_view address) const {
    return !normalised_.empty() && normalised_.contains(normalised(address));
}

std::string client_address(std::string_view peer, std::string_view forwarded,
                           const TrustedProxies& trusted_proxies) {
    const std::string direct = normalised(peer).empty() ? std::string(peer) : normalised(peer);
    if (forwarded.empty() || !trusted_proxies.contains(direct)) {
        return direct;
    }
    // Each proxy appends the address it got the request from: read from the right, past our
    // own proxies, to the first hop nobody we trust vouches for.
    while (!forwarded.empty()) {
        const auto comma = forwarded.rfind(',');
        const std::string_view hop =
            trimmed(comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1));
        forwarded =
            comma == std::string_view::npos ? std::string_view{} : forwarded.substr(0, comma);
        const std::string ip = normalised(hop);
        if (ip.empty()) {
            return direct;  // a hop that is no address: nothing left of it can be believed
        }
        if (!trusted_proxies.contains(ip)) {
            return ip;
        }
    }
    return direct;
}

}  // namespace markaz::api
