#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "acd/router.h"
#include "app/center_view.h"
#include "app/placed_calls.h"
#include "app/ports.h"
#include "app/prompt_library.h"
#include "config/server_config_loader.h"
#include "media/media_engine.h"
#include "sip/call_control.h"
#include "sip/sip_server.h"

namespace markaz::app {

namespace stage {
struct Consult;  // call.h
}

/// The call flow: binds the SIP legs, the media and the decisions of the IVR and the router
/// (DESIGN "Call flow, inbound"). A call to a dialplan number is answered, runs its IVR flow
/// (prompts, digits, timeouts), joins a queue (music on hold, position and wait announced),
/// rings the agents the router offers it to, and is bridged and recorded when one answers.
/// Callback requests are booked durably before the caller hears so and dialled when they
/// reach the head. Agents change state from their phones with feature codes. Every router
/// event is stored; one call record per call is stored when the call ends.
/// Thread: the core loop only (CoreLoop). It acts through the ports (ports.h), which queue
/// the work for the SIP, media and store threads; the unit tests plug in fakes and a clock.
class Switchboard {
public:
    using Log = std::function<void(const std::string&)>;
    /// How a store completion comes back to the core loop.
    using PostBack = std::function<void(std::function<void(Switchboard&, Now)>)>;

    /// `id_prefix` starts every call id (unique across restarts: the server's start time).
    Switchboard(const config::ServerConfig& config, acd::Router router,
                const PromptLibrary& prompts, CallControl& phones, MediaControl& media,
                CallStore& store, CenterView& view, PostBack post_back, Log log,
                std::string id_prefix);
    ~Switchboard();
    Switchboard(const Switchboard&) = delete;
    Switchboard& operator=(const Switchboard&) = delete;

    /// Logs in the agents with a fixed desk (not ready until their phone registers) and puts
    /// the callback requests booked before a restart back in their queues, oldest first.
    void start(const std::vector<store::CallbackRequest>& pending, Now now);
    void on_call_event(const sip::CallEvent& event, Now now);
    /// An event of a call's own channel (a digit, its prompt ended, its audio stopped) or of
    /// an answered leg's (a digit, the audio stopped: the call ends). A channel no call has
    /// any more is ignored.
    void on_media_event(const media::MediaEvent& event, Now now);
    /// Registrations make fixed-desk agents ready; losing the phone makes them not ready.
    void on_sip_notice(const sip::SipNotice& notice, Now now);
    /// Runs what is due: the router's timers, IVR timeouts, repeated announcements.
    void tick(Now now);
    std::optional<SteadyTime> next_deadline() const;
    /// A command from outside the calls (the API, tests). One that ends a call acts on its
    /// phones first (BYE to the connected ones, CANCEL to the ringing ones), then tells the
    /// router (switchboard_commands.cpp).
    Result<void> command(const acd::Command& command, Now now);
    /// The agent's desk (or a supervisor) puts the connected call's customer on hold or takes
    /// them back: music to the customer, the agent no longer hears them (switchboard_hold.cpp).
    Result<void> hold_call(const CallId& call, bool on_hold, const std::string& by, Now now);
    /// The agent's desk (or a supervisor) pauses the connected call's recording while the
    /// customer gives card details, or resumes it; the record keeps each pause
    /// (switchboard_hold.cpp).
    Result<void> pause_recording(const CallId& call, bool paused, const std::string& by, Now now);
    /// A supervisor monitors the connected call `call` from `extension` (their own phone,
    /// rung as a leg of the call) in `mode`; asked again, the mode changes
    /// (switchboard_supervision.cpp).
    Result<void> monitor(const CallId& call, const std::string& extension, api::MonitorMode mode,
                         const std::string& by, Now now);
    const acd::Router& router() const { return router_; }
    /// What the web desks see: live figures, intervals, the live calls.
    CenterView& view() { return view_; }
    /// Keeps a KPI alert as it now stands in the store (acknowledged, or cleared by a rule's
    /// change), so the list outlives a restart.
    void keep_alert(alerts::AlertEntry entry) { store_.save_alert(std::move(entry)); }
    /// Where call detail goes (digits pressed): the server's log at debug. None by default.
    void set_detail_log(Log detail) { detail_ = std::move(detail); }
    /// When the input being handled now reached Markaz (the core loop sets it per job), for
    /// the routing latency the SIP layer measures.
    void set_input_time(std::chrono::steady_clock::time_point at) { input_time_ = at; }
    /// Calls the flow is handling now.
    std::size_t active_calls() const;

