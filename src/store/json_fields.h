#pragma once

// Internal to src/store: one description of a struct's JSON fields serves both directions.
// A `describe(io, value)` function lists the fields once, as `io("key", field)`; JsonWriter
// puts them into a JSON object and JsonReader takes them out, so the two never drift apart.
// Durations are integer milliseconds (keys end in `_ms`), enums are their names from the
// enum tables, ids are strings. The reader names the field of the first problem:
// "CallAnswered.wait_ms: expected an integer, got string".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "acd/agent_state.h"
#include "acd/commands.h"
#include "acd/config.h"
#include "acd/events.h"
#include "common/json_type_name.h"
#include "common/result.h"
#include "common/strong_id.h"
#include "common/time.h"

namespace markaz::store {

using Json = nlohmann::ordered_json;

/// `E` with const removed is `T`: lets one describe() template serve `T&` and `const T&`.
template <class E, class T>
concept Is = std::is_same_v<std::remove_const_t<E>, T>;

// The name table of each enum stored as JSON.
inline const auto& enum_names(acd::AgentState) {
    return acd::kAgentStateNames;
}
inline const auto& enum_names(acd::BlockReason) {
    return acd::kBlockReasonNames;
}
inline const auto& enum_names(acd::OfferEnd) {
    return acd::kOfferEndNames;
}
inline const auto& enum_names(acd::TimeoutReason) {
    return acd::kTimeoutReasonNames;
}
inline const auto& enum_names(acd::ExitKind) {
    return acd::kExitKindNames;
}
inline const auto& enum_names(acd::Party) {
    return acd::kPartyNames;
}
inline const auto& enum_names(acd::DialOutcome) {
    return acd::kDialOutcomeNames;
}
inline const auto& enum_names(acd::Strategy) {
    return acd::kStrategyNames;
}
inline const auto& enum_names(acd::EmptyRule) {
    return acd::kEmptyRuleNames;
}
inline const auto& enum_names(acd::CallbackMode) {
    return acd::kCallbackModeNames;
}
inline const auto& enum_names(acd::ServiceLevelFormula) {
    return acd::kServiceLevelFormulaNames;
}

/// An exit rule: {"kind":"queue","queue":"support","announcement":"sales-busy"}.
template <class IO, class E>
requires Is<E, acd::ExitAction>
void describe(IO& io, E& e) {
    auto& [kind, queue, announcement] = e;
    io("kind", kind);
    io("queue", queue);
    io("announcement", announcement);
}

/// Collects fields into a JSON object, in the order they are described.
class JsonWriter {
public:
    void operator()(const char* key, const std::string& value) { out_[key] = value; }
    template <class Tag>
    void operator()(const char* key, const StrongId<Tag>& value) {
        out_[key] = value.str();
    }
    void operator()(const char* key, int value) { out_[key] = value; }
    void operator()(const char* key, std::size_t value) { out_[key] = value; }
    void operator()(const char* key, bool value) { out_[key] = value; }
    void operator()(const char* key, double value) { out_[key] = value; }
    void operator()(const char* key, Duration value) { out_[key] = value.count(); }
    void operator()(const char* key, const std::optional<Duration>& value) {
        out_[key] = value ? Json(value->count()) : Json(nullptr);
    }
    template <class E>
    requires std::is_enum_v<E>
    void operator()(const char* key, E value) {
        out_[key] = std::string(enum_names(value).name(value));
    }
    void operator()(const char* key, const std::vector<QueueId>& value) {
        Json list = Json::array();
        for (const QueueId& id : value) {
            list.push_back(id.str());
        }
        out_[key] = std::move(list);
    }
    /// A field added after events were first stored: written as any other.
    template <class T>
    void later(const char* key, const T& value) {
        (*this)(key, value);
    }
    /// A nested object: `describe_fields(writer)` describes its fields.
    template <class F>
    void object(const char* key, F&& describe_fields) {
        JsonWriter nested;
        describe_fields(nested);
        out_[key] = std::move(nested).take();
    }

    Json take() && { return std::move(out_); }

private:
    Json out_ = Json::object();
};

/// Reads described fields out of a JSON object. The first problem stops the reading and is
/// kept as an Error naming `path.key`; every field is required.
class JsonReader {
public:
    /// `object` must outlive the reader; `path` prefixes field names in errors.
    JsonReader(const Json& object, std::string path);

    void operator()(const char* key, std::string& value);
    template <class Tag>
    void operator()(const char* key, StrongId<Tag>& value) {
        std::string text;
        (*this)(key, text);
        value = StrongId<Tag>{std::move(text)};
    }
    void operator()(const char* key, int& value);
    void operator()(const char* key, std::size_t& value);
    void operator()(const char* key, bool& value);
    void operator()(const char* key, double& value);
    void operator()(const char* key, Duration& value);
    void operator()(const char* key, std::optional<Duration>& value);
    template <class E>
    requires std::is_enum_v<E>
    void operator()(const char* key, E& value) {
        std::string text;
        (*this)(key, text);
        if (!ok()) {
            return;
        }
        const auto& table = enum_names(value);
        if (auto parsed = table.parse(text)) {
            value = *parsed;
        } else {
            problem(key, "unknown value '" + text + "' (expected one of: " + table.names() + ")");
        }
    }
    void operator()(const char* key, std::vector<QueueId>& value);
    /// A field added after events were first stored: an older event without it keeps the
    /// default (false, ""); one of the wrong type is still an error.
    template <class T>
    void later(const char* key, T& value) {
        if (ok() && object_.contains(key)) {
            (*this)(key, value);
        }
    }
    template <class F>
    void object(const char* key, F&& describe_fields) {
        const Json* field = find(key);
        if (field == nullptr) {
            return;
        }
        if (!field->is_object()) {
            wrong_type(key, "an object", *field);
            return;
        }
        JsonReader nested(*field, path_ + "." + key);
        describe_fields(nested);
        if (!nested.ok()) {
            error_ = std::move(nested.error_);
        }
    }

    bool ok() const { return !error_.has_value(); }
    /// The first problem; only when !ok().
    const Error& error() const { return *error_; }
    /// Reads a 64-bit integer field (times since the epoch).
    void int64(const char* key, std::int64_t& value);

private:
    /// The field, or nullptr (and the error set) when it is missing or reading already failed.
    const Json* find(const char* key);
    void problem(const char* key, const std::string& message);
    void wrong_type(const char* key, std::string_view expected, const Json& got);

    const Json& object_;
    std::string path_;
    std::optional<Error> error_;
};

}  // namespace markaz::store
