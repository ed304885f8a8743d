#include "alerts/alert_rules.h"

#include <algorithm>

namespace markaz::alerts {

bool is_bad(Measure measure, double value, double threshold) {
    switch (measure) {
        case Measure::ServiceLevel:
        case Measure::AgentsAvailable:
        case Measure::QaScore:
            return value < threshold;
        case Measure::TrunkUnreachable:
            return value >= 1.0;
        case Measure::AbandonRate:
        case Measure::Waiting:
        case Measure::LongestWait:
        case Measure::AgentPaused:
        case Measure::BreaksToday:
            return value > threshold;
    }
    return false;
}

std::map<std::string, QaScore> qa_scores(const std::map<std::int64_t, QaMark>& marks,
                                         WallTime now) {
    std::map<std::string, QaScore> out;
    for (const auto& [id, mark] : marks) {
        if (mark.submitted > now - kQaScoreSpan && mark.submitted <= now) {
            QaScore& s = out[mark.agent];
            s.average += mark.percent;  // a sum until divided below
            ++s.evaluations;
        }
    }
    for (auto& [agent, s] : out) {
        s.average /= s.evaluations;
    }
    return out;
}

Result<void> validate(const AlertRule& rule, const std::vector<QueueId>& queues) {
    if (rule.name.empty() || rule.name.size() > 64) {
        return fail(Errc::InvalidArgument, "name: must be 1..64 characters");
    }
    const bool ratio =
        rule.measure == Measure::ServiceLevel || rule.measure == Measure::AbandonRate;
    if (ratio && (rule.threshold < 0.0 || rule.threshold > 1.0)) {
        return fail(Errc::InvalidArgument, "threshold: a share, 0..1 (0.8 for 80 %)");
    }
    if (rule.measure == Measure::QaScore && (rule.threshold < 0.0 || rule.threshold > 100.0)) {
        return fail(Errc::InvalidArgument, "threshold: a score in percent, 0..100");
    }
    if (rule.measure == Measure::TrunkUnreachable && rule.queue) {
        return fail(Errc::InvalidArgument, "queue: a trunk belongs to no queue");
    }
    if (!ratio && rule.threshold < 0.0) {
        return fail(Errc::InvalidArgument, "threshold: must not be negative");
    }
    if (rule.min_calls < 0) {
        return fail(Errc::InvalidArgument, "min_calls: must not be negative");
    }
    if (rule.raise_after < Duration{} || rule.clear_after < Duration{}) {
        return fail(Errc::InvalidArgument, "raise_after and clear_after must not be negative");
    }
    if (rule.language != "en" && rule.language != "fa" && rule.language != "ar") {
        return fail(Errc::InvalidArgument, "language: must be en, fa or ar");
    }
    if (rule.queue && std::find(queues.begin(), queues.end(), *rule.queue) == queues.end()) {
        return fail(Errc::InvalidArgument, "queue: no queue '" + rule.queue->str() + "'");
    }
    return {};
}

}  // namespace markaz::alerts
