#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace markaz::integration {

/// A helper program (baresip, sipsak, sipp) run by a test: stdin is /dev/null, stdout and
/// stderr go to `log_file`, and the child is killed (SIGKILL) if the test process dies, so a
/// crashed test never leaves a phone holding its ports.
/// Owns the child: the destructor terminates it (SIGTERM, then SIGKILL) and reaps it.
/// Thread: the test thread only.
class ChildProcess {
public:
    /// Starts argv[0] (looked up in PATH when it has no slash) in `working_dir` (empty: the
    /// test's). Throws std::runtime_error when fork fails; an exec failure shows up as exit
    /// status 127 with the reason in the log.
    ChildProcess(std::vector<std::string> argv, std::filesystem::path log_file,
                 const std::filesystem::path& working_dir = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    const std::filesystem::path& log_file() const { return log_file_; }
    /// The command line, for messages.
    std::string command_line() const;

    /// True while the child has not exited. Reaps it when it has.
    bool running();
    /// Waits up to `timeout` for the child to exit; returns its status (the exit code, or
    /// 128 + signal number), or nullopt if it is still running.
    [[nodiscard]] std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
    /// SIGTERM, up to `grace` to exit, then SIGKILL. Returns the exit status.
    int terminate(std::chrono::milliseconds grace = std::chrono::seconds{2});
    /// The exit status once the child has been reaped.
    std::optional<int> exit_status() const { return status_; }

    /// The last `lines` lines of the log, for failure messages.
    std::string log_tail(std::size_t lines = 40) const;

private:
    std::vector<std::string> argv_;
    std::filesystem::path log_file_;
    pid_t pid_ = -1;
    std::optional<int> status_;
};

/// The last `lines` lines of a text file ("" if it cannot be read).
std::string file_tail(const std::filesystem::path& file, std::size_t lines);

/// A fresh private directory under $TMPDIR (or /tmp) named `<prefix>-XXXXXX`.
std::filesystem::path make_temp_dir(const std::string& prefix);

/// True when MARKAZ_KEEP_TEST_DIRS is set to a non-empty value other than "0": temporary
/// phone and tool directories are then kept for inspection.
bool keep_test_dirs();

}  // namespace markaz::integration
