#include "config/web_yaml.h"

#include "api/client_address.h"

namespace markaz::config {
namespace {

bool read_user(YamlReader& reader, const YAML::Node& node, const std::string& path,
               api::UserSpec& out) {
    if (!reader.check_map(node, path,
                          {"name", "display_name", "role", "password", "password_hash", "agent",
                           "extension", "queues", "language"}) ||
        !reader.require(node, path, "name") || !reader.require(node, path, "role")) {
        return false;
    }
    reader.read(node, path, "name", out.name);
    reader.read(node, path, "display_name", out.display_name);
    reader.read(node, path, "role", out.role);
    reader.read(node, path, "password", out.password);
    reader.read(node, path, "password_hash", out.password_hash);
    reader.read(node, path, "agent", out.agent);
    reader.read(node, path, "extension", out.extension);
    reader.read(node, path, "queues", out.queues);
    reader.read(node, path, "language", out.language);
    if (reader.ok() && out.password.empty() == out.password_hash.empty()) {
        return reader.fail_at(node, path, "give exactly one of password or password_hash");
    }
    return reader.ok();
}

}  // namespace

bool read_web(YamlReader& reader, const YAML::Node& root, std::optional<WebSettings>& out) {
    auto node = reader.ok() ? YamlReader::find(root, "web") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    const YAML::Node& web = *node;
    if (!reader.check_map(
            web, "web",
            {"listen", "root", "openapi", "threads", "secure_cookies", "trusted_proxies",
             "max_connections", "max_connections_per_address", "agents_hear_own_calls", "users"})) {
        return false;
    }
    WebSettings settings;
    reader.read_listen(web, "web", settings.address, settings.port);
    reader.read(web, "web", "root", settings.root);
    reader.read(web, "web", "openapi", settings.openapi);
    reader.read(web, "web", "threads", settings.threads, 1, 64);
    reader.read(web, "web", "secure_cookies", settings.secure_cookies);
    reader.read(web, "web", "agents_hear_own_calls", settings.agents_hear_own_calls);
    reader.read(web, "web", "max_connections", settings.max_connections, 1, 1000000);
    reader.read(web, "web", "max_connections_per_address", settings.max_connections_per_address, 1,
                1000000);
    if (reader.read(web, "web", "trusted_proxies", settings.trusted_proxies)) {
        const auto proxies = YamlReader::find(web, "trusted_proxies");
        for (std::size_t i = 0; proxies && i < settings.trusted_proxies.size(); ++i) {
            if (!api::is_ip_address(settings.trusted_proxies[i])) {
                return reader.fail_at(
                    (*proxies)[i], index_path("web.trusted_proxies", i),
                    "expected an IP address, got '" + settings.trusted_proxies[i] + "'");
            }
        }
    }
    if (auto users = reader.ok() ? YamlReader::find(web, "users") : std::nullopt) {
        if (!reader.check_sequence(*users, "web.users")) {
            return false;
        }
        for (std::size_t i = 0; i < users->size(); ++i) {
            api::UserSpec user;
            if (!read_user(reader, (*users)[i], index_path("web.users", i), user)) {
                return false;
            }
            settings.users.push_back(std::move(user));
        }
    }
    if (!reader.ok()) {
        return false;
    }
    out = std::move(settings);
    return true;
}

bool read_stats(YamlReader& reader, const YAML::Node& root, stats::StatsConfig& out) {
    auto node = reader.ok() ? YamlReader::find(root, "stats") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    if (!reader.check_map(*node, "stats", {"utc_offset", "interval", "time_zone"})) {
        return false;
    }
    if (auto zone = YamlReader::find(*node, "utc_offset")) {
        auto text = reader.scalar(*zone, "stats.utc_offset", "an offset like +03:30");
        if (!text) {
            return false;
        }
        auto offset = stats::parse_utc_offset(*text);
        if (!offset) {
            return reader.fail_at(*zone, "stats.utc_offset",
                                  "expected an offset from UTC like +03:30, got '" + *text + "'");
        }
        out.utc_offset = *offset;
    }
    reader.read(*node, "stats", "interval", out.interval);
    reader.read(*node, "stats", "time_zone", out.time_zone);
    if (!reader.ok()) {
        return false;
    }
    if (auto valid = stats::validate(out); !valid) {
        return reader.fail_at(*node, "stats", valid.error().message);
    }
    return true;
}

}  // namespace markaz::config
