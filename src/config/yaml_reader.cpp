#include "config/yaml_reader.h"

#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <set>

#include "config/duration.h"

namespace markaz::config {
namespace {

std::string describe(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Map:
            return "a map";
        case YAML::NodeType::Sequence:
            return "a list";
        case YAML::NodeType::Scalar:
            return "'" + node.Scalar() + "'";
        default:
            return "nothing";
    }
}

std::string join(const std::vector<std::string_view>& names) {
    std::string out;
    for (auto name : names) {
        if (!out.empty()) {
            out += ", ";
        }
        out += name;
    }
    return out;
}

}  // namespace

std::string field_path(std::string_view parent, std::string_view key) {
    if (parent.empty()) {
        return std::string(key);
    }
    return std::string(parent) + "." + std::string(key);
}

std::string index_path(std::string_view parent, std::size_t index) {
    return std::string(parent) + "[" + std::to_string(index) + "]";
}

Result<YAML::Node> parse_yaml(std::string_view text, std::string_view source) {
    try {
        YAML::Node root = YAML::Load(std::string(text));
        if (root.IsNull()) {
            return YAML::Node(YAML::NodeType::Map);
        }
        return root;
    } catch (const YAML::Exception& e) {
        std::string where = std::string(source);
        if (!e.mark.is_null()) {
            where += ":" + std::to_string(e.mark.line + 1);
        }
        return fail(Errc::InvalidArgument, where + ": YAML syntax error: " + e.msg);
    }
}

Result<std::string> read_text_file(const std::string& path) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                         &std::fclose);
    if (!file) {
        return fail(Errc::NotFound, path + ": cannot read: " + std::strerror(errno));
    }
    std::string text;
    char buffer[8192];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
        text.append(buffer, n);
    }
    if (std::ferror(file.get())) {
        return fail(Errc::Unavailable, path + ": cannot read: " + std::strerror(errno));
    }
    return text;
}

Failure YamlReader::failure() const {
    return fail(*error_);
}

bool YamlReader::fail_at(const YAML::Node& node, std::string_view path, std::string_view message) {
    if (error_) {
        return false;
    }
    std::string text = source_;
    YAML::Mark mark = node.Mark();
    if (!mark.is_null()) {
        text += ":" + std::to_string(mark.line + 1);
    }
    text += ": ";
    if (!path.empty()) {
        text += std::string(path) + ": ";
    }
    text += message;
    error_ = Error{Errc::InvalidArgument, std::move(text)};
    return false;
}

bool YamlReader::check_map(const YAML::Node& node, std::string_view path,
                           const std::vector<std::string_view>& allowed) {
    if (!ok()) {
        return false;
    }
    if (!node.IsMap()) {
        return fail_at(node, path, "expected a map, got " + describe(node));
    }
    std::set<std::string, std::less<>> seen;
    for (const auto& entry : node) {
        const YAML::Node& key = entry.first;
        if (!key.IsScalar()) {
            return fail_at(key, path, "keys must be plain names, got " + describe(key));
        }
        const std::string& name = key.Scalar();
        std::string key_path = field_path(path, name);
        if (!seen.insert(name).second) {
            return fail_at(key, key_path, "duplicate key");
        }
        bool known = false;
        for (auto candidate : allowed) {
            known = known || candidate == name;
        }
        if (!known) {
            return fail_at(key, key_path, "unknown key (expected one of: " + join(allowed) + ")");
        }
        // Checked here, on the key's line: yaml-cpp marks an empty value on the line after.
        if (entry.second.IsNull()) {
            return fail_at(key, key_path, "missing a value");
        }
    }
    return true;
}

bool YamlReader::check_sequence(const YAML::Node& node, std::string_view path) {
    if (!ok()) {
        return false;
    }
    if (!node.IsSequence()) {
        return fail_at(node, path, "expected a list, got " + describe(node));
    }
    return true;
}

std::optional<YAML::Node> YamlReader::find(const YAML::Node& map, std::string_view key) {
    if (!map.IsMap()) {
        return std::nullopt;
    }
    for (const auto& entry : map) {
        if (entry.first.IsScalar() && entry.first.Scalar() == key) {
            return entry.second;
        }
    }
    return std::nullopt;
}

bool YamlReader::require(const YAML::Node& map, std::string_view path, std::string_view key) {
    if (!ok()) {
        return false;
    }
    if (!find(map, key)) {
        return fail_at(map, field_path(path, key), "missing");
    }
    return true;
}

std::optional<std::string> YamlReader::scalar(const YAML::Node& node, std::string_view path,
                                              std::string_view expected) {
    if (!ok()) {
        return std::nullopt;
    }
    if (!node.IsScalar()) {
        fail_at(node, path, "expected " + std::string(expected) + ", got " + describe(node));
        return std::nullopt;
    }
    return node.Scalar();
}

std::optional<long long> YamlReader::integer(const YAML::Node& node, std::string_view path,
                                             long long min, long long max) {
    auto text = scalar(node, path, "an integer");
    if (!text) {
        return std::nullopt;
    }
    long long value = 0;
    const char* end = text->data() + text->size();
    auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (text->empty() || ec != std::errc{} || ptr != end) {
        fail_at(node, path, "expected an integer, got '" + *text + "'");
        return std::nullopt;
    }
    if (value < min || value > max) {
        fail_at(node, path,
                max >= INT_MAX
                    ? "must be at least " + std::to_string(min) + ", got " + *text
                    : *text + " is outside " + std::to_string(min) + ".." + std::to_string(max));
        return std::nullopt;
    }
    return value;
}

