#pragma once

// Mail leaves on a thread of its own (docs/alerts.md "E-mail"): the core loop hands a message
// over and goes on; the outbox sends it through the configured SMTP server, and tries a failed
// one twice more (after 30 s and 2 min) before giving up. Every send and failure is logged.
// Messages waiting when the server stops are not kept.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "mail/smtp_sender.h"

namespace markaz::app {

class MailOutbox {
public:
    using Log = std::function<void(const std::string&)>;
    /// How a message is sent: mail::send_mail by default (tests pass their own).
    using Send = std::function<Result<void>(const mail::SmtpSettings&, const mail::MailMessage&,
                                            WallTime, const std::string&)>;

    MailOutbox(mail::SmtpSettings settings, Log log, Send send = mail::send_mail);
    ~MailOutbox();  ///< stops at once: what waits is dropped
    MailOutbox(const MailOutbox&) = delete;
    MailOutbox& operator=(const MailOutbox&) = delete;

    /// Queues `message` (its From is the settings'), stamped `at`.
    void post(mail::MailMessage message, WallTime at);

private:
    struct Letter {
        mail::MailMessage message;
        WallTime at;
        std::string id;
        int attempts = 0;
        std::chrono::steady_clock::time_point due;
    };
    void run();

    mail::SmtpSettings settings_;
    Log log_;
    Send send_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Letter> letters_;
    std::uint64_t next_id_ = 1;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace markaz::app
