#include "loadgen/call_load.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <numeric>
#include <ostream>
#include <unistd.h>
#include <unordered_map>
#include <vector>

#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su.h>
#include <sofia-sip/su_wait.h>

#include "loadgen/process_usage.h"
#include "media/sdp_negotiation.h"
#include "media/sdp_session.h"

namespace markaz::loadgen {

namespace {

constexpr int kRegistrationWindow = 100;  // REGISTERs in flight at once
constexpr su_duration_t kPumpMs = 5;

double seconds_now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    return values[index];
}

std::string body_of(const sip_t* sip) {
    return sip && sip->sip_payload
               ? std::string(sip->sip_payload->pl_data, sip->sip_payload->pl_len)
               : std::string{};
}

/// One SIP dialog (or registration) the load generator has open.
struct Dialog {
    enum class Role { Registration, Caller, Callee };
    Role role;
    std::string number;  ///< the extension registered or called
    std::uint64_t leg = 0;
    media::SdpSession offer;  ///< a caller's own offer
    double invited_at = 0;
    bool answered = false;
    bool media_on = false;
    int auth_attempts = 0;
    bool registered = false;
};

/// The run: a sofia-sip user agent on this thread, with RtpLoad for the audio.
class CallLoad {
public:
    CallLoad(const LoadSettings& settings, RtpLoad& rtp, std::ostream& progress)
        : settings_(settings), rtp_(rtp), progress_(progress) {}

    Result<LoadReport> run() {
        root_ = su_root_create(nullptr);
        std::string url = "sip:" + settings_.address + ":" + std::to_string(settings_.sip_port);
        nua_ = root_ ? nua_create(root_, &CallLoad::on_event, reinterpret_cast<nua_magic_t*>(this),
                                  NUTAG_URL(url.c_str()), NUTAG_AUTOANSWER(0), NUTAG_AUTOALERT(0),
                                  NUTAG_MEDIA_ENABLE(0), SIPTAG_USER_AGENT_STR("markaz-loadgen"),
                                  // Plain registrations: no NAT probing or keep-alive OPTIONS.
                                  NUTAG_OUTBOUND("no-validate no-natify no-options-keepalive"),
                                  NUTAG_KEEPALIVE(0), TAG_END())
                     : nullptr;
        if (!nua_) {
            if (root_) {
                su_root_destroy(root_);
            }
            return fail(Errc::Unavailable, "loadgen: cannot listen for SIP on " +
                                               settings_.address + ":" +
                                               std::to_string(settings_.sip_port));
        }
        if (settings_.server_pid) {
            before_ = sample_process(settings_.server_pid);
        }
        started_ = seconds_now();
        pump_ = su_timer_create(su_root_task(root_), kPumpMs);
        // su_timer_run repeats at the timer's own interval (su_timer_set_interval fires once).
        su_timer_run(
            pump_,
            [](su_root_magic_t*, su_timer_t*, su_timer_arg_t* arg) {
                reinterpret_cast<CallLoad*>(arg)->pump();
            },
            reinterpret_cast<su_timer_arg_t*>(this));
        su_root_run(root_);
        su_timer_destroy(pump_);
        nua_destroy(nua_);
        su_root_destroy(root_);
        return finish();
    }

private:
    enum class Phase { Registering, Calling, Unregistering, ShuttingDown };

    static void on_event(nua_event_t event, int status, const char* /*phrase*/, nua_t* /*nua*/,
                         nua_magic_t* magic, nua_handle_t* nh, nua_hmagic_t* /*hmagic*/,
                         const sip_t* sip, tagi_t tags[]) {
        reinterpret_cast<CallLoad*>(magic)->handle(event, status, nh, sip, tags);
    }

    void handle(nua_event_t event, int status, nua_handle_t* nh, const sip_t* sip, tagi_t tags[]) {
        if (event == nua_r_shutdown) {
            if (status >= 200) {
                su_root_break(root_);
            }
            return;
        }
        if (event == nua_i_invite) {
            answer(nh, sip);
            return;
        }
        auto it = dialogs_.find(nh);
        if (it == dialogs_.end()) {
            if (event == nua_i_state) {
                destroy_if_terminated(nh, tags);
            }
            return;
        }
        Dialog& d = *it->second;
        switch (event) {
            case nua_r_register:
            case nua_r_unregister:
                on_register_response(nh, d, status, sip, event == nua_r_unregister);
                break;
            case nua_r_invite:
                on_invite_response(nh, d, status, sip);
                break;
            case nua_i_bye:
                stop_media(d);
                break;
            case nua_i_state:
                destroy_if_terminated(nh, tags);
                break;
            default:
                break;
        }
    }

