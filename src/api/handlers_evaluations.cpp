// Evaluations (docs/api.md "Quality", docs/quality.md): a QA analyst, supervisor or manager
// scores one agent's part of a finished call on a scorecard; the agent reads it on the desk,
// hears the call, and acknowledges or disputes it; QA answers a dispute. The score is computed
// here, from the scorecard version the evaluation keeps, never taken from the client.

#include <algorithm>
#include <charconv>

#include "api/qa_marks.h"
#include "api/quality_access.h"
#include "api/quality_json.h"
#include "api/recording_reply.h"
#include "api/stats_json.h"

namespace markaz::api {
namespace {

constexpr std::size_t kMaxSummary = 4000;
constexpr std::size_t kMaxReply = 2000;

/// The finished call an evaluation is of, without the reader's scope (checked by the caller).
ApiResult<CallRecordEntry> call_of(const RequestContext& c, const std::string& id) {
    if (c.deps.options.call_records == nullptr) {
        return ApiError::unavailable("this server keeps no call records");
    }
    auto found = c.deps.options.call_records->find(id);
    if (!found) {
        return ApiError::unavailable(found.error().message);
    }
    if (!*found) {
        return ApiError::not_found("no finished call '" + id + "'", "call");
    }
    return **found;
}

/// The reader works as `agent`.
bool is_self(const RequestContext& c, const std::string& agent) {
    return c.user().agent && c.user().agent->str() == agent;
}

/// Reads and checks answers, comments, summary and submit from the body into `e`, scored on
/// `card`; with submit, every question must be answered.
std::optional<ApiError> take_content(const RequestContext& c, const qa::Scorecard& card,
                                     std::int64_t call_ms, qa::Evaluation& e) {
    if (c.body.contains("answers")) {
        auto answers = parse_answers(c.body["answers"]);
        if (!answers) {
            return answers.error();
        }
        e.answers = std::move(*answers);
    }
    if (c.body.contains("comments")) {
        auto comments = parse_comments(c.body["comments"], call_ms);
        if (!comments) {
            return comments.error();
        }
        e.comments = std::move(*comments);
    }
    if (c.body.contains("summary")) {
        e.summary = c.body["summary"].get<std::string>();
    }
    const bool submit = c.body.value("submit", false);
    if (auto problem = qa::check_answers(card, e.answers, submit)) {
        return ApiError::invalid_value(problem->field, problem->message);
    }
    e.score = qa::score(card, e.answers);
    if (submit) {
        e.state = qa::EvaluationState::Submitted;
        e.submitted = c.now;
    }
    e.updated = c.now;
    return std::nullopt;
}

/// The members every write body may have besides answers and comments, checked in place.
std::optional<ApiError> check_head(const RequestContext& c, std::vector<FieldRule> rules) {
    rules.push_back({"summary", JsonKind::String, false, false, length(0, kMaxSummary), {}});
    rules.push_back({"submit", JsonKind::Boolean, false, false, {}, {}});
    Json head = c.body;
    head.erase("answers");
    head.erase("comments");
    return check_fields(head, rules);
}

HttpResponse evaluation_reply(unsigned status, const qa::Evaluation& e,
                              const std::optional<qa::Scorecard>& card) {
    return json_reply(status, Json{{"evaluation", evaluation_json(e)},
                                   {"scorecard", card ? scorecard_json(*card) : Json()}});
}

HttpResponse create_evaluation(RequestContext& c) {
    auto quality = quality_of(c);
    if (!quality) {
        return error_response(quality.error());
    }
    if (auto refused =
            check_head(c, {{"call", JsonKind::String, true, false, length(1, 64), {}},
                           {"scorecard", JsonKind::String, true, false, length(1, 40), {}},
                           {"agent", JsonKind::String, false, false, length(1, 64), {}}})) {
        return error_response(*refused);
    }
    auto record = call_of(c, c.body["call"].get<std::string>());
    if (!record) {
        return error_response(record.error());
    }
    if (!Scope(c.user(), {}).may_read_record(record->queues)) {
        return error_response(
            ApiError::forbidden("call '" + record->id + "' is outside your scope", "call"));
    }
    const std::set<std::string> agents = agents_of(*record);
    if (agents.empty()) {
        return error_response(ApiError::conflict(
            "call '" + record->id + "' was not answered by an agent: there is no one to evaluate",
            "call"));
    }
    // By default, who answered last (or, for a call transferred on to a queue nobody
    // answered, the last agent who transferred it).
    const std::string agent = c.body.value(
        "agent", record->agent.empty() ? record->transfers.back().agent : record->agent);
    if (!agents.contains(agent)) {
        return error_response(ApiError::invalid_value(
            "agent", "'" + agent + "' did not talk to the caller of call '" + record->id + "'"));
    }
    if (is_self(c, agent)) {
        return error_response(ApiError::forbidden("nobody evaluates their own calls", "agent"));
    }
    const std::string card_id = c.body["scorecard"].get<std::string>();
    auto card = (*quality)->scorecard(card_id, std::nullopt);
    if (!card) {
        return error_response(store_refusal(card.error()));
    }
    if (!*card) {
        return error_response(ApiError::not_found("no scorecard '" + card_id + "'", "scorecard"));
    }
    if ((*card)->retired) {
        return error_response(ApiError::conflict(
            "scorecard '" + card_id + "' is retired: no new evaluations on it", "scorecard"));
    }
    qa::Evaluation e;
    e.call = record->id;
    e.agent = agent;
    e.queues = record->queues;
    e.call_started = record->started;
    e.scorecard = (*card)->id;
    e.scorecard_version = (*card)->version;
    e.scorecard_name = (*card)->name;
    e.evaluator = c.by();
    e.created = c.now;
    if (auto refused = take_content(c, **card, ms(record->ended - record->started), e)) {
        return error_response(*refused);
    }
    auto saved = (*quality)->add_evaluation(std::move(e));
    if (!saved) {
        return error_response(store_refusal(saved.error()));
    }
    if (saved->state == qa::EvaluationState::Submitted) {
        audit(c, "evaluation-submitted", std::to_string(saved->id),
              Json{{"call", saved->call}, {"agent", saved->agent}});
    }
    c.deps.center.note_qa_marks({{saved->id, qa_mark(*saved)}});
    return evaluation_reply(201, *saved, *card);
}

/// The evaluation named in the path, if the reader may see it: 404, then 403.
ApiResult<qa::Evaluation> find_evaluation(const RequestContext& c) {
    auto quality = quality_of(c);
    if (!quality) {
        return quality.error();
    }
    const std::string& text = c.param("id");
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    std::optional<qa::Evaluation> found;
    if (ec == std::errc() && end == text.data() + text.size() && id > 0) {
        auto read = (*quality)->evaluation(id);
        if (!read) {
            return store_refusal(read.error());
        }
        found = std::move(*read);
    }
    if (!found) {
        return ApiError::not_found("no evaluation '" + text + "'", "evaluation");
    }
    if (!may_read_evaluation(c, *found)) {
        return ApiError::forbidden("evaluation " + text + " is not yours to read", "evaluation");
    }
    return *found;
}

/// The scorecard version an evaluation was made with.
ApiResult<qa::Scorecard> card_of(const RequestContext& c, const qa::Evaluation& e) {
    auto card = c.deps.options.quality->scorecard(e.scorecard, e.scorecard_version);
    if (!card) {
        return store_refusal(card.error());
    }
    if (!*card) {
        return ApiError::internal();
    }
    return **card;
}

HttpResponse get_evaluation(RequestContext& c) {
    auto e = find_evaluation(c);
    if (!e) {
        return error_response(e.error());
    }
    auto card = card_of(c, *e);
    if (!card) {
        return error_response(card.error());
    }
    return evaluation_reply(200, *e, *card);
}

/// Saves `e`, changed from state `was`, and answers with it.
HttpResponse save(RequestContext& c, const qa::Evaluation& e, qa::EvaluationState was,
                  const qa::Scorecard& card, const char* audit_action) {
    if (auto done = c.deps.options.quality->replace_evaluation(e, was); !done) {
        return error_response(store_refusal(done.error()));
    }
    c.deps.center.note_qa_marks({{e.id, qa_mark(e)}});
    if (audit_action != nullptr) {
        audit(c, audit_action, std::to_string(e.id), Json{{"call", e.call}, {"agent", e.agent}});
    }
    return evaluation_reply(200, e, card);
}

/// `step` may be taken from the evaluation's state: 409 naming the state when not.
std::optional<ApiError> refuse_step(const qa::Evaluation& e, qa::EvaluationStep step) {
    if (qa::next_state(e.state, step)) {
        return std::nullopt;
    }
    return ApiError::conflict("evaluation " + std::to_string(e.id) + " is " +
                                  std::string(qa::kEvaluationStateNames.name(e.state)),
                              "evaluation");
}

/// The evaluator changes a draft, or submits it.
HttpResponse update_evaluation(RequestContext& c) {
    auto e = find_evaluation(c);
    if (!e) {
        return error_response(e.error());
    }
    if (auto refused = check_head(c, {})) {
        return error_response(*refused);
    }
    if (e->evaluator != c.by() && c.user().role != Role::Manager) {
        return error_response(ApiError::forbidden(
            "only " + e->evaluator + " (who drafted it) or a manager may change it", "evaluation"));
    }
    if (auto refused = refuse_step(*e, qa::EvaluationStep::Edit)) {
        return error_response(*refused);
    }
    auto card = card_of(c, *e);
    auto call = call_of(c, e->call);
    if (!card || !call) {
        return error_response(!card ? card.error() : call.error());
    }
    const qa::EvaluationState was = e->state;
    if (auto refused = take_content(c, *card, ms(call->ended - call->started), *e)) {
        return error_response(*refused);
    }
    const bool submitted = e->state == qa::EvaluationState::Submitted;
    return save(c, *e, was, *card, submitted ? "evaluation-submitted" : nullptr);
}

/// The evaluated agent acknowledges or disputes a submitted evaluation.
HttpResponse agent_reply(RequestContext& c, qa::EvaluationStep step) {
    auto e = find_evaluation(c);
    if (!e) {
        return error_response(e.error());
    }
    const bool dispute = step == qa::EvaluationStep::Dispute;
    static const std::vector<FieldRule> ack_rules{
        {"comment", JsonKind::String, false, false, length(0, kMaxReply), {}}};
    static const std::vector<FieldRule> dispute_rules{
        {"comment", JsonKind::String, true, false, length(1, kMaxReply), {}}};
    if (auto refused = check_fields(c.body, dispute ? dispute_rules : ack_rules)) {
        return error_response(*refused);
    }
    if (!is_self(c, e->agent)) {
        return error_response(ApiError::forbidden(
            "only agent " + e->agent + " may answer their own evaluation", "evaluation"));
    }
    if (auto refused = refuse_step(*e, step)) {
        return error_response(*refused);
    }
    auto card = card_of(c, *e);
    if (!card) {
        return error_response(card.error());
    }
    const qa::EvaluationState was = e->state;
    e->state = *qa::next_state(was, step);
    e->agent_reply = qa::Reply{c.by(), c.body.value("comment", ""), c.now};
    e->updated = c.now;
    return save(c, *e, was, *card, dispute ? "evaluation-disputed" : "evaluation-acknowledged");
}

HttpResponse acknowledge_evaluation(RequestContext& c) {
    return agent_reply(c, qa::EvaluationStep::Acknowledge);
}

HttpResponse dispute_evaluation(RequestContext& c) {
    return agent_reply(c, qa::EvaluationStep::Dispute);
}

/// QA answers a dispute, and may correct the answers (the score is computed again).
HttpResponse resolve_evaluation(RequestContext& c) {
    auto e = find_evaluation(c);
    if (!e) {
        return error_response(e.error());
    }
    static const std::vector<FieldRule> rules{
        {"comment", JsonKind::String, true, false, length(1, kMaxReply), {}}};
    Json head = c.body;
    head.erase("answers");
    if (auto refused = check_fields(head, rules)) {
        return error_response(*refused);
    }
    if (is_self(c, e->agent)) {
        return error_response(ApiError::forbidden(
            "nobody answers the dispute of their own evaluation", "evaluation"));
    }
    if (auto refused = refuse_step(*e, qa::EvaluationStep::Resolve)) {
        return error_response(*refused);
    }
    auto card = card_of(c, *e);
    if (!card) {
        return error_response(card.error());
    }
    if (c.body.contains("answers")) {
        auto answers = parse_answers(c.body["answers"]);
        if (!answers) {
            return error_response(answers.error());
        }
        if (auto problem = qa::check_answers(*card, *answers, true)) {
            return error_response(ApiError::invalid_value(problem->field, problem->message));
        }
        e->answers = std::move(*answers);
        e->score = qa::score(*card, e->answers);
    }
    const qa::EvaluationState was = e->state;
    e->state = qa::EvaluationState::Resolved;
    e->resolution = qa::Reply{c.by(), c.body["comment"].get<std::string>(), c.now};
    e->updated = c.now;
    return save(c, *e, was, *card, "evaluation-resolved");
}

/// The call of the evaluation named in the path, for whoever may read the evaluation: the
/// agent hears (and sees) the call they were scored on.
ApiResult<CallRecordEntry> evaluated_call(const RequestContext& c) {
    auto e = find_evaluation(c);
    if (!e) {
        return e.error();
    }
    return call_of(c, e->call);
}

HttpResponse evaluation_recording(RequestContext& c) {
    auto record = evaluated_call(c);
    return record ? recording_reply(c, *record) : error_response(record.error());
}

HttpResponse evaluation_waveform(RequestContext& c) {
    auto record = evaluated_call(c);
    return record ? waveform_reply(c, *record) : error_response(record.error());
}

}  // namespace

void add_evaluation_endpoints(std::vector<Endpoint>& out) {
    add_evaluation_list_endpoint(out);
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/evaluations",
                   .roles = kManager | kSupervisor | kQa,
                   .takes_body = true,
                   .handler = create_evaluation});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/evaluations/{id}",
                   .roles = kAnyRole,
                   .handler = get_evaluation});
    out.push_back({.method = Method::Put,
                   .pattern = "/api/v1/evaluations/{id}",
                   .roles = kManager | kSupervisor | kQa,
                   .takes_body = true,
                   .handler = update_evaluation});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/evaluations/{id}/acknowledge",
                   .roles = kAnyRole,
                   .takes_body = true,
                   .handler = acknowledge_evaluation});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/evaluations/{id}/dispute",
                   .roles = kAnyRole,
                   .takes_body = true,
                   .handler = dispute_evaluation});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/evaluations/{id}/resolve",
                   .roles = kManager | kSupervisor | kQa,
                   .takes_body = true,
                   .handler = resolve_evaluation});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/evaluations/{id}/recording",
                   .roles = kAnyRole,
                   .handler = evaluation_recording});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/evaluations/{id}/waveform",
                   .roles = kAnyRole,
                   .handler = evaluation_waveform});
}

}  // namespace markaz::api
