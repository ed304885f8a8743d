#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "app/live_ports.h"
#include "app/outbox.h"
#include "app/prompt_library.h"
#include "app/store_worker.h"
#include "app/switchboard.h"
#include "config/server_config_loader.h"
#include "media/media_engine.h"
#include "sip/call_control.h"
#include "sip/sip_server.h"

namespace markaz::app {

/// The core loop (DESIGN rule 2): one thread that owns the switchboard — the router, the
/// calls, the IVR sessions — and runs whatever the SIP thread, the media workers, the store
/// and (later) the API post to it, plus the timers the switchboard asks for. Nothing else
/// touches that state.
///
/// Start-up order: create() (opens the store, loads the prompts), then hand call_handler()
/// and media_sink() to the SIP server and media engine as they start, then run() with them.
class CoreLoop {
public:
    using Log = Switchboard::Log;
    /// The clock the loop reads. Tests of opening hours shift the wall clock.
    using Clock = std::function<Now()>;

    static Result<std::unique_ptr<CoreLoop>> create(const config::ServerConfig& config, Log log,
                                                    Clock clock);
    ~CoreLoop();  ///< stops the thread, then writes what the store has queued

    /// Where call detail goes (digits): the server's log at debug. Before run().
    void set_detail_log(Log detail) { detail_ = std::move(detail); }
    /// Rules made through the API (kept in the store) to evaluate beside the configuration's;
    /// before run(). One named like a configured rule is left out: the file wins.
    void add_alert_rules(std::vector<alerts::AlertRule> rules);
    /// For SipServer::start: where every new call and its legs' events go.
    sip::CallHandler call_handler();
    /// For MediaEngine::start: every channel's events (digits, dead streams, prompts ended)
    /// go to the switchboard, the channels' one owner.
    media::MediaEngine::EventSink media_sink();
    /// For the SIP notices (registrations).
    void sip_notice(const sip::SipNotice& notice);

    /// Starts the thread: logs the desk agents in and restores pending callbacks first.
    Result<void> run(sip::SipServer& sip, media::MediaEngine& media);
    /// Stops the thread; posts after this are dropped. Call before the SIP server and the
    /// media engine go, which the switchboard commands (and which post here until then).
    void stop();
    /// Runs `work` on the core loop; any thread; does not wait.
    void post(std::function<void(Switchboard&, Now)> work);
    const PromptLibrary& prompts() const { return prompts_; }
    /// What the web desks see; exists once run() has succeeded. Its subscribe() may be
    /// called from any thread; everything else of it only on the loop (post()).
    CenterView& view() { return *view_; }

private:
    CoreLoop(const config::ServerConfig& config, Log log, Clock clock, PromptLibrary prompts,
             std::unique_ptr<StoreWorker> store);
    void loop();

    const config::ServerConfig& config_;
    std::vector<alerts::AlertRule> stored_alert_rules_;
    Log log_;
    Log detail_ = [](const std::string&) {};
    Clock clock_;
    PromptLibrary prompts_;
    std::unique_ptr<StoreWorker> store_;
    std::unique_ptr<CenterView> view_;
    /// The alert rules are evaluated this often (docs/alerts.md).
    static constexpr Duration kAlertCheckEvery = std::chrono::seconds(5);
    SteadyTime next_alert_check_{};
    /// Evaluates the alert rules when due, and logs and mails what they raised and cleared.
    void check_alerts();
    /// Mails the change to its rule's addresses and POSTs it to every webhook.
    void notify(const alerts::AlertChange& change);
    std::unique_ptr<Outbox> outbox_;  ///< with a `mail:` server or webhooks
    std::unique_ptr<CallControl> phones_;
    std::unique_ptr<MediaControl> media_;
    std::unique_ptr<Switchboard> board_;

    std::mutex mutex_;
    std::condition_variable wake_;
    struct Job {
        std::function<void(Switchboard&, Now)> work;
        std::chrono::steady_clock::time_point posted;  ///< for the routing latency
    };
    std::deque<Job> inbox_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace markaz::app
