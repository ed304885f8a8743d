#pragma once

// Internal to src/config (it speaks yaml-cpp): the `web:` and `stats:` sections of the server
// configuration. Other layers get them through ServerConfig.

#include <optional>

#include <yaml-cpp/yaml.h>

#include "config/server_config_loader.h"
#include "config/yaml_reader.h"

namespace markaz::config {

/// `web: {listen: 127.0.0.1:8080, root: web/dist, openapi: docs/openapi.json, threads: 2,
/// secure_cookies: false, users: [{name, role, password | password_hash, display_name, agent,
/// extension, queues, language}]}`. Leaves `out` empty when the section is absent.
bool read_web(YamlReader& reader, const YAML::Node& root, std::optional<WebSettings>& out);

/// `stats: {utc_offset: "+03:30", interval: 30m}`, checked with stats::validate().
bool read_stats(YamlReader& reader, const YAML::Node& root, stats::StatsConfig& out);

}  // namespace markaz::config
