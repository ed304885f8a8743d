#pragma once

// Scorecards and evaluations as JSON (docs/api.md "Quality"): what the API sends and takes,
// and what the store keeps in its text columns, so both read one format.

#include <vector>

#include "api/json_body.h"
#include "qa/evaluation.h"
#include "qa/scorecard.h"

namespace markaz::api {

Json sections_json(const std::vector<qa::Section>& sections);
/// Sections as sent in a scorecard body; the first wrong member is named
/// ("sections[1].questions[0].kind"). Content rules (lengths, unique ids) are
/// qa::check_scorecard's.
ApiResult<std::vector<qa::Section>> parse_sections(const Json& value);
Json scorecard_json(const qa::Scorecard& card);

/// {question: 1 | 0 | 1..5 | null}; yes/no may also come as true/false.
Json answers_json(const qa::Answers& answers);
ApiResult<qa::Answers> parse_answers(const Json& value);

Json comments_json(const std::vector<qa::TimedComment>& comments);
/// At most 200 comments of 1..1000 characters, each at 0..`max_at_ms`.
ApiResult<std::vector<qa::TimedComment>> parse_comments(const Json& value, std::int64_t max_at_ms);

Json section_scores_json(const std::vector<qa::SectionScore>& sections);
std::vector<qa::SectionScore> parse_section_scores(const Json& value);
Json reply_json(const std::optional<qa::Reply>& reply);
std::optional<qa::Reply> parse_reply(const Json& value);

Json evaluation_json(const qa::Evaluation& evaluation);

}  // namespace markaz::api
