#pragma once

// Internal to the router: the state machine behind acd::Router, split by subject across
// engine.cpp (records, indexes, timers), agents.cpp, calls.cpp, dispatch.cpp, callbacks.cpp.

#include <cstdint>
#include <queue>
#include <unordered_map>
#include <vector>

#include "acd/router.h"
#include "acd/router_state.h"

namespace markaz::acd::detail {

/// Owns every agent, queue and call record and the timers. Each public command handler first
/// checks everything that could make it fail, and only then changes state, so a rejected
/// command changes nothing.
class Engine {
public:
    Engine(RouterConfig config, std::uint64_t seed);

    Result<std::vector<Event>> handle(const Command& command, Now now);
    std::vector<Event> tick(Now now);
    std::optional<SteadyTime> next_deadline() const;

    std::optional<AgentSnapshot> agent_snapshot(const AgentId& id) const;
    /// The waiting call `id` would be offered if free now; nullopt when none fits.
    std::optional<CallId> next_call_for(const AgentId& id) const;
    std::optional<QueueSnapshot> queue_snapshot(const QueueId& id) const;
    std::vector<WaitingCall> waiting_calls(const QueueId& id) const;
    const RouterConfig& config() const { return config_; }

    // Command handlers (one per command type); `now_` and `out_` are set by handle().
    Result<void> on(const AgentLogin& c);
    Result<void> on(const AgentLogout& c);
    Result<void> on(const AgentPause& c);
    Result<void> on(const AgentReady& c);
    Result<void> on(const AgentNotReady& c);
    Result<void> on(const ForceAgentState& c);
    Result<void> on(const EnqueueCall& c);
    Result<void> on(const AbandonCall& c);
    Result<void> on(const OfferAnswered& c);
    Result<void> on(const OfferFailed& c);
    Result<void> on(const HangUp& c);
    Result<void> on(const HoldCall& c);
    Result<void> on(const ResumeCall& c);
    Result<void> on(const TransferCall& c);
    Result<void> on(const ConsultAgent& c);
    Result<void> on(const JoinConsult& c);
    Result<void> on(const EndConsult& c);
    Result<void> on(const CompleteTransfer& c);
    Result<void> on(const RequestCallback& c);
    Result<void> on(const CallbackDialed& c);
    Result<void> on(const MoveCallToAgent& c);
    Result<void> on(const SetCallPriority& c);
    Result<void> on(const RemoveCall& c);

private:
    // engine.cpp: lookups, records, events, timers
    Result<AgentIdx> find_agent(const AgentId& id) const;
    Result<CallIdx> find_call(const CallId& id) const;
    template <class E>
    void emit(E body) {
        out_->push_back(Event{now_.wall, EventBody{std::move(body)}});
    }
    CallIdx new_call(const CallId& id);
    void free_call(CallIdx c);
    void schedule(SteadyTime at, TimerKind kind, std::uint32_t index, std::uint64_t serial);
    void fire(const Timer& timer);
    int skill_number(const std::string& skill) const;
    int skill_set_number(const std::vector<int>& skills);
    const QueueId& queue_id(QueueIdx q) const { return queues_[q].config.id; }

    // calls.cpp: a conversation ending (hang-up or transfer)
    struct ConversationEnd {
        AgentIdx index = kNone;
        AgentId agent;
        QueueId queue;
        Duration talk{};
        Duration hold{};
        bool callback = false;
        Duration wrap{};  ///< the agent's after-call work for it
    };
    /// Counts the agent's talk, frees the call record; the caller emits what ended it.
    ConversationEnd end_conversation(CallIdx idx);
    void start_wrap_up(const ConversationEnd& end);
    /// transfer.cpp: the colleague consulted is let go (the call's consult ends).
    void release_consult(CallIdx c, const std::string& by);
    /// A transferred caller's new record (same id), keeping what they arrived with: priority,
    /// skills and number.
    CallIdx renew_call(const CallRec& before);
    /// "agent 'a2'" or "'0912…'": whom `call`'s agent consults, for messages.
    std::string consulted(const CallRec& call) const;
    /// The caller is back in the conversation: the hold so far is counted (CallResumed).
    void take_off_hold(CallRec& call);
    /// The call that is connected and has the consult, or why not.
    Result<CallIdx> consulting_call(const CallId& id) const;

