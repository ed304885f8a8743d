#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace markaz::integration {

/// What one sipsak run gave.
struct SipsakResult {
    /// sipsak(1): 0 a 200 was received; 1 another final reply (not 1xx/2xx); 2 local error
    /// (bad option, unresolvable name); 3 remote error or no answer (timeout). -1: sipsak was
    /// killed after the harness timeout.
    int exit_code = -1;
    /// The status of the last final reply printed ("SIP/2.0 404 ..." gives 404), if any.
    std::optional<int> final_status;
    /// Everything sipsak printed (it runs with -vvv, so every message sent and received is in it).
    std::string output;
    std::string command_line;
};

/// Runs `sipsak -vvv <args>` once and waits up to `timeout` (then kills it).
/// Example: run_sipsak({"-s", "sip:1001@127.0.0.1", "-r", "5070"}) sends one OPTIONS.
/// sipsak 0.9.8.1 mangles a port given inside -s; pass it with -r (the helpers below do).
[[nodiscard]] SipsakResult run_sipsak(const std::vector<std::string>& args,
                                      std::chrono::seconds timeout = std::chrono::seconds{20});

/// One OPTIONS request to `uri` (sip:user@127.0.0.1:port), from 127.0.0.1.
[[nodiscard]] SipsakResult sipsak_options(const std::string& uri);

/// One REGISTER (usrloc mode) of `aor` (sip:1001@127.0.0.1:5060), answering a 401/407 with
/// `password`; `contact` defaults to none (sipsak then queries the bindings). `expires` 0
/// removes the binding.
[[nodiscard]] SipsakResult sipsak_register(const std::string& aor, const std::string& password,
                                           const std::string& contact = {}, int expires = 60);

}  // namespace markaz::integration
