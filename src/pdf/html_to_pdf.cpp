#include "pdf/html_to_pdf.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace markaz::pdf {
namespace {

/// A private temporary folder, removed with what is in it.
struct TempFolder {
    std::filesystem::path path;
    TempFolder() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "markaz-pdf-XXXXXX").string();
        if (::mkdtemp(pattern.data()) != nullptr) {
            path = pattern;
        }
    }
    ~TempFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

/// Chromium headless on `html`, with `output_args` saying what to make into `out_name`; the
/// bytes made when they start with `magic`.
Result<std::string> render(const std::string& html, const PdfSettings& settings,
                           std::vector<std::string> output_args, const std::string& out_name,
                           const std::string& magic, const std::string& what) {
    TempFolder folder;
    if (folder.path.empty()) {
        return fail(Errc::Unavailable,
                    std::string("pdf: no temporary folder: ") + std::strerror(errno));
    }
    const auto page = folder.path / "report.html";
    const auto out = folder.path / out_name;
    std::ofstream(page, std::ios::binary) << html;
    // Headless, no profile of anyone's, nothing fetched from the network: the page is ours
    // and self-contained. --no-sandbox: servers in containers (and root) have no user
    // namespaces for Chromium's sandbox; the page holds no content from outside.
    std::vector<std::string> args{
        settings.chromium,      "--headless",
        "--no-sandbox",         "--disable-gpu",
        "--disable-extensions", "--disable-background-networking",
        "--no-first-run",       "--user-data-dir=" + (folder.path / "profile").string()};
    for (std::string& arg : output_args) {
        args.push_back(arg + (arg.back() == '=' ? out.string() : ""));
    }
    args.push_back("file://" + page.string());
    std::vector<char*> argv;
    for (std::string& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, (folder.path / "chromium.log").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = -1;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        return fail(Errc::Unavailable,
                    "pdf: cannot run " + settings.chromium + ": " + std::strerror(spawned));
    }
    int status = 0;
    const auto until = std::chrono::steady_clock::now() + settings.timeout;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > until) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return fail(Errc::Unavailable, "pdf: " + settings.chromium + " did not finish in " +
                                               std::to_string(settings.timeout.count()) + " ms");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::ifstream in(out, std::ios::binary);
    std::string made{std::istreambuf_iterator<char>(in), {}};
    if (made.rfind(magic, 0) != 0) {
        return fail(Errc::Unavailable, "pdf: " + settings.chromium + " made no " + what +
                                           " (exit " + std::to_string(WEXITSTATUS(status)) + ")");
    }
    return made;
}

}  // namespace

Result<std::string> html_to_pdf(const std::string& html, const PdfSettings& settings) {
    return render(html, settings, {"--no-pdf-header-footer", "--print-to-pdf="}, "report.pdf",
                  "%PDF", "PDF");
}

Result<std::string> html_to_png(const std::string& html, int width, int height,
                                const PdfSettings& settings) {
    return render(
        html, settings,
        {"--hide-scrollbars",
         "--window-size=" + std::to_string(width) + "," + std::to_string(height), "--screenshot="},
        "chart.png", "\x89PNG", "image");
}

}  // namespace markaz::pdf