    // agents.cpp: state transitions
    void set_state(AgentIdx a, AgentState to, std::string reason, const std::string& by);
    void become_available(AgentIdx a, Duration rest);
    void apply_agent_target(AgentIdx a, AgentState to, const std::string& reason,
                            const std::string& by);
    void end_wrap_up(AgentIdx a);
    void finish_work(AgentIdx a);
    void logout(AgentIdx a, const std::string& by);
    void count_agent(AgentIdx a, int sign);
    void check_leave_empty(AgentIdx a);
    Result<void> check_pause_reason(const std::string& reason) const;
    Result<void> request_state(AgentIdx a, AgentState to, const std::string& reason,
                               const std::string& by);

    // calls.cpp
    /// Why a caller cannot join queue `q` now (full, or no agents as its join_empty says).
    std::optional<BlockReason> join_block(QueueIdx q) const;
    /// Joins the line (or is blocked) and is offered to a free agent if there is one.
    void enqueue(CallIdx c, QueueIdx q);
    /// Joins the line of `q`, without offering: enqueue() or a directed offer follows.
    void join_line(CallIdx c, QueueIdx q);
    int position(CallIdx c) const;
    void leave_line(CallIdx c);
    std::vector<AgentIdx> withdraw_offers(CallIdx c, OfferEnd reason);
    void release_agents(const std::vector<AgentIdx>& agents);
    void offer_failed(CallIdx c, AgentIdx a, OfferEnd reason);
    void return_to_line(CallIdx c);
    void connect(CallIdx c, AgentIdx a);
    void time_out(CallIdx c, TimeoutReason reason);
    bool queue_is_empty(QueueIdx q, EmptyRule rule) const;
    static bool is_waiting(Stage stage) {
        return stage == Stage::Waiting || stage == Stage::Offering || stage == Stage::Callback;
    }

    // dispatch.cpp: matching calls and agents
    int allowed_penalty(const CallRec& call) const;
    bool has_skills(const AgentRec& agent, const CallRec& call) const;
    AgentKey agent_key(AgentIdx a, const MemberSlot& slot) const;
    void index_agent(AgentIdx a);
    void unindex_agent(AgentIdx a);
    void to_bucket(CallIdx c);
    void from_bucket(CallIdx c);
    std::vector<AgentIdx> choose_agents(CallIdx c);
    CallIdx choose_call(AgentIdx a) const;
    void dispatch_call(CallIdx c);
    void dispatch_agent(AgentIdx a);
    void offer(CallIdx c, const std::vector<AgentIdx>& agents, const std::string& by);
    void ring(CallIdx c, std::vector<AgentIdx> agents, const std::string& by);

    // callbacks.cpp
    void make_callback(CallIdx c, const std::string& number, bool by_exit);
    void dial(CallIdx c, AgentIdx a);
    void callback_attempt_failed(CallIdx c, DialOutcome outcome);

    RouterConfig config_;
    Rng rng_;
    std::vector<AgentRec> agents_;
    std::vector<QueueRec> queues_;
    std::vector<CallRec> calls_;
    std::vector<CallIdx> free_calls_;
    std::unordered_map<AgentId, AgentIdx> agent_index_;
    std::unordered_map<QueueId, QueueIdx> queue_index_;
    std::unordered_map<CallId, CallIdx> call_index_;
    std::unordered_map<std::string, AgentIdx> extension_owner_;
    std::map<std::string, int> skill_numbers_;
    std::map<std::vector<int>, int> skill_sets_;
    std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers_;
    std::uint64_t next_seq_ = 1;
    std::uint64_t next_serial_ = 1;
    Now now_{};
    std::vector<Event>* out_ = nullptr;
};

}  // namespace markaz::acd::detail
