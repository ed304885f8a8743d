#include "api/qa_marks.h"

namespace markaz::api {

std::optional<alerts::QaMark> qa_mark(const qa::Evaluation& e) {
    if (e.state == qa::EvaluationState::Draft || !e.submitted || !e.score.percent) {
        return std::nullopt;
    }
    return alerts::QaMark{e.agent, *e.submitted, *e.score.percent};
}

Result<QaMarks> recent_qa_marks(Quality& quality, WallTime now) {
    EvaluationQuery q;
    q.from = now - 3 * alerts::kQaScoreSpan;
    q.include_drafts = false;
    q.limit = 1'000'000;
    auto page = quality.evaluations(q);
    if (!page) {
        return fail(page.error());
    }
    QaMarks out;
    for (const qa::Evaluation& e : page->evaluations) {
        if (auto mark = qa_mark(e); mark && mark->submitted > now - alerts::kQaScoreSpan) {
            out.emplace(e.id, std::move(mark));
        }
    }
    return out;
}

}  // namespace markaz::api
