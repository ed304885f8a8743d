#pragma once

// Request bodies: parsing and the field checks every endpoint shares. A body is checked whole
// before anything changes (docs/api.md "Order of checks", step 7): JSON syntax first, then the
// first wrong member in document order (unknown, wrong type, wrong value), then the first
// missing required member. The error names the field as a path: "on_max_wait.queue",
// "queues[2]".

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api_error.h"
#include "common/enum_table.h"
#include "common/json_type_name.h"

namespace markaz::api {

/// Ordered, so that "document order" and the order of members in responses are kept.
using Json = nlohmann::ordered_json;

enum class JsonKind { String, Integer, Number, Boolean, StringArray, Object };

/// A value check: nullopt when `value` is fine, else the problem without the field name
/// ("must be -1000..1000").
using ValueCheck = std::function<std::optional<std::string>(const Json& value)>;

struct FieldRule {
    std::string name;
    JsonKind kind = JsonKind::String;
    bool required = false;
    bool nullable = false;          ///< null is a value; otherwise null counts as absent
    ValueCheck check;               ///< StringArray: applied to each element
    std::vector<FieldRule> fields;  ///< Object: its members
};

/// The body as a JSON object; 400 invalid_json (with line and column) when it is not JSON or
/// not an object. An empty body is not JSON.
ApiResult<Json> parse_json_object(std::string_view body);

/// Checks `object`'s members against `rules`; nullopt when every member is right. `prefix` is
/// put before field names ("on_max_wait.").
std::optional<ApiError> check_fields(const Json& object, const std::vector<FieldRule>& rules,
                                     const std::string& prefix = "");

/// The value is one of `names`: "unknown value 'x' (expected one of: a, b)".
ValueCheck one_of(std::vector<std::string> names);
template <class E, std::size_t N>
ValueCheck one_of(const EnumTable<E, N>& table) {
    std::vector<std::string> names;
    for (const auto& entry : table.entries) {
        names.emplace_back(entry.second);
    }
    return one_of(std::move(names));
}
/// An integer within [min, max].
ValueCheck in_range(std::int64_t min, std::int64_t max);
/// A number within [0, 1].
ValueCheck ratio();
/// A string of min..max characters (UTF-8 code points).
ValueCheck length(std::size_t min, std::size_t max);

/// A JSON value as compact text; strings that are not valid UTF-8 get U+FFFD.
std::string dump(const Json& value);

}  // namespace markaz::api
