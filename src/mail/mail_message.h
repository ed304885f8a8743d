#pragma once

// An e-mail as Markaz sends it (alerts now, scheduled reports next): UTF-8 text, Persian and
// Arabic intact, made into an RFC 5322 message with MIME (RFC 2045) and encoded headers
// (RFC 2047). Pure: no I/O.

#include <string>
#include <vector>

#include "common/time.h"

namespace markaz::mail {

/// A file sent with the message: an image the HTML names by Content-ID ("cid:chart@markaz"),
/// or an attachment (a PDF).
struct MailPart {
    std::string content_type;  ///< "image/png", "application/pdf"
    std::string filename;      ///< ASCII: "report-centre-2026-12-06.pdf"
    std::string content_id;    ///< for an inline image; empty for an attachment
    std::string bytes;
};

struct MailMessage {
    std::string from;             ///< "markaz@centre.example"
    std::vector<std::string> to;  ///< addresses
    std::string subject;          ///< UTF-8
    std::string text;             ///< the body, UTF-8 plain text
    std::string language = "en";  ///< the body's language: "en", "fa", "ar" (Content-Language)
    /// When not empty: the body as HTML too (the text is the alternative for readers without
    /// HTML), with `inline_parts` beside it and `attachments` after it.
    std::string html;
    std::vector<MailPart> inline_parts;
    std::vector<MailPart> attachments;
};

/// Whether `address` looks like a mailbox (local@domain, no spaces, brackets or line breaks):
/// what a configuration may name, so no header can be injected through it.
bool is_mail_address(const std::string& address);

/// The message's bytes: headers (Date at `at`, a Message-ID under the sender's domain, the
/// subject RFC 2047-encoded when not plain ASCII), then the body base64-encoded in UTF-8, lines
/// ending in CRLF. `id` makes the Message-ID unique. With HTML or files, the body is MIME
/// multipart (RFC 2046, RFC 2387): mixed [related [alternative [text, html], images],
/// attachments], leaving out what is not there.
std::string mime_text(const MailMessage& message, WallTime at, const std::string& id);

}  // namespace markaz::mail
