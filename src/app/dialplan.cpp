#include "app/dialplan.h"

#include "app/feature_codes.h"

namespace markaz::app {

Destination route_call(const config::ServerConfig& config, const std::string& caller,
                       const std::string& dialled, bool from_trunk) {
    if (parse_feature_code(dialled)) {
        if (from_trunk) {
            return destination::Refused{403, "feature codes are dialled from extensions only"};
        }
        return destination::Flow{};
    }
    if (config.dialplan.contains(dialled)) {
        return destination::Flow{};
    }
    if (dialled == config.sip.echo_number) {
        return destination::Echo{};
    }
    if (dialled == config.sip.loop_number && !config.sip.loop_prompt.empty()) {
        return destination::PromptLoop{};
    }
    if (config.sip.extensions.contains(dialled) && dialled != caller) {
        return destination::Extension{dialled};
    }
    if (!from_trunk) {
        for (const sip::Trunk& trunk : config.sip.trunks) {
            if (!trunk.target.empty() && !trunk.dial_prefix.empty() &&
                dialled.size() > trunk.dial_prefix.size() &&
                dialled.starts_with(trunk.dial_prefix)) {
                std::string number = dialled.substr(trunk.dial_prefix.size());
                // The extension's class of service decides what it may dial at the centre's
                // expense (dial_rules): an extension's password in the wrong hands must not
                // reach premium or international numbers the centre never calls.
                if (auto refused = config.dial.refuse_outbound(caller, number)) {
                    return destination::Refused{403, refused->reason};
                }
                return destination::Trunk{trunk.name, std::move(number)};
            }
        }
    }
    return destination::Refused{404, "no route to " + dialled};
}

}  // namespace markaz::app
