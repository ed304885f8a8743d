#include "dial/dial_rules.h"

#include <algorithm>

namespace markaz::dial {
namespace {

DialClass unrestricted() {
    DialClass any;
    any.name = "any";
    any.outbound.push_back(*DialPattern::parse("!"));
    return any;
}

}  // namespace

std::string class_names(const std::map<std::string, DialClass>& classes) {
    std::string out;
    for (const auto& [name, _] : classes) {
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

DialRules::DialRules() : default_class_("any") {
    classes_.emplace("any", unrestricted());
    callbacks_ = classes_.at("any").outbound;
}

Result<DialRules> DialRules::make(std::map<std::string, DialClass> classes,
                                  std::string default_class,
                                  std::map<std::string, std::string> class_of,
                                  std::optional<std::vector<DialPattern>> callbacks) {
    if (classes.empty()) {
        return fail(Errc::InvalidArgument, "classes: name at least one class");
    }
    if (!classes.contains(default_class)) {
        return fail(Errc::InvalidArgument,
                    "default_class: '" + default_class +
                        "' is not a class (classes: " + class_names(classes) + ")");
    }
    for (const auto& [extension, name] : class_of) {
        if (!classes.contains(name)) {
            return fail(Errc::InvalidArgument,
                        "extension " + extension + ": class '" + name +
                            "' is not a class (classes: " + class_names(classes) + ")");
        }
    }
    DialRules rules;
    rules.classes_.clear();
    for (auto& [name, c] : classes) {
        c.name = name;
        rules.classes_.emplace(name, c);
    }
    rules.callbacks_ = callbacks ? std::move(*callbacks) : classes.at(default_class).outbound;
    rules.default_class_ = std::move(default_class);
    rules.class_of_.insert(class_of.begin(), class_of.end());
    return rules;
}

const DialClass& DialRules::class_of(std::string_view extension) const {
    auto named = class_of_.find(extension);
    auto found = classes_.find(named != class_of_.end() ? std::string_view(named->second)
                                                        : std::string_view(default_class_));
    return found->second;
}

std::optional<Refusal> DialRules::refuse_outbound(std::string_view extension,
                                                  std::string_view number) const {
    const DialClass& c = class_of(extension);
    if (any_matches(c.outbound, number)) {
        return std::nullopt;
    }
    return Refusal{std::string(extension) + " (class " + c.name + ") may not dial " +
                   std::string(number)};
}

bool DialRules::may_monitor(std::string_view extension,
                            const std::vector<std::string>& queues) const {
    const DialClass& c = class_of(extension);
    return std::any_of(c.monitor.begin(), c.monitor.end(), [&](const std::string& allowed) {
        return allowed == "*" || std::find(queues.begin(), queues.end(), allowed) != queues.end();
    });
}

std::optional<Refusal> DialRules::refuse_callback(std::string_view number) const {
    if (any_matches(callbacks_, number)) {
        return std::nullopt;
    }
    return Refusal{"callbacks may not dial " + std::string(number)};
}

}  // namespace markaz::dial
