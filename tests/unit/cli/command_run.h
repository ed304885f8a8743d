#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace markaz::cli {

/// What a `markaz` command did: its exit status and what it printed.
struct CommandRun {
    int status;
    std::string out;
    std::string err;
};

/// Runs a command function (run_erlang, run_export, ...) with `args`, capturing its output.
template <class Command>
CommandRun run_command(Command command, const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    int status = command(args, out, err);
    return {status, out.str(), err.str()};
}

}  // namespace markaz::cli
