#include "config/dial_yaml.h"

#include <set>

namespace markaz::config {
namespace {

bool read_patterns(YamlReader& reader, const YAML::Node& node, const std::string& path,
                   std::vector<dial::DialPattern>& out) {
    if (!reader.check_sequence(node, path)) {
        return false;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
        const std::string item = index_path(path, i);
        auto text = reader.scalar(node[i], item, "a number pattern like 09XXXXXXXXX");
        if (!text) {
            return false;
        }
        auto pattern = dial::DialPattern::parse(*text);
        if (!pattern) {
            return reader.fail_at(node[i], item, pattern.error().message);
        }
        out.push_back(std::move(*pattern));
    }
    return true;
}

/// The queues configured (`queues: [{name: ...}]`), for the classes' `monitor` lists.
std::set<std::string> queue_names(const YAML::Node& root) {
    std::set<std::string> out;
    if (auto queues = YamlReader::find(root, "queues"); queues && queues->IsSequence()) {
        for (const YAML::Node& q : *queues) {
            if (q.IsMap() && q["name"] && q["name"].IsScalar()) {
                out.insert(q["name"].Scalar());
            }
        }
    }
    return out;
}

bool read_classes(YamlReader& reader, const YAML::Node& node, const std::set<std::string>& queues,
                  std::map<std::string, dial::DialClass>& out) {
    if (!node.IsMap() || node.size() == 0) {
        return reader.fail_at(node, "dial_rules.classes",
                              "expected a map of classes, e.g. {agents: {outbound: [...]}}");
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string name = it->first.as<std::string>();
        const std::string path = field_path("dial_rules.classes", name);
        const YAML::Node spec = it->second;  // a handle: it->second is a temporary
        if (!reader.check_map(spec, path, {"outbound", "max_calls", "monitor", "listen_only"})) {
            return false;
        }
        dial::DialClass c;
        c.name = name;
        if (auto outbound = YamlReader::find(spec, "outbound");
            outbound &&
            !read_patterns(reader, *outbound, field_path(path, "outbound"), c.outbound)) {
            return false;
        }
        if (!reader.read(spec, path, "max_calls", c.max_calls, 1, 1000) ||
            !reader.read(spec, path, "monitor", c.monitor) ||
            !reader.read(spec, path, "listen_only", c.listen_only)) {
            return false;
        }
        if (c.listen_only && c.monitor.empty()) {
            return reader.fail_at(*YamlReader::find(spec, "listen_only"),
                                  field_path(path, "listen_only"),
                                  "name the queues it may listen to in `monitor` too");
        }
        for (const std::string& queue : c.monitor) {
            if (queue != "*" && !queues.contains(queue)) {
                return reader.fail_at(*YamlReader::find(spec, "monitor"),
                                      field_path(path, "monitor"),
                                      "no queue '" + queue + "' (name queues, or \"*\" for all)");
            }
        }
        out[name] = std::move(c);
    }
    return true;
}

/// Each `sip.extensions[i].class`: extension -> class name, checked against `classes`.
bool read_extension_classes(YamlReader& reader, const YAML::Node& root,
                            const std::map<std::string, dial::DialClass>* classes,
                            std::map<std::string, std::string>& out) {
    auto sip = YamlReader::find(root, "sip");
    auto extensions = sip ? YamlReader::find(*sip, "extensions") : std::nullopt;
    if (!extensions || !extensions->IsSequence()) {
        return true;
    }
    for (std::size_t i = 0; i < extensions->size(); ++i) {
        const YAML::Node entry = (*extensions)[i];
        auto name_node = YamlReader::find(entry, "class");
        if (!name_node) {
            continue;
        }
        const std::string path = field_path(index_path("sip.extensions", i), "class");
        auto name = reader.scalar(*name_node, path, "a class of dial_rules.classes");
        if (!name) {
            return false;
        }
        if (!classes) {
            return reader.fail_at(*name_node, path,
                                  "'" + *name + "': there is no dial_rules section naming classes");
        }
        if (!classes->contains(*name)) {
            return reader.fail_at(*name_node, path,
                                  "unknown class '" + *name + "' (dial_rules.classes: " +
                                      dial::class_names(*classes) + ")");
        }
        out[entry["number"].as<std::string>()] = *name;
    }
    return true;
}

}  // namespace

bool read_dial_rules(YamlReader& reader, const YAML::Node& root, dial::DialRules& out) {
    auto node = reader.ok() ? YamlReader::find(root, "dial_rules") : std::nullopt;
    std::map<std::string, std::string> class_of;
    if (!node) {
        return reader.ok() && read_extension_classes(reader, root, nullptr, class_of);
    }
    const YAML::Node& rules = *node;
    if (!reader.check_map(rules, "dial_rules", {"default_class", "classes", "callbacks"}) ||
        !reader.require(rules, "dial_rules", "default_class") ||
        !reader.require(rules, "dial_rules", "classes")) {
        return false;
    }
    std::map<std::string, dial::DialClass> classes;
    if (!read_classes(reader, *YamlReader::find(rules, "classes"), queue_names(root), classes) ||
        !read_extension_classes(reader, root, &classes, class_of)) {
        return false;
    }
    std::string default_class;
    reader.read(rules, "dial_rules", "default_class", default_class);
    if (reader.ok() && !classes.contains(default_class)) {
        return reader.fail_at(
            *YamlReader::find(rules, "default_class"), "dial_rules.default_class",
            "'" + default_class + "' is not a class (classes: " + dial::class_names(classes) + ")");
    }
    std::optional<std::vector<dial::DialPattern>> callbacks;
    if (auto listed = YamlReader::find(rules, "callbacks")) {
        callbacks.emplace();
        if (!read_patterns(reader, *listed, "dial_rules.callbacks", *callbacks)) {
            return false;
        }
    }
    if (!reader.ok()) {
        return false;
    }
    auto made = dial::DialRules::make(std::move(classes), default_class, std::move(class_of),
                                      std::move(callbacks));
    if (!made) {  // every class named was checked above; this is a last line of defence
        return reader.fail_at(rules, "dial_rules", made.error().message);
    }
    out = std::move(*made);
    return true;
}

}  // namespace markaz::config
