#pragma once

// Internal to src/config: yaml-cpp is linked PRIVATE to markaz_config, so only config's own
// .cpp files include this header. Other layers use the loaders (router_config_loader.h,
// scenario_loader.h), which speak plain structs and Result.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "common/enum_table.h"
#include "common/result.h"
#include "common/time.h"

namespace markaz::config {

/// "queues[2]" + "strategy" -> "queues[2].strategy"; an empty parent gives the key alone.
std::string field_path(std::string_view parent, std::string_view key);
/// "queues" + 2 -> "queues[2]".
std::string index_path(std::string_view parent, std::size_t index);

/// Parses YAML text; a syntax error becomes "source:line: message". An empty document is an
/// empty map.
Result<YAML::Node> parse_yaml(std::string_view text, std::string_view source);

/// Reads a whole file; failure names the path and the system's reason.
Result<std::string> read_text_file(const std::string& path);

/// Reads one parsed YAML document into plain structs and keeps the first error, written as
/// "source:line: path: message". Every check or read after an error does nothing and returns
/// false, so a loader reads field after field and tests ok() once per step.
/// Owns only the source name and the first error. Thread: any; one object per parse.
class YamlReader {
public:
    explicit YamlReader(std::string source) : source_(std::move(source)) {}

    bool ok() const { return !error_.has_value(); }
    /// The first error; precondition: !ok().
    Failure failure() const;
    const std::string& source() const { return source_; }

    /// Records "source:line: path: message" at `node`'s line unless an error is already kept.
    /// Always returns false, so `return reader.fail_at(...)` reads naturally.
    bool fail_at(const YAML::Node& node, std::string_view path, std::string_view message);

    /// `node` must be a map whose keys are all in `allowed` and appear once each.
    bool check_map(const YAML::Node& node, std::string_view path,
                   const std::vector<std::string_view>& allowed);
    bool check_sequence(const YAML::Node& node, std::string_view path);

    /// The value under `key` of a map node; nullopt when absent or when `map` is not a map.
    static std::optional<YAML::Node> find(const YAML::Node& map, std::string_view key);
    /// Records "missing" (at the map's line) when `key` is absent.
    bool require(const YAML::Node& map, std::string_view path, std::string_view key);

    // Value readers: they convert one node or record an error naming `path`.
    std::optional<std::string> scalar(const YAML::Node& node, std::string_view path,
                                      std::string_view expected);
    std::optional<long long> integer(const YAML::Node& node, std::string_view path, long long min,
                                     long long max);
    std::optional<double> number(const YAML::Node& node, std::string_view path, double min);
    std::optional<Duration> duration(const YAML::Node& node, std::string_view path);
    template <class E, std::size_t N>
    std::optional<E> enum_value(const YAML::Node& node, std::string_view path,
                                const EnumTable<E, N>& table) {
        auto text = scalar(node, path, "one of: " + table.names());
        if (!text) {
            return std::nullopt;
        }
        auto value = table.parse(*text);
        if (!value) {
            fail_at(node, path,
                    "unknown value '" + *text + "' (expected one of: " + table.names() + ")");
        }
        return value;
    }

    // Field readers: an absent key leaves `out` unchanged; a bad value records an error and
    // leaves `out` unchanged. `path` is the map's path; the key is appended.
    bool read(const YAML::Node& map, std::string_view path, std::string_view key, std::string& out);
    bool read(const YAML::Node& map, std::string_view path, std::string_view key, bool& out);
    bool read(const YAML::Node& map, std::string_view path, std::string_view key, int& out, int min,
              int max);
    bool read(const YAML::Node& map, std::string_view path, std::string_view key, std::size_t& out);
    bool read(const YAML::Node& map, std::string_view path, std::string_view key, Duration& out);
    bool read(const YAML::Node& map, std::string_view path, std::string_view key,
              std::optional<Duration>& out);
    bool read(const YAML::Node& map, std::string_view path, std::string_view key,
              std::vector<std::string>& out);
    /// `listen: "127.0.0.1:5060"` -> address and port (1..65535).
    bool read_listen(const YAML::Node& map, std::string_view path, std::string& address, int& port);
    /// "80%" or "0.8".
    bool read_fraction(const YAML::Node& map, std::string_view path, std::string_view key,
                       double& out);
    template <class E, std::size_t N>
    bool read(const YAML::Node& map, std::string_view path, std::string_view key,
              const EnumTable<E, N>& table, E& out) {
        auto node = ok() ? find(map, key) : std::nullopt;
        if (!node) {
            return ok();
        }
        auto value = enum_value(*node, field_path(path, key), table);
        if (value) {
            out = *value;
        }
        return ok();
    }

private:
    std::string source_;
    std::optional<Error> error_;
};

}  // namespace markaz::config
