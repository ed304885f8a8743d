#pragma once

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
    std::string loop_number = "601";  ///< the prompt test: `loop_prompt` played in a loop
    std::string loop_prompt;          ///< a sound file; "" = no prompt test
    std::string music_on_hold;        ///< a sound file the held party hears; "" = silence
    LocationService::Settings registrations;
    BanList::Settings bans;
};

}  // namespace markaz::sip
