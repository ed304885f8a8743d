#pragma once

// KPI alerts (docs/alerts.md): rules a centre sets on its live figures, and the alerts they
// raise and clear. Pure: evaluated over a stats::LiveSnapshot with the time passed in.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_table.h"
#include "common/ids.h"
#include "common/result.h"
#include "common/time.h"

namespace markaz::alerts {

/// What a rule watches, and which way is bad.
enum class Measure {
    ServiceLevel,      ///< a queue's (or the centre's) service level below the threshold (0..1)
    AbandonRate,       ///< abandon rate above the threshold (0..1)
    Waiting,           ///< callers waiting above the threshold (a count)
    LongestWait,       ///< the oldest caller's wait above the threshold (seconds)
    AgentsAvailable,   ///< available agents below the threshold (a count)
    AgentPaused,       ///< an agent paused (any reason) longer than the threshold (seconds)
    BreaksToday,       ///< an agent's paused time today over the threshold: their break budget
    QaScore,           ///< an agent's QA score (last 30 days, percent) below the threshold
    TrunkUnreachable,  ///< a SIP trunk not answering Markaz's OPTIONS (1 while it does not)
};
inline constexpr EnumTable<Measure, 9> kMeasureNames{{{
    {Measure::ServiceLevel, "service-level"},
    {Measure::AbandonRate, "abandon-rate"},
    {Measure::Waiting, "waiting"},
    {Measure::LongestWait, "longest-wait"},
    {Measure::AgentsAvailable, "agents-available"},
    {Measure::AgentPaused, "agent-paused"},
    {Measure::BreaksToday, "breaks-today"},
    {Measure::QaScore, "qa-score"},
    {Measure::TrunkUnreachable, "trunk-unreachable"},
}}};

/// Whether a measure has one alert per agent (the rule's queue, if any, picks the agents).
inline bool per_agent(Measure m) {
    return m == Measure::AgentPaused || m == Measure::BreaksToday || m == Measure::QaScore;
}

/// Which figures a ratio is taken over: the current interval, the rolling last hour, today.
enum class Window { Interval, LastHour, Today };
inline constexpr EnumTable<Window, 3> kWindowNames{{{
    {Window::Interval, "interval"},
    {Window::LastHour, "last-hour"},
    {Window::Today, "today"},
}}};

struct AlertRule {
    std::string name;  ///< unique: "sales-service-level"
    Measure measure = Measure::ServiceLevel;
    /// The queue watched; none: the centre's totals (AgentPaused, BreaksToday: every agent, or
    /// the queue's).
    std::optional<QueueId> queue;
    double threshold = 0.0;
    Window window = Window::Interval;  ///< ServiceLevel and AbandonRate
    /// ServiceLevel and AbandonRate: a window with fewer calls (answered + abandoned) is no
    /// data, and raises nothing: one early abandon is not a 0 % service level. QaScore: the
    /// fewest evaluations that make a score.
    int min_calls = 5;
    /// Raised once the figure has been bad this long without a break (0: at once), and cleared
    /// once it has been back this long: hysteresis, so an alert does not flap.
    Duration raise_after{};
    Duration clear_after = std::chrono::minutes{2};
    /// Who is mailed when it is raised and cleared (the configuration's `mail:` server), in
    /// `language` ("en", "fa", "ar").
    std::vector<std::string> email;
    std::string language = "en";
    friend bool operator==(const AlertRule&, const AlertRule&) = default;
};

/// One submitted evaluation's score (docs/quality.md), for QaScore rules.
struct QaMark {
    std::string agent;
    WallTime submitted;
    double percent = 0.0;
    friend bool operator==(const QaMark&, const QaMark&) = default;
};

/// How far back an agent's QA score reaches: the evaluations submitted in the last 30 days.
inline constexpr Duration kQaScoreSpan = std::chrono::days{30};

/// What the evaluator is told beside the live snapshot: figures the live stats do not keep.
struct OtherFigures {
    /// Each trunk Markaz pings, by name: whether it answered lately (absent: not known yet).
    std::map<std::string, bool> trunks_reachable;
    /// The submitted evaluations' scores, by evaluation id.
    std::map<std::int64_t, QaMark> qa_marks;
};

/// Each agent's QA score at `now`: the average of their marks submitted in (now − kQaScoreSpan,
/// now], and how many there are.
struct QaScore {
    int evaluations = 0;
    double average = 0.0;
};
std::map<std::string, QaScore> qa_scores(const std::map<std::int64_t, QaMark>& marks, WallTime now);

/// Whether `rule` makes sense; the error names the field ("threshold: ..."). `queues`: the
/// configured queues.
Result<void> validate(const AlertRule& rule, const std::vector<QueueId>& queues);

/// Whether a value is on the bad side of the rule's threshold.
bool is_bad(Measure measure, double value, double threshold);

}  // namespace markaz::alerts
