// Scorecards (docs/api.md "Quality", docs/quality.md): the forms QA analysts and managers
// build and score calls on. A change is a new version; evaluations keep theirs.

#include "api/endpoint.h"
#include "api/quality_access.h"
#include "api/quality_json.h"

namespace markaz::api {
namespace {

/// The scorecard a body describes, checked whole; `id` from the path when revising.
ApiResult<qa::Scorecard> scorecard_of_body(const RequestContext& c, std::optional<std::string> id) {
    std::vector<FieldRule> rules{
        {"name", JsonKind::String, true, false, {}, {}},
        {"pass_mark", JsonKind::Integer, false, false, in_range(0, 100), {}},
    };
    if (!id) {
        rules.insert(rules.begin(), {"id", JsonKind::String, true, false, {}, {}});
    }
    Json head = c.body;
    head.erase("sections");
    if (auto refused = check_fields(head, rules)) {
        return *refused;
    }
    if (!c.body.contains("sections")) {
        return ApiError::missing_field("sections");
    }
    auto sections = parse_sections(c.body["sections"]);
    if (!sections) {
        return sections.error();
    }
    qa::Scorecard card;
    card.id = id ? *id : c.body["id"].get<std::string>();
    card.name = c.body["name"].get<std::string>();
    card.pass_mark = c.body.value("pass_mark", 80);
    card.sections = std::move(*sections);
    card.created_by = c.by();
    card.created = c.now;
    if (auto problem = qa::check_scorecard(card)) {
        return ApiError::invalid_value(problem->field, problem->message);
    }
    return card;
}

HttpResponse list_scorecards(RequestContext& c) {
    auto quality = quality_of(c);
    if (!quality) {
        return error_response(quality.error());
    }
    const auto retired = boolean_param(c.request, "retired");
    if (!retired) {
        return error_response(retired.error());
    }
    auto cards = (*quality)->scorecards(retired->value_or(false));
    if (!cards) {
        return error_response(store_refusal(cards.error()));
    }
    Json out = Json::array();
    for (const qa::Scorecard& card : *cards) {
        out.push_back(scorecard_json(card));
    }
    return json_reply(200, Json{{"scorecards", std::move(out)}});
}

HttpResponse get_scorecard(RequestContext& c) {
    auto quality = quality_of(c);
    if (!quality) {
        return error_response(quality.error());
    }
    auto version = integer_param(c.request, "version", 1, 1000000);
    if (!version) {
        return error_response(version.error());
    }
    const std::string& id = c.param("id");
    auto card = (*quality)->scorecard(
        id, *version ? std::optional(static_cast<int>(**version)) : std::nullopt);
    if (!card) {
        return error_response(store_refusal(card.error()));
    }
    if (!*card) {
        return error_response(ApiError::not_found(
            "no scorecard '" + id + "'" +
                (*version ? " version " + std::to_string(**version) : std::string()),
            "scorecard"));
    }
    return json_reply(200, Json{{"scorecard", scorecard_json(**card)}});
}

HttpResponse save_scorecard(RequestContext& c, bool revise) {
    auto quality = quality_of(c);
    if (!quality) {
        return error_response(quality.error());
    }
    auto card =
        scorecard_of_body(c, revise ? std::optional<std::string>(c.param("id")) : std::nullopt);
    if (!card) {
        return error_response(card.error());
    }
    auto saved = revise ? (*quality)->revise_scorecard(std::move(*card))
                        : (*quality)->add_scorecard(std::move(*card));
    if (!saved) {
        return error_response(store_refusal(saved.error()));
    }
    audit(c, revise ? "scorecard-revised" : "scorecard-created", saved->id,
          Json{{"version", saved->version}, {"name", saved->name}});
    return json_reply(revise ? 200 : 201, Json{{"scorecard", scorecard_json(*saved)}});
}

HttpResponse create_scorecard(RequestContext& c) {
    return save_scorecard(c, false);
}

HttpResponse revise_scorecard(RequestContext& c) {
    return save_scorecard(c, true);
}

HttpResponse retire_scorecard(RequestContext& c) {
    auto quality = quality_of(c);
    if (!quality) {
        return error_response(quality.error());
    }
    const std::string& id = c.param("id");
    if (auto done = (*quality)->retire_scorecard(id); !done) {
        return error_response(store_refusal(done.error()));
    }
    audit(c, "scorecard-retired", id, Json::object());
    return no_content();
}

}  // namespace

void add_scorecard_endpoints(std::vector<Endpoint>& out) {
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/scorecards",
                   .roles = kManager | kSupervisor | kQa,
                   .handler = list_scorecards});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/scorecards",
                   .roles = kManager | kQa,
                   .takes_body = true,
                   .handler = create_scorecard});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/scorecards/{id}",
                   .roles = kManager | kSupervisor | kQa,
                   .handler = get_scorecard});
    out.push_back({.method = Method::Put,
                   .pattern = "/api/v1/scorecards/{id}",
                   .roles = kManager | kQa,
                   .takes_body = true,
                   .handler = revise_scorecard});
    out.push_back({.method = Method::Delete,
                   .pattern = "/api/v1/scorecards/{id}",
                   .roles = kManager | kQa,
                   .handler = retire_scorecard});
}

}  // namespace markaz::api
