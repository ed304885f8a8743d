#include "app/core_loop.h"

#include <algorithm>

#include <fmt/format.h>

#include "alerts/alert_text.h"
#include "app/alert_json.h"
#include "stats/open_at_end.h"
#include "store/replay.h"

namespace markaz::app {

namespace {

/// Call ids unique across restarts: the server's start time in base 36 ("mx984a0s"), then
/// the switchboard's counter. The real start time, not the call flow's clock, which tests may
/// start at the same fake instant on every restart.
std::string call_id_prefix(WallTime started) {
    auto n = static_cast<std::uint64_t>(started.time_since_epoch().count());
    std::string out;
    do {
        out.insert(out.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36]);
        n /= 36;
    } while (n);
    return out;
}

}  // namespace

Result<std::unique_ptr<CoreLoop>> CoreLoop::create(const config::ServerConfig& config, Log log,
                                                   Clock clock) {
    auto store = StoreWorker::start(config.store, log, config.retention, config.stats);
    if (!store) {
        return fail(store.error());
    }
    auto prompts = PromptLibrary::load(
        config.prompts, config.ivr,
        {config.sip.music_on_hold, config.sip.loop_prompt, config.sip.barge_beep});
    if (!prompts) {
        return fail(prompts.error());
    }
    if (!prompts->missing().empty()) {
        log(fmt::format("{} prompts are missing (run `markaz prompts`); the first: {}",
                        prompts->missing().size(), prompts->missing().front()));
    }
    return std::unique_ptr<CoreLoop>(new CoreLoop(config, std::move(log), std::move(clock),
                                                  std::move(*prompts), std::move(*store)));
}

CoreLoop::CoreLoop(const config::ServerConfig& config, Log log, Clock clock, PromptLibrary prompts,
                   std::unique_ptr<StoreWorker> store)
    : config_(config),
      log_(std::move(log)),
      clock_(std::move(clock)),
      prompts_(std::move(prompts)),
      store_(std::move(store)) {}

CoreLoop::~CoreLoop() {
    stop();
    board_.reset();
    store_.reset();  // writes everything queued
}

sip::CallHandler CoreLoop::call_handler() {
    return sip::CallHandler{[this](const sip::CallEvent& event) {
        post([event](Switchboard& board, Now now) { board.on_call_event(event, now); });
    }};
}

media::MediaEngine::EventSink CoreLoop::media_sink() {
    return [this](const media::MediaEvent& event) {
        post([event](Switchboard& board, Now now) { board.on_media_event(event, now); });
    };
}

void CoreLoop::sip_notice(const sip::SipNotice& notice) {
    post([notice](Switchboard& board, Now now) { board.on_sip_notice(notice, now); });
}

