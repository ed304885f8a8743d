#include "api/json_body.h"

#include <limits>

namespace markaz::api {
namespace {

std::string_view expected_name(JsonKind kind) {
    switch (kind) {
        case JsonKind::String:
            return "a string";
        case JsonKind::Integer:
            return "an integer";
        case JsonKind::Number:
            return "a number";
        case JsonKind::Boolean:
            return "a boolean";
        case JsonKind::StringArray:
            return "an array of strings";
        case JsonKind::Object:
            return "an object";
    }
    return "?";
}

bool has_kind(const Json& value, JsonKind kind) {
    switch (kind) {
        case JsonKind::String:
            return value.is_string();
        case JsonKind::Integer:
            return value.is_number_integer();
        case JsonKind::Number:
            return value.is_number();
        case JsonKind::Boolean:
            return value.is_boolean();
        case JsonKind::StringArray:
            return value.is_array();
        case JsonKind::Object:
            return value.is_object();
    }
    return false;
}

std::string names_of(const std::vector<FieldRule>& rules) {
    std::string out;
    for (const FieldRule& rule : rules) {
        out += (out.empty() ? "" : ", ") + rule.name;
    }
    return out;
}

std::optional<ApiError> check_value(const Json& value, const FieldRule& rule,
                                    const std::string& path) {
    if (!has_kind(value, rule.kind)) {
        return ApiError::invalid_type(path, expected_name(rule.kind), json_type_name(value));
    }
    if (rule.kind == JsonKind::Object) {
        return check_fields(value, rule.fields, path + ".");
    }
    if (rule.kind == JsonKind::StringArray) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            const std::string at = path + "[" + std::to_string(i) + "]";
            if (!value[i].is_string()) {
                return ApiError::invalid_type(at, "a string", json_type_name(value[i]));
            }
            if (rule.check) {
                if (auto problem = rule.check(value[i])) {
                    return ApiError::invalid_value(at, *problem);
                }
            }
        }
        return std::nullopt;
    }
    if (rule.check) {
        if (auto problem = rule.check(value)) {
            return ApiError::invalid_value(path, *problem);
        }
    }
    return std::nullopt;
}

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1U : 0U;
    }
    return count;
}

}  // namespace

ApiResult<Json> parse_json_object(std::string_view body) {
    Json parsed;
    try {
        parsed = Json::parse(body);
    } catch (const Json::parse_error& e) {
        // "[json.exception.parse_error.101] parse error at line 1, column 5: ..." -> from "at".
        std::string what = e.what();
        const auto at = what.find(" at line ");
        std::string detail = at == std::string::npos ? what : what.substr(at + 1);
        return ApiError::invalid_json("body: not valid JSON " + detail);
    } catch (const Json::exception& e) {
        // Found by fuzzing: a number too large for a double ("1E400") is out_of_range, not a
        // parse_error, and would have been a 500.
        std::string what = e.what();
        const auto close = what.find("] ");
        return ApiError::invalid_json("body: not valid JSON: " +
                                      (close == std::string::npos ? what : what.substr(close + 2)));
    }
    if (!parsed.is_object()) {
        return ApiError::invalid_json("body: expected a JSON object, got " +
                                      std::string(json_type_name(parsed)));
    }
    return parsed;
}

std::optional<ApiError> check_fields(const Json& object, const std::vector<FieldRule>& rules,
                                     const std::string& prefix) {
    for (const auto& [name, value] : object.items()) {
        const std::string path = prefix + name;
        const FieldRule* rule = nullptr;
        for (const FieldRule& candidate : rules) {
            if (candidate.name == name) {
                rule = &candidate;
                break;
            }
        }
        if (rule == nullptr) {
            return ApiError::unknown_field(path, names_of(rules));
        }
        if (value.is_null()) {
            if (rule->nullable) {
                continue;
            }
            if (rule->required) {
                return ApiError::missing_field(path);
            }
            return ApiError::invalid_type(path, expected_name(rule->kind), "null");
        }
        if (auto error = check_value(value, *rule, path)) {
            return error;
        }
    }
    for (const FieldRule& rule : rules) {
        if (rule.required && !object.contains(rule.name)) {
            return ApiError::missing_field(prefix + rule.name);
        }
    }
    return std::nullopt;
}

ValueCheck one_of(std::vector<std::string> names) {
    return [names = std::move(names)](const Json& value) -> std::optional<std::string> {
        const auto& text = value.get_ref<const std::string&>();
        std::string listed;
        for (const std::string& name : names) {
            if (name == text) {
                return std::nullopt;
            }
            listed += (listed.empty() ? "" : ", ") + name;
        }
        return "unknown value '" + text + "' (expected one of: " + listed + ")";
    };
}

ValueCheck in_range(std::int64_t min, std::int64_t max) {
    return [min, max](const Json& value) -> std::optional<std::string> {
        const bool too_big =
            value.is_number_unsigned() &&
            value.get<std::uint64_t>() >
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        if (too_big || value.get<std::int64_t>() < min || value.get<std::int64_t>() > max) {
            return "must be " + std::to_string(min) + ".." + std::to_string(max) + ", got " +
                   value.dump();
        }
        return std::nullopt;
    };
}

ValueCheck ratio() {
    return [](const Json& value) -> std::optional<std::string> {
        const double x = value.get<double>();
        if (!(x >= 0.0 && x <= 1.0)) {
            return "must be 0..1, got " + value.dump();
        }
        return std::nullopt;
    };
}

ValueCheck length(std::size_t min, std::size_t max) {
    return [min, max](const Json& value) -> std::optional<std::string> {
        const std::size_t n = code_points(value.get_ref<const std::string&>());
        if (n < min || n > max) {
            return "must be " + std::to_string(min) + ".." + std::to_string(max) +
                   " characters, got " + std::to_string(n);
        }
        return std::nullopt;
    };
}

std::string dump(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace markaz::api
