#pragma once

// An e-mail as Markaz sends it (alerts now, scheduled reports next): UTF-8 text, Persian and
// Arabic intact, made into an RFC 5322 message with MIME (RFC 2045) and encoded headers
// (RFC 2047). Pure: no I/O.

#include <string>
#include <vector>

#include "common/time.h"

namespace markaz::mail {

struct MailMessage {
    std::string from;             ///< "markaz@centre.example"
    std::vector<std::string> to;  ///< addresses
    std::string subject;          ///< UTF-8
    std::string text;             ///< the body, UTF-8 plain text
    std::string language = "en";  ///< the body's language: "en", "fa", "ar" (Content-Language)
};

/// Whether `address` looks like a mailbox (local@domain, no spaces, brackets or line breaks):
/// what a configuration may name, so no header can be injected through it.
bool is_mail_address(const std::string& address);

/// The message's bytes: headers (Date at `at`, a Message-ID under the sender's domain, the
/// subject RFC 2047-encoded when not plain ASCII), then the body base64-encoded in UTF-8, lines
/// ending in CRLF. `id` makes the Message-ID unique.
std::string mime_text(const MailMessage& message, WallTime at, const std::string& id);

}  // namespace markaz::mail
