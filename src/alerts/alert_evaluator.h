#pragma once

// Raises and clears KPI alerts from the live figures (docs/alerts.md), with hysteresis: a rule
// raises once its figure has been on the bad side for raise_after without a break, and clears
// once it has been back for clear_after. One alert per rule and subject (the queue, the centre,
// each agent for AgentPaused, BreaksToday and QaScore, or each trunk for TrunkUnreachable). Pure:
// no clock, no I/O; the owner passes each snapshot and its time, in order. Thread: one.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alerts/alert_rules.h"
#include "stats/live_stats.h"

namespace markaz::alerts {

/// A change to tell people about.
struct AlertChange {
    enum class Kind { Raised, Cleared };
    Kind kind = Kind::Raised;
    std::string rule;
    Measure measure = Measure::ServiceLevel;
    std::string subject;  ///< "sales", "" for the centre, or an agent's id
    double value = 0.0;   ///< the figure when raised (when cleared: the figure then)
    double threshold = 0.0;
    WallTime at;
};

/// An alert up now.
struct ActiveAlert {
    std::string rule;
    Measure measure = Measure::ServiceLevel;
    std::string subject;
    double value = 0.0;  ///< the latest figure
    double threshold = 0.0;
    WallTime raised;
};

class AlertEvaluator {
public:
    explicit AlertEvaluator(std::vector<AlertRule> rules);

    /// The changes `snapshot` (taken at `now`) and `other` make, raised before cleared, by rule
    /// order. A subject `other` no longer has (a trunk removed) clears like one with no data.
    std::vector<AlertChange> evaluate(const stats::LiveSnapshot& snapshot, WallTime now,
                                      const OtherFigures& other = {});
    std::vector<ActiveAlert> active() const;
    /// Evaluates `rules` from now on. A rule that is the same keeps its state; an alert up of a
    /// rule removed or changed is cleared at `now` (the changes say so) and the changed rule
    /// starts afresh.
    std::vector<AlertChange> replace_rules(std::vector<AlertRule> rules, WallTime now);
    /// The alerts a previous run left up: raised already, so not raised again while their
    /// figure stays bad, and cleared once it is back for clear_after. Those of rules that are
    /// gone are ignored.
    void restore(const std::vector<ActiveAlert>& up);
    const std::vector<AlertRule>& rules() const { return rules_; }

private:
    struct Track {
        std::optional<WallTime> bad_since;   ///< the figure on the bad side since
        std::optional<WallTime> good_since;  ///< back since (while raised)
        bool raised = false;
        WallTime raised_at;
        double value = 0.0;
    };
    /// The figure each subject of `rule` shows in `snapshot`; nullopt: no data now.
    std::vector<std::pair<std::string, std::optional<double>>> figures(
        const AlertRule& rule, const stats::LiveSnapshot& snapshot, const OtherFigures& other,
        WallTime now) const;
    void step(const AlertRule& rule, const std::string& subject, std::optional<double> value,
              WallTime now, std::vector<AlertChange>& out);

    std::vector<AlertRule> rules_;
    std::map<std::pair<std::string, std::string>, Track> tracks_;  ///< by (rule, subject)
};

}  // namespace markaz::alerts
