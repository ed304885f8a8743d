#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace markaz::sip {

/// Where an extension can be reached: the registrar's bindings (RFC 3261 §10.3). Several
/// contacts per extension (a desk phone and a softphone ring together), each with its own
/// expiry. Time comes in as a parameter. Thread: the SIP thread only.
class LocationService {
public:
    struct Binding {
        std::string contact;  ///< the Contact URI, as the phone sent it
        SteadyTime expires{};
        std::string call_id;  ///< the registering dialog's Call-ID
        std::uint32_t cseq = 0;
        std::string source;  ///< "udp:127.0.0.1:5062", where the REGISTER came from
    };
    struct Settings {
        Duration min_expires = std::chrono::seconds{60};
        Duration max_expires = std::chrono::hours{1};
        std::size_t max_contacts = 5;  ///< per extension; the oldest binding makes room
    };

    explicit LocationService(Settings settings) : settings_(settings) {}

    /// The expiry to grant for a requested one (clamped to [min, max]; 0 stays 0 = remove).
    /// A request below the minimum other than 0 is refused with 423 Interval Too Brief.
    Result<Duration> grant(Duration requested) const;

    /// Adds or refreshes `contact` for `extension`; `expires` 0 removes it. A REGISTER whose
    /// Call-ID matches a binding but whose CSeq is not higher is out of order (RFC 3261
    /// §10.3 step 7) and fails with Conflict.
    Result<void> bind(const std::string& extension, Binding binding, Duration expires,
                      SteadyTime now);
    /// `Contact: *` with Expires 0: removes every binding of `extension`.
    void unbind_all(const std::string& extension);

    /// Live bindings of `extension` at `now`.
    std::vector<Binding> lookup(const std::string& extension, SteadyTime now) const;
    /// Extensions with at least one live binding.
    std::vector<std::string> registered(SteadyTime now) const;
    /// Drops expired bindings.
    void expire(SteadyTime now);

    const Settings& settings() const { return settings_; }

private:
    Settings settings_;
    std::map<std::string, std::vector<Binding>> bindings_;
};

}  // namespace markaz::sip
