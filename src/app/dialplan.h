#pragma once

#include <string>
#include <variant>

#include "config/server_config_loader.h"

namespace markaz::app {

// Where a new call goes, decided by the call flow alone (the SIP layer only reports that an
// INVITE arrived and carries out what the switchboard then tells it). Pure: the configuration
// and the call's numbers in, a destination out.

namespace destination {
/// Markaz answers and runs the call: a dialplan number (IVR flow or queue) or a feature code.
struct Flow {};
/// The echo test: Markaz answers and sends the caller's audio back.
struct Echo {};
/// The prompt test: Markaz answers and plays the configured prompt in a loop.
struct PromptLoop {};
/// Another extension: its phones ring with the caller's number; Markaz answers the caller
/// only when one of them does.
struct Extension {
    std::string number;
};
/// Out through a trunk by its dial prefix (`number` is what the trunk is sent).
struct Trunk {
    std::string trunk;
    std::string number;
};
/// Refused with a SIP status: 404 for a number that leads nowhere, 403 for one the caller may
/// not dial (a feature code from a trunk, a number outside the extension's class of service).
struct Refused {
    int status = 404;
    std::string reason;
};
}  // namespace destination

using Destination = std::variant<destination::Flow, destination::Echo, destination::PromptLoop,
                                 destination::Extension, destination::Trunk, destination::Refused>;

/// Where a call from `caller` to `dialled` goes. `from_trunk`: the call came in from a trunk
/// (trusted by address, not an extension): it reaches the dialplan's numbers and extensions,
/// never a feature code (an agent's state is changed only from an extension's own phone) and
/// never a trunk again (Markaz is not an open relay).
Destination route_call(const config::ServerConfig& config, const std::string& caller,
                       const std::string& dialled, bool from_trunk);

}  // namespace markaz::app
