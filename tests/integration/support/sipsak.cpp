#include "support/sipsak.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/child_process.h"

namespace markaz::integration {
namespace {

std::optional<int> last_final_status(const std::string& output) {
    static const std::regex kStatusLine{R"(SIP/2\.0 ([1-6][0-9][0-9]) )"};
    std::optional<int> status;
    for (auto it = std::sregex_iterator(output.begin(), output.end(), kStatusLine);
         it != std::sregex_iterator(); ++it) {
        const int code = std::stoi((*it)[1].str());
        if (code >= 200) {
            status = code;
        }
    }
    return status;
}

struct Target {
    std::string user;
    std::vector<std::string> args;  // -s <uri without port> [-r <port>]
};

/// sipsak 0.9.8.1 mangles a port inside -s (it writes "sip:1002@127.0.0.1:1506" for port
/// 15062 and a digest username "1001@"), so the port goes in -r instead.
Target target(const std::string& uri) {
    const auto scheme = uri.find(':');
    const auto at = uri.find('@');
    const auto host_start = at == std::string::npos ? scheme + 1 : at + 1;
    const auto host_end = std::min(uri.find(';', host_start), uri.size());
    const auto port_colon = uri.find(':', host_start);
    Target result;
    if (at != std::string::npos) {
        result.user = uri.substr(scheme + 1, at - scheme - 1);
    }
    if (port_colon == std::string::npos || port_colon > host_end) {
        result.args = {"-s", uri};
        return result;
    }
    result.args = {"-s", uri.substr(0, port_colon) + uri.substr(host_end), "-r",
                   uri.substr(port_colon + 1, host_end - port_colon - 1)};
    return result;
}

}  // namespace

SipsakResult run_sipsak(const std::vector<std::string>& args, std::chrono::seconds timeout) {
    const auto dir = make_temp_dir("markaz-sipsak");
    const auto log = dir / "sipsak.log";
    std::vector<std::string> argv{"sipsak", "-vvv"};
    argv.insert(argv.end(), args.begin(), args.end());
    SipsakResult result;
    {
        ChildProcess sipsak(argv, log);
        result.command_line = sipsak.command_line();
        const auto status = sipsak.wait_for_exit(timeout);
        result.exit_code = status ? *status : (sipsak.terminate(), -1);
    }
    std::ifstream in(log);
    std::ostringstream text;
    text << in.rdbuf();
    result.output = text.str();
    result.final_status = last_final_status(result.output);
    if (!keep_test_dirs()) {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
    return result;
}

SipsakResult sipsak_options(const std::string& uri) {
    // -H: Via and Contact say 127.0.0.1, whatever the host name resolves to.
    std::vector<std::string> args{"-H", "127.0.0.1"};
    const Target to = target(uri);
    args.insert(args.end(), to.args.begin(), to.args.end());
    return run_sipsak(args);
}

SipsakResult sipsak_register(const std::string& aor, const std::string& password,
                             const std::string& contact, int expires) {
    // -i: usrloc mode writes its own Via; say so, or sipsak warns.
    const Target to = target(aor);
    std::vector<std::string> args{"-U",    "-i", "-H",     "127.0.0.1", "-u",
                                  to.user, "-a", password, "-x",        std::to_string(expires)};
    args.insert(args.end(), to.args.begin(), to.args.end());
    args.push_back("-C");
    args.push_back(contact.empty() ? "none" : contact);
    return run_sipsak(args);
}

}  // namespace markaz::integration
