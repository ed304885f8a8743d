#pragma once

// Internal to src/config (it speaks yaml-cpp): the `dial_rules:` section of the server
// configuration and the `class` of each `sip.extensions` entry (dial/dial_rules.h).

#include <yaml-cpp/yaml.h>

#include "config/server_config_loader.h"
#include "config/yaml_reader.h"

namespace markaz::config {

/// `dial_rules: {default_class: agents, classes: {agents: {outbound: ["09XXXXXXXXX"],
/// max_calls: 2}}, callbacks: ["09XXXXXXXXX"]}`. Without the section, `out` keeps the rules of
/// no rules (any number, 4 calls per extension); an extension's `class` then is an error.
bool read_dial_rules(YamlReader& reader, const YAML::Node& root, dial::DialRules& out);

}  // namespace markaz::config