    struct Call;

private:
    // switchboard.cpp: calls arriving and routed; switchboard_legs.cpp: legs answering,
    // failing, the call ending; switchboard_queueing.cpp: the router's decisions
    /// A new call: the dialplan (dialplan.h) says where it goes.
    void arrive(const sip::CallEvent& event, Now now);
    /// A call Markaz answered for its IVR, a queue or a feature code.
    void run_flow(Call& call, const sip::CallEvent& event, Now now);
    void originated(const sip::CallEvent& event, Now now);
    void leg_answered(Call& call, const sip::CallEvent& event, Now now);
    void leg_failed(Call& call, const sip::CallEvent& event, Now now);
    void ended(Call& call, const sip::CallEvent& event, Now now);
    void finish(Call& call, Now now);
    void route(Call& call, Now now);
    void enqueue(Call& call, const std::string& queue, int priority,
                 const std::vector<std::string>& skills, Now now);
    void apply(const std::vector<acd::Event>& events, Now now);
    void apply(const acd::Event& event, Now now);

    // switchboard_queueing.cpp: one handler per router event the calls act on
    void on(const acd::CallEnqueued& e, Now now);
    void on(const acd::CallBlocked& e, Now now);
    void on(const acd::CallOffered& e, Now now);
    void on(const acd::OfferEnded& e, Now now);
    void on(const acd::CallAnswered& e, Now now);
    void on(const acd::CallTimedOut& e, Now now);
    void on(const acd::CallRemoved& e, Now now);
    void on(const acd::CallCompleted& e, Now now);
    void on(const acd::CallTransferred& e, Now now);  // switchboard_transfer.cpp
    void on(const acd::ConsultStarted& e, Now now);   // switchboard_consult.cpp
    void on(const acd::ConsultJoined& e, Now now);
    void on(const acd::ConsultEnded& e, Now now);
    void on(const acd::WrapUpCompleted& e, Now now);
    void on(const acd::CallbackOffered& e, Now now);
    void on(const acd::CallbackRequested& e, Now now);
    void on(const acd::DialCallback& e, Now now);
    void on(const acd::CallbackAttemptFailed& e, Now now);
    void on(const acd::CallbackFailed& e, Now now);
    void on(const acd::AgentStateChanged& e, Now now);
    /// The router events the calls do not act on (the store and the view have them).
    template <class Event>
    void on(const Event&, Now) {}
    Result<void> handle(const acd::Command& command, Now now);
    Call* call_of(const CallId& id);

    // switchboard_media.cpp: what the caller hears, and digits
    void play(Call& call, std::shared_ptr<const media::Prompt> prompt, Now now);
    void hold_music(Call& call);
    void run_ivr(Call& call, Now now);
    void announce_wait(Call& call, Now now);
    void digit(Call& call, char digit, Now now);
    /// An event of the channel of `call`'s answered leg `leg`.
    void leg_media_event(Call& call, std::uint64_t leg, const media::MediaEvent& event, Now now);
    void played(Call& call, Now now);
    void say_and_hang_up(Call& call, std::vector<ivr::SpokenPart> parts, Now now);

