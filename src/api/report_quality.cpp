#include "api/report_quality.h"

#include <algorithm>

#include "qa/report.h"

namespace markaz::api {
namespace {

/// A year of a large centre's evaluations, read at once (as the Quality report does).
constexpr int kMaxEvaluations = 1'000'000;

Json summary_json(const qa::ReportRow& row) {
    return Json{{"evaluations", row.evaluations},
                {"average", row.average ? Json(*row.average) : Json()},
                {"pass_rate", row.pass_rate ? Json(*row.pass_rate) : Json()}};
}

}  // namespace

Result<Json> report_quality(Quality& quality, const Scope& reader, const ReportScope& scope,
                            WallTime from, WallTime to, const std::vector<RankedRow>& agents) {
    EvaluationQuery q;
    q.from = from;
    q.to = to;
    q.include_drafts = false;
    q.limit = kMaxEvaluations;
    if (scope.kind == "agent") {
        q.agent = scope.id;
    } else if (scope.kind == "team") {
        q.within_queues = scope.team_queues;
    } else {
        q.within_queues = reader.record_queues();
    }
    if (reader.role() == Role::Agent) {
        // An agent reads the evaluations of their own calls, whatever the queue.
        q.within_queues.reset();
        q.agent = reader.self() ? reader.self()->str() : std::string("-");
    }
    auto page = quality.evaluations(q);
    if (!page) {
        return fail(page.error());
    }
    std::vector<qa::Evaluation> own = page->evaluations;
    if (scope.kind == "queue") {
        std::erase_if(own, [&](const qa::Evaluation& e) {
            return std::find(e.queues.begin(), e.queues.end(), scope.id) == e.queues.end();
        });
    }
    // The scope's total is one group: every evaluation under one key.
    std::vector<qa::Evaluation> one_group = own;
    for (qa::Evaluation& e : one_group) {
        e.agent.clear();
    }
    const auto total = qa::summarize(one_group, qa::GroupBy::Agent);
    Json out = total.empty() ? Json{{"evaluations", 0}, {"average", Json()}, {"pass_rate", Json()}}
                             : summary_json(total.front());
    Json by_agent = Json::object();
    for (const qa::ReportRow& row : qa::summarize(own, qa::GroupBy::Agent)) {
        const bool ranked = std::any_of(agents.begin(), agents.end(),
                                        [&](const RankedRow& a) { return a.id == row.key; });
        if (ranked) {
            by_agent[row.key] = summary_json(row);
        }
    }
    out["by_agent"] = std::move(by_agent);
    return out;
}

}  // namespace markaz::api
