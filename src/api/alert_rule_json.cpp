#include "api/alert_rule_json.h"

#include <cmath>

#include "mail/mail_message.h"

namespace markaz::api {
namespace {

/// Whole seconds: what the body takes.
std::int64_t seconds_of(Duration d) {
    return std::chrono::duration_cast<std::chrono::seconds>(d).count();
}

}  // namespace

Json alert_rule_json(const alerts::AlertRule& r) {
    return Json{{"name", r.name},
                {"measure", alerts::kMeasureNames.name(r.measure)},
                {"queue", r.queue ? Json(r.queue->str()) : Json()},
                {"threshold", r.threshold},
                {"window", alerts::kWindowNames.name(r.window)},
                {"min_calls", r.min_calls},
                {"raise_after_s", seconds_of(r.raise_after)},
                {"clear_after_s", seconds_of(r.clear_after)},
                {"email", r.email},
                {"language", r.language}};
}

const std::vector<FieldRule>& alert_rule_fields() {
    static const std::vector<FieldRule> rules{
        {"name", JsonKind::String, true, false,
         [](const Json& v) -> std::optional<std::string> {
             const auto name = v.get<std::string>();
             const bool ok = !name.empty() && name.size() <= 64 &&
                             name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") ==
                                 std::string::npos;
             return ok ? std::nullopt : std::optional<std::string>("1 to 64 of a-z, 0-9, - and _");
         }},
        {"measure", JsonKind::String, true, false, one_of(alerts::kMeasureNames)},
        {"queue", JsonKind::String, false, true, length(1, 64)},
        {"threshold", JsonKind::Number, true, false,
         [](const Json& v) -> std::optional<std::string> {
             const double t = v.get<double>();
             return std::isfinite(t) && t >= 0 ? std::nullopt
                                               : std::optional<std::string>("must be 0 or more");
         }},
        {"window", JsonKind::String, false, false, one_of(alerts::kWindowNames)},
        {"min_calls", JsonKind::Integer, false, false, in_range(0, 10000)},
        {"raise_after_s", JsonKind::Integer, false, false, in_range(0, 86400)},
        {"clear_after_s", JsonKind::Integer, false, false, in_range(0, 86400)},
        {"email", JsonKind::StringArray, false, false,
         [](const Json& v) -> std::optional<std::string> {
             return mail::is_mail_address(v.get<std::string>())
                        ? std::nullopt
                        : std::optional<std::string>("must be an e-mail address");
         }},
        {"language", JsonKind::String, false, false, one_of({"en", "fa", "ar"})},
    };
    return rules;
}

ApiResult<alerts::AlertRule> alert_rule_from_json(const Json& body,
                                                  const std::vector<QueueId>& queues) {
    alerts::AlertRule r;
    r.name = body.at("name").get<std::string>();
    r.measure = *alerts::kMeasureNames.parse(body.at("measure").get<std::string>());
    if (body.contains("queue") && body["queue"].is_string()) {
        r.queue = QueueId{body["queue"].get<std::string>()};
        if (std::find(queues.begin(), queues.end(), *r.queue) == queues.end()) {
            return ApiError::not_found("no queue '" + r.queue->str() + "'", "queue");
        }
    }
    r.threshold = body.at("threshold").get<double>();
    r.window = *alerts::kWindowNames.parse(body.value("window", std::string("interval")));
    r.min_calls = body.value("min_calls", 5);
    r.raise_after = std::chrono::seconds{body.value("raise_after_s", 0)};
    r.clear_after = std::chrono::seconds{body.value("clear_after_s", 120)};
    if (body.contains("email")) {
        r.email = body["email"].get<std::vector<std::string>>();
        if (r.email.size() > 20) {
            return ApiError::invalid_value("email", "at most 20 addresses");
        }
    }
    r.language = body.value("language", std::string("en"));
    if (auto valid = alerts::validate(r, queues); !valid) {
        // validate() names the field first ("threshold: a share, 0..1"); the ranges it also
        // checks are the body checks' already.
        const std::string& message = valid.error().message;
        const auto colon = message.find(": ");
        if (colon == std::string::npos) {
            return ApiError::invalid_value("threshold", message);
        }
        return ApiError::invalid_value(message.substr(0, colon), message.substr(colon + 2));
    }
    return r;
}

}  // namespace markaz::api
