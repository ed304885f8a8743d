#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "acd/agent_state.h"
#include "acd/config.h"
#include "common/time.h"

namespace markaz::stats {

/// Agent time by state, summed over spans (docs/metrics.md "Agent time"). Logged-out time is
/// not kept.
struct AgentTime {
    Duration available{};
    Duration ringing{};
    Duration on_call{};
    Duration wrap_up{};
    Duration paused{};
    Duration not_ready{};

    /// The field for `state`; nullptr for LoggedOut, which is not kept.
    Duration* of(acd::AgentState state);
    /// On call plus wrap-up: the occupancy numerator.
    Duration busy() const { return on_call + wrap_up; }
    /// Available, ringing, on call and wrap-up: the occupancy denominator.
    Duration working() const { return available + ringing + on_call + wrap_up; }
    /// Every state but logged out: paused and not ready too (the utilisation denominator).
    Duration logged_in() const { return working() + paused + not_ready; }

    AgentTime& operator+=(const AgentTime& other);
    friend bool operator==(const AgentTime&, const AgentTime&) = default;
};

/// The upper edges, in seconds, of the waits the reports' wait curve counts calls in
/// (docs/reports.md "The wait curve"): bucket i holds waits in (edge[i-1], edge[i]], the last
/// bucket the waits over the final edge.
inline constexpr std::array<int, 9> kWaitEdgesS{10, 20, 30, 45, 60, 90, 120, 180, 300};
using WaitBuckets = std::array<std::int64_t, kWaitEdgesS.size() + 1>;
/// The bucket `wait` falls in.
std::size_t wait_bucket(Duration wait);

/// Plain sums folded from acd events for one scope (a queue, an agent, or the centre) over one
/// span of time. Adding the counters of two spans gives the counters of both; every ratio is
/// derived later by compute_kpis(). Field meanings are defined in docs/metrics.md.
struct KpiCounters {
    std::int64_t offered = 0;                    ///< CallEnqueued + CallBlocked
    std::int64_t blocked = 0;                    ///< CallBlocked
    std::int64_t answered = 0;                   ///< CallAnswered, callbacks not included
    std::int64_t answered_within_threshold = 0;  ///< of `answered`, wait <= sl_threshold
    std::int64_t abandoned = 0;                  ///< CallAbandoned, short abandons not included
    std::int64_t short_abandoned = 0;            ///< CallAbandoned with short_abandon
    std::int64_t abandoned_after_threshold = 0;  ///< of `abandoned`, wait > sl_threshold
    std::int64_t timed_out = 0;                  ///< CallTimedOut
    std::int64_t removed = 0;                    ///< CallRemoved
    std::int64_t callbacks_requested = 0;        ///< CallbackRequested
    std::int64_t callbacks_answered = 0;         ///< CallAnswered with callback
    std::int64_t callbacks_failed = 0;           ///< CallbackFailed
    std::int64_t handled = 0;                    ///< CallCompleted + CallTransferred
    std::int64_t transferred = 0;                ///< CallTransferred (of `handled`)
    Duration answered_wait{};                    ///< sum of CallAnswered.wait over `answered`
    Duration abandoned_wait{};                   ///< sum of CallAbandoned.wait over `abandoned`
    Duration talk{};                             ///< sum of CallCompleted/Transferred.talk
    Duration hold{};                             ///< sum of CallCompleted/Transferred.hold
    Duration wrap{};                             ///< sum of WrapUpCompleted.wrap
    /// The longest wait of a call answered, abandoned (not short) or timed out: a maximum, so
    /// adding counters keeps the larger.
    Duration longest_wait{};
    AgentTime agent_time;
    /// `answered` and `abandoned` by how long the caller waited (kWaitEdgesS).
    WaitBuckets answered_by_wait{};
    WaitBuckets abandoned_by_wait{};

    KpiCounters& operator+=(const KpiCounters& other);
    friend KpiCounters operator+(KpiCounters a, const KpiCounters& b) { return a += b; }
    friend bool operator==(const KpiCounters&, const KpiCounters&) = default;
};

/// Figures people read, derived from KpiCounters. A figure whose denominator is zero is
/// std::nullopt ("no data"), never 0 or 100 %. Ratios are 0..1; times are seconds.
struct Kpis {
    std::optional<double> service_level;
    std::optional<double> asa_s;
    std::optional<double> aht_s;
    std::optional<double> abandon_rate;
    std::optional<double> avg_abandon_s;
    std::optional<double> occupancy;
    /// (on call + wrap-up) ÷ logged-in time, breaks included: docs/metrics.md.
    std::optional<double> utilisation;
    /// Calls handled per hour logged in.
    std::optional<double> calls_per_agent_hour;
    friend bool operator==(const Kpis&, const Kpis&) = default;
};

/// The service level of `c` under `formula` (docs/metrics.md "Service level").
std::optional<double> service_level(const KpiCounters& c, acd::ServiceLevelFormula formula);

/// (on call + wrap-up) / (available + ringing + on call + wrap-up); nullopt with no such time.
std::optional<double> occupancy(const AgentTime& t);

/// Every figure of `c`; `formula` picks the service-level formula.
Kpis compute_kpis(const KpiCounters& c, acd::ServiceLevelFormula formula);

/// Counters and the figures derived from them, for one scope over one window.
struct Figures {
    KpiCounters counters;
    Kpis kpis;
};

}  // namespace markaz::stats
