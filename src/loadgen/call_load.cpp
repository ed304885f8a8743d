#include "loadgen/call_load.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <ostream>
#include <unistd.h>
#include <unordered_map>
#include <vector>

#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su.h>

#include "loadgen/load_dialog.h"
#include "loadgen/load_measure.h"
#include "loadgen/process_usage.h"
#include "sip/sofia.h"

namespace markaz::loadgen {

namespace {

constexpr int kRegistrationWindow = 100;  // REGISTERs in flight at once
constexpr std::chrono::milliseconds kPump{5};

/// The run: a sofia-sip user agent on this thread, with RtpLoad for the audio.
class CallLoad {
public:
    CallLoad(const LoadSettings& settings, RtpLoad& rtp, std::ostream& progress)
        : settings_(settings), rtp_(rtp), progress_(progress) {}

    Result<LoadReport> run() {
        root_ = sip::sofia::Root::create();
        std::string url = "sip:" + settings_.address + ":" + std::to_string(settings_.sip_port);
        nua_ =
            root_
                ? sip::sofia::Nua::create(
                      *root_,
                      [this](nua_event_t event, int status, nua_t*, nua_handle_t* nh,
                             const sip_t* sip,
                             tagi_t tags[]) { handle(event, status, nh, sip, tags); },
                      [this](const std::string& what) { progress_ << "loadgen: " << what << '\n'; },
                      NUTAG_URL(url.c_str()), NUTAG_AUTOANSWER(0), NUTAG_AUTOALERT(0),
                      NUTAG_MEDIA_ENABLE(0), SIPTAG_USER_AGENT_STR("markaz-loadgen"),
                      // Plain registrations: no NAT probing or keep-alive OPTIONS.
                      NUTAG_OUTBOUND("no-validate no-natify no-options-keepalive"),
                      NUTAG_KEEPALIVE(0))
                : nullptr;
        if (!nua_) {
            return fail(Errc::Unavailable, "loadgen: cannot listen for SIP on " +
                                               settings_.address + ":" +
                                               std::to_string(settings_.sip_port));
        }
        if (settings_.server_pid) {
            if (auto before = sample_process(settings_.server_pid)) {
                measure_.before(*before);
            }
        }
        started_ = seconds_now();
        {
            sip::sofia::RepeatingTimer pumping{*root_, kPump, [this] { pump(); }};
            root_->run();
        }
        // nua is shut down: its nua_destroy frees the handles left.
        for (auto& [nh, dialog] : dialogs_) {
            dialog->handle.release();
        }
        dialogs_.clear();
        nua_.reset();
        root_.reset();
        return finish();
    }

private:
    enum class Phase { Registering, Calling, Unregistering, ShuttingDown };

