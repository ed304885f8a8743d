#include "qa/scorecard.h"

#include <cmath>
#include <set>

namespace markaz::qa {
namespace {

bool is_slug(const std::string& text, std::size_t max_length, bool underscore) {
    if (text.empty() || text.size() > max_length) {
        return false;
    }
    for (const char ch : text) {
        const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ||
                        (underscore && ch == '_');
        if (!ok) {
            return false;
        }
    }
    return true;
}

bool has_text(const std::string& text, std::size_t max_length) {
    return text.find_first_not_of(" \t\r\n") != std::string::npos && text.size() <= max_length;
}

std::string length_rule(std::size_t max_length) {
    return "must be 1 to " + std::to_string(max_length) + " characters, not only spaces";
}

std::optional<Problem> check_question(const Question& q, const std::string& at,
                                      std::set<std::string>& ids) {
    if (!is_slug(q.id, 40, true)) {
        return Problem{at + ".id", "must be 1 to 40 of a-z, 0-9, '-' and '_'"};
    }
    if (!ids.insert(q.id).second) {
        return Problem{at + ".id", "'" + q.id + "' is used by another question"};
    }
    if (!has_text(q.text, kMaxTextLength)) {
        return Problem{at + ".text", length_rule(kMaxTextLength)};
    }
    if (q.weight < 1 || q.weight > 100) {
        return Problem{at + ".weight", "must be 1 to 100"};
    }
    if (q.critical && q.kind != QuestionKind::YesNo) {
        return Problem{at + ".critical", "only a yes/no question can be critical"};
    }
    return std::nullopt;
}

/// A checked answer's share of its question's points, 0..1.
double share(const Question& q, int value) {
    return q.kind == QuestionKind::YesNo ? (value == 1 ? 1.0 : 0.0) : (value - 1) / 4.0;
}

}  // namespace

std::optional<Problem> check_scorecard(const Scorecard& card) {
    if (!is_slug(card.id, 40, false)) {
        return Problem{"id", "must be 1 to 40 of a-z, 0-9 and '-'"};
    }
    if (!has_text(card.name, kMaxTitleLength)) {
        return Problem{"name", length_rule(kMaxTitleLength)};
    }
    if (card.pass_mark < 0 || card.pass_mark > 100) {
        return Problem{"pass_mark", "must be 0 to 100"};
    }
    if (card.sections.empty() || card.sections.size() > kMaxSections) {
        return Problem{"sections", "must hold 1 to " + std::to_string(kMaxSections) + " sections"};
    }
    std::set<std::string> ids;
    for (std::size_t s = 0; s < card.sections.size(); ++s) {
        const Section& section = card.sections[s];
        const std::string at = "sections[" + std::to_string(s) + "]";
        if (!has_text(section.title, kMaxTitleLength)) {
            return Problem{at + ".title", length_rule(kMaxTitleLength)};
        }
        if (section.questions.empty() || section.questions.size() > kMaxQuestionsPerSection) {
            return Problem{
                at + ".questions",
                "must hold 1 to " + std::to_string(kMaxQuestionsPerSection) + " questions"};
        }
        for (std::size_t i = 0; i < section.questions.size(); ++i) {
            const std::string question_at = at + ".questions[" + std::to_string(i) + "]";
            if (auto problem = check_question(section.questions[i], question_at, ids)) {
                return problem;
            }
        }
    }
    return std::nullopt;
}

const Question* find_question(const Scorecard& card, const std::string& id) {
    for (const Section& section : card.sections) {
        for (const Question& q : section.questions) {
            if (q.id == id) {
                return &q;
            }
        }
    }
    return nullptr;
}

std::optional<Problem> check_answers(const Scorecard& card, const Answers& answers, bool complete) {
    for (const auto& [id, value] : answers) {
        const std::string field = "answers." + id;
        const Question* q = find_question(card, id);
        if (q == nullptr) {
            return Problem{field, "'" + id + "' is not a question of scorecard '" + card.id +
                                      "' version " + std::to_string(card.version)};
        }
        if (!value) {
            if (!q->allow_na) {
                return Problem{field, "may not be answered 'not applicable'"};
            }
            continue;
        }
        const bool in_range = q->kind == QuestionKind::YesNo ? (*value == 0 || *value == 1)
                                                             : (*value >= 1 && *value <= 5);
        if (!in_range) {
            return Problem{
                field, q->kind == QuestionKind::YesNo ? "must be true or false" : "must be 1 to 5"};
        }
    }
    if (!complete) {
        return std::nullopt;
    }
    bool any_counted = false;
    for (const Section& section : card.sections) {
        for (const Question& q : section.questions) {
            const auto it = answers.find(q.id);
            if (it == answers.end()) {
                return Problem{"answers." + q.id, "is not answered"};
            }
            any_counted = any_counted || it->second.has_value();
        }
    }
    if (!any_counted) {
        return Problem{"answers", "every question is 'not applicable': nothing to score"};
    }
    return std::nullopt;
}

Score score(const Scorecard& card, const Answers& answers) {
    Score out;
    double points = 0;
    int weights = 0;
    for (const Section& section : card.sections) {
        double section_points = 0;
        int section_weights = 0;
        for (const Question& q : section.questions) {
            const auto it = answers.find(q.id);
            if (it == answers.end() || !it->second) {
                continue;
            }
            section_points += q.weight * share(q, *it->second);
            section_weights += q.weight;
            out.critical_failed = out.critical_failed || (q.critical && *it->second == 0);
        }
        points += section_points;
        weights += section_weights;
        out.sections.push_back(
            {section.title, section_weights == 0 ? std::nullopt
                                                 : std::optional<double>(round_tenth(
                                                       100.0 * section_points / section_weights))});
    }
    if (weights > 0) {
        out.percent = out.critical_failed ? 0.0 : round_tenth(100.0 * points / weights);
    }
    out.passed = out.percent && !out.critical_failed && *out.percent >= card.pass_mark;
    return out;
}

}  // namespace markaz::qa
