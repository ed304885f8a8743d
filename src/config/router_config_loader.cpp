#include "config/router_config_loader.h"

#include <climits>

#include "config/queue_yaml.h"
#include "config/yaml_reader.h"

namespace markaz::config {
namespace {

bool read_pause_reasons(YamlReader& reader, const YAML::Node& root, std::vector<std::string>& out) {
    auto node = reader.ok() ? YamlReader::find(root, "pause_reasons") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    if (!reader.check_sequence(*node, "pause_reasons")) {
        return false;
    }
    const YAML::Node& list = *node;
    std::vector<std::string> reasons;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string path = index_path("pause_reasons", i);
        auto reason = reader.scalar(list[i], path, "a reason name");
        if (!reason) {
            return false;
        }
        if (reason->empty()) {
            return reader.fail_at(list[i], path, "must not be empty");
        }
        if (*reason == acd::kNoAnswerPauseReason) {
            return reader.fail_at(list[i], path,
                                  "'no-answer' is reserved: the router pauses agents with it "
                                  "after missed offers");
        }
        for (const auto& earlier : reasons) {
            if (earlier == *reason) {
                return reader.fail_at(list[i], path, "'" + *reason + "' listed twice");
            }
        }
        reasons.push_back(*reason);
    }
    out = std::move(reasons);
    return true;
}

bool read_queues(YamlReader& reader, const YAML::Node& root, std::vector<acd::QueueConfig>& out,
                 QueueLines& lines) {
    auto node = reader.ok() ? YamlReader::find(root, "queues") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    if (!reader.check_sequence(*node, "queues")) {
        return false;
    }
    const YAML::Node& list = *node;
    std::vector<acd::QueueConfig> queues(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (!read_queue(reader, list[i], index_path("queues", i), queues[i])) {
            return false;
        }
    }
    if (!check_queues(reader, list, "queues", queues, lines)) {
        return false;
    }
    out = std::move(queues);
    return true;
}

bool read_agent(YamlReader& reader, const YAML::Node& node, const std::string& path,
                const QueueLines& known, acd::AgentConfig& out) {
    reader.check_map(node, path,
                     {"id", "name", "queues", "skills", "max_no_answer", "no_answer_delay",
                      "reject_delay", "busy_delay", "extension"});
    reader.require(node, path, "id");
    std::string id;
    reader.read(node, path, "id", id);
    if (reader.ok() && id.empty()) {
        return reader.fail_at(*YamlReader::find(node, "id"), field_path(path, "id"),
                              "must not be empty");
    }
    out.id = AgentId{id};
    reader.read(node, path, "name", out.name);
    read_memberships(reader, node, path, known, out.queues);
    read_skills(reader, node, path, out.skills);
    reader.read(node, path, "max_no_answer", out.max_no_answer, 0, INT_MAX);
    reader.read(node, path, "no_answer_delay", out.no_answer_delay);
    reader.read(node, path, "reject_delay", out.reject_delay);
    reader.read(node, path, "busy_delay", out.busy_delay);
    reader.read(node, path, "extension", out.extension);
    return reader.ok();
}

bool read_agents(YamlReader& reader, const YAML::Node& root, const QueueLines& known,
                 std::vector<acd::AgentConfig>& out) {
    auto node = reader.ok() ? YamlReader::find(root, "agents") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    if (!reader.check_sequence(*node, "agents")) {
        return false;
    }
    const YAML::Node& list = *node;
    std::vector<acd::AgentConfig> agents(list.size());
    std::map<std::string, int, std::less<>> lines;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string path = index_path("agents", i);
        if (!read_agent(reader, list[i], path, known, agents[i])) {
            return false;
        }
        const YAML::Node id = *YamlReader::find(list[i], "id");
        auto [it, inserted] = lines.emplace(agents[i].id.str(), id.Mark().line + 1);
        if (!inserted) {
            return reader.fail_at(id, field_path(path, "id"),
                                  "duplicate agent '" + agents[i].id.str() +
                                      "' (first defined on line " + std::to_string(it->second) +
                                      ")");
        }
    }
    out = std::move(agents);
    return true;
}

}  // namespace

bool read_router_sections(YamlReader& reader, const YAML::Node& root, acd::RouterConfig& config) {
    QueueLines queue_lines;
    read_pause_reasons(reader, root, config.pause_reasons);
    read_queues(reader, root, config.queues, queue_lines);
    read_agents(reader, root, queue_lines, config.agents);
    return reader.ok();
}

Result<acd::RouterConfig> parse_router_config(std::string_view text, std::string_view source_name) {
    try {
        auto root = parse_yaml(text, source_name);
        if (!root) {
            return fail(root.error());
        }
        YamlReader reader{std::string(source_name)};
        acd::RouterConfig config;
        reader.check_map(*root, "", kRouterSections);
        if (!read_router_sections(reader, *root, config)) {
            return reader.failure();
        }
        return config;
    } catch (const YAML::Exception& e) {
        // The reader checks shapes before it indexes, so this is a safety net, not a path.
        return fail(Errc::InvalidArgument, std::string(source_name) + ":" +
                                               std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
}

Result<acd::RouterConfig> load_router_config(const std::string& path) {
    auto text = read_text_file(path);
    if (!text) {
        return fail(text.error());
    }
    return parse_router_config(*text, path);
}

}  // namespace markaz::config