    // switchboard_callbacks.cpp: the callback dialogue, booking, dialling
    void offer_callback_number(Call& call, const std::string& queue, Now now);
    void callback_digit(Call& call, char digit, Now now);
    /// Books a callback to `number` for a caller in the callback dialogue.
    void book_callback(Call& call, std::string number, Now now);
    void callback_booked(const CallId& id, Result<void> booked, Now now);
    /// Whether a callback may dial `number`: at most 15 digits, and allowed by dial_rules
    /// (a refusal is logged).
    bool may_call_back(const Call& call, const std::string& number) const;
    void dial_callback(const acd::DialCallback& dial, Now now);
    void ring_agent_first(const acd::CallOffered& offer, Now now);
    /// The queue's configuration; nullptr for a name the router does not have.
    const acd::QueueConfig* queue_config(const QueueId& queue) const;
    /// The caller stops hearing prompts or music and is bridged with `leg`, recorded.
    void start_talking(Call& call, std::optional<std::uint64_t> leg, Now now);

    // switchboard_rooms.cpp: whom the call's own party shares a room with
    /// A leg sent early media before the answer: the caller hears it unless they already
    /// hear another leg.
    void early_media(Call& call, const sip::CallEvent& event);
    /// The call's own party talks with the answered leg `leg`: one room for both (the room
    /// of its early media, if it had one), recorded to `recording` if set.
    void bridge_with(Call& call, std::uint64_t leg, std::optional<std::string> recording);

    // switchboard_commands.cpp: commands on a call from outside it (the API)
    Result<void> hang_up_by_command(const CallId& id, const acd::Command& command, Now now);

    // switchboard_transfer.cpp: an agent passing the caller on
    /// A blind transfer to a queue or a colleague asked from outside the call (the desk).
    Result<void> transfer(const acd::TransferCall& transfer, Now now);
    /// The agent's phone asked to transfer the caller (REFER, its transfer key): to a
    /// colleague's extension or a number the dialplan sends to a queue, as a blind transfer
    /// from the desk; refused (the phone is told why) from anyone else or to anywhere else.
    void referred(Call& call, const sip::CallEvent& event, Now now);
    /// The agent's phone asked to join the caller with the phone it called itself (REFER with
    /// Replaces, its attended transfer): that phone's leg moves into the caller's call as a
    /// consult the router completes at once (switchboard_phone_transfer.cpp).
    void phone_transfer(Call& referring, const sip::CallEvent& event, Now now);
    /// Why the agent of `call` may not send the caller to `number` (as their own phone
    /// would dial it), or nullopt.
    std::optional<std::string> refuse_forward(const Call& call, const std::string& number) const;
    /// The router let the caller go to `number` (CallTransferred): ring it, music meanwhile.
    void forward(Call& call, const AgentId& agent, const std::string& number);
    /// Rings `number` as leg `leg` of `call`, as the phone of `agent` would reach it.
    void ring_forward(Call& call, std::uint64_t leg, const AgentId& agent,
                      const std::string& number);

    // switchboard_consult.cpp: consulting a colleague, a conference, an attended transfer
    /// A consult step asked from outside the call (the desk): checked against the phones
    /// (a colleague who has not answered cannot join or take the call), then the router's.
    Result<void> consult_command(const acd::Command& command, const CallId& id, Now now);
    /// The consult of `call`, if one is going on.
    static stage::Consult* consult_of(Call& call);
    /// Leg `leg` is the colleague consulted, answering on `channel`: they and the agent hear
    /// each other, the caller holds.
    void consult_answered(Call& call, stage::Consult& consult, ChannelId channel, Now now);
    /// Leg `leg` ended or failed: if it is the colleague consulted, the consult ends (the
    /// router lets them go and takes the caller off hold) and true is returned.
    bool consult_leg_gone(Call& call, std::uint64_t leg, const std::string& why, Now now);
    /// The agent's leg `leg` hung up during a consult: the caller stays with whom the agent
    /// consulted (an attended transfer), or, while that phone still rings, the call ends.
    /// False when `leg` is not the agent of a consult.
    bool agent_hung_up(Call& call, std::uint64_t leg, Now now);

