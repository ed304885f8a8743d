#pragma once

// Scorecards, the forms QA analysts score calls on (docs/quality.md): sections of weighted
// questions, some critical (a "no" fails the whole call, as VICIdial's instant-fail items),
// and a pass mark. A scorecard is versioned: a change makes a new version, and an evaluation
// keeps the version it was made with. Pure: no I/O, no clock.

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_table.h"
#include "common/time.h"

namespace markaz::qa {

enum class QuestionKind {
    YesNo,  ///< answered 1 (yes) or 0 (no)
    Scale,  ///< answered 1 (poor) to 5 (excellent)
};
inline constexpr EnumTable<QuestionKind, 2> kQuestionKindNames{{{
    {QuestionKind::YesNo, "yes_no"},
    {QuestionKind::Scale, "scale"},
}}};

struct Question {
    std::string id;  ///< unique within the scorecard; answers name it
    std::string text;
    QuestionKind kind = QuestionKind::YesNo;
    int weight = 1;         ///< its share of the score, 1..100
    bool allow_na = false;  ///< may be answered "not applicable" (left out of the score)
    bool critical = false;  ///< yes/no only: "no" fails the evaluation, whatever the rest
};

struct Section {
    std::string title;
    std::vector<Question> questions;
};

struct Scorecard {
    std::string id;  ///< [a-z0-9-]{1,40}, chosen by its author
    int version = 1;
    std::string name;
    int pass_mark = 80;  ///< percent, 0..100
    std::vector<Section> sections;
    std::string created_by;  ///< who made this version
    WallTime created{};
    bool retired = false;  ///< no new evaluations on it; old ones keep it
};

/// Question id -> answer: 1/0 for yes/no, 1..5 for a scale; nullopt for not applicable.
using Answers = std::map<std::string, std::optional<int>>;

/// What is wrong, naming the field the way the API's JSON does ("sections[1].questions[0].id").
struct Problem {
    std::string field;
    std::string message;
};

/// The limits of docs/quality.md: what a scorecard may hold.
inline constexpr std::size_t kMaxSections = 20;
inline constexpr std::size_t kMaxQuestionsPerSection = 50;
inline constexpr std::size_t kMaxTextLength = 500;
inline constexpr std::size_t kMaxTitleLength = 100;

/// The first thing wrong with a scorecard's content (id, name, sections, questions), or
/// nullopt when it may be saved.
std::optional<Problem> check_scorecard(const Scorecard& card);

/// The question `id`, or nullptr.
const Question* find_question(const Scorecard& card, const std::string& id);

/// The first thing wrong with `answers` on `card` ("answers.greeting"): an unknown question, a
/// value outside its kind, "not applicable" where it is not allowed; with `complete`, also a
/// question left unanswered, or every question not applicable.
std::optional<Problem> check_answers(const Scorecard& card, const Answers& answers, bool complete);

struct SectionScore {
    std::string title;
    std::optional<double> percent;  ///< nullopt when every question of it is not applicable
};

struct Score {
    /// 0..100: the weighted share of the points of the answered questions; 0 when a critical
    /// question was answered "no"; nullopt when nothing counted.
    std::optional<double> percent;
    bool critical_failed = false;
    bool passed = false;  ///< percent reaches the pass mark and no critical question failed
    std::vector<SectionScore> sections;
};

/// Scores are kept and shown to one decimal.
inline double round_tenth(double value) {
    return std::round(value * 10.0) / 10.0;
}

/// The score of checked answers (check_answers) on `card`. A yes counts the question's
/// weight, a no nothing; a scale answer v counts weight * (v - 1) / 4.
Score score(const Scorecard& card, const Answers& answers);

}  // namespace markaz::qa
