#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace markaz::app {

/// What an agent dials on their phone to change state (docs/call-flow.md):
///   *11        log in at this phone as the agent whose desk it is
///   *11NNNN    log in at this phone as agent NNNN (hot desking: "a1001" is *111001)
///   *12        log out
///   *13        pause with the first pause reason; *13N with reason N (1 = the first)
///   *14        ready again (ends a pause)
/// and what a supervisor dials to join an agent's call (the phone's class of service must
/// allow it, docs/call-flow.md), as Asterisk's ChanSpy:
///   *31NNNN    listen to the call of the agent at extension NNNN
///   *32NNNN    whisper to that agent
///   *33NNNN    barge in: a three-way call
struct FeatureCode {
    enum class Kind { Login, Logout, Pause, Ready, Listen, Whisper, Barge };
    Kind kind = Kind::Login;
    /// Login: the agent's digits; Pause: the reason's number; Listen, Whisper, Barge: the
    /// agent's extension.
    std::string argument;
    friend bool operator==(const FeatureCode&, const FeatureCode&) = default;
};

/// The feature code `dialled` is, or nullopt for any other number (or a code with digits
/// where it takes none).
std::optional<FeatureCode> parse_feature_code(std::string_view dialled);

}  // namespace markaz::app
