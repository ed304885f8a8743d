#include "api/quality_json.h"

#include "api/stats_json.h"

namespace markaz::api {
namespace {

std::string at_index(const std::string& name, std::size_t i) {
    return name + "[" + std::to_string(i) + "]";
}

ApiResult<qa::Question> parse_question(const Json& value, const std::string& at) {
    static const std::vector<FieldRule> rules{
        {"id", JsonKind::String, true, false, {}, {}},
        {"text", JsonKind::String, true, false, {}, {}},
        {"kind", JsonKind::String, true, false, one_of(qa::kQuestionKindNames), {}},
        {"weight", JsonKind::Integer, false, false, in_range(1, 100), {}},
        {"allow_na", JsonKind::Boolean, false, false, {}, {}},
        {"critical", JsonKind::Boolean, false, false, {}, {}},
    };
    if (!value.is_object()) {
        return ApiError::invalid_type(at, "object", json_type_name(value));
    }
    if (auto refused = check_fields(value, rules, at + ".")) {
        return *refused;
    }
    qa::Question q;
    q.id = value["id"].get<std::string>();
    q.text = value["text"].get<std::string>();
    q.kind = *qa::kQuestionKindNames.parse(value["kind"].get<std::string>());
    q.weight = value.value("weight", 1);
    q.allow_na = value.value("allow_na", false);
    q.critical = value.value("critical", false);
    return q;
}

WallTime at_ms(const Json& value) {
    return WallTime{std::chrono::milliseconds(value.get<std::int64_t>())};
}

}  // namespace

Json sections_json(const std::vector<qa::Section>& sections) {
    Json out = Json::array();
    for (const qa::Section& section : sections) {
        Json questions = Json::array();
        for (const qa::Question& q : section.questions) {
            questions.push_back(Json{{"id", q.id},
                                     {"text", q.text},
                                     {"kind", qa::kQuestionKindNames.name(q.kind)},
                                     {"weight", q.weight},
                                     {"allow_na", q.allow_na},
                                     {"critical", q.critical}});
        }
        out.push_back(Json{{"title", section.title}, {"questions", std::move(questions)}});
    }
    return out;
}

ApiResult<std::vector<qa::Section>> parse_sections(const Json& value) {
    if (!value.is_array()) {
        return ApiError::invalid_type("sections", "array", json_type_name(value));
    }
    std::vector<qa::Section> sections;
    for (std::size_t s = 0; s < value.size(); ++s) {
        const Json& item = value[s];
        const std::string at = at_index("sections", s);
        if (!item.is_object()) {
            return ApiError::invalid_type(at, "object", json_type_name(item));
        }
        static const std::vector<FieldRule> rules{
            {"title", JsonKind::String, true, false, {}, {}},
        };
        Json head = item;
        head.erase("questions");
        if (auto refused = check_fields(head, rules, at + ".")) {
            return *refused;
        }
        qa::Section section{item["title"].get<std::string>(), {}};
        const auto questions = item.find("questions");
        if (questions == item.end()) {
            return ApiError::missing_field(at + ".questions");
        }
        if (!questions->is_array()) {
            return ApiError::invalid_type(at + ".questions", "array", json_type_name(*questions));
        }
        for (std::size_t i = 0; i < questions->size(); ++i) {
            auto q = parse_question((*questions)[i], at_index(at + ".questions", i));
            if (!q) {
                return q.error();
            }
            section.questions.push_back(std::move(*q));
        }
        sections.push_back(std::move(section));
    }
    return sections;
}

Json scorecard_json(const qa::Scorecard& card) {
    return Json{{"id", card.id},
                {"version", card.version},
                {"name", card.name},
                {"pass_mark", card.pass_mark},
                {"retired", card.retired},
                {"created_by", card.created_by},
                {"created_at_ms", ms(card.created)},
                {"sections", sections_json(card.sections)}};
}

Json answers_json(const qa::Answers& answers) {
    Json out = Json::object();
    for (const auto& [id, value] : answers) {
        out[id] = value ? Json(*value) : Json();
    }
    return out;
}

ApiResult<qa::Answers> parse_answers(const Json& value) {
    if (!value.is_object()) {
        return ApiError::invalid_type("answers", "object", json_type_name(value));
    }
    qa::Answers answers;
    for (const auto& [id, answer] : value.items()) {
        if (answer.is_null()) {
            answers[id] = std::nullopt;
        } else if (answer.is_boolean()) {
            answers[id] = answer.get<bool>() ? 1 : 0;
        } else if (answer.is_number_integer() && answer.get<std::int64_t>() >= -1000 &&
                   answer.get<std::int64_t>() <= 1000) {
            answers[id] = static_cast<int>(answer.get<std::int64_t>());
        } else {
            return ApiError::invalid_type("answers." + id, "boolean, integer or null",
                                          json_type_name(answer));
        }
    }
    return answers;
}

Json comments_json(const std::vector<qa::TimedComment>& comments) {
    Json out = Json::array();
    for (const qa::TimedComment& comment : comments) {
        out.push_back(Json{{"at_ms", comment.at_ms}, {"text", comment.text}});
    }
    return out;
}

ApiResult<std::vector<qa::TimedComment>> parse_comments(const Json& value, std::int64_t max_at_ms) {
    if (!value.is_array()) {
        return ApiError::invalid_type("comments", "array", json_type_name(value));
    }
    if (value.size() > 200) {
        return ApiError::invalid_value("comments", "at most 200 comments");
    }
    const std::vector<FieldRule> rules{
        {"at_ms", JsonKind::Integer, true, false, in_range(0, max_at_ms), {}},
        {"text", JsonKind::String, true, false, length(1, 1000), {}},
    };
    std::vector<qa::TimedComment> comments;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string at = at_index("comments", i);
        if (!value[i].is_object()) {
            return ApiError::invalid_type(at, "object", json_type_name(value[i]));
        }
        if (auto refused = check_fields(value[i], rules, at + ".")) {
            return *refused;
        }
        comments.push_back(
            {value[i]["at_ms"].get<std::int64_t>(), value[i]["text"].get<std::string>()});
    }
    return comments;
}

