// The web API of `markaz serve` on real calls: a baresip caller goes through the IVR into a
// queue, the supervisor sees the call live with the digits the caller pressed, moves it to a
// free agent of another queue whose phone rings and answers, and the call's history, the
// figures, the day's report and the live feed say so. Roles are enforced by the real server.

#include <algorithm>
#include <functional>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/baresip_phone.h"
#include "support/extension_phone.h"
#include "support/http_client.h"
#include "support/markaz_server.h"
#include "support/ports.h"

namespace markaz::integration {
namespace {

namespace ev = baresip_event;

/// Sales (a1001) and support (a1002) with desks 1001 and 1002; 100 is an IVR whose 1 goes
/// to sales; the API on `web_port` with a supervisor of both queues and agent a1001.
std::string web_config(std::uint16_t web_port) {
    std::ostringstream yaml;
    yaml << "queues:\n"
         << "  - {name: sales}\n"
         << "  - {name: support}\n"
         << "agents:\n"
         << "  - {id: a1001, queues: [sales], extension: \"1001\"}\n"
         << "  - {id: a1002, queues: [support], extension: \"1002\"}\n"
         << "dialplan:\n"
         << "  \"100\": {ivr: main}\n"
         << "ivr:\n"
         << "  main:\n"
         << "    language: en\n"
         << "    start: welcome\n"
         << "    nodes:\n"
         << "      welcome:\n"
         << "        menu:\n"
         << "          prompt: {en: \"Welcome to Markaz. For sales press 1, for support press 2, "
            "to be called back press 9.\"}\n"
         << "          choices: {\"1\": sales}\n"
         << "          timeout: 5s\n"
         << "          failure: bye\n"
         << "      sales: {queue: sales}\n"
         << "      bye: {hangup: true}\n"
         << "web:\n"
         << "  listen: 127.0.0.1:" << web_port << "\n"
         << "  root: \"\"\n"
         << "  openapi: \"\"\n"
         << "  users:\n"
         << "    - {name: supervisor, role: supervisor, password: demo-supervisor,\n"
         << "       queues: [sales, support]}\n"
         << "    - {name: a1001, role: agent, password: demo-a1001, agent: a1001}\n"
         << "    - {name: manager, role: manager, password: demo-manager}\n";
    return yaml.str();
}

/// Polls GET `target` as `who` until `ok` holds for the JSON answer; the last answer.
Json poll(const Browser& who, const std::string& target, const std::function<bool(const Json&)>& ok,
          std::chrono::milliseconds timeout = 10s) {
    Json last;
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        last = who.get(target).json();
        if (ok(last)) {
            return last;
        }
        std::this_thread::sleep_for(100ms);
    }
    ADD_FAILURE() << "GET " << target << " never matched; last: " << last.dump();
    return last;
}

Json agent_of(const Json& agents, const std::string& id) {
    for (const Json& agent : agents["agents"]) {
        if (agent["id"] == id) {
            return agent;
        }
    }
    return Json();
}

TEST(WebApi, TheSupervisorSeesARealCallWaitAndMovesItToAFreeAgent) {
    const std::uint16_t web_port = free_tcp_port();
    MarkazServer::Options o;
    o.extra_yaml = web_config(web_port);
    o.last_extension = 1003;
    MarkazServer server{o};
    BaresipPhone sales_agent{extension_phone(server, "1001", 440, AnswerMode::Auto)};
    BaresipPhone support_agent{extension_phone(server, "1002", 440, AnswerMode::Auto)};
    BaresipPhone caller{extension_phone(server, "1003", 440, AnswerMode::Manual)};
    for (auto* p : {&sales_agent, &support_agent, &caller}) {
        p->wait_until_registered();
    }
    ASSERT_TRUE(server.wait_for_log("agent a1002: not-ready -> available")) << server.log_tail();
    ASSERT_TRUE(server.wait_for_log("agent a1001: not-ready -> available")) << server.log_tail();

    Browser supervisor(web_port, "supervisor");
    Browser agent(web_port, "a1001");
    // The supervisor pauses the only sales agent, so the caller will wait.
    Reply paused = supervisor.post("/api/v1/agents/a1001/state",
                                   Json{{"state", "paused"}, {"reason", "break"}});
    ASSERT_EQ(paused.status, 200U) << paused.body;
    Json a1001 = agent_of(supervisor.get("/api/v1/agents").json(), "a1001");
    EXPECT_EQ(a1001["state"], "paused");
    EXPECT_EQ(a1001["reason"], "break");
    EXPECT_EQ(a1001["state_changed_by"], "supervisor");
    EXPECT_TRUE(server.wait_for_log("audit: supervisor agent-state a1001")) << server.log_tail();

    auto live = LiveClient::open(web_port, "/api/v1/events",
                                 {{"Cookie", supervisor.cookie_headers()[0].second},
                                  {"Origin", "http://127.0.0.1:" + std::to_string(web_port)}});
    ASSERT_TRUE(live);
    auto snapshot = live->next_of("snapshot", 5s);
    ASSERT_TRUE(snapshot);

    caller.dial(server.uri("100"));
    caller.wait_for(ev::kCallEstablished);
    std::this_thread::sleep_for(500ms);
    caller.send_dtmf("1");
    Json calls = poll(supervisor, "/api/v1/calls", [](const Json& j) {
        return j["calls"].size() == 1 && j["calls"][0]["state"] == "waiting";
    });
    ASSERT_EQ(calls["calls"].size(), 1u) << calls.dump();
    const Json waiting = calls["calls"][0];
    const std::string id = waiting["id"];
    EXPECT_EQ(waiting["queue"], "sales");
    EXPECT_EQ(waiting["caller"], "1003");
    EXPECT_EQ(waiting["ivr"]["path"], Json::array({"welcome", "sales"}));  // the screen pop
    EXPECT_EQ(waiting["position"], 1);
    // The feed sends the waiting call as a delta (the snapshot came before it existed).
    bool delta_has_call = false;
    for (int frames = 0; frames < 20 && !delta_has_call; ++frames) {
        auto delta = live->next_of("delta", 5s);
        ASSERT_TRUE(delta) << "no delta with the waiting call";
        for (const Json& call : delta->value("calls", Json::array())) {
            delta_has_call = delta_has_call || (call["id"] == id && call["state"] == "waiting");
        }
    }
    EXPECT_TRUE(delta_has_call);

    // An agent may not steer calls; the server refuses whatever the page shows.
    EXPECT_EQ(agent.post("/api/v1/calls/" + id + "/move", Json{{"agent", "a1001"}}).status, 403U);

    Reply moved = supervisor.post("/api/v1/calls/" + id + "/move", Json{{"agent", "a1002"}});
    ASSERT_EQ(moved.status, 200U) << moved.body;
    support_agent.wait_for(ev::kCallEstablished, 10s);
    calls = poll(supervisor, "/api/v1/calls", [](const Json& j) {
        return j["calls"].size() == 1 && j["calls"][0]["state"] == "on-call";
    });
    EXPECT_EQ(calls["calls"][0]["agent"], "a1002");
    EXPECT_EQ(calls["calls"][0]["offered_by"], "supervisor");

    std::this_thread::sleep_for(1s);
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    support_agent.wait_for(ev::kCallClosed);
    poll(supervisor, "/api/v1/calls", [](const Json& j) { return j["calls"].empty(); });

    // The call's history from the store, and today's figures.
    Json history = poll(supervisor, "/api/v1/calls/" + id + "/events", [](const Json& j) {
        for (const Json& e : j.value("events", Json::array())) {
            if (e["type"] == "CallCompleted") {
                return true;
            }
        }
        return false;
    });
    std::vector<std::string> types;
    for (const Json& e : history["events"]) {
        types.push_back(e["type"]);
    }
    EXPECT_EQ(types.front(), "CallEnqueued") << history.dump();
    EXPECT_NE(std::find(types.begin(), types.end(), "CallAnswered"), types.end());
    Json stats = supervisor.get("/api/v1/stats/live").json();
    Json totals = stats["totals"];
    EXPECT_EQ(totals["today"]["counters"]["answered"], 1) << stats.dump();
    // Today's report from the store's rollups (the quarter hour in progress, written every
    // 5 s) says the same: sales offered it, support answered it after the move.
    const Json report = poll(
        supervisor, "/api/v1/reports?by=day",
        [](const Json& j) { return j["total"]["counters"]["answered"] == 1; }, 15s);
    EXPECT_EQ(report["total"]["counters"]["answered"], totals["today"]["counters"]["answered"]);
    EXPECT_EQ(report["total"]["counters"]["offered"], totals["today"]["counters"]["offered"]);

    EXPECT_EQ(http_send(web_port, "GET", "/readyz").status, 200U);
    EXPECT_EQ(http_send(web_port, "GET", "/api/v1/calls").status, 401U);
}

TEST(WebApi, AnAgentLogsInOnlyAtAnExtensionOfTheCentre) {
    // A supervisor's login at an outside number would have the agent's calls dialled out to
    // it through the trunk, at the centre's expense; the string would also reach SIP headers.
    const std::uint16_t web_port = free_tcp_port();
    MarkazServer::Options o;
    o.extra_yaml = web_config(web_port);
    o.last_extension = 1003;
    MarkazServer server{o};
    Browser supervisor(web_port, "supervisor");
    ASSERT_EQ(supervisor.post("/api/v1/agents/a1002/state", Json{{"state", "logged-out"}}).status,
              200U);
    for (const char* outside : {"00989121234567", "1002@evil.example", "1002\r\nX-Injected: 1"}) {
        Reply refused = supervisor.post("/api/v1/agents/a1002/login", Json{{"extension", outside}});
        EXPECT_EQ(refused.status, 400U) << outside << ": " << refused.body;
        EXPECT_NE(refused.body.find("extension"), std::string::npos) << refused.body;
    }
    Json a1002 = agent_of(supervisor.get("/api/v1/agents").json(), "a1002");
    EXPECT_EQ(a1002["state"], "logged-out") << a1002.dump();
    Reply ok = supervisor.post("/api/v1/agents/a1002/login", Json{{"extension", "1003"}});
    EXPECT_EQ(ok.status, 200U) << ok.body;
}

TEST(WebApi, ADeletedUserAResetPasswordAndARevokedTokenStaySoAfterACrash) {
    // With users and tokens in memory only, the restart brought the configuration's users and
    // passwords back and forgot the tokens and the audit log.
    const std::uint16_t web_port = free_tcp_port();
    MarkazServer::Options o;
    o.extra_yaml = web_config(web_port);
    MarkazServer server{o};
    {
        Browser manager(web_port, "manager");
        ASSERT_EQ(manager.del("/api/v1/users/a1001").status, 204U);
        ASSERT_EQ(
            manager.patch("/api/v1/users/supervisor", Json{{"password", "new-password-1"}}).status,
            200U);
        Reply kept = manager.post("/api/v1/tokens", Json{{"name", "crm"}, {"username", "manager"}});
        Reply revoked =
            manager.post("/api/v1/tokens", Json{{"name", "old"}, {"username", "manager"}});
        ASSERT_EQ(kept.status, 201U) << kept.body;
        ASSERT_EQ(revoked.status, 201U) << revoked.body;
        ASSERT_EQ(manager.del("/api/v1/tokens/" + revoked.json()["token"]["id"].get<std::string>())
                      .status,
                  204U);
        server.kill_hard();
        server.restart();
        auto bearer = [&](const Reply& token) {
            return http_send(
                       web_port, "GET", "/api/v1/queues", "",
                       {{"Authorization", "Bearer " + token.json()["secret"].get<std::string>()}})
                .status;
        };
        EXPECT_EQ(bearer(kept), 200U) << server.log_tail();
        EXPECT_EQ(bearer(revoked), 401U);
    }
    EXPECT_EQ(log_in(web_port, "a1001", "demo-a1001").status, 401U);
    EXPECT_EQ(log_in(web_port, "supervisor", "demo-supervisor").status, 401U);
    EXPECT_EQ(log_in(web_port, "supervisor", "new-password-1").status, 200U);
    Browser manager(web_port, "manager");
    Json audit = manager.get("/api/v1/audit?limit=1000").json();
    std::vector<std::string> actions;
    for (const Json& entry : audit["entries"]) {
        actions.push_back(entry["action"].get<std::string>() + " " +
                          entry["target"].get<std::string>());
    }
    EXPECT_NE(std::find(actions.begin(), actions.end(), "user-delete a1001"), actions.end())
        << audit.dump();
    EXPECT_NE(std::find(actions.begin(), actions.end(), "user-update supervisor"), actions.end());
}

}  // namespace
}  // namespace markaz::integration
