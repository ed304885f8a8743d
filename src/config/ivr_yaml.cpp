#include "config/ivr_yaml.h"

#include <array>
#include <charconv>

#include "common/text.h"
#include "ivr/civil_date.h"
#include "stats/stats_config.h"

namespace markaz::config {

namespace {

using ivr::Language;

constexpr std::array<std::string_view, 11> kKinds{"play",      "menu",     "collect",  "hours",
                                                  "set",       "goto",     "language", "queue",
                                                  "extension", "callback", "hangup"};
// Index = weekday as OpeningHours counts it (0 = Sunday).
constexpr std::array<std::string_view, 7> kWeekdays{"sun", "mon", "tue", "wed",
                                                    "thu", "fri", "sat"};

bool read_prompt_part(YamlReader& reader, const YAML::Node& node, const std::string& path,
                      ivr::Prompt& out) {
    if (node.IsScalar()) {
        out.push_back(ivr::PromptPart{node.as<std::string>(), {}});
        return true;
    }
    if (!node.IsMap() || node.size() == 0) {
        return reader.fail_at(
            node, path, "expected a sound file, or texts by language like {fa: ..., en: ...}");
    }
    ivr::PromptPart part;
    for (const auto& entry : node) {
        std::string key = entry.first.as<std::string>();
        auto language = ivr::kLanguageNames.parse(key);
        if (!language) {
            return reader.fail_at(
                entry.first, field_path(path, key),
                "unknown language (expected one of: " + ivr::kLanguageNames.names() + ")");
        }
        auto text = reader.scalar(entry.second, field_path(path, key), "a text to speak");
        if (!text || text->empty()) {
            return reader.ok() && reader.fail_at(entry.second, field_path(path, key), "empty text");
        }
        part.text[*language] = *text;
    }
    out.push_back(std::move(part));
    return true;
}

/// A prompt: one part, or a list of parts.
bool read_prompt(YamlReader& reader, const YAML::Node& map, const std::string& path,
                 std::string_view key, ivr::Prompt& out, bool required) {
    auto node = YamlReader::find(map, key);
    if (!node) {
        return !required || reader.require(map, path, key);
    }
    std::string here = field_path(path, key);
    if (node->IsSequence()) {
        for (std::size_t i = 0; i < node->size(); ++i) {
            if (!read_prompt_part(reader, (*node)[i], index_path(here, i), out)) {
                return false;
            }
        }
        return out.empty() && required ? reader.fail_at(*node, here, "empty prompt") : true;
    }
    return read_prompt_part(reader, *node, here, out);
}

/// "08:00-17:00" or "08:00-12:00, 13:00-17:00".
bool read_ranges(YamlReader& reader, const YAML::Node& node, const std::string& path,
                 std::vector<ivr::TimeRange>& out) {
    auto text = reader.scalar(node, path, "ranges like 08:00-17:00");
    if (!text) {
        return false;
    }
    auto minutes = [](std::string_view hhmm) -> std::optional<std::chrono::minutes> {
        int h = 0;
        int m = 0;
        if (hhmm.size() != 5 || hhmm[2] != ':' ||
            std::from_chars(hhmm.data(), hhmm.data() + 2, h).ptr != hhmm.data() + 2 ||
            std::from_chars(hhmm.data() + 3, hhmm.data() + 5, m).ptr != hhmm.data() + 5 || h < 0 ||
            m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) {
            return std::nullopt;
        }
        return std::chrono::minutes{h * 60 + m};
    };
    std::string_view rest = *text;
    while (!rest.empty()) {
        auto comma = rest.find(',');
        std::string_view range = trim(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        auto dash = range.find('-');
        auto from = dash == std::string_view::npos ? std::nullopt : minutes(range.substr(0, dash));
        auto to = dash == std::string_view::npos ? std::nullopt : minutes(range.substr(dash + 1));
        if (!from || !to || *to <= *from) {
            return reader.fail_at(node, path,
                                  "expected ranges like 08:00-17:00 or 08:00-12:00, "
                                  "13:00-17:00, got '" +
                                      *text + "'");
        }
        out.push_back(ivr::TimeRange{*from, *to});
    }
    return true;
}

/// {persian: "01-01"} (every year) or {persian: "1405-01-13"}; the same with gregorian.
bool read_holiday(YamlReader& reader, const YAML::Node& node, const std::string& path,
                  ivr::OpeningHours& out) {
    if (!reader.check_map(node, path, {"persian", "gregorian"}) || node.size() != 1) {
        return reader.ok() && reader.fail_at(node, path,
                                             "expected {persian: MM-DD} or "
                                             "{gregorian: YYYY-MM-DD}, one of them");
    }
    bool persian = YamlReader::find(node, "persian").has_value();
    std::string key = persian ? "persian" : "gregorian";
    auto text = reader.scalar(node[key], field_path(path, key), "a date");
    if (!text) {
        return false;
    }
    bool yearly = text->size() == 5;
    auto date = ivr::parse_iso_date(yearly ? "2000-" + *text : *text);
    ivr::Holiday h{persian ? ivr::Holiday::Calendar::Persian : ivr::Holiday::Calendar::Gregorian, 0,
                   0, 0};
    bool valid = false;
    if (date) {
        h = ivr::Holiday{h.calendar, yearly ? 0 : date->year, date->month, date->day};
        // A yearly date must exist in some year: 30 Esfand (leap years), 29 February.
        ivr::CivilDate check{yearly ? (persian ? 1403 : 2024) : date->year, date->month, date->day};
        valid = persian ? ivr::is_valid_jalali(check) : ivr::is_valid_gregorian(check);
    }
    if (!valid) {
        return reader.fail_at(node[key], field_path(path, key),
                              "'" + *text + "' is not a " + (persian ? "Persian" : "Gregorian") +
                                  " date (MM-DD every year, or YYYY-MM-DD)");
    }
    out.holidays.push_back(h);
    return true;
}

bool read_hours(YamlReader& reader, const YAML::Node& node, const std::string& path,
                ivr::OpeningHours& out) {
    if (!reader.check_map(node, path, {"timezone", "weekly", "holidays"})) {
        return false;
    }
    if (auto zone = YamlReader::find(node, "timezone")) {
        auto text = reader.scalar(*zone, field_path(path, "timezone"), "an offset like +03:30");
        if (!text) {
            return false;
        }
        auto offset = stats::parse_utc_offset(*text);
        if (!offset) {
            return reader.fail_at(*zone, field_path(path, "timezone"),
                                  "expected an offset from UTC like +03:30, got '" + *text + "'");
        }
        out.utc_offset = *offset;
    }
    if (!reader.require(node, path, "weekly")) {
        return false;
    }
    std::string weekly = field_path(path, "weekly");
    if (!reader.check_map(node["weekly"], weekly, {kWeekdays.begin(), kWeekdays.end()})) {
        return false;
    }
    for (std::size_t day = 0; day < kWeekdays.size(); ++day) {
        if (auto ranges = YamlReader::find(node["weekly"], kWeekdays[day])) {
            if (!read_ranges(reader, *ranges, field_path(weekly, kWeekdays[day]),
                             out.weekly[day])) {
                return false;
            }
        }
    }
    if (auto holidays = YamlReader::find(node, "holidays")) {
        std::string here = field_path(path, "holidays");
        if (!reader.check_sequence(*holidays, here)) {
            return false;
        }
        for (std::size_t i = 0; i < holidays->size(); ++i) {
            if (!read_holiday(reader, (*holidays)[i], index_path(here, i), out)) {
                return false;
            }
        }
    }
    return true;
}

bool read_menu(YamlReader& reader, const YAML::Node& node, const std::string& path,
               ivr::MenuNode& out) {
    if (!reader.check_map(
            node, path,
            {"prompt", "choices", "timeout", "retries", "invalid", "no_input", "failure"}) ||
        !read_prompt(reader, node, path, "prompt", out.prompt, true) ||
        !read_prompt(reader, node, path, "invalid", out.invalid, false) ||
        !read_prompt(reader, node, path, "no_input", out.no_input, false) ||
        !reader.require(node, path, "choices")) {
        return false;
    }
    std::string choices = field_path(path, "choices");
    if (!node["choices"].IsMap() || node["choices"].size() == 0) {
        return reader.fail_at(node["choices"], choices,
                              "expected digits to nodes, like {\"1\": sales}");
    }
    for (const auto& entry : node["choices"]) {
        std::string digit = entry.first.as<std::string>();
        if (digit.size() != 1 ||
            std::string_view("0123456789*#").find(digit[0]) == std::string_view::npos) {
            return reader.fail_at(entry.first, field_path(choices, digit),
                                  "a choice is one key: 0-9, * or #");
        }
        auto target = reader.scalar(entry.second, field_path(choices, digit), "a node name");
        if (!target) {
            return false;
        }
        out.choices[digit[0]] = *target;
    }
    reader.read(node, path, "timeout", out.timeout);
    reader.read(node, path, "retries", out.retries, 0, 10);
    reader.read(node, path, "failure", out.failure);
    return reader.ok();
}

bool read_collect(YamlReader& reader, const YAML::Node& node, const std::string& path,
                  ivr::CollectNode& out) {
    if (!reader.check_map(node, path,
                          {"prompt", "variable", "max_digits", "terminator", "timeout"}) ||
        !read_prompt(reader, node, path, "prompt", out.prompt, false) ||
        !reader.require(node, path, "variable")) {
        return false;
    }
    reader.read(node, path, "variable", out.variable);
    reader.read(node, path, "max_digits", out.max_digits, 1, 32);
    reader.read(node, path, "timeout", out.timeout);
    std::string terminator(1, out.terminator);
    reader.read(node, path, "terminator", terminator);
    if (reader.ok() && (terminator != "#" && terminator != "*")) {
        return reader.fail_at(node["terminator"], field_path(path, "terminator"),
                              "expected # or *");
    }
    out.terminator = terminator[0];
    return reader.ok();
}

bool read_queue(YamlReader& reader, const YAML::Node& node, const std::string& path,
                ivr::QueueNode& out) {
    if (node.IsScalar()) {
        out.queue = node.as<std::string>();
        return true;
    }
    if (!reader.check_map(node, path, {"name", "priority", "skills"}) ||
        !reader.require(node, path, "name")) {
        return false;
    }
    reader.read(node, path, "name", out.queue);
    reader.read(node, path, "priority", out.priority, -1000, 1000);
    reader.read(node, path, "skills", out.skills);
    return reader.ok();
}

/// One node: its kind key, then the links that kind takes.
bool read_node(YamlReader& reader, const YAML::Node& node, const std::string& path,
               const std::string& name, ivr::Node& out) {
    if (!node.IsMap()) {
        return reader.fail_at(node, path,
                              "expected a map with one of: play, menu, collect, "
                              "hours, set, goto, language, queue, extension, "
                              "callback, hangup");
    }
    std::string kind;
    for (const auto& entry : node) {
        std::string key = entry.first.as<std::string>();
        if (std::find(kKinds.begin(), kKinds.end(), key) != kKinds.end()) {
            if (!kind.empty()) {
                return reader.fail_at(
                    entry.first, path,
                    "a node does one thing: both '" + kind + "' and '" + key + "'");
            }
            kind = key;
        }
    }
    if (kind.empty()) {
        return reader.fail_at(node, path,
                              "no kind: expected one of play, menu, collect, hours, "
                              "set, goto, language, queue, extension, callback, "
                              "hangup");
    }
    std::vector<std::string_view> links;
    if (kind == "play" || kind == "collect" || kind == "set" || kind == "language") {
        links = {"next"};
    } else if (kind == "hours") {
        links = {"open", "closed"};
    }
    std::vector<std::string_view> allowed = links;
    allowed.push_back(kind);
    if (!reader.check_map(node, path, allowed)) {
        return false;
    }
    std::string here = field_path(path, kind);
    const YAML::Node value = node[kind];
    out.name = name;
    if (kind == "play") {
        ivr::PlayNode play;
        read_prompt(reader, node, path, "play", play.prompt, true);
        reader.read(node, path, "next", play.next);
        out.kind = play;
    } else if (kind == "menu") {
        ivr::MenuNode menu;
        read_menu(reader, value, here, menu);
        out.kind = menu;
    } else if (kind == "collect") {
        ivr::CollectNode collect;
        read_collect(reader, value, here, collect);
        reader.require(node, path, "next") && reader.read(node, path, "next", collect.next);
        out.kind = collect;
    } else if (kind == "hours") {
        ivr::HoursNode hours;
        read_hours(reader, value, here, hours.hours);
        reader.require(node, path, "open") && reader.require(node, path, "closed");
        reader.read(node, path, "open", hours.open);
        reader.read(node, path, "closed", hours.closed);
        out.kind = hours;
    } else if (kind == "set") {
        ivr::SetNode set;
        if (reader.check_map(value, here, {"variable", "value"}) &&
            reader.require(value, here, "variable") && reader.require(value, here, "value")) {
            reader.read(value, here, "variable", set.variable);
            reader.read(value, here, "value", set.value);
        }
        reader.require(node, path, "next") && reader.read(node, path, "next", set.next);
        out.kind = set;
    } else if (kind == "goto") {
        ivr::GotoNode go;
        reader.read(node, path, "goto", go.target);
        out.kind = go;
    } else if (kind == "language") {
        ivr::LanguageNode language;
        reader.read(node, path, "language", ivr::kLanguageNames, language.language);
        reader.require(node, path, "next") && reader.read(node, path, "next", language.next);
        out.kind = language;
    } else if (kind == "queue") {
        ivr::QueueNode queue;
        read_queue(reader, value, here, queue);
        out.kind = queue;
    } else if (kind == "extension") {
        ivr::ExtensionNode extension;
        reader.read(node, path, "extension", extension.number);
        out.kind = extension;
    } else if (kind == "callback") {
        ivr::CallbackNode callback;
        reader.read(node, path, "callback", callback.queue);
        out.kind = callback;
    } else {
        out.kind = ivr::HangupNode{};
    }
    return reader.ok();
}

bool read_flow(YamlReader& reader, const YAML::Node& node, const std::string& path,
               const std::string& name, ivr::Flow& out) {
    if (!reader.check_map(node, path, {"language", "start", "nodes"}) ||
        !reader.require(node, path, "start") || !reader.require(node, path, "nodes")) {
        return false;
    }
    out.name = name;
    reader.read(node, path, "language", ivr::kLanguageNames, out.language);
    reader.read(node, path, "start", out.start);
    std::string nodes = field_path(path, "nodes");
    if (!node["nodes"].IsMap() || node["nodes"].size() == 0) {
        return reader.fail_at(node["nodes"], nodes, "expected nodes by name");
    }
    for (const auto& entry : node["nodes"]) {
        std::string node_name = entry.first.as<std::string>();
        ivr::Node parsed;
        if (!read_node(reader, entry.second, field_path(nodes, node_name), node_name, parsed)) {
            return false;
        }
        out.nodes[node_name] = std::move(parsed);
    }
    if (auto links = ivr::check_references(out); !links) {
        // Report at the node making the link ("node welcome: ..."), or at start.
        const std::string& message = links.error().message;
        std::string at =
            message.starts_with("node ") ? message.substr(5, message.find(':') - 5) : std::string{};
        const YAML::Node where = at.empty() ? node["start"] : node["nodes"][at];
        return reader.fail_at(where, at.empty() ? field_path(path, "start") : field_path(nodes, at),
                              message.substr(message.find(':') + 2));
    }
    return true;
}

}  // namespace

bool read_ivr_flows(YamlReader& reader, const YAML::Node& root,
                    std::map<std::string, ivr::Flow>& out) {
    auto section = reader.ok() ? YamlReader::find(root, "ivr") : std::nullopt;
    if (!section) {
        return reader.ok();
    }
    if (!section->IsMap()) {
        return reader.fail_at(*section, "ivr", "expected flows by name");
    }
    for (const auto& entry : *section) {
        std::string name = entry.first.as<std::string>();
        ivr::Flow flow;
        if (!read_flow(reader, entry.second, field_path("ivr", name), name, flow)) {
            return false;
        }
        out[name] = std::move(flow);
    }
    return true;
}

}  // namespace markaz::config