    void destroy_if_terminated(nua_handle_t* nh, tagi_t tags[]) {
        int state = nua_callstate_init;
        tl_gets(tags, NUTAG_CALLSTATE_REF(state), TAG_END());
        if (state != nua_callstate_terminated) {
            return;
        }
        if (auto it = dialogs_.find(nh); it != dialogs_.end()) {
            stop_media(*it->second);
            if (it->second->role == Dialog::Role::Caller) {
                --calls_up_;
                if (!it->second->answered) {
                }
            }
            dialogs_.erase(it);
        }
        nua_handle_destroy(nh);
    }

    // --- registration ---------------------------------------------------------------------

    std::string registrar() const { return "sip:" + settings_.server; }

    void register_next() {
        while (next_extension_ < settings_.extensions && registering_ < kRegistrationWindow) {
            std::string number = std::to_string(settings_.first_extension +
                                                static_cast<std::uint32_t>(next_extension_++));
            ++registering_;
            send_register(std::make_unique<Dialog>(Dialog{Dialog::Role::Registration, number}),
                          nullptr);
        }
    }

    /// A REGISTER on a handle of its own. The answer to a challenge goes on a new handle as
    /// well: nua will not send a second REGISTER on a handle whose first was challenged
    /// unless nua_authenticate() answers, and that knows only MD5.
    void send_register(std::unique_ptr<Dialog> dialog, const char* authorization) {
        std::string aor = "sip:" + dialog->number + "@" + settings_.server;
        nua_handle_t* nh = nua_handle(nua_, nullptr, SIPTAG_TO_STR(aor.c_str()),
                                      SIPTAG_FROM_STR(aor.c_str()), TAG_END());
        std::string registrar_url = registrar();
        nua_register(nh, NUTAG_REGISTRAR(registrar_url.c_str()),
                     NUTAG_M_USERNAME(dialog->number.c_str()), SIPTAG_EXPIRES_STR("600"),
                     TAG_IF(authorization, SIPTAG_AUTHORIZATION_STR(authorization)), TAG_END());
        dialogs_[nh] = std::move(dialog);
    }

    void on_register_response(nua_handle_t* nh, Dialog& d, int status, const sip_t* sip,
                              bool unregistering) {
        if (status < 200) {
            return;
        }
        if (unregistering) {
            if (--unregistering_ == 0) {
                shut_down();
            }
            return;
        }
        if ((status == 401 || status == 407) && d.auth_attempts++ == 0 && sip) {
            if (auto header = authorization_for(sip, d.number)) {
                auto dialog = std::move(dialogs_.at(nh));
                dialogs_.erase(nh);
                nua_handle_destroy(nh);
                send_register(std::move(dialog), header->c_str());
                return;
            }
        }
        --registering_;
        if (status >= 200 && status < 300) {
            ++report_.registered;
            d.registered = true;
            registered_numbers_.push_back(d.number);
        } else {
            // Done with it: a challenged registration left on its handle would hold up
            // nua_shutdown() for half a minute.
            ++report_.register_failures[status];
            dialogs_.erase(nh);
            nua_handle_destroy(nh);
        }
    }

    /// Our answer to the server's challenge for the configured algorithm, if it made one.
    std::optional<std::string> authorization_for(const sip_t* sip, const std::string& number) {
        for (const sip_www_authenticate_t* c = sip->sip_www_authenticate; c; c = c->au_next) {
            auto header = sip::digest_authorization(
                c->au_params, settings_.digest,
                sip::DigestCredentials{number, settings_.password_prefix + number, "REGISTER",
                                       registrar(), "markaz" + number});
            if (header) {
                return *header;
            }
        }
        return std::nullopt;
    }

    // --- calls ------------------------------------------------------------------------------

    media::LocalMedia local_media(std::uint64_t leg) const {
        media::LocalMedia local;
        local.address = settings_.address;
        local.port = rtp_.port_for(leg);
        local.session_id = leg;
        local.session_version = 1;
        local.codecs = {media::CodecKind::Pcmu};
        return local;
    }

