#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "common/time.h"
#include "sip/ban_list.h"
#include "sip/digest.h"
#include "sip/location_service.h"

namespace markaz::sip {

/// A phone that registers to Markaz: the extension number and its digest password.
struct Extension {
    std::string number;  ///< "1001"; also the digest user name
    std::string password;
};

/// A peer exchanging calls with Markaz without registering: a carrier, a PBX, a gateway.
struct Trunk {
    std::string name;
    /// Inbound: INVITEs from these sources ("10.0.0.5", or "10.0.0.5:5060" for one port)
    /// are accepted without digest authentication.
    std::vector<std::string> allow;
    /// Inbound number mapping: drop this many leading digits, then put `add_prefix` in front
    /// (a carrier's "+982112345678" becomes "12345678" with strip 5).
    int strip = 0;
    std::string add_prefix;
    /// Outbound: numbers starting with `dial_prefix` go to `target` (host:port), the prefix
    /// removed ("9" + 0912... dials 0912... through the trunk). Empty target: inbound only.
    std::string dial_prefix;
    std::string target;
    std::string username;  ///< credentials the trunk may challenge for; empty = none
    std::string password;
};

/// Everything the SIP layer is configured with (the `sip:` section of the server config).
struct SipSettings {
    std::string address = "127.0.0.1";  ///< where to listen, UDP and TCP
    int port = 5060;
    std::string realm = "markaz";  ///< the digest realm phones show
    Duration nonce_lifetime = std::chrono::minutes{5};
    /// Challenges offered, most preferred first (RFC 8760). Many phones and tools read only
    /// the first WWW-Authenticate header, so a centre with such phones lists MD5 first.
    std::vector<DigestAlgorithm> digest_algorithms{DigestAlgorithm::Sha256, DigestAlgorithm::Md5};
    std::map<std::string, Extension> extensions;  ///< by number
    std::string echo_number = "600";              ///< the echo test: your own voice back
    std::string recordings_dir = "recordings";    ///< bridged calls are recorded here; "" = off
    /// The file of the key that seals recordings (encryption at rest); "" = plain WAV files.
    std::string recordings_key;
    std::string loop_number = "601";  ///< the prompt test: `loop_prompt` played in a loop
    std::string loop_prompt;          ///< a sound file; "" = no prompt test
    std::string music_on_hold;        ///< a sound file the held party hears; "" = silence
    /// Caller and agent hear a short beep when a supervisor barges in (some countries require
    /// that a third party joining is announced).
    bool barge_beep = false;
    std::vector<Trunk> trunks;
    LocationService::Settings registrations;
    BanList::Settings bans;
    /// SIP over TCP: a connection that stops for `tcp_message_timeout` in the middle of a
    /// message is closed, and so is one that carries nothing for `tcp_idle` after its last
    /// message. The idle time is longer than the longest registration, so a phone on TCP
    /// behind NAT keeps the connection its calls come in on.
    Duration tcp_message_timeout = std::chrono::seconds{30};
    Duration tcp_idle = std::chrono::minutes{65};
    /// OPTIONS pings to each trunk with a `target` (sip/trunk_probes.h): one every `interval`
    /// (0, the default: none, as with Asterisk's qualify and FreeSWITCH's gateway ping, since
    /// not every carrier welcomes them), a ping unanswered by the next counts as failed, and
    /// `failures` in a row make the trunk unreachable.
    struct TrunkPing {
        Duration interval{};
        int failures = 2;
    } trunk_ping;
};

/// The largest SIP message Markaz reads, on UDP or TCP: a request with a bigger body is
/// refused before it is kept in memory.
inline constexpr std::size_t kMaxSipMessageBytes = 64 * 1024;

}  // namespace markaz::sip
