// GET /api/v1/evaluations (docs/api.md "Quality"): the QA analyst's list of what they scored,
// the supervisor's of their team, the agent's own (the desk's "My evaluations").

#include "api/quality_access.h"
#include "api/quality_json.h"

namespace markaz::api {
namespace {

ApiResult<EvaluationQuery> evaluation_query(const RequestContext& c) {
    EvaluationQuery q;
    auto from = time_param(c.request, "from_ms");
    auto to = time_param(c.request, "to_ms");
    if (!from || !to) {
        return !from ? from.error() : to.error();
    }
    q.from = *from;
    q.to = *to;
    auto limit = integer_param(c.request, "limit", 1, 200);
    auto offset = integer_param(c.request, "offset", 0, 1000000);
    if (!limit || !offset) {
        return !limit ? limit.error() : offset.error();
    }
    q.limit = static_cast<int>(limit->value_or(50));
    q.offset = static_cast<int>(offset->value_or(0));
    for (auto [name, field] :
         {std::pair{"agent", &q.agent}, std::pair{"call", &q.call},
          std::pair{"scorecard", &q.scorecard}, std::pair{"evaluator", &q.evaluator}}) {
        auto text = text_param(c.request, name, 64);
        if (!text) {
            return text.error();
        }
        *field = *text;
    }
    if (auto state = c.request.query_param("state")) {
        q.state = qa::kEvaluationStateNames.parse(*state);
        if (!q.state) {
            return ApiError::invalid_value(
                "state", "'" + *state + "' is not one of " + qa::kEvaluationStateNames.names());
        }
    }
    return q;
}

HttpResponse list_evaluations(RequestContext& c) {
    auto quality = quality_of(c);
    if (!quality) {
        return error_response(quality.error());
    }
    auto query = evaluation_query(c);
    if (!query) {
        return error_response(query.error());
    }
    const Scope scope(c.user(), {});
    const bool own = scope.self() && query->agent == scope.self()->str();
    if (own) {
        // One's own evaluations, whatever the queues; never a draft.
        query->include_drafts = false;
    } else if (scope.role() == Role::Agent) {
        if (query->agent) {
            return error_response(
                ApiError::forbidden("agents read only their own evaluations (agent=" +
                                        (scope.self() ? scope.self()->str() : std::string()) + ")",
                                    "agent"));
        }
        query->agent = scope.self() ? scope.self()->str() : "";
        query->include_drafts = false;
    } else {
        query->within_queues = scope.record_queues();
    }
    if (!query->include_drafts && query->state == qa::EvaluationState::Draft) {
        return error_response(ApiError::forbidden("drafts are their evaluator's", "state"));
    }
    auto page = (*quality)->evaluations(*query);
    if (!page) {
        return error_response(store_refusal(page.error()));
    }
    Json out = Json::array();
    for (const qa::Evaluation& e : page->evaluations) {
        out.push_back(evaluation_json(e));
    }
    return json_reply(200, Json{{"evaluations", std::move(out)},
                                {"total", page->total},
                                {"limit", query->limit},
                                {"offset", query->offset}});
}

}  // namespace

void add_evaluation_list_endpoint(std::vector<Endpoint>& out) {
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/evaluations",
                   .roles = kAnyRole,
                   .handler = list_evaluations});
}

}  // namespace markaz::api