    void place_call() {
        std::string number =
            !settings_.dial.empty()
                ? settings_.dial[static_cast<std::size_t>(report_.placed) % settings_.dial.size()]
                : registered_numbers_[static_cast<std::size_t>(report_.placed) %
                                      registered_numbers_.size()];
        ++report_.placed;
        std::uint64_t leg = next_leg_++;
        std::string uri = "sip:" + number + "@" + settings_.server;
        // Each caller has a number of its own, as a carrier's callers do, so call records,
        // the console and callback requests show one per call.
        std::string caller = std::to_string(report_.placed);
        caller = "0900" + std::string(caller.size() < 7 ? 7 - caller.size() : 0, '0') + caller;
        std::string from =
            "sip:" + caller + "@" + settings_.address + ":" + std::to_string(settings_.sip_port);
        auto dialog = std::make_unique<Dialog>(Dialog{Dialog::Role::Caller, number, leg});
        dialog->offer = media::make_offer(local_media(leg));
        dialog->invited_at = seconds_now();
        std::string body = media::format_sdp(dialog->offer);
        nua_handle_t* nh = nua_handle(nua_, nullptr, SIPTAG_TO_STR(uri.c_str()), TAG_END());
        dialogs_[nh] = std::move(dialog);
        ++calls_up_;
        if (!first_invite_) {
            first_invite_ = seconds_now();
        }
        nua_invite(nh, NUTAG_URL(uri.c_str()), SIPTAG_FROM_STR(from.c_str()),
                   SIPTAG_CONTENT_TYPE_STR("application/sdp"), SIPTAG_PAYLOAD_STR(body.c_str()),
                   TAG_END());
    }

    void on_invite_response(nua_handle_t* nh, Dialog& d, int status, const sip_t* sip) {
        if (status < 200 || d.answered) {
            return;
        }
        if (status >= 300) {
            ++report_.call_failures[status];
            return;  // the terminated state follows
        }
        d.answered = true;
        double now = seconds_now();
        setup_ms_.push_back((now - d.invited_at) * 1000.0);
        last_answer_ = now;
        ++report_.answered;
        auto answer = media::parse_sdp(body_of(sip));
        auto audio = answer ? media::accept_answer(d.offer, *answer)
                            : Result<media::NegotiatedAudio>(fail(answer.error()));
        if (!audio) {
            ++report_.call_failures[606];  // answered without usable media
            nua_bye(nh, TAG_END());
            return;
        }
        start_media(d, *audio);
        hangups_.push_back({now + std::chrono::duration<double>(settings_.hold).count(), nh});
        if (!settings_.digits.empty()) {
            digits_due_.push_back({now + 1.0, nh});
        }
    }

    /// The caller's digits, as SIP INFO (application/dtmf-relay), one request each.
    void send_digits(nua_handle_t* nh) {
        for (char digit : settings_.digits) {
            std::string body = std::string("Signal=") + digit + "\r\nDuration=160\r\n";
            nua_info(nh, SIPTAG_CONTENT_TYPE_STR("application/dtmf-relay"),
                     SIPTAG_PAYLOAD_STR(body.c_str()), TAG_END());
        }
    }

    /// A call from Markaz to one of our extensions: answered at once with audio.
    void answer(nua_handle_t* nh, const sip_t* sip) {
        std::string number = sip && sip->sip_request && sip->sip_request->rq_url->url_user
                                 ? sip->sip_request->rq_url->url_user
                                 : "";
        std::uint64_t leg = next_leg_++;
        auto offer = media::parse_sdp(body_of(sip));
        auto answer = offer ? media::answer_offer(*offer, local_media(leg))
                            : Result<media::SdpAnswer>(fail(offer.error()));
        if (!answer) {
            nua_respond(nh, SIP_488_NOT_ACCEPTABLE, NUTAG_WITH_CURRENT(nua_), TAG_END());
            return;
        }
        auto dialog = std::make_unique<Dialog>(Dialog{Dialog::Role::Callee, number, leg});
        std::string body = media::format_sdp(answer->session);
        nua_respond(nh, SIP_200_OK, NUTAG_WITH_CURRENT(nua_),
                    SIPTAG_CONTENT_TYPE_STR("application/sdp"), SIPTAG_PAYLOAD_STR(body.c_str()),
                    TAG_END());
        start_media(*dialog, answer->audio);
        dialogs_[nh] = std::move(dialog);
        ++report_.delivered;
    }

