#include "ivr/flow.h"

namespace markaz::ivr {

namespace {

/// Each (field, target) a node links to; empty targets (hang up) are not links.
std::vector<std::pair<std::string, std::string>> links_of(const NodeKind& kind) {
    std::vector<std::pair<std::string, std::string>> out;
    auto add = [&](std::string field, const std::string& target) {
        if (!target.empty()) {
            out.emplace_back(std::move(field), target);
        }
    };
    std::visit(
        [&](const auto& node) {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, PlayNode> || std::is_same_v<T, CollectNode> ||
                          std::is_same_v<T, SetNode> || std::is_same_v<T, LanguageNode>) {
                add("next", node.next);
            } else if constexpr (std::is_same_v<T, MenuNode>) {
                for (const auto& [digit, target] : node.choices) {
                    add(std::string("choices.") + digit, target);
                }
                add("failure", node.failure);
            } else if constexpr (std::is_same_v<T, HoursNode>) {
                add("open", node.open);
                add("closed", node.closed);
            } else if constexpr (std::is_same_v<T, GotoNode>) {
                add("goto", node.target);
            }
        },
        kind);
    return out;
}

}  // namespace

Result<void> check_references(const Flow& flow) {
    if (!flow.nodes.contains(flow.start)) {
        return fail(Errc::InvalidArgument, "start: no node '" + flow.start + "'");
    }
    for (const auto& [name, node] : flow.nodes) {
        for (const auto& [field, target] : links_of(node.kind)) {
            if (!flow.nodes.contains(target)) {
                return fail(Errc::InvalidArgument,
                            "node " + name + ": " + field + ": no node '" + target + "'");
            }
        }
    }
    return {};
}

}  // namespace markaz::ivr
