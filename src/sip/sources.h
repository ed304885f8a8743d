#pragma once

// Internal to src/sip: where SIP messages come from, as the registrar's bans and the B2BUA's
// RTP learning (media::RtpLatch) need it. Thread: the SIP thread.

#include <string>

#include <sofia-sip/msg_addr.h>
#include <sofia-sip/nua.h>
#include <sofia-sip/su.h>

namespace markaz::sip {

/// "udp:127.0.0.1:5062": where the request being handled came from.
inline std::string source_of(nua_t* nua) {
    msg_t* msg = nua_current_request(nua);
    su_addrinfo_t* ai = msg ? msg_addrinfo(msg) : nullptr;
    if (!ai || !ai->ai_addr) {
        return "unknown";
    }
    auto* addr = reinterpret_cast<su_sockaddr_t*>(ai->ai_addr);
    char host[64] = "";
    su_inet_ntop(addr->su_family, SU_ADDR(addr), host, sizeof host);
    const char* transport = ai->ai_protocol == IPPROTO_TCP ? "tcp" : "udp";
    return std::string(transport) + ":" + host + ":" + std::to_string(ntohs(addr->su_port));
}

/// The address part of a source ("udp:10.0.0.9:5060" -> "10.0.0.9"): bans are per host.
inline std::string host_of(const std::string& source) {
    auto first = source.find(':');
    auto last = source.rfind(':');
    return first == last ? source : source.substr(first + 1, last - first - 1);
}

/// The host of a trunk's "host:port" target ("10.0.0.9:5060" -> "10.0.0.9").
inline std::string host_of_target(const std::string& target) {
    auto colon = target.rfind(':');
    return colon == std::string::npos ? target : target.substr(0, colon);
}

}  // namespace markaz::sip
