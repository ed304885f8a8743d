// `markaz hash-password`: reads a password (one line) from standard input and prints its
// argon2id hash, for `password_hash:` of a user in the configuration's `web.users`. The
// password never appears on a command line, where `ps` and shell history would keep it.

#include <istream>
#include <ostream>
#include <string>

#include "api/passwords.h"
#include "cli/commands.h"

namespace markaz::cli {

int run_hash_password(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                      std::ostream& err) {
    if (!args.empty()) {
        err << "markaz hash-password: unexpected argument '" << args[0]
            << "'\nusage: markaz hash-password < password-file\n";
        return 2;
    }
    std::string password;
    std::getline(in, password);
    if (!password.empty() && password.back() == '\r') {
        password.pop_back();  // a line written on Windows
    }
    if (password.empty()) {
        err << "markaz hash-password: no password on standard input\n";
        return 2;
    }
    auto hash = api::hash_password(password);
    if (!hash) {
        err << "markaz hash-password: " << hash.error().message << '\n';
        return 1;
    }
    out << *hash << '\n';
    return 0;
}

}  // namespace markaz::cli
