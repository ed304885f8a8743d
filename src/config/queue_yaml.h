#pragma once

// Internal to src/config: the YAML shapes the router config and the simulator scenario share
// (a queue's routing settings, queue memberships, skills), written once.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "acd/config.h"
#include "config/yaml_reader.h"

namespace markaz::config {

/// Queue names seen so far with the line each was defined on (for cross-references).
using QueueLines = std::map<std::string, int, std::less<>>;

/// Reads one queue's routing settings (name, strategy, service_level, on_max_wait, ...) from
/// the map `node` at `path`. `extra_keys` are further keys the caller reads itself (the
/// simulator's arrivals and handle times), accepted here without complaint.
bool read_queue(YamlReader& reader, const YAML::Node& node, const std::string& path,
                acd::QueueConfig& out, const std::vector<std::string_view>& extra_keys = {});

/// After every queue is read: rejects duplicate names and exits to unknown queues. `nodes`
/// is the YAML list the queues came from (same order as `queues`); returns the name -> line
/// index the agents are checked against.
bool check_queues(YamlReader& reader, const YAML::Node& nodes, const std::string& path,
                  const std::vector<acd::QueueConfig>& queues, QueueLines& lines);

/// Reads the optional `queues:` key of an agent map: a list of queue names or
/// `{queue: sales, penalty: 1}` maps, each naming a queue in `known`, none twice.
bool read_memberships(YamlReader& reader, const YAML::Node& map, const std::string& path,
                      const QueueLines& known, std::vector<acd::Membership>& out);

/// The top-level keys of the router configuration, and their reader (router_config_loader.cpp):
/// pause reasons, queues and agents into `config`. Shared with the server config, which holds
/// the same sections next to its own.
inline const std::vector<std::string_view> kRouterSections{"pause_reasons", "queues", "agents"};
bool read_router_sections(YamlReader& reader, const YAML::Node& root, acd::RouterConfig& config);

/// Reads the optional `skills:` key of a map: `{billing: 7}`, proficiency 1..10.
bool read_skills(YamlReader& reader, const YAML::Node& map, const std::string& path,
                 std::map<std::string, int>& out);

}  // namespace markaz::config
