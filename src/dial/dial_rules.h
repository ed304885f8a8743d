#pragma once

// Where calls may go: the classes of service. Each extension dials with a class, which says
// which numbers it may send out through a trunk and how many calls it may have up at once;
// callbacks may dial only the centre's callback numbers. A centre that configures none keeps
// the rules of a PBX out of the box: any number, at most 4 calls per extension. Pure.
//
// dial_rules:
//   default_class: agents
//   classes:
//     agents:   {outbound: ["0[1-8]XXXXXXXXX", "09XXXXXXXXX"], max_calls: 2}
//     managers: {outbound: ["0[1-8]XXXXXXXXX", "09XXXXXXXXX", "00."], monitor: ["*"]}
//   callbacks: ["0[1-8]XXXXXXXXX", "09XXXXXXXXX"]
// sip:
//   extensions:
//     - {number: "1001", password: ..., class: managers}

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dial/dial_pattern.h"

namespace markaz::dial {

inline constexpr int kDefaultMaxCalls = 4;

struct DialClass {
    std::string name;
    std::vector<DialPattern> outbound;  ///< numbers it may dial out through a trunk
    int max_calls = kDefaultMaxCalls;   ///< calls it may have placed and up at once
    /// The queues whose calls its phones may join by feature code (*31, *32, *33): listen,
    /// whisper, barge; "*" every queue. None by default: a phone in the wrong hands must not
    /// hear the centre's calls.
    std::vector<std::string> monitor;
    /// Its phones may only listen (*31): no whisper or barge-in, by code or by key — for QA
    /// analysts who follow calls live.
    bool listen_only = false;
};

/// Why a number may not be dialled, for the log and the SIP reason.
struct Refusal {
    std::string reason;
};

/// The names of `classes`, comma-separated, for messages that say which classes there are.
std::string class_names(const std::map<std::string, DialClass>& classes);

class DialRules {
public:
    /// No rules configured: every extension dials anything, 4 calls at most.
    DialRules();
    /// `classes` by name; `default_class` for extensions that name none (must be one of them);
    /// `class_of` extension -> class name (each must be one of them); `callbacks` the numbers
    /// a callback may dial (nullopt: what the default class may dial). InvalidArgument naming
    /// what does not fit.
    static Result<DialRules> make(std::map<std::string, DialClass> classes,
                                  std::string default_class,
                                  std::map<std::string, std::string> class_of,
                                  std::optional<std::vector<DialPattern>> callbacks);

    /// The class `extension` dials with.
    const DialClass& class_of(std::string_view extension) const;
    /// Whether `extension` may send `number` out through a trunk.
    std::optional<Refusal> refuse_outbound(std::string_view extension,
                                           std::string_view number) const;
    /// Whether a callback may dial `number`.
    std::optional<Refusal> refuse_callback(std::string_view number) const;
    int max_calls(std::string_view extension) const { return class_of(extension).max_calls; }
    /// Whether `extension` may join by feature code a call that joined `queues`.
    bool may_monitor(std::string_view extension, const std::vector<std::string>& queues) const;
    /// Whether `extension` may only listen to the calls it joins.
    bool listens_only(std::string_view extension) const { return class_of(extension).listen_only; }

private:
    std::map<std::string, DialClass, std::less<>> classes_;
    std::string default_class_;
    std::map<std::string, std::string, std::less<>> class_of_;
    std::vector<DialPattern> callbacks_;
};

}  // namespace markaz::dial
