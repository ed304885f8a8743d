#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_table.h"
#include "common/ids.h"
#include "common/time.h"

namespace markaz::acd {

using namespace std::chrono_literals;

/// How a queue picks among the free agents it may offer a call to.
enum class Strategy {
    RingAll,         ///< ring every free agent of the best tier at once; first answer wins
    RoundRobin,      ///< the next free member after the one offered last (memory kept)
    Linear,          ///< always the first free member in configured order
    LongestIdle,     ///< the agent whose last call ended longest ago
    FewestCalls,     ///< fewest calls answered, ties to longest idle
    LeastTalkTime,   ///< least talk time, ties to longest idle
    Random,          ///< uniformly among the free agents of the best tier
    WeightedRandom,  ///< across all tiers, weight 1/(1+penalty)
    Skills,          ///< best proficiency on the call's skills, ties to longest idle
};
inline constexpr EnumTable<Strategy, 9> kStrategyNames{{{
    {Strategy::RingAll, "ring-all"},
    {Strategy::RoundRobin, "round-robin"},
    {Strategy::Linear, "linear"},
    {Strategy::LongestIdle, "longest-idle"},
    {Strategy::FewestCalls, "fewest-calls"},
    {Strategy::LeastTalkTime, "least-talk-time"},
    {Strategy::Random, "random"},
    {Strategy::WeightedRandom, "weighted-random"},
    {Strategy::Skills, "skills"},
}}};

/// Where a caller goes when their wait reaches the queue's `max_wait`.
enum class ExitKind { Hangup, Queue, Callback };
inline constexpr EnumTable<ExitKind, 3> kExitKindNames{{{
    {ExitKind::Hangup, "hangup"},
    {ExitKind::Queue, "queue"},
    {ExitKind::Callback, "callback"},
}}};

struct ExitAction {
    ExitKind kind = ExitKind::Hangup;
    QueueId queue;             ///< for ExitKind::Queue
    std::string announcement;  ///< prompt the shell plays before hanging up or moving
    friend bool operator==(const ExitAction&, const ExitAction&) = default;
};

/// When a queue counts as empty, for joining (callers are blocked) and leaving (callers exit).
enum class EmptyRule {
    Never,             ///< never treat the queue as empty
    NoAgentsLoggedIn,  ///< no member is logged in
    NoAgentsReady,     ///< no logged-in member is ready to work (all paused or not ready)
};
inline constexpr EnumTable<EmptyRule, 3> kEmptyRuleNames{{{
    {EmptyRule::Never, "never"},
    {EmptyRule::NoAgentsLoggedIn, "no-agents-logged-in"},
    {EmptyRule::NoAgentsReady, "no-agents-ready"},
}}};

/// Virtual hold: who is called first when a callback request reaches the head.
enum class CallbackMode {
    CustomerFirst,  ///< reserve an agent, dial the customer, ring the agent when they answer
    AgentFirst,     ///< ring the agent, dial the customer once the agent has answered
};
inline constexpr EnumTable<CallbackMode, 2> kCallbackModeNames{{{
    {CallbackMode::CustomerFirst, "customer-first"},
    {CallbackMode::AgentFirst, "agent-first"},
}}};

struct CallbackPolicy {
    bool enabled = false;
    CallbackMode mode = CallbackMode::CustomerFirst;
    int max_attempts = 3;            ///< dial attempts before the request fails
    Duration retry_interval = 5min;  ///< between a failed attempt and the next
};

/// Which service-level formula a queue reports (see docs/metrics.md).
enum class ServiceLevelFormula {
    AnsweredAndAbandoned,     ///< within ÷ (answered + abandoned): the default
    AnsweredOnly,             ///< within ÷ answered
    AbandonedAfterThreshold,  ///< within ÷ (answered + abandoned after the threshold)
};
inline constexpr EnumTable<ServiceLevelFormula, 3> kServiceLevelFormulaNames{{{
    {ServiceLevelFormula::AnsweredAndAbandoned, "answered-and-abandoned"},
    {ServiceLevelFormula::AnsweredOnly, "answered-only"},
    {ServiceLevelFormula::AbandonedAfterThreshold, "abandoned-after-threshold"},
}}};

struct QueueConfig {
    QueueId id;
    Strategy strategy = Strategy::LongestIdle;
    int weight = 0;  ///< an agent in several queues prefers the higher weight at equal priority
    Duration ring_timeout = 15s;  ///< per offer
    Duration retry_delay = 0s;    ///< after a failed offer, before the call is offered again
    Duration wrap_up = 0s;        ///< after-call work of the agent who took the call
    std::optional<Duration> max_wait;
    ExitAction on_max_wait;
    std::size_t max_length = 0;  ///< 0 = unlimited; a caller arriving to a full queue is blocked
    EmptyRule join_empty = EmptyRule::Never;
    EmptyRule leave_empty = EmptyRule::Never;
    /// A call may use members whose penalty is at most wait / tier_wait; 0 = all tiers at once
    /// (lower penalty still first).
    Duration tier_wait = 0s;
    Duration sl_threshold = 20s;
    double sl_target = 0.8;
    ServiceLevelFormula sl_formula = ServiceLevelFormula::AnsweredAndAbandoned;
    Duration short_abandon = 5s;                 ///< abandons sooner than this are counted apart
    std::optional<Duration> callback_threshold;  ///< offer a callback after this wait
    CallbackPolicy callback;
    /// For the call flow, not the router: how often a waiting caller hears their position and
    /// expected wait again after the announcement at joining; absent = only at joining.
    std::optional<Duration> announce_every;
};

/// An agent's membership of a queue. Lower penalty = earlier tier.
struct Membership {
    QueueId queue;
    int penalty = 0;
};

struct AgentConfig {
    AgentId id;
    std::string name;
    std::vector<Membership> queues;     ///< in the order `linear` and `round-robin` use
    std::map<std::string, int> skills;  ///< skill -> proficiency 1..10
    int max_no_answer = 3;              ///< consecutive missed offers before the agent is paused
    Duration no_answer_delay = 0s;      ///< rest after a missed offer before the next one
    Duration reject_delay = 10s;        ///< rest after declining an offer
    Duration busy_delay = 30s;          ///< rest after the phone answered busy
    /// The agent's own after-call work; when absent, the queue's `wrap_up` applies.
    std::optional<Duration> wrap_up;
    /// For the call flow: the extension the agent is logged in at when the server starts
    /// (a fixed desk); empty = the agent logs in from a phone (*11) or the desk page.
    std::string extension;
};

struct RouterConfig {
    std::vector<QueueConfig> queues;
    std::vector<AgentConfig> agents;
    /// Reasons an agent may pause with; `no-answer` is added by the router itself.
    std::vector<std::string> pause_reasons{"break", "lunch", "training", "meeting"};
};

/// The reason the router gives when it pauses an agent after `max_no_answer` misses.
inline constexpr std::string_view kNoAnswerPauseReason = "no-answer";

}  // namespace markaz::acd
