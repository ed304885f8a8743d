#include "alerts/alert_evaluator.h"

#include <algorithm>
#include <set>

namespace markaz::alerts {
namespace {

const stats::QueueLive* queue_of(const AlertRule& rule, const stats::LiveSnapshot& snapshot) {
    if (!rule.queue) {
        return &snapshot.totals;
    }
    for (const stats::QueueLive& q : snapshot.queues) {
        if (q.id == *rule.queue) {
            return &q;
        }
    }
    return nullptr;
}

const stats::WindowFigures& window_of(const stats::QueueLive& q, Window window) {
    switch (window) {
        case Window::Interval:
            return q.interval;
        case Window::LastHour:
            return q.last_hour;
        case Window::Today:
            return q.today;
    }
    return q.interval;
}

}  // namespace

AlertEvaluator::AlertEvaluator(std::vector<AlertRule> rules) : rules_(std::move(rules)) {}

std::vector<std::pair<std::string, std::optional<double>>> AlertEvaluator::figures(
    const AlertRule& rule, const stats::LiveSnapshot& snapshot, const OtherFigures& other,
    WallTime now) const {
    std::vector<std::pair<std::string, std::optional<double>>> out;
    if (rule.measure == Measure::TrunkUnreachable) {
        for (const auto& [trunk, reachable] : other.trunks_reachable) {
            out.emplace_back(trunk, reachable ? 0.0 : 1.0);
        }
        return out;
    }
    if (per_agent(rule.measure)) {
        const auto scores = rule.measure == Measure::QaScore ? qa_scores(other.qa_marks, now)
                                                             : std::map<std::string, QaScore>{};
        for (const stats::AgentLive& a : snapshot.agents) {
            if (rule.queue &&
                std::find(a.queues.begin(), a.queues.end(), *rule.queue) == a.queues.end()) {
                continue;
            }
            if (rule.measure == Measure::QaScore) {
                // Too few evaluations make no score: no data, which raises nothing.
                const auto score = scores.find(a.id.str());
                const bool enough = score != scores.end() &&
                                    score->second.evaluations >= std::max(rule.min_calls, 1);
                out.emplace_back(a.id.str(),
                                 enough ? std::optional(score->second.average) : std::nullopt);
                continue;
            }
            const bool paused = a.state == acd::AgentState::Paused;
            // Today's paused time counts the pause in progress up to now.
            const double value = rule.measure == Measure::AgentPaused
                                     ? (paused ? seconds(a.in_state) : 0.0)
                                     : seconds(a.today.agent_time.paused);
            out.emplace_back(a.id.str(), value);
        }
        return out;
    }
    const stats::QueueLive* q = queue_of(rule, snapshot);
    const std::string subject = rule.queue ? rule.queue->str() : "";
    if (q == nullptr) {
        out.emplace_back(subject, std::nullopt);
        return out;
    }
    std::optional<double> value;
    switch (rule.measure) {
        case Measure::ServiceLevel:
        case Measure::AbandonRate: {
            const stats::WindowFigures& w = window_of(*q, rule.window);
            if (w.counters.answered + w.counters.abandoned >= rule.min_calls) {
                value = rule.measure == Measure::ServiceLevel ? w.kpis.service_level
                                                              : w.kpis.abandon_rate;
            }
            break;
        }
        case Measure::Waiting:
            value = q->waiting;
            break;
        case Measure::LongestWait:
            value = seconds(q->longest_wait);
            break;
        case Measure::AgentsAvailable:
            value = q->agents.available;
            break;
        case Measure::AgentPaused:
        case Measure::BreaksToday:
        case Measure::QaScore:
        case Measure::TrunkUnreachable:
            break;
    }
    out.emplace_back(subject, value);
    return out;
}

void AlertEvaluator::step(const AlertRule& rule, const std::string& subject,
                          std::optional<double> value, WallTime now,
                          std::vector<AlertChange>& out) {
    Track& t = tracks_[{rule.name, subject}];
    if (value) {
        t.value = *value;
    }
    auto change = [&](AlertChange::Kind kind) {
        out.push_back({kind, rule.name, rule.measure, subject, t.value, rule.threshold, now});
    };
    // No data (a quiet window) is not bad: an alert clears through it like through good data.
    if (value && is_bad(rule.measure, *value, rule.threshold)) {
        t.good_since.reset();
        if (!t.bad_since) {
            t.bad_since = now;
        }
        if (!t.raised && now - *t.bad_since >= rule.raise_after) {
            t.raised = true;
            t.raised_at = now;
            change(AlertChange::Kind::Raised);
        }
        return;
    }
    t.bad_since.reset();
    if (!t.raised) {
        tracks_.erase({rule.name, subject});
        return;
    }
    if (!t.good_since) {
        t.good_since = now;
    }
    if (now - *t.good_since >= rule.clear_after) {
        change(AlertChange::Kind::Cleared);
        tracks_.erase({rule.name, subject});
    }
}

std::vector<AlertChange> AlertEvaluator::evaluate(const stats::LiveSnapshot& snapshot, WallTime now,
                                                  const OtherFigures& other) {
    std::vector<AlertChange> out;
    for (const AlertRule& rule : rules_) {
        std::set<std::string> seen;
        for (const auto& [subject, value] : figures(rule, snapshot, other, now)) {
            seen.insert(subject);
            step(rule, subject, value, now, out);
        }
        // A subject gone from the figures (an agent logged out) is no longer bad.
        std::vector<std::string> gone;
        for (const auto& [key, track] : tracks_) {
            if (key.first == rule.name && !seen.contains(key.second)) {
                gone.push_back(key.second);
            }
        }
        for (const std::string& subject : gone) {
            step(rule, subject, std::nullopt, now, out);
        }
    }
    std::stable_partition(out.begin(), out.end(),
                          [](const AlertChange& c) { return c.kind == AlertChange::Kind::Raised; });
    return out;
}

std::vector<AlertChange> AlertEvaluator::replace_rules(std::vector<AlertRule> rules, WallTime now) {
    std::vector<AlertChange> out;
    for (const AlertRule& old : rules_) {
        const bool kept = std::find(rules.begin(), rules.end(), old) != rules.end();
        for (auto it = tracks_.begin(); it != tracks_.end();) {
            if (it->first.first != old.name || kept) {
                ++it;
                continue;
            }
            if (it->second.raised) {
                out.push_back({AlertChange::Kind::Cleared, old.name, old.measure, it->first.second,
                               it->second.value, old.threshold, now});
            }
            it = tracks_.erase(it);
        }
    }
    rules_ = std::move(rules);
    return out;
}

void AlertEvaluator::restore(const std::vector<ActiveAlert>& up) {
    for (const ActiveAlert& a : up) {
        const bool known = std::any_of(rules_.begin(), rules_.end(),
                                       [&](const AlertRule& r) { return r.name == a.rule; });
        if (known) {
            Track& t = tracks_[{a.rule, a.subject}];
            t.raised = true;
            t.raised_at = a.raised;
            t.bad_since = a.raised;
            t.value = a.value;
        }
    }
}

std::vector<ActiveAlert> AlertEvaluator::active() const {
    std::vector<ActiveAlert> out;
    for (const AlertRule& rule : rules_) {
        for (const auto& [key, t] : tracks_) {
            if (key.first == rule.name && t.raised) {
                out.push_back(
                    {rule.name, rule.measure, key.second, t.value, rule.threshold, t.raised_at});
            }
        }
    }
    return out;
}

}  // namespace markaz::alerts
