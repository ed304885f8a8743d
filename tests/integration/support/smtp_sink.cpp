#include "support/smtp_sink.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/ports.h"

namespace markaz::integration {

using namespace std::chrono_literals;

SmtpSink::SmtpSink(std::uint16_t listen_port)
    : dir(make_temp_dir("markaz-smtp")),
      port(listen_port != 0 ? listen_port : free_tcp_port()),
      process(
          {"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port),
           "-c", "aiosmtpd.handlers.Mailbox", (dir / "mail").string()},
          dir / "aiosmtpd.log") {
    for (int i = 0; i < 100 && !std::filesystem::exists(dir / "mail" / "new"); ++i) {
        std::this_thread::sleep_for(50ms);
    }
}

SmtpSink::~SmtpSink() {
    std::filesystem::remove_all(dir);
}

std::vector<std::filesystem::path> SmtpSink::files(std::size_t expected) {
    std::vector<std::filesystem::path> found;
    for (int i = 0; i < 100; ++i) {
        found.clear();
        for (const auto& f : std::filesystem::directory_iterator(dir / "mail" / "new")) {
            found.push_back(f.path());
        }
        if (found.size() >= expected) {
            break;
        }
        std::this_thread::sleep_for(100ms);
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return std::filesystem::last_write_time(a) < std::filesystem::last_write_time(b);
    });
    return found;
}

std::string SmtpSink::python(const std::string& script, const std::filesystem::path& file) {
    const auto text = dir / (file.filename().string() + ".txt");
    ChildProcess run({"/usr/bin/python3", "-c", script, file.string()}, text);
    (void)run.wait_for_exit(20s);
    std::ifstream in(text);
    std::stringstream read;
    read << in.rdbuf();
    return read.str();
}

std::vector<std::string> SmtpSink::messages(std::size_t expected) {
    std::vector<std::string> out;
    for (const auto& file : files(expected)) {
        out.push_back(
            python("import sys, email, email.policy\n"
                   "m = email.message_from_binary_file(open(sys.argv[1], 'rb'), "
                   "policy=email.policy.default)\n"
                   "print('To: ' + m['To'])\n"
                   "print('Subject: ' + m['Subject'])\n"
                   "print('Language: ' + m['Content-Language'])\n"
                   "print(m.get_content())\n",
                   file));
    }
    return out;
}

}  // namespace markaz::integration
