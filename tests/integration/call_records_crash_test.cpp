// A finished call's record survives kill -9 (DESIGN rule 5): calls through a queue on real
// phones, the server killed the moment the last caller's hang-up is done, restarted, and every
// call is in the records — finished, or closed at the restart as "server stopped" when the
// kill came before its end was on disk.

#include <iostream>
#include <map>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>

#include "support/baresip_phone.h"
#include "support/extension_phone.h"
#include "support/markaz_server.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;
namespace ev = baresip_event;

PhoneOptions unrecorded(PhoneOptions options) {
    options.record = false;
    return options;
}

/// The calls in the calls export whose dialled number is `dialled` (each id once), and how
/// many of them were closed at a restart ("server stopped").
struct Records {
    int calls = 0;
    int closed_at_restart = 0;
};
Records records_of(const std::string& csv, const std::string& dialled) {
    std::map<std::string, bool> calls;  // id -> closed at a restart
    std::istringstream lines(csv);
    std::string line;
    while (std::getline(lines, line)) {
        std::vector<std::string> fields;
        std::istringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');) {
            fields.push_back(cell);
        }
        if (fields.size() > 4 && fields[4] == dialled) {
            calls[fields[0]] = line.find("server stopped") != std::string::npos;
        }
    }
    Records r;
    for (const auto& [id, closed] : calls) {
        ++r.calls;
        r.closed_at_restart += closed ? 1 : 0;
    }
    return r;
}

TEST(CallRecordsCrash, EveryCallsRecordSurvivesKillNineRightAfterTheLastHangUp) {
    MarkazServer::Options o;
    o.extra_yaml =
        "queues:\n"
        "  - {name: sales}\n"
        "agents:\n"
        "  - {id: a1001, queues: [sales], extension: \"1001\"}\n"
        "dialplan:\n"
        "  \"200\": {queue: sales}\n";
    MarkazServer server{o};
    constexpr int kRounds = 2;
    constexpr int kCallsPerRound = 5;
    int made = 0;
    int closed_at_restart = 0;
    for (int round = 1; round <= kRounds; ++round) {
        {
            BaresipPhone agent{unrecorded(extension_phone(server, "1001", 440, AnswerMode::Auto))};
            BaresipPhone caller{
                unrecorded(extension_phone(server, "1003", 440, AnswerMode::Manual))};
            agent.wait_until_registered();
            caller.wait_until_registered();
            ASSERT_TRUE(server.wait_for_log("agent a1001: not-ready -> available", 10s, round))
                << server.log_tail();
            for (int call = 1; call <= kCallsPerRound; ++call) {
                caller.dial(server.uri("200"));
                agent.wait_for(ev::kCallEstablished, 10s);
                caller.wait_for(ev::kCallEstablished, 10s);
                caller.hangup();
                caller.wait_for(ev::kCallClosed);
                ++made;
                if (call < kCallsPerRound) {
                    agent.wait_for(ev::kCallClosed);
                }
            }
            server.kill_hard();  // at once: nothing after the last hang-up is waited for
        }
        server.restart();
        Records found = records_of(server.export_text("calls"), "200");
        EXPECT_EQ(found.calls, made) << "round " << round << "\n" << server.export_text("calls");
        closed_at_restart = found.closed_at_restart;
    }
    std::cout << made << " calls, " << closed_at_restart
              << " of them closed at a restart (killed before their end was stored)\n";
}

}  // namespace
}  // namespace markaz::integration
