#include "api/queue_settings.h"

#include <limits>

#include "acd/router.h"
#include "api/stats_json.h"

namespace markaz::api {
namespace {

// Settings the docs leave open above get a bound all the same, so that the engine's time
// arithmetic (now + duration) cannot overflow: 30 days is beyond any queue's need.
constexpr std::int64_t kLongest = 30LL * 24 * 3600 * 1000;
constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();

FieldRule integer(std::string name, std::int64_t min, std::int64_t max, bool nullable = false) {
    return {std::move(name), JsonKind::Integer, false, nullable, in_range(min, max), {}};
}

template <class E, std::size_t N>
FieldRule choice(std::string name, const EnumTable<E, N>& table) {
    return {std::move(name), JsonKind::String, false, false, one_of(table), {}};
}

std::vector<FieldRule> make_rules() {
    FieldRule on_max_wait{"on_max_wait", JsonKind::Object, false, false, {}, {}};
    on_max_wait.fields = {
        {"kind", JsonKind::String, true, false, one_of(acd::kExitKindNames), {}},
        {"queue", JsonKind::String, true, true, length(1, 64), {}},
        {"announcement", JsonKind::String, true, false, length(0, 200), {}},
    };
    FieldRule callback{"callback", JsonKind::Object, false, false, {}, {}};
    callback.fields = {
        {"enabled", JsonKind::Boolean, true, false, {}, {}},
        {"mode", JsonKind::String, true, false, one_of(acd::kCallbackModeNames), {}},
        {"max_attempts", JsonKind::Integer, true, false, in_range(1, 10), {}},
        {"retry_interval_ms", JsonKind::Integer, true, false, in_range(1000, kLongest), {}},
    };
    return {
        choice("strategy", acd::kStrategyNames),
        integer("weight", 0, kIntMax),
        integer("ring_timeout_ms", 1000, 600000),
        integer("retry_delay_ms", 0, 600000),
        integer("wrap_up_ms", 0, 3600000),
        integer("max_wait_ms", 1000, 86400000, true),
        std::move(on_max_wait),
        integer("max_length", 0, kIntMax),
        choice("join_empty", acd::kEmptyRuleNames),
        choice("leave_empty", acd::kEmptyRuleNames),
        integer("tier_wait_ms", 0, kLongest),
        integer("sl_threshold_ms", 0, kLongest),
        {"sl_target", JsonKind::Number, false, false, ratio(), {}},
        choice("sl_formula", acd::kServiceLevelFormulaNames),
        integer("short_abandon_ms", 0, kLongest),
        integer("callback_threshold_ms", 0, kLongest, true),
        std::move(callback),
    };
}

Duration millis(const Json& value) {
    return Duration{value.get<std::int64_t>()};
}

template <class E, std::size_t N>
E parse_enum(const EnumTable<E, N>& table, const Json& value) {
    return *table.parse(value.get_ref<const std::string&>());  // checked by the rules
}

void apply_member(acd::QueueConfig& q, const std::string& name, const Json& v) {
    if (name == "strategy") {
        q.strategy = parse_enum(acd::kStrategyNames, v);
    } else if (name == "weight") {
        q.weight = v.get<int>();
    } else if (name == "ring_timeout_ms") {
        q.ring_timeout = millis(v);
    } else if (name == "retry_delay_ms") {
        q.retry_delay = millis(v);
    } else if (name == "wrap_up_ms") {
        q.wrap_up = millis(v);
    } else if (name == "max_wait_ms") {
        q.max_wait = v.is_null() ? std::nullopt : std::optional<Duration>(millis(v));
    } else if (name == "on_max_wait") {
        q.on_max_wait.kind = parse_enum(acd::kExitKindNames, v["kind"]);
        q.on_max_wait.queue = QueueId{v["queue"].is_null() ? "" : v["queue"].get<std::string>()};
        q.on_max_wait.announcement = v["announcement"].get<std::string>();
    } else if (name == "max_length") {
        q.max_length = v.get<std::size_t>();
    } else if (name == "join_empty") {
        q.join_empty = parse_enum(acd::kEmptyRuleNames, v);
    } else if (name == "leave_empty") {
        q.leave_empty = parse_enum(acd::kEmptyRuleNames, v);
    } else if (name == "tier_wait_ms") {
        q.tier_wait = millis(v);
    } else if (name == "sl_threshold_ms") {
        q.sl_threshold = millis(v);
    } else if (name == "sl_target") {
        q.sl_target = v.get<double>();
    } else if (name == "sl_formula") {
        q.sl_formula = parse_enum(acd::kServiceLevelFormulaNames, v);
    } else if (name == "short_abandon_ms") {
        q.short_abandon = millis(v);
    } else if (name == "callback_threshold_ms") {
        q.callback_threshold = v.is_null() ? std::nullopt : std::optional<Duration>(millis(v));
    } else if (name == "callback") {
        q.callback.enabled = v["enabled"].get<bool>();
        q.callback.mode = parse_enum(acd::kCallbackModeNames, v["mode"]);
        q.callback.max_attempts = v["max_attempts"].get<int>();
        q.callback.retry_interval = millis(v["retry_interval_ms"]);
    }
}

}  // namespace

Json queue_settings_json(const acd::QueueConfig& q) {
    Json out;
    out["strategy"] = std::string(acd::kStrategyNames.name(q.strategy));
    out["weight"] = q.weight;
    out["ring_timeout_ms"] = ms(q.ring_timeout);
    out["retry_delay_ms"] = ms(q.retry_delay);
    out["wrap_up_ms"] = ms(q.wrap_up);
    out["max_wait_ms"] = q.max_wait ? Json(ms(*q.max_wait)) : Json(nullptr);
    out["on_max_wait"] = Json{
        {"kind", std::string(acd::kExitKindNames.name(q.on_max_wait.kind))},
        {"queue", q.on_max_wait.queue.empty() ? Json(nullptr) : Json(q.on_max_wait.queue.str())},
        {"announcement", q.on_max_wait.announcement}};
    out["max_length"] = q.max_length;
    out["join_empty"] = std::string(acd::kEmptyRuleNames.name(q.join_empty));
    out["leave_empty"] = std::string(acd::kEmptyRuleNames.name(q.leave_empty));
    out["tier_wait_ms"] = ms(q.tier_wait);
    out["sl_threshold_ms"] = ms(q.sl_threshold);
    out["sl_target"] = q.sl_target;
    out["sl_formula"] = std::string(acd::kServiceLevelFormulaNames.name(q.sl_formula));
    out["short_abandon_ms"] = ms(q.short_abandon);
    out["callback_threshold_ms"] =
        q.callback_threshold ? Json(ms(*q.callback_threshold)) : Json(nullptr);
    out["callback"] = Json{{"enabled", q.callback.enabled},
                           {"mode", std::string(acd::kCallbackModeNames.name(q.callback.mode))},
                           {"max_attempts", q.callback.max_attempts},
                           {"retry_interval_ms", ms(q.callback.retry_interval)}};
    return out;
}

const std::vector<FieldRule>& queue_settings_rules() {
    static const std::vector<FieldRule> rules = make_rules();
    return rules;
}

ApiResult<acd::QueueConfig> patched_queue(const acd::QueueConfig& queue, const Json& patch,
                                          const acd::RouterConfig& config) {
    if (patch.empty()) {
        return ApiError::invalid_value("body", "give at least one setting to change");
    }
    acd::QueueConfig changed = queue;
    for (const auto& [name, value] : patch.items()) {
        apply_member(changed, name, value);
    }
    const acd::ExitAction& exit = changed.on_max_wait;
    if (exit.kind == acd::ExitKind::Queue) {
        if (exit.queue.empty()) {
            return ApiError::invalid_value("on_max_wait.queue", "required for kind 'queue'");
        }
        if (exit.queue == changed.id) {
            return ApiError::invalid_value("on_max_wait.queue", "a queue cannot exit into itself");
        }
        bool known = false;
        for (const acd::QueueConfig& q : config.queues) {
            known = known || q.id == exit.queue;
        }
        if (!known) {
            return ApiError::invalid_value("on_max_wait.queue",
                                           "unknown queue '" + exit.queue.str() + "'");
        }
    } else if (!exit.queue.empty()) {
        return ApiError::invalid_value("on_max_wait.queue", "only for kind 'queue'");
    }
    if (exit.kind == acd::ExitKind::Callback && !changed.callback.enabled) {
        return ApiError::invalid_value("on_max_wait.kind",
                                       "exit 'callback' needs callback.enabled");
    }
    // Anything else the engine insists on, in its words ("queues[2].x: ..." -> "x: ...").
    acd::RouterConfig whole = config;
    for (acd::QueueConfig& q : whole.queues) {
        if (q.id == changed.id) {
            q = changed;
        }
    }
    if (auto ok = acd::validate(whole); !ok) {
        std::string message = ok.error().message;
        if (message.starts_with("queues[")) {
            message = message.substr(message.find("].") + 2);
        }
        const auto colon = message.find(": ");
        return ApiError::invalid_value(message.substr(0, colon), colon == std::string::npos
                                                                     ? message
                                                                     : message.substr(colon + 2));
    }
    return changed;
}

}  // namespace markaz::api
