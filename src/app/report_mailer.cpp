#include "app/report_mailer.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "api/report_query.h"

namespace markaz::app {
namespace {

/// The waits after the first, second, third and fourth failed try; a fifth failure is final.
constexpr std::array<std::chrono::minutes, 4> kRetries{
    std::chrono::minutes{1}, std::chrono::minutes{5}, std::chrono::minutes{30},
    std::chrono::minutes{120}};

/// Sends missed further back than this are not made up for after a long stop.
constexpr Duration kCatchUp = std::chrono::hours{24 * 7};

std::string file_date(WallTime at) {
    return utc_text(at, "%Y-%m-%d");
}

}  // namespace

ReportMailer::ReportMailer(ReportMailerDeps deps, bool run) : deps_(std::move(deps)) {
    if (run) {
        thread_ = std::thread([this] { this->run(); });
    }
}

ReportMailer::~ReportMailer() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void ReportMailer::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

void ReportMailer::run() {
    std::unique_lock lock(mutex_);
    for (bool first = true; !stop_; first = false) {
        woken_ = false;
        lock.unlock();
        step(deps_.clock(), first);
        lock.lock();
        wake_.wait_for(lock, deps_.poll, [this] { return stop_ || woken_; });
    }
}

void ReportMailer::step(WallTime now, bool at_start) {
    plan(now);
    auto due = deps_.schedules.sends_due(at_start ? WallTime::max() : now);
    if (!due) {
        deps_.log("report mail: " + due.error().message);
        return;
    }
    for (api::ReportSend& send : *due) {
        attempt(std::move(send), now);
    }
}

void ReportMailer::plan(WallTime now) {
    auto schedules = deps_.schedules.schedules();
    if (!schedules) {
        deps_.log("report mail: " + schedules.error().message);
        return;
    }
    for (const api::ReportSchedule& s : *schedules) {
        if (!s.enabled || s.next_due > now) {
            continue;
        }
        const reports::ScheduleTiming timing = s.timing();
        std::vector<api::ReportSend> sends;
        for (const reports::DueSend& due : reports::dues_between(
                 timing, std::max(s.planned_until, now - kCatchUp), now, deps_.zone)) {
            api::ReportSend send;
            send.schedule_id = s.id;
            send.period = due;
            send.next_try = due.due;
            sends.push_back(send);
        }
        const WallTime next = reports::next_due(timing, now, deps_.zone).due;
        if (auto planned = deps_.schedules.plan_sends(s.id, sends, now, next); !planned) {
            deps_.log("report mail: " + planned.error().message);
        }
    }
}

ReportMailer::Made ReportMailer::make(const api::ReportSend& send, WallTime now) {
    auto found = deps_.schedules.schedule(send.schedule_id);
    if (!found || !*found) {
        return {std::nullopt, found ? "the schedule is gone" : found.error().message,
                found.has_value()};
    }
    const api::ReportSchedule& s = **found;
    if (!s.enabled) {
        return {std::nullopt, "the schedule is disabled", true};
    }
    const std::optional<api::User> owner = deps_.owner(s.owner);
    if (!owner) {
        return {std::nullopt, "its owner '" + s.owner + "' no longer exists", true};
    }
    const acd::RouterConfig config = deps_.router_config();
    const api::Scope reader(*owner, config);
    auto scope =
        api::report_scope(reader, config, s.scope_kind, s.scope_id, deps_.center_formula, "scope",
                          [&](const std::string& name) { return deps_.owner(name); });
    if (!scope) {
        return {std::nullopt, scope.error().message, true};
    }
    const api::ReportContext context{deps_.reports, deps_.zone, deps_.time_zone,
                                     deps_.center_formula};
    auto document =
        api::make_report(context, reader, config, *scope,
                         reports::report_request(s.timing(), send.period), s.language, now);
    if (!document) {
        return {std::nullopt, document.error().message, false};
    }
    auto pdf = deps_.render_pdf(api::report_html(*document, api::ChartForm::Svg));
    if (!pdf) {
        return {std::nullopt, pdf.error().message, false};
    }
    auto png =
        deps_.render_png(api::report_chart_html(*document), api::kChartWidth, api::kChartHeight);
    if (!png) {
        return {std::nullopt, png.error().message, false};
    }
    mail::MailMessage m;
    m.from = deps_.from;
    m.to = s.recipients;
    m.language = std::string(api::kLanguageNames.name(s.language));
    m.subject = "[Markaz] " + api::report_title(*document);
    m.text = api::report_text(*document);
    m.html = api::report_html(*document, api::ChartForm::MailImage);
    m.inline_parts = {{"image/png", "chart.png", api::kChartContentId, std::move(*png)}};
    m.attachments = {
        {"application/pdf",
         fmt::format("report-{}{}-{}.pdf", s.scope_kind, s.scope_id.empty() ? "" : "-" + s.scope_id,
                     file_date(send.period.from)),
         "", std::move(*pdf)}};
    return {std::move(m), "", false};
}

void ReportMailer::attempt(api::ReportSend send, WallTime now) {
    ++send.attempts;
    Made made;
    if (!deps_.send) {
        made.error = "no mail server is configured (mail: in the configuration)";
    } else {
        made = make(send, now);
    }
    if (made.message) {
        const std::string id = fmt::format("markaz-report-{}-{}", send.id, send.attempts);
        if (auto sent = deps_.send(*made.message, now, id); sent) {
            send.status = api::SendStatus::Sent;
            send.sent_at = now;
            send.last_error.clear();
        } else {
            made.error = sent.error().message;
        }
    }
    if (send.status != api::SendStatus::Sent) {
        send.last_error = made.error;
        const auto tries = static_cast<std::size_t>(send.attempts);
        if (made.permanent || tries > kRetries.size()) {
            send.status = api::SendStatus::Failed;
        } else {
            send.next_try = now + kRetries[tries - 1];
        }
    }
    deps_.log(fmt::format("report mail {} of schedule {}: {}{}", send.id, send.schedule_id,
                          api::kSendStatusNames.name(send.status),
                          send.last_error.empty() ? "" : " (" + send.last_error + ")"));
    if (auto saved = deps_.schedules.update_send(send); !saved) {
        deps_.log("report mail: " + saved.error().message);
    }
}

}  // namespace markaz::app
