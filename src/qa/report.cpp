#include "qa/report.h"

#include <cmath>
#include <map>

namespace markaz::qa {
namespace {

/// A group's running sums.
struct Tally {
    int evaluations = 0;
    std::vector<double> scores;
    int passed = 0;
    int critical_failures = 0;
    int disputed = 0;

    void add(const Evaluation& e, std::optional<double> score) {
        ++evaluations;
        if (score) {
            scores.push_back(*score);
        }
        passed += e.score.passed ? 1 : 0;
        critical_failures += e.score.critical_failed ? 1 : 0;
        disputed +=
            e.state == EvaluationState::Disputed || e.state == EvaluationState::Resolved ? 1 : 0;
    }

    ReportRow row(const std::string& key) const {
        ReportRow r;
        r.key = key;
        r.evaluations = evaluations;
        r.passed = passed;
        r.critical_failures = critical_failures;
        r.disputed = disputed;
        r.pass_rate = round_tenth(100.0 * passed / evaluations);
        if (!scores.empty()) {
            double sum = 0;
            double lowest = scores.front();
            double highest = scores.front();
            for (const double s : scores) {
                sum += s;
                lowest = std::min(lowest, s);
                highest = std::max(highest, s);
            }
            const double mean = sum / static_cast<double>(scores.size());
            double squares = 0;
            for (const double s : scores) {
                squares += (s - mean) * (s - mean);
            }
            r.average = round_tenth(mean);
            r.lowest = lowest;
            r.highest = highest;
            r.spread = round_tenth(std::sqrt(squares / static_cast<double>(scores.size())));
        }
        return r;
    }
};

}  // namespace

std::vector<ReportRow> summarize(const std::vector<Evaluation>& evaluations, GroupBy by) {
    std::map<std::string, Tally> groups;
    for (const Evaluation& e : evaluations) {
        if (e.state == EvaluationState::Draft) {
            continue;
        }
        switch (by) {
            case GroupBy::Agent:
                groups[e.agent].add(e, e.score.percent);
                break;
            case GroupBy::Queue:
                for (const std::string& queue : e.queues) {
                    groups[queue].add(e, e.score.percent);
                }
                break;
            case GroupBy::Evaluator:
                groups[e.evaluator].add(e, e.score.percent);
                break;
            case GroupBy::Scorecard:
                groups[e.scorecard].add(e, e.score.percent);
                break;
            case GroupBy::Call:
                groups[e.call].add(e, e.score.percent);
                break;
            case GroupBy::Section:
                for (const SectionScore& section : e.score.sections) {
                    if (section.percent) {
                        groups[e.scorecard + ": " + section.title].add(e, section.percent);
                    }
                }
                break;
        }
    }
    std::vector<ReportRow> rows;
    for (const auto& [key, tally] : groups) {
        rows.push_back(tally.row(key));
    }
    return rows;
}

}  // namespace markaz::qa
