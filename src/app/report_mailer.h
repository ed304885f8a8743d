#pragma once

// Sends the scheduled reports (docs/reports.md "Scheduled reports"). Every pass plans the sends
// that fell due — each is a row in the store before it is tried, so one due while the server
// was down, up to a week back, goes out after it starts — and tries the pending ones: the
// report made as its owner would see it, printed to PDF, its chart made an image, and mailed
// as HTML with the chart inline and the PDF attached. A failed try is tried again after 1, 5,
// 30 and 120 minutes, then the send is marked failed; both are visible through the API. Runs
// on a thread of its own (printing takes about a second); `step` is one pass, for tests on a
// clock of their own.

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "api/report_schedules.h"
#include "api/report_source.h"
#include "mail/mail_message.h"

namespace markaz::app {

struct ReportMailerDeps {
    api::ReportSchedules& schedules;
    api::ReportSource& reports;
    reports::ZoneOffsets zone;
    std::string time_zone;
    acd::ServiceLevelFormula center_formula = acd::ServiceLevelFormula::AnsweredAndAbandoned;
    std::function<acd::RouterConfig()> router_config;
    /// A schedule's owner as they are now; nullopt once removed (their schedules send nothing).
    std::function<std::optional<api::User>(const std::string& username)> owner;
    std::function<Result<std::string>(const std::string& html)> render_pdf;
    std::function<Result<std::string>(const std::string& html, int width, int height)> render_png;
    /// The sender's address and the sending; empty when no `mail:` server is configured.
    std::string from;
    std::function<Result<void>(const mail::MailMessage&, WallTime, const std::string& id)> send;
    std::function<WallTime()> clock;
    std::function<void(const std::string&)> log;
    Duration poll = std::chrono::seconds{30};
};

class ReportMailer {
public:
    /// Starts the thread when `run`; a mailer that does not run is stepped by hand (tests).
    ReportMailer(ReportMailerDeps deps, bool run);
    ~ReportMailer();
    ReportMailer(const ReportMailer&) = delete;
    ReportMailer& operator=(const ReportMailer&) = delete;

    /// Runs a pass now (a send made by hand, a schedule changed).
    void wake();
    /// One pass at `now`: plan what fell due, then try what is pending — at start, every
    /// pending send at once, whenever its next try was (the fault that failed it, a mail server
    /// down or misconfigured, is often what the restart mended).
    void step(WallTime now, bool at_start = false);

private:
    void run();
    void plan(WallTime now);
    void attempt(api::ReportSend send, WallTime now);
    /// The message of `send`, or why it cannot be made: permanent (the owner or scope is gone)
    /// or worth another try (the store, Chromium).
    struct Made {
        std::optional<mail::MailMessage> message;
        std::string error;
        bool permanent = false;
    };
    Made make(const api::ReportSend& send, WallTime now);

    ReportMailerDeps deps_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool woken_ = false;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace markaz::app