void CoreLoop::stop() {
    {
        std::lock_guard lock{mutex_};
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void CoreLoop::post(std::function<void(Switchboard&, Now)> work) {
    {
        std::lock_guard lock{mutex_};
        if (stop_) {
            return;
        }
        inbox_.push_back(Job{std::move(work), std::chrono::steady_clock::now()});
    }
    wake_.notify_one();
}

Result<void> CoreLoop::run(sip::SipServer& sip, media::MediaEngine& media) {
    auto router = acd::Router::create(config_.router, 1);
    if (!router) {
        return fail(router.error());
    }
    auto pending = store_->pending_callbacks();
    if (!pending) {
        return fail(pending.error());
    }
    // Today so far, as the last run stored it: what it left open is closed first, in the log
    // too, so the wallboard, the reports and the exports agree.
    const WallTime now = clock_().wall;
    auto today = store_->events_since(store::local_midnight(now, config_.stats.utc_offset));
    if (!today) {
        return fail(today.error());
    }
    const std::vector<acd::Event> closing = stats::closing_events(*today, now, "restart");
    if (!closing.empty()) {
        const auto calls = std::count_if(closing.begin(), closing.end(), [](const acd::Event& e) {
            return std::holds_alternative<acd::CallRemoved>(e.body);
        });
        const auto agents = std::count_if(closing.begin(), closing.end(), [](const acd::Event& e) {
            return std::holds_alternative<acd::AgentLoggedOut>(e.body);
        });
        log_(
            fmt::format("restart: {} waiting call(s) removed and {} agent(s) logged out, as the "
                        "last run left them",
                        calls, agents));
        store_->append(closing);
        today->insert(today->end(), closing.begin(), closing.end());
    }
    std::vector<alerts::AlertRule> rules = config_.alerts;
    rules.insert(rules.end(), stored_alert_rules_.begin(), stored_alert_rules_.end());
    auto view = CenterView::create(config_.stats, now, *today, std::move(rules));
    if (!view) {
        return fail(view.error());
    }
    view_ = std::move(*view);
    // The alerts the last run kept: the list, who acknowledged what, and those still up.
    auto kept = store_->recent_alerts(alerts::AlertBook{}.capacity());
    if (!kept) {
        return fail(kept.error());
    }
    for (alerts::AlertEntry& closed : view_->restore_alerts(std::move(*kept), now)) {
        store_->save_alert(std::move(closed));
    }
    if (config_.mail || !config_.webhooks.empty()) {
        outbox_ = std::make_unique<Outbox>(log_);
    }
    phones_ = std::make_unique<SipCallControl>(sip);
    media_ = std::make_unique<EngineMediaControl>(media);
    board_ = std::make_unique<Switchboard>(
        config_, std::move(*router), prompts_, *phones_, *media_, *store_, *view_,
        [this](std::function<void(Switchboard&, Now)> work) { post(std::move(work)); }, log_,
        call_id_prefix(std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now())));
    board_->set_detail_log(detail_);
    board_->start(*pending, clock_());
    thread_ = std::thread([this] { loop(); });
    return {};
}

void CoreLoop::loop() {
    std::unique_lock lock{mutex_};
    while (!stop_) {
        if (inbox_.empty()) {
            auto deadline = board_->next_deadline();
            if (view_->has_alert_rules()) {
                deadline = deadline ? std::min(*deadline, next_alert_check_) : next_alert_check_;
            }
            if (deadline) {
                // Steady time is the loop's clock for timers; convert to the wait's clock.
                Duration left = *deadline - clock_().mono;
                if (left > Duration::zero()) {
                    wake_.wait_for(lock, left);
                }
            } else {
                wake_.wait(lock);
            }
        }
        std::deque<Job> work;
        work.swap(inbox_);
        lock.unlock();
        check_alerts();
        for (Job& job : work) {
            board_->set_input_time(job.posted);
            job.work(*board_, clock_());
        }
        Now now = clock_();
        auto due = board_->next_deadline();
        if (due && *due <= now.mono) {
            board_->set_input_time(std::chrono::steady_clock::now());  // a timer: due now
            board_->tick(now);
        }
        lock.lock();
    }
}

void CoreLoop::add_alert_rules(std::vector<alerts::AlertRule> rules) {
    for (alerts::AlertRule& rule : rules) {
        const bool configured =
            std::any_of(config_.alerts.begin(), config_.alerts.end(),
                        [&](const alerts::AlertRule& r) { return r.name == rule.name; });
        if (configured) {
            log_("alerts: rule '" + rule.name +
                 "' made in the browser is named like one in the configuration: the file's wins");
        } else {
            stored_alert_rules_.push_back(std::move(rule));
        }
    }
}

void CoreLoop::check_alerts() {
    const Now now = clock_();
    if (!view_->has_alert_rules() || now.mono < next_alert_check_) {
        return;
    }
    next_alert_check_ = now.mono + kAlertCheckEvery;
    for (const alerts::AlertChange& c : view_->check_alerts(now.wall)) {
        notify(c);
        log_(fmt::format("alert {}: {} {}{} at {:.3g} (threshold {:.3g})",
                         c.kind == alerts::AlertChange::Kind::Raised ? "raised" : "cleared", c.rule,
                         alerts::kMeasureNames.name(c.measure),
                         c.subject.empty() ? "" : " of " + c.subject, c.value, c.threshold));
    }
    for (const alerts::AlertEntry& e : view_->alerts_touched()) {
        store_->save_alert(e);
    }
}

void CoreLoop::notify(const alerts::AlertChange& change) {
    if (!outbox_) {
        return;
    }
    for (const alerts::AlertRule& rule : view_->alert_rules()) {
        if (rule.name != change.rule || rule.email.empty() || !config_.mail) {
            continue;
        }
        mail::MailMessage message;
        message.from = config_.mail->from;
        message.to = rule.email;
        message.language = rule.language;
        message.subject = alerts::alert_subject(change, rule.language);
        message.text = alerts::alert_body(change, rule.language);
        std::string to;
        for (const std::string& address : rule.email) {
            to += (to.empty() ? "" : ", ") + address;
        }
        const std::string id =
            fmt::format("markaz-{}-{}-{}", change.rule, change.at.time_since_epoch().count(),
                        change.kind == alerts::AlertChange::Kind::Raised);
        outbox_->post("mail to " + to, [settings = *config_.mail, message, at = change.at, id] {
            return mail::send_mail(settings, message, at, id);
        });
    }
    const std::string body = alert_json(change);
    for (const webhook::WebhookSettings& hook : config_.webhooks) {
        outbox_->post("webhook to " + hook.url,
                      [hook, body, at = change.at] { return webhook::post(hook, body, at); });
    }
}

}  // namespace markaz::app