    void start_media(Dialog& d, const media::NegotiatedAudio& audio) {
        rtp_.add(LegMedia{d.leg, audio.remote_address, audio.remote_port, audio.payload_type});
        d.media_on = true;
    }

    void stop_media(Dialog& d) {
        if (d.media_on) {
            rtp_.remove(d.leg);
            d.media_on = false;
        }
    }

    // --- the schedule -------------------------------------------------------------------------

    void pump() {
        double now = seconds_now();
        switch (phase_) {
            case Phase::Registering:
                register_next();
                if (next_extension_ == settings_.extensions && registering_ == 0) {
                    if (settings_.calls == 0 || registered_numbers_.empty()) {
                        unregister_all();
                    } else {
                        phase_ = Phase::Calling;
                        calling_since_ = now;
                        if (settings_.server_pid) {
                            before_ = sample_process(settings_.server_pid);
                        }
                    }
                }
                break;
            case Phase::Calling:
                call_and_hang_up(now);
                break;
            case Phase::Unregistering:
            case Phase::ShuttingDown:
                break;
        }
        if (now - last_progress_ >= 1.0) {
            last_progress_ = now;
            sample(now);
        }
    }

    void call_and_hang_up(double now) {
        auto due = static_cast<int>((now - calling_since_) * settings_.rate) + 1;
        due = std::min(due, settings_.calls);
        while (report_.placed < due &&
               (settings_.concurrent == 0 || calls_up_ < settings_.concurrent)) {
            place_call();
        }
        while (!digits_due_.empty() && digits_due_.front().first <= now) {
            nua_handle_t* nh = digits_due_.front().second;
            digits_due_.pop_front();
            if (dialogs_.contains(nh)) {
                send_digits(nh);
            }
        }
        while (!hangups_.empty() && hangups_.front().first <= now) {
            nua_handle_t* nh = hangups_.front().second;
            hangups_.pop_front();
            if (auto it = dialogs_.find(nh); it != dialogs_.end()) {
                stop_media(*it->second);
                nua_bye(nh, TAG_END());
            }
        }
        report_.peak_calls = std::max(report_.peak_calls, calls_up_);
        if (report_.placed == settings_.calls && calls_up_ == 0 && callees() == 0) {
            unregister_all();
        }
        // A run that cannot finish (the server stopped answering) gives up in the end.
        double limit = static_cast<double>(settings_.calls) / settings_.rate +
                       std::chrono::duration<double>(settings_.hold).count() + 60.0;
        if (now - calling_since_ > limit) {
            report_.unfinished = calls_up_;
            unregister_all();
        }
    }

    int callees() const {
        return static_cast<int>(std::count_if(dialogs_.begin(), dialogs_.end(), [](const auto& d) {
            return d.second->role == Dialog::Role::Callee;
        }));
    }

    void unregister_all() {
        if (phase_ == Phase::Unregistering || phase_ == Phase::ShuttingDown) {
            return;
        }
        phase_ = Phase::Unregistering;
        for (auto& [nh, dialog] : dialogs_) {
            if (dialog->role == Dialog::Role::Registration && dialog->registered) {
                ++unregistering_;
                nua_unregister(nh, TAG_END());
            }
        }
        if (unregistering_ == 0) {
            shut_down();
        }
    }

    void shut_down() {
        if (phase_ == Phase::ShuttingDown) {
            return;
        }
        phase_ = Phase::ShuttingDown;
        nua_shutdown(nua_);
    }

    /// Once a second: the server's CPU and memory with the calls up, and a progress line.
    void sample(double now) {
        if (settings_.server_pid && phase_ == Phase::Calling) {
            if (auto s = sample_process(settings_.server_pid)) {
                samples_.push_back(
                    {*s, sample_process(getpid()).value_or(ProcessSample{}), calls_up_});
            }
        }
        if (settings_.progress) {
            progress_ << "loadgen: " << static_cast<int>(now - started_) << " s  registered "
                      << report_.registered << "  placed " << report_.placed << "  answered "
                      << report_.answered << "  up " << calls_up_ << "  failed " << failures()
                      << '\n'
                      << std::flush;
        }
    }

    int failures() const {
        int n = 0;
        for (auto [status, count] : report_.call_failures) {
            n += count;
        }
        return n;
    }

