#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace markaz::cli {

// Each `markaz <command>` is a function of its arguments (after the command name) and two
// streams, so tests run it in-process. Exit status: 0 ok, 1 runtime failure, 2 bad input.

int run_simulate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_erlang(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_serve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_loadgen(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_prompts(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_export(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_hash_password(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                      std::ostream& err);
int run_check_config(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace markaz::cli
