#pragma once

// Internal to src/config (it speaks yaml-cpp): the `ivr:` section of the server configuration,
// read into ivr::Flow values. Other layers get the flows through ServerConfig.

#include <map>
#include <string>

#include <yaml-cpp/yaml.h>

#include "config/yaml_reader.h"
#include "ivr/flow.h"

namespace markaz::config {

/// `ivr: {FLOW: {language: fa, start: NODE, nodes: {NODE: {KIND: ..., next: ...}}}}`.
/// A node has exactly one kind (play, menu, collect, hours, set, goto, language, queue,
/// extension, callback, hangup) and the links that kind takes; prompts are a file name, a
/// map of language to text, or a list of those. Errors: "file:line: ivr.main.nodes.welcome.
/// menu.choices: ..."; links to missing nodes are reported at the node that makes them.
bool read_ivr_flows(YamlReader& reader, const YAML::Node& root,
                    std::map<std::string, ivr::Flow>& out);

}  // namespace markaz::config
