#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "ivr/language.h"
#include "ivr/opening_hours.h"

namespace markaz::ivr {

// An IVR flow as configured: named nodes, each of one kind, linked by node names. Loaded from
// YAML by src/config (ivr_yaml.h) and run per call by Session.

/// One piece of a prompt: a sound file, or a text per language (synthesized at setup by
/// `markaz prompts`); the caller hears the text of their language, else the flow's.
struct PromptPart {
    std::string file;
    std::map<Language, std::string> text;
};
/// A prompt is its parts played in order ("welcome" in Persian, then in English).
using Prompt = std::vector<PromptPart>;

struct PlayNode {
    Prompt prompt;
    std::string next;  ///< empty: hang up after playing
};
struct MenuNode {
    Prompt prompt;
    std::map<char, std::string> choices;  ///< digit -> node
    Duration timeout = std::chrono::seconds{5};
    int retries = 2;      ///< invalid or missing answers tolerated before `failure`
    Prompt invalid;       ///< played after a digit that is not a choice
    Prompt no_input;      ///< played after the timeout
    std::string failure;  ///< where to go when retries run out; empty: hang up
};
struct CollectNode {
    Prompt prompt;
    std::string variable;
    int max_digits = 1;
    char terminator = '#';  ///< ends the input early; not stored
    Duration timeout = std::chrono::seconds{5};
    std::string next;
};
struct HoursNode {
    OpeningHours hours;
    std::string open;
    std::string closed;
};
struct SetNode {
    std::string variable;
    std::string value;
    std::string next;
};
struct GotoNode {
    std::string target;
};
struct LanguageNode {
    Language language = Language::Fa;
    std::string next;
};
struct QueueNode {
    std::string queue;
    int priority = 0;
    std::vector<std::string> skills;
};
struct ExtensionNode {
    std::string number;
};
struct CallbackNode {
    std::string queue;
};
struct HangupNode {};

using NodeKind = std::variant<PlayNode, MenuNode, CollectNode, HoursNode, SetNode, GotoNode,
                              LanguageNode, QueueNode, ExtensionNode, CallbackNode, HangupNode>;

struct Node {
    std::string name;
    NodeKind kind;
};

struct Flow {
    std::string name;
    Language language = Language::Fa;  ///< the caller's language at the start
    std::string start;
    std::map<std::string, Node> nodes;
};

/// Every node name a flow refers to exists, and the start does; the error names the node and
/// the field ("node welcome: choices.1: no node 'salse'").
Result<void> check_references(const Flow& flow);

}  // namespace markaz::ivr