std::optional<double> YamlReader::number(const YAML::Node& node, std::string_view path,
                                         double min) {
    auto text = scalar(node, path, "a number");
    if (!text) {
        return std::nullopt;
    }
    double value = 0;
    const char* end = text->data() + text->size();
    auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (text->empty() || ec != std::errc{} || ptr != end || !std::isfinite(value)) {
        fail_at(node, path, "expected a number, got '" + *text + "'");
        return std::nullopt;
    }
    if (value < min) {
        fail_at(node, path,
                min == 0 ? "must not be negative, got " + *text
                         : "must be at least " + std::to_string(min));
        return std::nullopt;
    }
    return value;
}

std::optional<Duration> YamlReader::duration(const YAML::Node& node, std::string_view path) {
    auto text = scalar(node, path, "a duration (like 20s, 30m, 8h)");
    if (!text) {
        return std::nullopt;
    }
    auto value = parse_duration(*text);
    if (!value) {
        fail_at(node, path, value.error().message);
        return std::nullopt;
    }
    return *value;
}

bool YamlReader::read(const YAML::Node& map, std::string_view path, std::string_view key,
                      std::string& out) {
    auto node = ok() ? find(map, key) : std::nullopt;
    if (node) {
        if (auto value = scalar(*node, field_path(path, key), "a string")) {
            out = *value;
        }
    }
    return ok();
}

bool YamlReader::read(const YAML::Node& map, std::string_view path, std::string_view key,
                      bool& out) {
    auto node = ok() ? find(map, key) : std::nullopt;
    if (!node) {
        return ok();
    }
    std::string key_path = field_path(path, key);
    auto text = scalar(*node, key_path, "true or false");
    if (text == "true" || text == "yes") {
        out = true;
    } else if (text == "false" || text == "no") {
        out = false;
    } else if (text) {
        fail_at(*node, key_path, "expected true or false, got '" + *text + "'");
    }
    return ok();
}

bool YamlReader::read(const YAML::Node& map, std::string_view path, std::string_view key, int& out,
                      int min, int max) {
    auto node = ok() ? find(map, key) : std::nullopt;
    if (node) {
        if (auto value = integer(*node, field_path(path, key), min, max)) {
            out = static_cast<int>(*value);
        }
    }
    return ok();
}

bool YamlReader::read(const YAML::Node& map, std::string_view path, std::string_view key,
                      std::size_t& out) {
    auto node = ok() ? find(map, key) : std::nullopt;
    if (node) {
        if (auto value = integer(*node, field_path(path, key), 0, LLONG_MAX)) {
            out = static_cast<std::size_t>(*value);
        }
    }
    return ok();
}

bool YamlReader::read(const YAML::Node& map, std::string_view path, std::string_view key,
                      Duration& out) {
    auto node = ok() ? find(map, key) : std::nullopt;
    if (node) {
        if (auto value = duration(*node, field_path(path, key))) {
            out = *value;
        }
    }
    return ok();
}

bool YamlReader::read(const YAML::Node& map, std::string_view path, std::string_view key,
                      std::optional<Duration>& out) {
    auto node = ok() ? find(map, key) : std::nullopt;
    if (node) {
        if (auto value = duration(*node, field_path(path, key))) {
            out = *value;
        }
    }
    return ok();
}

bool YamlReader::read(const YAML::Node& map, std::string_view path, std::string_view key,
                      std::vector<std::string>& out) {
    auto node = ok() ? find(map, key) : std::nullopt;
    if (!node) {
        return ok();
    }
    std::string key_path = field_path(path, key);
    if (!check_sequence(*node, key_path)) {
        return false;
    }
    const YAML::Node& list = *node;
    std::vector<std::string> values;
    for (std::size_t i = 0; i < list.size(); ++i) {
        auto value = scalar(list[i], index_path(key_path, i), "a string");
        if (!value) {
            return false;
        }
        values.push_back(*value);
    }
    out = std::move(values);
    return true;
}

bool YamlReader::read_listen(const YAML::Node& map, std::string_view path, std::string& address,
                             int& port) {
    auto node = ok() ? find(map, "listen") : std::nullopt;
    if (!node) {
        return ok();
    }
    const std::string here = field_path(path, "listen");
    auto text = scalar(*node, here, "an address:port like 127.0.0.1:5060");
    if (!text) {
        return false;
    }
    auto colon = text->rfind(':');
    if (colon == std::string::npos || colon == 0) {
        return fail_at(*node, here,
                       "expected address:port like 127.0.0.1:5060, got '" + *text + "'");
    }
    int number = 0;
    auto [end, ec] = std::from_chars(text->data() + colon + 1, text->data() + text->size(), number);
    if (ec != std::errc{} || end != text->data() + text->size() || number < 1 || number > 65535) {
        return fail_at(*node, here, "port must be 1..65535, got '" + text->substr(colon + 1) + "'");
    }
    address = text->substr(0, colon);
    port = number;
    return true;
}

bool YamlReader::read_fraction(const YAML::Node& map, std::string_view path, std::string_view key,
                               double& out) {
    auto node = ok() ? find(map, key) : std::nullopt;
    if (!node) {
        return ok();
    }
    std::string key_path = field_path(path, key);
    auto text = scalar(*node, key_path, "a percentage (like 80%)");
    if (!text) {
        return false;
    }
    auto value = parse_fraction(*text);
    if (!value) {
        return fail_at(*node, key_path, value.error().message);
    }
    out = *value;
    return true;
}

}  // namespace markaz::config
