#pragma once

#include <map>
#include <string>
#include <string_view>

#include "acd/config.h"
#include "common/result.h"
#include "ivr/flow.h"
#include "media/media_engine.h"
#include "sip/sip_settings.h"

namespace markaz::config {

/// What `markaz serve` runs with: the router's pause reasons, queues and agents, and the SIP
/// layer's listen address, realm, extensions and protections.
/// Where a dialled number goes (the `dialplan:` section): an IVR flow or straight into a
/// queue.
struct NumberRoute {
    enum class Kind { Ivr, Queue };
    Kind kind = Kind::Ivr;
    std::string target;  ///< the flow's or the queue's name
    friend bool operator==(const NumberRoute&, const NumberRoute&) = default;
};

struct ServerConfig {
    acd::RouterConfig router;
    sip::SipSettings sip;
    media::MediaSettings media;
    std::map<std::string, ivr::Flow> ivr;         ///< IVR flows by name
    std::map<std::string, NumberRoute> dialplan;  ///< by dialled number
    std::string store = "markaz.db";  ///< the SQLite file: events, call records, callbacks
    std::string prompts = "prompts";  ///< where `markaz prompts` wrote the spoken prompts
};

// The server configuration file (config/demo.yaml): the router sections of
// router_config_loader.h plus `sip:`, `media:` and `ivr:` (ivr_yaml.h). Errors name the file, the
// line and the field path; unknown keys are errors; nothing is half-applied. Thread: any.

Result<ServerConfig> load_server_config(const std::string& path);
Result<ServerConfig> parse_server_config(std::string_view text, std::string_view source_name);

}  // namespace markaz::config
