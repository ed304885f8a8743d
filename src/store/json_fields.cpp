#include "store/json_fields.h"

#include <limits>
#include <utility>

namespace markaz::store {

JsonReader::JsonReader(const Json& object, std::string path)
    : object_(object), path_(std::move(path)) {}

const Json* JsonReader::find(const char* key) {
    if (!ok()) {
        return nullptr;
    }
    auto it = object_.find(key);
    if (it == object_.end()) {
        problem(key, "missing");
        return nullptr;
    }
    return &*it;
}

void JsonReader::problem(const char* key, const std::string& message) {
    if (ok()) {
        error_ = Error{Errc::InvalidArgument, path_ + "." + key + ": " + message};
    }
}

void JsonReader::wrong_type(const char* key, std::string_view expected, const Json& got) {
    problem(key, "expected " + std::string(expected) + ", got " + std::string(json_type_name(got)));
}

void JsonReader::operator()(const char* key, std::string& value) {
    const Json* field = find(key);
    if (field == nullptr) {
        return;
    }
    if (!field->is_string()) {
        wrong_type(key, "a string", *field);
        return;
    }
    value = field->get<std::string>();
}

void JsonReader::int64(const char* key, std::int64_t& value) {
    const Json* field = find(key);
    if (field == nullptr) {
        return;
    }
    if (field->is_number_unsigned()) {
        auto u = field->get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            problem(key, "out of range");
            return;
        }
        value = static_cast<std::int64_t>(u);
        return;
    }
    if (!field->is_number_integer()) {
        wrong_type(key, "an integer", *field);
        return;
    }
    value = field->get<std::int64_t>();
}

void JsonReader::operator()(const char* key, int& value) {
    std::int64_t wide = 0;
    int64(key, wide);
    if (!ok()) {
        return;
    }
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
        problem(key, "out of range");
        return;
    }
    value = static_cast<int>(wide);
}

void JsonReader::operator()(const char* key, std::size_t& value) {
    std::int64_t wide = 0;
    int64(key, wide);
    if (!ok()) {
        return;
    }
    if (wide < 0) {
        problem(key, "must not be negative");
        return;
    }
    value = static_cast<std::size_t>(wide);
}

void JsonReader::operator()(const char* key, bool& value) {
    const Json* field = find(key);
    if (field == nullptr) {
        return;
    }
    if (!field->is_boolean()) {
        wrong_type(key, "a boolean", *field);
        return;
    }
    value = field->get<bool>();
}

void JsonReader::operator()(const char* key, double& value) {
    const Json* field = find(key);
    if (field == nullptr) {
        return;
    }
    if (!field->is_number()) {
        wrong_type(key, "a number", *field);
        return;
    }
    value = field->get<double>();
}

void JsonReader::operator()(const char* key, Duration& value) {
    std::int64_t ms = 0;
    int64(key, ms);
    if (ok()) {
        value = Duration{ms};
    }
}

void JsonReader::operator()(const char* key, std::optional<Duration>& value) {
    const Json* field = find(key);
    if (field == nullptr) {
        return;
    }
    if (field->is_null()) {
        value.reset();
        return;
    }
    Duration d{};
    (*this)(key, d);
    if (ok()) {
        value = d;
    }
}

void JsonReader::operator()(const char* key, std::vector<QueueId>& value) {
    const Json* field = find(key);
    if (field == nullptr) {
        return;
    }
    if (!field->is_array()) {
        wrong_type(key, "an array", *field);
        return;
    }
    std::vector<QueueId> ids;
    for (std::size_t i = 0; i < field->size(); ++i) {
        const Json& item = (*field)[i];
        if (!item.is_string()) {
            std::string indexed = std::string(key) + "[" + std::to_string(i) + "]";
            wrong_type(indexed.c_str(), "a string", item);
            return;
        }
        ids.emplace_back(item.get<std::string>());
    }
    value = std::move(ids);
}

}  // namespace markaz::store
