#pragma once

// A real SMTP server on 127.0.0.1 (Debian's aiosmtpd) keeping what it receives in a Maildir,
// and Python's own mail parser to read it back: what tests of alert and report mail check.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "support/child_process.h"

namespace markaz::integration {

struct SmtpSink {
    /// Listens on `port`, or a free one when 0.
    explicit SmtpSink(std::uint16_t port = 0);
    ~SmtpSink();

    /// The message files received once there are `expected` (10 s at most), oldest first.
    std::vector<std::filesystem::path> files(std::size_t expected);
    /// What Python prints running `script` with the message file as sys.argv[1].
    std::string python(const std::string& script, const std::filesystem::path& file);
    /// The messages received, each as Python's email package reads it: "To: ...",
    /// "Subject: ..." (decoded), "Language: ..." and the body, decoded; oldest first.
    std::vector<std::string> messages(std::size_t expected);

    std::filesystem::path dir;
    std::uint16_t port;
    ChildProcess process;
};

}  // namespace markaz::integration