    void handle(nua_event_t event, int status, nua_handle_t* nh, const sip_t* sip, tagi_t tags[]) {
        if (event == nua_r_shutdown) {
            if (status >= 200) {
                root_->stop();
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
            }
            dialogs_.erase(it);  // its handle with it
        } else {
            sip::sofia::Handle{nh}.reset();
        }
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

    /// A REGISTER on a handle of its own (`remove`: Expires 0, the binding goes). The answer to
    /// a challenge goes on a new handle as well: nua will not send a second REGISTER on a
    /// handle whose first was challenged unless nua_authenticate() answers, and that knows
    /// only MD5.
    void send_register(std::unique_ptr<Dialog> dialog, const char* authorization,
                       bool remove = false) {
        std::string aor = "sip:" + dialog->number + "@" + settings_.server;
        nua_handle_t* nh = nua_handle(nua_->get(), nullptr, SIPTAG_TO_STR(aor.c_str()),
                                      SIPTAG_FROM_STR(aor.c_str()), TAG_END());
        std::string registrar_url = registrar();
        (remove ? nua_unregister : nua_register)(
            nh, NUTAG_REGISTRAR(registrar_url.c_str()), NUTAG_M_USERNAME(dialog->number.c_str()),
            TAG_IF(!remove, SIPTAG_EXPIRES_STR("600")),
            TAG_IF(authorization, SIPTAG_AUTHORIZATION_STR(authorization)), TAG_END());
        dialog->handle = sip::sofia::Handle{nh};
        dialogs_[nh] = std::move(dialog);
    }

    void on_register_response(nua_handle_t* nh, Dialog& d, int status, const sip_t* sip,
                              bool unregistering) {
        if (status < 200) {
            return;
        }
        // Each challenge is answered once, on a new handle. The un-REGISTER is challenged too:
        // nua sends the REGISTER's Authorization again, and a nonce count is good only once.
        if ((status == 401 || status == 407) && d.auth_attempts++ == 0 && sip) {
            if (auto header = authorization_for(sip, d.number)) {
                auto dialog = std::move(dialogs_.at(nh));
                dialogs_.erase(nh);
                dialog->handle.reset();
                send_register(std::move(dialog), header->c_str(), unregistering);
                return;
            }
        }
        if (unregistering) {
            report_.unregistered += status < 300 ? 1 : 0;
            dialogs_.erase(nh);
            if (--unregistering_ == 0) {
                shut_down();
            }
            return;
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

    sdp::LocalMedia local_media(std::uint64_t leg) const {
        return load_media(settings_.address, rtp_.port_for(leg), leg);
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
        dialog->offer = sdp::make_offer(local_media(leg));
        dialog->invited_at = seconds_now();
        std::string body = sdp::format_sdp(dialog->offer);
        nua_handle_t* nh = nua_handle(nua_->get(), nullptr, SIPTAG_TO_STR(uri.c_str()), TAG_END());
        dialog->handle = sip::sofia::Handle{nh};
        dialogs_[nh] = std::move(dialog);
        ++calls_up_;
        measure_.invite_sent(seconds_now());
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
        measure_.answered((now - d.invited_at) * 1000.0, now);
        ++report_.answered;
        auto answer = sdp::parse_sdp(body_of(sip));
        auto audio = answer ? sdp::accept_answer(d.offer, *answer)
                            : Result<sdp::NegotiatedAudio>(fail(answer.error()));
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
        auto offer = sdp::parse_sdp(body_of(sip));
        auto answer = offer ? sdp::answer_offer(*offer, local_media(leg))
                            : Result<sdp::SdpAnswer>(fail(offer.error()));
        if (!answer) {
            nua_respond(nh, SIP_488_NOT_ACCEPTABLE, NUTAG_WITH_CURRENT(nua_->get()), TAG_END());
            return;
        }
        auto dialog = std::make_unique<Dialog>(Dialog{Dialog::Role::Callee, number, leg});
        std::string body = sdp::format_sdp(answer->session);
        nua_respond(nh, SIP_200_OK, NUTAG_WITH_CURRENT(nua_->get()),
                    SIPTAG_CONTENT_TYPE_STR("application/sdp"), SIPTAG_PAYLOAD_STR(body.c_str()),
                    TAG_END());
        start_media(*dialog, answer->audio);
        dialog->handle = sip::sofia::Handle{nh};
        dialogs_[nh] = std::move(dialog);
        ++report_.delivered;
    }

    void start_media(Dialog& d, const sdp::NegotiatedAudio& audio) {
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
                            if (auto before = sample_process(settings_.server_pid)) {
                                measure_.before(*before);
                            }
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
                dialog->auth_attempts = 0;
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
        nua_->shutdown();
    }

    /// Once a second: the server's CPU and memory with the calls up, and a progress line.
    void sample(double now) {
        if (settings_.server_pid && phase_ == Phase::Calling) {
            if (auto s = sample_process(settings_.server_pid)) {
                measure_.sample(*s, sample_process(getpid()).value_or(ProcessSample{}), calls_up_);
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

    Result<LoadReport> finish() {
        report_.media = rtp_.finish();
        measure_.finish(report_, failures());
        return report_;
    }

    const LoadSettings& settings_;
    RtpLoad& rtp_;
    std::ostream& progress_;
    std::unique_ptr<sip::sofia::Root> root_;
    std::unique_ptr<sip::sofia::Nua> nua_;
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
    LoadMeasure measure_;
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
