#pragma once

// KPI alerts (docs/alerts.md): rules a centre sets on its live figures, and the alerts they
// raise and clear. Pure: evaluated over a stats::LiveSnapshot with the time passed in.

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
    ServiceLevel,     ///< a queue's (or the centre's) service level below the threshold (0..1)
    AbandonRate,      ///< abandon rate above the threshold (0..1)
    Waiting,          ///< callers waiting above the threshold (a count)
    LongestWait,      ///< the oldest caller's wait above the threshold (seconds)
    AgentsAvailable,  ///< available agents below the threshold (a count)
    AgentPaused,      ///< an agent paused (any reason) longer than the threshold (seconds)
    BreaksToday,      ///< an agent's paused time today over the threshold: their break budget
};
inline constexpr EnumTable<Measure, 7> kMeasureNames{{{
    {Measure::ServiceLevel, "service-level"},
    {Measure::AbandonRate, "abandon-rate"},
    {Measure::Waiting, "waiting"},
    {Measure::LongestWait, "longest-wait"},
    {Measure::AgentsAvailable, "agents-available"},
    {Measure::AgentPaused, "agent-paused"},
    {Measure::BreaksToday, "breaks-today"},
}}};

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
    /// data, and raises nothing: one early abandon is not a 0 % service level.
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

/// Whether `rule` makes sense; the error names the field ("threshold: ..."). `queues`: the
/// configured queues.
Result<void> validate(const AlertRule& rule, const std::vector<QueueId>& queues);

/// Whether a value is on the bad side of the rule's threshold.
bool is_bad(Measure measure, double value, double threshold);

}  // namespace markaz::alerts
