// `markaz check-config FILE [--db PATH]`: validates a router configuration and, with --db,
// stores it. Exit status: 0 ok, 1 the store failed, 2 bad arguments or a bad configuration.

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "acd/router.h"
#include "cli/commands.h"
#include "config/server_config_loader.h"
#include "store/sqlite_store.h"

namespace markaz::cli {
namespace {

constexpr std::string_view kCheckConfigUsage = "usage: markaz check-config FILE [--db PATH]\n";

struct CheckConfigArgs {
    std::string file;
    std::optional<std::string> db;
};

/// The arguments, or an error message for the user (usage is printed after it).
std::optional<CheckConfigArgs> parse_args(const std::vector<std::string>& args,
                                          std::string& error) {
    CheckConfigArgs parsed;
    bool have_file = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--db") {
            if (i + 1 >= args.size() || args[i + 1].empty()) {
                error = "--db needs a database path";
                return std::nullopt;
            }
            parsed.db = args[++i];
        } else if (arg.starts_with("--db=")) {
            parsed.db = arg.substr(5);
            if (parsed.db->empty()) {
                error = "--db needs a database path";
                return std::nullopt;
            }
        } else if (arg.starts_with("-")) {
            error = "unknown option '" + arg + "'";
            return std::nullopt;
        } else if (have_file) {
            error =
                "one configuration file at a time (got '" + parsed.file + "' and '" + arg + "')";
            return std::nullopt;
        } else {
            parsed.file = arg;
            have_file = true;
        }
    }
    if (!have_file || parsed.file.empty()) {
        error = "missing the configuration FILE";
        return std::nullopt;
    }
    return parsed;
}

std::string count(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

int run_check_config(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
        out << kCheckConfigUsage;
        return 0;
    }
    std::string usage_error;
    auto parsed = parse_args(args, usage_error);
    if (!parsed) {
        err << "markaz check-config: " << usage_error << '\n' << kCheckConfigUsage;
        return 2;
    }
    // The server config holds the router sections plus `sip:`; a router-only file is one too.
    // The loader also runs the router's own check (what Router::create applies at startup),
    // so a config that passes here also starts.
    auto server = config::load_server_config(parsed->file);
    if (!server) {
        err << server.error().message << '\n';
        return 2;
    }
    const acd::RouterConfig* config = &server->router;
    std::string stored;
    if (parsed->db) {
        auto store = store::SqliteStore::open(*parsed->db);
        if (!store) {
            err << "markaz check-config: " << store.error().message << '\n';
            return 1;
        }
        if (auto saved = store->save_config(*config); !saved) {
            err << "markaz check-config: " << saved.error().message << '\n';
            return 1;
        }
        stored = "; stored in " + *parsed->db;
    }
    out << parsed->file << ": ok — " << count(config->queues.size(), "queue", "queues") << ", "
        << count(config->agents.size(), "agent", "agents") << ", "
        << count(config->pause_reasons.size(), "pause reason", "pause reasons")
        << (server->sip.extensions.empty()
                ? ""
                : ", " + count(server->sip.extensions.size(), "extension", "extensions"))
        << stored << '\n';
    return 0;
}

}  // namespace markaz::cli