Json section_scores_json(const std::vector<qa::SectionScore>& sections) {
    Json out = Json::array();
    for (const qa::SectionScore& s : sections) {
        out.push_back(Json{{"title", s.title}, {"score", s.percent ? Json(*s.percent) : Json()}});
    }
    return out;
}

std::vector<qa::SectionScore> parse_section_scores(const Json& value) {
    std::vector<qa::SectionScore> out;
    for (const Json& s : value) {
        out.push_back({s.value("title", ""), s["score"].is_number()
                                                 ? std::optional(s["score"].get<double>())
                                                 : std::nullopt});
    }
    return out;
}

Json reply_json(const std::optional<qa::Reply>& reply) {
    if (!reply) {
        return Json();
    }
    return Json{{"by", reply->by}, {"text", reply->text}, {"at_ms", ms(reply->at)}};
}

std::optional<qa::Reply> parse_reply(const Json& value) {
    if (!value.is_object()) {
        return std::nullopt;
    }
    return qa::Reply{value.value("by", ""), value.value("text", ""), at_ms(value["at_ms"])};
}

Json evaluation_json(const qa::Evaluation& e) {
    const qa::Score& s = e.score;
    return Json{{"id", e.id},
                {"call", e.call},
                {"agent", e.agent},
                {"queues", e.queues},
                {"call_started_at_ms", ms(e.call_started)},
                {"scorecard", e.scorecard},
                {"scorecard_version", e.scorecard_version},
                {"scorecard_name", e.scorecard_name},
                {"evaluator", e.evaluator},
                {"state", qa::kEvaluationStateNames.name(e.state)},
                {"answers", answers_json(e.answers)},
                {"comments", comments_json(e.comments)},
                {"summary", e.summary},
                {"score", s.percent ? Json(*s.percent) : Json()},
                {"passed", s.percent ? Json(s.passed) : Json()},
                {"critical_failed", s.critical_failed},
                {"sections", section_scores_json(s.sections)},
                {"created_at_ms", ms(e.created)},
                {"updated_at_ms", ms(e.updated)},
                {"submitted_at_ms", e.submitted ? Json(ms(*e.submitted)) : Json()},
                {"agent_reply", reply_json(e.agent_reply)},
                {"resolution", reply_json(e.resolution)}};
}

}  // namespace markaz::api
