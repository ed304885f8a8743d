// `markaz prompts --config FILE [--out DIR]`: speaks every IVR text of the configuration, and
// the number words of each language its flows use, with espeak-ng, and converts them with sox
// to 8 kHz mono 16-bit WAV, the form phones get. Files already made are kept (a text's file is
// named by its hash), so running it again only makes what changed.

#include <fcntl.h>
#include <filesystem>
#include <ostream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "config/server_config_loader.h"
#include "ivr/prompt_catalog.h"

extern char** environ;

namespace markaz::cli {

namespace {

constexpr const char* kPromptsUsage = "usage: markaz prompts --config FILE [--out DIR]\n";

/// Runs a program with arguments (no shell: texts go through unquoted) and waits; its exit
/// status, or -1 when it could not be started.
int run_program(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        return -1;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// espeak-ng into a temporary file, then sox to the final 8 kHz file (written whole, then
/// renamed, so a half-made prompt never stands under the final name).
Result<void> synthesize(const ivr::SpeechItem& item, const std::filesystem::path& out) {
    std::filesystem::create_directories(out.parent_path());
    std::filesystem::path raw = out.string() + ".raw.wav";
    std::filesystem::path converted = out.string() + ".part.wav";
    std::string voice(ivr::kLanguageNames.name(item.language));
    if (int status =
            run_program({"espeak-ng", "-v", voice, "-s", "150", "-w", raw.string(), item.text});
        status != 0) {
        return fail(Errc::Unavailable,
                    status < 0 ? "espeak-ng is not installed (scripts/setup installs it)"
                               : "espeak-ng failed (voice " + voice + ") for: " + item.text);
    }
    int status =
        run_program({"sox", raw.string(), "-r", "8000", "-c", "1", "-b", "16", converted.string()});
    std::filesystem::remove(raw);
    if (status != 0) {
        return fail(Errc::Unavailable, status < 0
                                           ? "sox is not installed (scripts/setup installs it)"
                                           : "sox could not convert " + raw.string());
    }
    std::filesystem::rename(converted, out);
    return {};
}

}  // namespace

int run_prompts(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    auto options = read_options(args, {"--config", "--out"}, {});
    if (!options || !options->has("--config")) {
        err << "markaz prompts: "
            << (options ? std::string("--config FILE is required") : options.error().message)
            << '\n'
            << kPromptsUsage;
        return 2;
    }
    auto config = config::load_server_config(options->values.at("--config"));
    if (!config) {
        err << config.error().message << '\n';
        return 2;
    }
    std::filesystem::path dir = options->has("--out") ? options->values.at("--out") : "prompts";
    int made = 0;
    int kept = 0;
    for (const ivr::SpeechItem& item : ivr::speech_to_synthesize(config->ivr)) {
        std::filesystem::path file = dir / item.file;
        if (std::filesystem::exists(file)) {
            ++kept;
            continue;
        }
        if (auto done = synthesize(item, file); !done) {
            err << "markaz prompts: " << done.error().message << '\n';
            return 1;
        }
        ++made;
    }
    out << fmt::format("markaz prompts: {} made, {} already there, in {}\n", made, kept,
                       dir.string());
    return 0;
}

}  // namespace markaz::cli
