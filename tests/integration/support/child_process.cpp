#include "support/child_process.h"

#include <cerrno>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <fstream>
#include <signal.h>
#include <stdexcept>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;

int decode_status(int raw) {
    if (WIFEXITED(raw)) {
        return WEXITSTATUS(raw);
    }
    if (WIFSIGNALED(raw)) {
        return 128 + WTERMSIG(raw);
    }
    return -1;
}

/// Runs in the forked child: only async-signal-safe calls until exec.
[[noreturn]] void exec_child(char* const* argv, const char* working_dir, int null_fd, int log_fd,
                             pid_t parent) {
    // Die with the test process, so no phone outlives a crashed test.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) {
        _exit(127);
    }
    dup2(null_fd, STDIN_FILENO);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    // Sockets of other phones stay with the test, not with this child.
    close_range(3, ~0U, 0);
    if (*working_dir != '\0' && chdir(working_dir) != 0) {
        (void)!write(STDERR_FILENO, "chdir failed\n", 13);
        _exit(127);
    }
    execvp(argv[0], argv);
    const char* reason = strerror(errno);
    (void)!write(STDERR_FILENO, "exec failed: ", 13);
    (void)!write(STDERR_FILENO, reason, strlen(reason));
    (void)!write(STDERR_FILENO, "\n", 1);
    _exit(127);
}

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv, std::filesystem::path log_file,
                           const std::filesystem::path& working_dir)
    : argv_(std::move(argv)), log_file_(std::move(log_file)) {
    if (argv_.empty()) {
        throw std::invalid_argument("ChildProcess: empty command line");
    }
    std::vector<char*> c_argv;
    for (auto& arg : argv_) {
        c_argv.push_back(arg.data());
    }
    c_argv.push_back(nullptr);

    const int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    const int log_fd = open(log_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (null_fd < 0 || log_fd < 0) {
        const std::string reason = strerror(errno);
        if (null_fd >= 0) {
            close(null_fd);
        }
        throw std::runtime_error("cannot open log file " + log_file_.string() + ": " + reason);
    }
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ == 0) {
        exec_child(c_argv.data(), working_dir.c_str(), null_fd, log_fd, parent);
    }
    const int fork_errno = errno;
    close(null_fd);
    close(log_fd);
    if (pid_ < 0) {
        throw std::runtime_error("fork failed for " + argv_[0] + ": " + strerror(fork_errno));
    }
}

ChildProcess::~ChildProcess() {
    if (pid_ > 0 && !status_) {
        terminate(1s);
    }
}

std::string ChildProcess::command_line() const {
    std::string line;
    for (const auto& arg : argv_) {
        if (!line.empty()) {
            line += ' ';
        }
        line += arg;
    }
    return line;
}

bool ChildProcess::running() {
    if (status_) {
        return false;
    }
    int raw = 0;
    const pid_t done = waitpid(pid_, &raw, WNOHANG);
    if (done == pid_) {
        status_ = decode_status(raw);
        return false;
    }
    return done == 0;
}

std::optional<int> ChildProcess::wait_for_exit(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    // Poll every 10 ms: waitpid has no timeout, and a SIGCHLD handler would be process-wide.
    while (running()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(10ms);
    }
    return status_;
}

int ChildProcess::terminate(std::chrono::milliseconds grace) {
    if (!running()) {
        return *status_;
    }
    kill(pid_, SIGTERM);
    if (auto status = wait_for_exit(grace)) {
        return *status;
    }
    kill(pid_, SIGKILL);
    int raw = 0;
    while (waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
    }
    status_ = decode_status(raw);
    return *status_;
}

std::string ChildProcess::log_tail(std::size_t lines) const {
    return file_tail(log_file_, lines);
}

std::string file_tail(const std::filesystem::path& file, std::size_t lines) {
    std::ifstream in(file);
    std::deque<std::string> tail;
    std::string line;
    while (std::getline(in, line)) {
        tail.push_back(std::move(line));
        if (tail.size() > lines) {
            tail.pop_front();
        }
    }
    std::string text;
    for (const auto& kept : tail) {
        text += kept;
        text += '\n';
    }
    return text;
}

std::filesystem::path make_temp_dir(const std::string& prefix) {
    const char* tmpdir = std::getenv("TMPDIR");
    std::filesystem::path base = (tmpdir != nullptr && *tmpdir != '\0') ? tmpdir : "/tmp";
    std::string pattern = (base / (prefix + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp " + pattern + ": " + strerror(errno));
    }
    return pattern;
}

bool keep_test_dirs() {
    const char* keep = std::getenv("MARKAZ_KEEP_TEST_DIRS");
    return keep != nullptr && *keep != '\0' && std::string_view{keep} != "0";
}

}  // namespace markaz::integration
