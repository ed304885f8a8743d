#include "config/queue_yaml.h"

#include <climits>

namespace markaz::config {
namespace {

const std::vector<std::string_view> kQueueKeys{
    "name",        "strategy",      "weight",        "ring_timeout",  "retry_delay",
    "wrap_up",     "max_wait",      "on_max_wait",   "max_length",    "join_empty",
    "leave_empty", "tier_wait",     "service_level", "short_abandon", "callback_threshold",
    "callback",    "announce_every"};

bool read_exit(YamlReader& reader, const YAML::Node& queue, const std::string& path,
               acd::ExitAction& out) {
    auto node = YamlReader::find(queue, "on_max_wait");
    if (!node) {
        return reader.ok();
    }
    std::string exit_path = field_path(path, "on_max_wait");
    reader.check_map(*node, exit_path, {"exit", "queue", "announcement"});
    reader.require(*node, exit_path, "exit");
    reader.read(*node, exit_path, "exit", acd::kExitKindNames, out.kind);
    std::string queue_name;
    reader.read(*node, exit_path, "queue", queue_name);
    reader.read(*node, exit_path, "announcement", out.announcement);
    if (!reader.ok()) {
        return false;
    }
    if (out.kind == acd::ExitKind::Queue && queue_name.empty()) {
        return reader.fail_at(*node, field_path(exit_path, "queue"),
                              "missing (exit: queue needs the queue to move callers to)");
    }
    if (out.kind != acd::ExitKind::Queue && !queue_name.empty()) {
        return reader.fail_at(*YamlReader::find(*node, "queue"), field_path(exit_path, "queue"),
                              "only used with exit: queue");
    }
    out.queue = QueueId{queue_name};
    return true;
}

bool read_service_level(YamlReader& reader, const YAML::Node& queue, const std::string& path,
                        acd::QueueConfig& out) {
    auto node = YamlReader::find(queue, "service_level");
    if (!node) {
        return reader.ok();
    }
    std::string sl_path = field_path(path, "service_level");
    reader.check_map(*node, sl_path, {"threshold", "target", "formula"});
    reader.read(*node, sl_path, "threshold", out.sl_threshold);
    reader.read_fraction(*node, sl_path, "target", out.sl_target);
    reader.read(*node, sl_path, "formula", acd::kServiceLevelFormulaNames, out.sl_formula);
    return reader.ok();
}

bool read_callback(YamlReader& reader, const YAML::Node& queue, const std::string& path,
                   acd::CallbackPolicy& out) {
    auto node = YamlReader::find(queue, "callback");
    if (!node) {
        return reader.ok();
    }
    std::string cb_path = field_path(path, "callback");
    reader.check_map(*node, cb_path, {"enabled", "mode", "max_attempts", "retry_interval"});
    reader.read(*node, cb_path, "enabled", out.enabled);
    reader.read(*node, cb_path, "mode", acd::kCallbackModeNames, out.mode);
    reader.read(*node, cb_path, "max_attempts", out.max_attempts, 1, INT_MAX);
    reader.read(*node, cb_path, "retry_interval", out.retry_interval);
    return reader.ok();
}

}  // namespace

bool read_queue(YamlReader& reader, const YAML::Node& node, const std::string& path,
                acd::QueueConfig& out, const std::vector<std::string_view>& extra_keys) {
    std::vector<std::string_view> keys = kQueueKeys;
    keys.insert(keys.end(), extra_keys.begin(), extra_keys.end());
    if (!reader.check_map(node, path, keys) || !reader.require(node, path, "name")) {
        return false;
    }
    std::string name;
    reader.read(node, path, "name", name);
    if (reader.ok() && name.empty()) {
        return reader.fail_at(*YamlReader::find(node, "name"), field_path(path, "name"),
                              "must not be empty");
    }
    out.id = QueueId{name};
    reader.read(node, path, "strategy", acd::kStrategyNames, out.strategy);
    reader.read(node, path, "weight", out.weight, INT_MIN, INT_MAX);
    reader.read(node, path, "ring_timeout", out.ring_timeout);
    if (reader.ok() && out.ring_timeout <= Duration::zero()) {
        return reader.fail_at(*YamlReader::find(node, "ring_timeout"),
                              field_path(path, "ring_timeout"), "must be more than 0s");
    }
    reader.read(node, path, "retry_delay", out.retry_delay);
    reader.read(node, path, "wrap_up", out.wrap_up);
    reader.read(node, path, "max_wait", out.max_wait);
    read_exit(reader, node, path, out.on_max_wait);
    reader.read(node, path, "max_length", out.max_length);
    reader.read(node, path, "join_empty", acd::kEmptyRuleNames, out.join_empty);
    reader.read(node, path, "leave_empty", acd::kEmptyRuleNames, out.leave_empty);
    reader.read(node, path, "tier_wait", out.tier_wait);
    read_service_level(reader, node, path, out);
    reader.read(node, path, "short_abandon", out.short_abandon);
    reader.read(node, path, "callback_threshold", out.callback_threshold);
    read_callback(reader, node, path, out.callback);
    reader.read(node, path, "announce_every", out.announce_every);
    return reader.ok();
}

bool check_queues(YamlReader& reader, const YAML::Node& nodes, const std::string& path,
                  const std::vector<acd::QueueConfig>& queues, QueueLines& lines) {
    for (std::size_t i = 0; i < queues.size() && reader.ok(); ++i) {
        const YAML::Node name = *YamlReader::find(nodes[i], "name");
        auto [it, inserted] = lines.emplace(queues[i].id.str(), name.Mark().line + 1);
        if (!inserted) {
            return reader.fail_at(name, field_path(index_path(path, i), "name"),
                                  "duplicate queue '" + queues[i].id.str() +
                                      "' (first defined on line " + std::to_string(it->second) +
                                      ")");
        }
    }
    for (std::size_t i = 0; i < queues.size() && reader.ok(); ++i) {
        const acd::ExitAction& exit = queues[i].on_max_wait;
        if (exit.kind == acd::ExitKind::Queue && !lines.contains(exit.queue.str())) {
            const YAML::Node target =
                *YamlReader::find(*YamlReader::find(nodes[i], "on_max_wait"), "queue");
            return reader.fail_at(target, field_path(index_path(path, i), "on_max_wait.queue"),
                                  "unknown queue '" + exit.queue.str() + "'");
        }
    }
    return reader.ok();
}

bool read_memberships(YamlReader& reader, const YAML::Node& map, const std::string& path,
                      const QueueLines& known, std::vector<acd::Membership>& out) {
    auto node = reader.ok() ? YamlReader::find(map, "queues") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    std::string list_path = field_path(path, "queues");
    if (!reader.check_sequence(*node, list_path)) {
        return false;
    }
    const YAML::Node& list = *node;
    std::vector<acd::Membership> memberships;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node& item = list[i];
        std::string item_path = index_path(list_path, i);
        acd::Membership membership;
        std::string name;
        // Never assign one YAML::Node to another: yaml-cpp's operator= rewrites the document.
        std::optional<YAML::Node> name_node;
        if (item.IsMap()) {
            reader.check_map(item, item_path, {"queue", "penalty"});
            reader.require(item, item_path, "queue");
            reader.read(item, item_path, "queue", name);
            reader.read(item, item_path, "penalty", membership.penalty, 0, INT_MAX);
            item_path = field_path(item_path, "queue");
            name_node = YamlReader::find(item, "queue");
        } else if (auto text = reader.scalar(item, item_path, "a queue name or a map")) {
            name = *text;
            name_node.emplace(item);
        }
        if (!reader.ok()) {
            return false;
        }
        if (!known.contains(name)) {
            return reader.fail_at(*name_node, item_path, "unknown queue '" + name + "'");
        }
        for (const auto& earlier : memberships) {
            if (earlier.queue.str() == name) {
                return reader.fail_at(*name_node, item_path, "queue '" + name + "' listed twice");
            }
        }
        membership.queue = QueueId{name};
        memberships.push_back(std::move(membership));
    }
    out = std::move(memberships);
    return true;
}

bool read_skills(YamlReader& reader, const YAML::Node& map, const std::string& path,
                 std::map<std::string, int>& out) {
    auto node = reader.ok() ? YamlReader::find(map, "skills") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    std::string skills_path = field_path(path, "skills");
    // Any skill name is allowed, so check_map gets no key list: only the map shape is checked.
    if (!node->IsMap()) {
        return reader.fail_at(*node, skills_path,
                              "expected a map of skill: proficiency (like {billing: 7})");
    }
    std::map<std::string, int> skills;
    for (const auto& entry : *node) {
        auto name = reader.scalar(entry.first, skills_path, "a skill name");
        if (!name) {
            return false;
        }
        std::string skill_path = field_path(skills_path, *name);
        if (skills.contains(*name)) {
            return reader.fail_at(entry.first, skill_path, "duplicate key");
        }
        if (entry.second.IsNull()) {
            return reader.fail_at(entry.first, skill_path, "missing a value");
        }
        auto level = reader.integer(entry.second, skill_path, 1, 10);
        if (!level) {
            return false;
        }
        skills[*name] = static_cast<int>(*level);
    }
    out = std::move(skills);
    return true;
}

}  // namespace markaz::config
