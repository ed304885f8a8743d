#include "support/desk.h"

#include <sstream>
#include <thread>

#include "support/ports.h"

namespace markaz::integration {

using namespace std::chrono_literals;
namespace ev = baresip_event;

MarkazServer::Options desk_config(std::uint16_t web_port, const std::string& extra_sip,
                                  const std::string& extra_yaml) {
    std::ostringstream yaml;
    yaml << "queues:\n"
         << "  - {name: sales, wrap_up: 30s}\n"
         << "agents:\n"
         << "  - {id: a1001, queues: [sales], extension: \"1001\"}\n"
         << "dialplan:\n"
         << "  \"200\": {queue: sales}\n";
    if (web_port != 0) {
        yaml << "web:\n"
             << "  listen: 127.0.0.1:" << web_port << "\n"
             << "  root: \"\"\n"
             << "  openapi: \"\"\n"
             << "  users:\n"
             << "    - {name: supervisor, role: supervisor, password: demo-supervisor,\n"
             << "       queues: [sales]}\n"
             << "    - {name: a1001, role: agent, password: demo-a1001, agent: a1001,\n"
             << "       extension: \"1001\"}\n";
    }
    yaml << extra_yaml;
    MarkazServer::Options o;
    o.extra_yaml = yaml.str();
    o.last_extension = 1003;
    o.extra_sip =
        "  music_on_hold: " + (MarkazServer::prompts_dir() / "music-on-hold.wav").string() + "\n" +
        extra_sip;
    return o;
}

Desk::Desk(AnswerMode agent_mode, const std::string& extra_sip, const std::string& extra_yaml)
    : web_port(free_tcp_port()),
      server(desk_config(web_port, extra_sip, extra_yaml)),
      agent(extension_phone(server, "1001", 1000, agent_mode)),
      caller(extension_phone(server, "1003", 440, AnswerMode::Manual)),
      supervisor(web_port, "supervisor") {
    agent.wait_until_registered();
    caller.wait_until_registered();
    EXPECT_TRUE(server.wait_for_log("agent a1001: not-ready -> available")) << server.log_tail();
}

std::string Desk::connect() {
    caller.dial(server.uri("200"));
    agent.wait_for(ev::kCallEstablished, 10s);
    return live_call(supervisor, "on-call");
}

Json finished_call(const Browser& who, const std::string& id) {
    for (int i = 0; i < 100; ++i) {
        const Reply r = who.get("/api/v1/call-records/" + id);
        if (r.status == 200) {
            return r.json()["record"];
        }
        std::this_thread::sleep_for(100ms);
    }
    return Json();
}

Json live_totals(const Browser& who, const std::function<bool(const Json&)>& ok) {
    Json totals;
    for (int i = 0; i < 100; ++i) {
        totals = who.get("/api/v1/stats/live").json()["totals"];
        if (ok(totals)) {
            break;
        }
        std::this_thread::sleep_for(100ms);
    }
    return totals;
}

}  // namespace markaz::integration