    /// The window of samples in which at least 95% of the most calls were up.
    std::optional<ServerUsage> usage() const {
        int most = 0;
        for (const auto& s : samples_) {
            most = std::max(most, s.calls);
        }
        std::size_t first = samples_.size();
        std::size_t last = 0;
        for (std::size_t i = 0; i < samples_.size(); ++i) {
            if (most > 0 && samples_[i].calls * 100 >= most * 95) {
                first = std::min(first, i);
                last = i;
            }
        }
        if (!before_ || first >= last) {
            return std::nullopt;
        }
        double calls = 0;
        for (std::size_t i = first; i <= last; ++i) {
            calls += samples_[i].calls;
        }
        ServerUsage u;
        u.window_seconds = samples_[last].server.wall_seconds - samples_[first].server.wall_seconds;
        u.calls = calls / static_cast<double>(last - first + 1);
        u.cores = cores_used(samples_[first].server, samples_[last].server);
        u.loadgen_cores = cores_used(samples_[first].loadgen, samples_[last].loadgen);
        u.rss_before = before_->rss_bytes;
        u.rss_peak = samples_[last].server.rss_bytes;
        return u;
    }

    Result<LoadReport> finish() {
        report_.media = rtp_.finish();
        if (first_invite_ && last_answer_ > *first_invite_) {
            report_.setups_per_second = report_.answered / (last_answer_ - *first_invite_);
        }
        report_.setup_ms_p50 = percentile(setup_ms_, 0.50);
        report_.setup_ms_p99 = percentile(setup_ms_, 0.99);
        report_.setup_ms_max = percentile(setup_ms_, 1.0);
        const MediaTotals& m = report_.media;
        if (m.frames_expected > 0) {
            report_.loss_percent = 100.0 *
                                   static_cast<double>(m.frames_expected - m.frames_received) /
                                   static_cast<double>(m.frames_expected);
        }
        if (!m.jitter_ms.empty()) {
            report_.jitter_ms_mean = std::accumulate(m.jitter_ms.begin(), m.jitter_ms.end(), 0.0) /
                                     static_cast<double>(m.jitter_ms.size());
        }
        report_.jitter_ms_p99 = percentile(m.jitter_ms, 0.99);
        report_.jitter_ms_max = percentile(m.jitter_ms, 1.0);
        report_.usage = usage();
        int never_answered = report_.placed - report_.answered - failures() - report_.unfinished;
        if (never_answered > 0) {
            report_.call_failures[408] += never_answered;
        }
        return report_;
    }

    struct Sample {
        ProcessSample server;
        ProcessSample loadgen;
        int calls = 0;
    };

    const LoadSettings& settings_;
    RtpLoad& rtp_;
    std::ostream& progress_;
    su_root_t* root_ = nullptr;
    nua_t* nua_ = nullptr;
    su_timer_t* pump_ = nullptr;
    Phase phase_ = Phase::Registering;

    std::unordered_map<nua_handle_t*, std::unique_ptr<Dialog>> dialogs_;
    std::vector<std::string> registered_numbers_;
    int next_extension_ = 0;
    int registering_ = 0;
    int unregistering_ = 0;
    std::uint64_t next_leg_ = 1;
    int calls_up_ = 0;
    std::deque<std::pair<double, nua_handle_t*>> hangups_;     // the hold is fixed: FIFO order
    std::deque<std::pair<double, nua_handle_t*>> digits_due_;  ///< (when, call)

    double started_ = 0;
    double calling_since_ = 0;
    double last_progress_ = 0;
    std::optional<double> first_invite_;
    double last_answer_ = 0;
    std::vector<double> setup_ms_;
    std::optional<ProcessSample> before_;
    std::vector<Sample> samples_;
    LoadReport report_;
};

}  // namespace

Result<LoadReport> run_load(const LoadSettings& settings, std::ostream& progress) {
    if (settings.server_pid && !sample_process(settings.server_pid)) {
        return fail(Errc::NotFound,
                    "loadgen: no process " + std::to_string(settings.server_pid) + " to measure");
    }
    auto rtp = RtpLoad::start(
        RtpLoad::Settings{settings.address, settings.rtp_port, settings.rtp_sockets});
    if (!rtp) {
        return fail(rtp.error());
    }
    su_init();
    CallLoad load(settings, **rtp, progress);
    auto report = load.run();
    su_deinit();
    return report;
}

}  // namespace markaz::loadgen
