#pragma once

// Sends mail over SMTP with libcurl (docs/alerts.md "E-mail"): plain SMTP, STARTTLS (required
// or when offered) or SMTPS, with a login when configured. Blocking: run it off the core loop
// (app/mail_outbox.h).

#include <string>

#include "common/result.h"
#include "mail/mail_message.h"

namespace markaz::mail {

struct SmtpSettings {
    std::string url;   ///< "smtp://mail.example:587", "smtps://mail.example:465"
    std::string from;  ///< the sender's address
    std::string username;
    std::string password;
    /// Refuse to send unless the connection is encrypted (STARTTLS on smtp://).
    bool require_tls = false;
    Duration timeout = std::chrono::seconds{30};
};

/// Sends `message` (made with mime_text at `at`, `id`). Unavailable naming the server and
/// libcurl's reason when it cannot.
Result<void> send_mail(const SmtpSettings& settings, const MailMessage& message, WallTime at,
                       const std::string& id);

}  // namespace markaz::mail
