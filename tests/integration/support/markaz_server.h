#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.h"

namespace markaz::integration {

/// `markaz serve` (the binary under test, $MARKAZ_BINARY) on a free SIP port with a test
/// configuration: extensions 1001-1003 (password "secret" + number), MD5 challenges,
/// recordings and logs in its own temp dir, RTP on 40000-40999 (apart from the phones').
/// The constructor waits until the server has started (SIP bound, the start line printed); the
/// destructor stops the server (SIGTERM).
class MarkazServer {
public:
    /// `extra_yaml` is appended to the configuration (more top-level sections);
    /// `extra_sip` goes inside the `sip:` section (indented two spaces, one key per line).
    explicit MarkazServer(const std::string& extra_yaml = "", const std::string& extra_sip = "");
    /// The same with other challenges (`digest_algorithms`, e.g. "[SHA-256, MD5]") and
    /// extensions first..last instead of 1001-1003.
    struct Options {
        std::string extra_yaml;
        std::string extra_sip;
        std::string digest_algorithms = "[MD5]";
        int first_extension = 1001;
        int last_extension = 1003;
        /// More arguments of `markaz serve` ("--log-level", "debug").
        std::vector<std::string> serve_args;
    };
    explicit MarkazServer(const Options& options);
    ~MarkazServer();
    MarkazServer(const MarkazServer&) = delete;
    MarkazServer& operator=(const MarkazServer&) = delete;

    std::uint16_t port() const { return port_; }
    /// "127.0.0.1:PORT"
    std::string registrar() const;
    /// "sip:NUMBER@127.0.0.1:PORT"
    std::string uri(const std::string& number) const;
    std::vector<std::filesystem::path> recordings() const;
    /// The prompts scripts/setup synthesized (music on hold, the demo's IVR texts), which
    /// every test server uses: $MARKAZ_PROMPTS, else the source tree's prompts/.
    static std::filesystem::path prompts_dir();
    /// Kills the server with SIGKILL (nothing of it runs after), as a crash would.
    void kill_hard();
    /// Starts the server again on the same configuration, store and port (after kill_hard);
    /// its log goes to markaz-<n>.log.
    void restart();
    /// `markaz export <what> --store <the server's store>`: CSV or queue_log text.
    std::string export_text(const std::string& what) const;
    /// Waits until the server's logs (every start) contain `text` at least `count` times;
    /// false after `timeout`.
    bool wait_for_log(const std::string& text,
                      std::chrono::milliseconds timeout = std::chrono::seconds{10},
                      int count = 1) const;
    std::string log_text() const;
    bool running() { return process_->running(); }
    std::string log_tail(std::size_t lines = 40) const { return process_->log_tail(lines); }
    const std::filesystem::path& dir() const { return dir_; }

private:
    void start();

    std::string binary_;
    std::vector<std::string> serve_args_;
    int starts_ = 0;
    std::filesystem::path dir_;
    std::uint16_t port_;
    std::unique_ptr<ChildProcess> process_;
};

}  // namespace markaz::integration
