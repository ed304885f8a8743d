#include "support/markaz_server.h"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "support/ports.h"

namespace markaz::integration {

MarkazServer::MarkazServer(const std::string& extra_yaml, const std::string& extra_sip)
    : MarkazServer(Options{extra_yaml, extra_sip}) {}

MarkazServer::MarkazServer(const Options& options)
    : serve_args_(options.serve_args),
      dir_(make_temp_dir("markaz-server")),
      port_(free_sip_port()) {
    const char* binary = std::getenv("MARKAZ_BINARY");
    if (!binary) {
        throw std::runtime_error("MARKAZ_BINARY is not set (run the test through ctest)");
    }
    binary_ = binary;
    std::ofstream config{dir_ / "markaz.yaml"};
    config << "sip:\n"
           << "  listen: 127.0.0.1:" << port_ << "\n"
           << "  digest_algorithms: " << options.digest_algorithms << "\n"
           << "  recordings: " << (dir_ / "recordings").string() << "\n"
           << options.extra_sip << "  extensions:\n";
    for (int n = options.first_extension; n <= options.last_extension; ++n) {
        config << "    - {number: \"" << n << "\", password: secret" << n << "}\n";
    }
    config << "media: {address: 127.0.0.1, port_min: " << kServerRtpPortMin
           << ", port_max: " << kServerRtpPortMax << ", workers: 2}\n"
           << "store: " << (dir_ / "markaz.db").string() << "\n";
    // The prompts scripts/setup synthesized for the demo (texts the tests share with it).
    config << "prompts: " << prompts_dir().string() << "\n";
    config << options.extra_yaml;
    config.close();
    start();
}

void MarkazServer::start() {
    std::string log = starts_++ == 0 ? "markaz.log" : "markaz-" + std::to_string(starts_) + ".log";
    std::vector<std::string> command{binary_, "serve", "--config", (dir_ / "markaz.yaml").string()};
    command.insert(command.end(), serve_args_.begin(), serve_args_.end());
    process_ = std::make_unique<ChildProcess>(command, dir_ / log);
    for (int i = 0; i < 200 && !udp_port_bound(port_); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    if (!udp_port_bound(port_)) {
        throw std::runtime_error("markaz serve did not start:\n" + process_->log_tail());
    }
    // SIP binds first; the web API and the rest are up once the start line is printed (a
    // phone may register, and a test go on to the API, before then).
    if (!wait_for_log("Ctrl-C stops", std::chrono::seconds{10}, starts_)) {
        throw std::runtime_error("markaz serve did not finish starting:\n" + process_->log_tail());
    }
}

MarkazServer::~MarkazServer() {
    process_->terminate();
    if (!keep_test_dirs() && !::testing::Test::HasFailure()) {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
}

std::string MarkazServer::registrar() const {
    return "127.0.0.1:" + std::to_string(port_);
}

std::string MarkazServer::uri(const std::string& number) const {
    return "sip:" + number + "@" + registrar();
}

std::filesystem::path MarkazServer::prompts_dir() {
    const char* prompts = std::getenv("MARKAZ_PROMPTS");
    return prompts ? prompts : MARKAZ_DEFAULT_PROMPTS;
}

std::vector<std::filesystem::path> MarkazServer::recordings() const {
    std::vector<std::filesystem::path> out;
    std::error_code ignored;
    if (std::filesystem::exists(dir_ / "recordings", ignored)) {
        for (const auto& entry : std::filesystem::directory_iterator(dir_ / "recordings")) {
            out.push_back(entry.path());
        }
    }
    return out;
}

}  // namespace markaz::integration

namespace markaz::integration {

void MarkazServer::kill_hard() {
    ::kill(process_->pid(), SIGKILL);
    process_->terminate();  // reaps it
}

void MarkazServer::restart() {
    for (int i = 0; i < 100 && udp_port_bound(port_); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    start();
}

std::string MarkazServer::export_text(const std::string& what) const {
    // The log says "call X ended" before the store worker has written X's record (a moment
    // later, on its own thread): the calls are exported once every call that ended is in.
    std::vector<std::string> ended;
    if (what == "calls") {
        static const std::regex kEnded(R"(call (\S+) ended: )");
        const std::string log = log_text();
        for (std::sregex_iterator it(log.begin(), log.end(), kEnded), end; it != end; ++it) {
            ended.push_back((*it)[1].str());
        }
    }
    std::filesystem::path out = dir_ / ("export-" + what + ".txt");
    for (int attempt = 0;; ++attempt) {
        ChildProcess exporter({binary_, "export", what, "--store", (dir_ / "markaz.db").string()},
                              out);
        auto status = exporter.wait_for_exit(std::chrono::seconds{10});
        if (status != 0) {
            throw std::runtime_error("markaz export " + what + " failed:\n" + exporter.log_tail());
        }
        std::ifstream in(out);
        std::stringstream text;
        text << in.rdbuf();
        const bool complete = std::all_of(ended.begin(), ended.end(), [&](const std::string& id) {
            return text.str().find(id) != std::string::npos;
        });
        if (complete || attempt == 50) {
            return text.str();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

std::string MarkazServer::log_text() const {
    std::string all;
    for (int n = 1; n <= starts_; ++n) {
        std::ifstream in(dir_ / (n == 1 ? "markaz.log" : "markaz-" + std::to_string(n) + ".log"));
        std::stringstream text;
        text << in.rdbuf();
        all += text.str();
    }
    return all;
}

bool MarkazServer::wait_for_log(const std::string& text, std::chrono::milliseconds timeout,
                                int count) const {
    auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        std::string log = log_text();
        int seen = 0;
        for (auto at = log.find(text); at != std::string::npos; at = log.find(text, at + 1)) {
            ++seen;
        }
        if (seen >= count) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    return false;
}

}  // namespace markaz::integration
