#include "support/sipp.h"

#include <iostream>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "support/ports.h"

namespace markaz::integration {

SippProcess::SippProcess(SippOptions options)
    : dir_(make_temp_dir("markaz-sipp")),
      sip_port_(options.port ? *options.port : free_udp_port()) {
    std::vector<std::string> argv{
        "sipp",
        "-sf",
        std::filesystem::absolute(options.scenario).string(),
        "-i",
        "127.0.0.1",
        "-p",
        std::to_string(sip_port_),
        // SIPp binds media (mp, mp+2) and a control socket (cp) even when a scenario has no
        // media; free ports keep two runs or a Markaz server from clashing with it.
        "-mp",
        std::to_string(free_udp_port()),
        "-cp",
        std::to_string(free_udp_port()),
        "-m",
        std::to_string(options.calls),
        "-nostdin",
        "-trace_msg",
        "-message_file",
        (dir_ / "messages.log").string(),
        "-trace_err",
        "-error_file",
        (dir_ / "errors.log").string(),
    };
    for (const auto& [name, value] : options.keys) {
        argv.insert(argv.end(), {"-key", name, value});
    }
    argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
    process_ = std::make_unique<ChildProcess>(std::move(argv), dir_ / "sipp.log", dir_);
    // Ready once its SIP socket is bound; poll every 10 ms for up to 10 s.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    while (!udp_port_bound(sip_port_)) {
        if (!process_->running() || std::chrono::steady_clock::now() >= deadline) {
            throw std::runtime_error("sipp did not come up on " + address() + ":\n" + log_tail());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
}

SippProcess::~SippProcess() {
    process_->terminate(std::chrono::seconds{1});
    if (keep_test_dirs() || ::testing::Test::HasFailure()) {
        std::cerr << "[sipp] kept " << dir_.string() << "\n";
        return;
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::string SippProcess::address() const {
    return "127.0.0.1:" + std::to_string(sip_port_);
}

std::optional<int> SippProcess::wait_for_exit(std::chrono::milliseconds timeout) {
    return process_->wait_for_exit(timeout);
}

std::string SippProcess::log_tail(std::size_t lines) const {
    return "--- " + process_->command_line() + "\n--- messages ---\n" +
           file_tail(dir_ / "messages.log", lines) + "--- errors ---\n" +
           file_tail(dir_ / "errors.log", 20) + "--- output ---\n" + process_->log_tail(20);
}

}  // namespace markaz::integration
