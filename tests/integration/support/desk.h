#pragma once

// A small centre for tests of calls under supervision (call control, alerts, restarts): queue
// sales with a 30 s wrap-up and desk agent a1001 at 1001; 200 dials the queue; the API with a
// supervisor of sales and the agent's own user.

#include <functional>
#include <string>

#include "support/baresip_phone.h"
#include "support/extension_phone.h"
#include "support/http_client.h"
#include "support/markaz_server.h"

namespace markaz::integration {

/// The configuration: the API on `web_port` (0: none); `extra_sip` goes inside `sip:` (two
/// spaces in), `extra_yaml` after everything (more top-level sections).
MarkazServer::Options desk_config(std::uint16_t web_port, const std::string& extra_sip = "",
                                  const std::string& extra_yaml = "");

/// The server with the API, agent a1001's phone (answering as `agent_mode`, sending 1000 Hz)
/// registered and ready, a caller at 1003 (440 Hz) and the supervisor logged in.
struct Desk {
    explicit Desk(AnswerMode agent_mode, const std::string& extra_sip = "",
                  const std::string& extra_yaml = "");

    /// The caller dials the queue and the agent's phone answers: the live call's id, "" when
    /// the supervisor does not see it on the call.
    std::string connect();

    std::uint16_t web_port;
    MarkazServer server;
    BaresipPhone agent;
    BaresipPhone caller;
    Browser supervisor;
};

/// The finished call `id` as GET /api/v1/call-records/{id} gives it, once it is there (10 s).
Json finished_call(const Browser& who, const std::string& id);

/// The live figures' totals, once `ok` holds for them (10 s at most).
Json live_totals(const Browser& who, const std::function<bool(const Json&)>& ok);

}  // namespace markaz::integration