    // switchboard_hold.cpp: a phone holding the other party and taking it back
    void held(Call& call, std::uint64_t leg, bool on_hold, Now now);
    /// The customer of a conversation hears music on hold (or silence) and the agent no longer
    /// hears them; or both back in the conversation.
    void hold_media(ChannelId customer, ChannelId agent, bool on_hold);

    // switchboard_supervision.cpp: supervisors listening, whispering, barging in
    struct Monitor;
    /// Leg `leg` is a supervisor's phone that answered on `channel`: it joins the call's room.
    void monitor_answered(Call& call, std::uint64_t leg, ChannelId channel, Now now);
    /// The supervisor's leg `leg` ended (hung up, did not answer, its audio stopped).
    void monitor_gone(Call& call, std::uint64_t leg, const std::string& why, Now now);
    /// The supervisor's leg `leg` pressed `digit`: 4 listen, 5 whisper, 6 barge (as Asterisk).
    void monitor_digit(Call& call, std::uint64_t leg, char digit, Now now);
    /// A supervisor's phone dialled *31, *32 or *33 + the agent's extension: `phone` joins the
    /// agent's call in `mode`, if the phone's class may monitor that call's queues.
    Result<void> join_by_phone(Call& phone, api::MonitorMode mode,
                               const std::string& agent_extension, Now now);
    /// The supervisor's call in `phone` (stage Spying) ended: they leave the agent's call.
    void spy_ended(Call& phone, Now now);
    /// Ends monitor `leg` of `call`'s phone: the leg dropped, or a dialled-in phone hung up.
    void drop_monitor(Call& call, std::uint64_t leg);
    /// The beep caller and agent hear when a supervisor barges in, if the centre wants it.
    void announce_barge(ChannelId customer, ChannelId agent);
    void set_monitor_mode(Call& call, std::uint64_t leg, api::MonitorMode mode, Now now);
    /// The call's record: the supervisor at `leg` is in the call in their mode from `now`
    /// (ending the period of their previous mode).
    void note_monitor_period(Call& call, std::uint64_t leg, Now now);
    /// The call's record: the supervisor at `leg` is no longer in the call.
    void end_monitor_period(Call& call, std::uint64_t leg, Now now);

    // switchboard_agents.cpp: feature codes and phones
    void feature_code(Call& call, Now now);
    std::optional<AgentId> agent_at(const std::string& extension) const;

    const config::ServerConfig& config_;
    acd::Router router_;
    const PromptLibrary& prompts_;
    CallControl& phones_;
    MediaControl& media_;
    CallStore& store_;
    CenterView& view_;
    PostBack post_back_;
    Log log_;
    Log detail_ = [](const std::string&) {};
    ivr::Language house_language_ = ivr::Language::Fa;

    std::map<sip::CallRef, std::unique_ptr<Call>> calls_;
    std::map<CallId, Call*> by_id_;
    std::map<ChannelId, Call*> by_channel_;
    PlacedCalls placed_;  ///< calls placed by extensions, for their max_calls
    /// Callback dials on their way, by originate() tag.
    struct Dialling {
        CallId call;
        std::string number;  ///< the customer's (customer-first) or the agent's extension
        QueueId queue;
        std::optional<AgentId> agent_first;  ///< the agent rung first
    };
    std::map<std::uint64_t, Dialling> dialling_;
    std::chrono::steady_clock::time_point input_time_{};
    std::uint64_t next_tag_ = 1;
    std::uint64_t next_id_ = 1;
    std::string id_prefix_;
    /// Fixed-desk agents kept not ready because their phone is not registered.
    std::set<AgentId> waiting_for_phone_;
    /// Calls that joined a queue in the batch being applied, announced after it (apply()).
    std::vector<CallId> announce_after_batch_;
    int applying_ = 0;
    bool restoring_ = false;  ///< start() is putting booked callbacks back in the router
    /// A rough handle time per queue for wait estimates (moving average, seconds).
    std::map<QueueId, double> handle_time_s_;
};

}  // namespace markaz::app
