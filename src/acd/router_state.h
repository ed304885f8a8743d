#pragma once

// Internal to the router: the records and indexes behind acd::Router. Not included outside
// src/acd.

#include <cstdint>
#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "acd/config.h"
#include "acd/events.h"
#include "acd/rng.h"

namespace markaz::acd::detail {

using AgentIdx = std::uint32_t;
using QueueIdx = std::uint32_t;
using CallIdx = std::uint32_t;
inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
inline constexpr int kAnyPenalty = std::numeric_limits<int>::max();

/// An ordered set with rank queries (GCC's policy tree): positions in line and random picks
/// in O(log n).
template <class Key>
using RankedSet =
    __gnu_pbds::tree<Key, __gnu_pbds::null_type, std::less<Key>, __gnu_pbds::rb_tree_tag,
                     __gnu_pbds::tree_order_statistics_node_update>;

/// A free agent's place in a queue tier: the strategy's score, lower first; ties to the
/// configured agent order, so the same inputs always choose the same agent.
struct AgentKey {
    std::int64_t primary = 0;
    std::int64_t secondary = 0;
    AgentIdx agent = kNone;
    auto operator<=>(const AgentKey&) const = default;
};

/// A call's place in its queue's line: higher priority first, then arrival order.
struct LineKey {
    int neg_priority = 0;
    std::uint64_t seq = 0;
    CallIdx call = kNone;
    auto operator<=>(const LineKey&) const = default;
};

struct MemberSlot {
    QueueIdx queue = kNone;
    int penalty = 0;
    int order = 0;        ///< position in the queue's configured member list
    bool active = false;  ///< logged into this queue
    AgentKey key;         ///< the key used while in the queue's free-agent index
};

struct AgentRec {
    AgentId id;
    const AgentConfig* config = nullptr;
    AgentState state = AgentState::LoggedOut;
    std::string reason;
    SteadyTime state_since{};
    std::string extension;
    SteadyTime login_at{};
    std::vector<MemberSlot> members;
    std::vector<std::pair<int, int>> skills;  ///< (skill, proficiency), sorted by skill
    int calls_answered = 0;
    Duration talk{};
    SteadyTime idle_since{};
    bool had_call = false;
    int no_answers = 0;
    CallIdx call = kNone;  ///< ringing or on call
    SteadyTime rest_until{};
    SteadyTime wrap_start{};
    SteadyTime wrap_until{};
    CallId wrap_call;
    QueueIdx wrap_queue = kNone;
    bool indexed = false;  ///< in the free-agent indexes of its active queues
    /// A pause, not-ready or logout asked for during a call; applied when its work ends.
    std::optional<AgentState> pending;
    std::string pending_reason;
    std::string pending_by;
};

enum class Stage {
    Waiting,          ///< in line, not being offered
    Offering,         ///< ringing one agent (or several for ring-all)
    Callback,         ///< callback request in line, no caller on the line
    CallbackDialing,  ///< the customer is being dialled for an agent reserved or on the line
    Connected,
};

struct CallRec {
    CallId id;
    std::uint64_t serial = 0;  ///< unique per record, so stale timers are recognised
    QueueIdx queue = kNone;
    int priority = 0;
    std::uint64_t seq = 0;
    std::vector<int> skills;  ///< sorted skill numbers
    int skill_set = 0;
    std::string caller;
    std::string callback_number;
    Stage stage = Stage::Waiting;
    bool callback = false;  ///< a callback request (possibly with the customer now on the line)
    bool live = true;       ///< the customer is on the line
    SteadyTime joined{};
    SteadyTime requested_at{};  ///< callback request time
    SteadyTime retry_at{};
    bool in_bucket = false;
    bool callback_offer_sent = false;
    int offers_made = 0;
    int dial_attempts = 0;
    std::vector<AgentIdx> offers;
    std::vector<std::string> offer_by;
    SteadyTime offer_started{};
    SteadyTime ring_deadline{};
    AgentIdx agent = kNone;  ///< connected, or reserved for the callback being dialled
    SteadyTime answered_at{};
    Duration hold{};
    std::optional<SteadyTime> held_since;
    AgentIdx consult = kNone;    ///< a colleague the agent consults (busy for it)
    std::string consult_number;  ///< or a phone or outside number the agent consults
    SteadyTime consult_since{};
    bool consult_joined = false;  ///< the colleague is in a three-way conference
    bool consulting() const { return consult != kNone || !consult_number.empty(); }
};

/// Dispatchable calls of one queue with the same priority and required skills, oldest first:
/// only the head of each bucket can be the best call for an agent.
struct BucketKey {
    int neg_priority = 0;
    int skill_set = 0;
    auto operator<=>(const BucketKey&) const = default;
};

struct QueueRec {
    QueueConfig config;
    RankedSet<LineKey> line;
    std::map<BucketKey, std::set<std::pair<std::uint64_t, CallIdx>>> buckets;
    std::map<int, RankedSet<AgentKey>> tiers;  ///< penalty -> free agents
    std::set<int> member_penalties;
    int members = 0;
    int logged_in = 0;
    int ready = 0;
    int round_robin_last = -1;  ///< member order of the agent offered last
};

enum class TimerKind {
    RingTimeout,
    RetryReady,
    TierWiden,
    MaxWait,
    CallbackOffer,
    WrapEnd,
    RestEnd
};

struct Timer {
    SteadyTime at;
    TimerKind kind;
    std::uint32_t index;
    std::uint64_t serial;  ///< call serial; 0 for agent timers
    bool operator>(const Timer& other) const { return at > other.at; }
};

}  // namespace markaz::acd::detail
