#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/child_process.h"

namespace markaz::integration {

/// How to run one SIPp scenario on 127.0.0.1.
struct SippOptions {
    std::filesystem::path scenario;  // -sf
    /// -key name value: [name] in the scenario.
    std::map<std::string, std::string> keys;
    /// -m: stop after this many calls (a REGISTER dialog counts as a call).
    int calls = 1;
    /// Appended as is, e.g. {"127.0.0.1:5060"} as the remote host of a UAC scenario.
    std::vector<std::string> extra_args;
    /// The SIP port (-p): a free one when none; a peer back on the port it had before.
    std::optional<std::uint16_t> port;
};

/// One SIPp process: listens for SIP on a free UDP port of 127.0.0.1 (media and control ports
/// free too), logs the messages it sends and receives in <dir>/messages.log, and runs in the
/// background until it has handled `calls` calls. The destructor kills it if it still runs.
/// Thread: the test thread only.
class SippProcess {
public:
    explicit SippProcess(SippOptions options);
    ~SippProcess();
    SippProcess(const SippProcess&) = delete;
    SippProcess& operator=(const SippProcess&) = delete;

    std::uint16_t sip_port() const { return sip_port_; }
    /// "127.0.0.1:<sip_port>"
    std::string address() const;
    const std::filesystem::path& dir() const { return dir_; }

    /// Waits for SIPp to finish; its exit status: 0 all calls passed, 1 some failed, 97/99
    /// stopped without (all) calls, 255/254 fatal error. nullopt if still running at `timeout`.
    [[nodiscard]] std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
    bool running() { return process_->running(); }
    /// The messages trace and SIPp's own output, for failure messages.
    std::string log_tail(std::size_t lines = 60) const;

private:
    std::filesystem::path dir_;
    std::uint16_t sip_port_ = 0;
    std::unique_ptr<ChildProcess> process_;
};

}  // namespace markaz::integration
