#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

constexpr const char* kUsage = R"(usage: markaz <command> [options]

commands:
  simulate SCENARIO.yaml [--seed N] [--json]   run the ACD engine on a virtual clock
  erlang --calls N --interval 30m --aht 180s --sl 80/20 [--patience 120s]
         [--shrinkage 30%] [--max-occupancy 85%] [--asa 30s] [--json]
                                               staffing with Erlang C / Erlang A
  check-config FILE [--db PATH]                validate a configuration (and store it)
  serve --config FILE                          run the server: SIP, media, recording
  loadgen [--calls N --rate R --hold 10s ...]  SIP+RTP load against a running server
  prompts --config FILE [--out DIR]            speak the IVR texts (espeak-ng, sox)
  export calls|queue-log --store FILE [--from DATE] [--to DATE]
                                               call records as CSV, events as queue_log
  hash-password < FILE                         argon2id hash of a password, for web.users
)";

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    std::string command = args[0];
    args.erase(args.begin());
    if (command == "simulate") {
        return markaz::cli::run_simulate(args, std::cout, std::cerr);
    }
    if (command == "erlang") {
        return markaz::cli::run_erlang(args, std::cout, std::cerr);
    }
    if (command == "serve") {
        return markaz::cli::run_serve(args, std::cout, std::cerr);
    }
    if (command == "loadgen") {
        return markaz::cli::run_loadgen(args, std::cout, std::cerr);
    }
    if (command == "prompts") {
        return markaz::cli::run_prompts(args, std::cout, std::cerr);
    }
    if (command == "export") {
        return markaz::cli::run_export(args, std::cout, std::cerr);
    }
    if (command == "hash-password") {
        return markaz::cli::run_hash_password(args, std::cin, std::cout, std::cerr);
    }
    if (command == "check-config") {
        return markaz::cli::run_check_config(args, std::cout, std::cerr);
    }
    std::cerr << "markaz: unknown command '" << command << "'\n" << kUsage;
    return 2;
}
