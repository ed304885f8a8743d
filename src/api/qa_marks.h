#pragma once

// What the QA-score alert rules read (docs/alerts.md "QA score"): each submitted evaluation's
// score, handed to the centre when it is saved and, at start, those of the recent past.

#include <cstdint>
#include <map>
#include <optional>

#include "alerts/alert_rules.h"
#include "api/quality.h"
#include "qa/evaluation.h"

namespace markaz::api {

using QaMarks = std::map<std::int64_t, std::optional<alerts::QaMark>>;

/// The mark `e` gives: its score once submitted (every state after a draft) and scored; none
/// otherwise, which takes back a mark it gave before.
std::optional<alerts::QaMark> qa_mark(const qa::Evaluation& e);

/// The marks of the submitted evaluations that can still count at `now`: those of calls that
/// started within three spans of it (an evaluation is rarely submitted months after its call).
Result<QaMarks> recent_qa_marks(Quality& quality, WallTime now);

}  // namespace markaz::api
