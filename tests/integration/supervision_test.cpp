// A supervisor in a live call, on real phones: the console rings the supervisor's own phone
// and joins it in listen, whisper or barge mode, the supervisor's keys change the mode, and
// each party's recording of what it heard says who heard whom: caller 440 Hz, agent 1000 Hz,
// supervisor 1800 Hz.

#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/baresip_phone.h"
#include "support/extension_phone.h"
#include "support/http_client.h"
#include "support/markaz_server.h"
#include "support/ports.h"
#include "support/wav_analysis.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;
namespace ev = baresip_event;

constexpr int kCallerHz = 440;
constexpr int kAgentHz = 1000;
constexpr int kSupervisorHz = 1800;
constexpr int kBeepHz = 1400;  ///< the barge-in beep (sip.barge_beep)

/// Queue sales (no wrap-up) with desk agent a1001 at 1001; 200 dials the queue; the API with
/// supervisor sara of sales, whose phone is 1004; `extra_yaml` after it.
MarkazServer::Options supervised_centre(std::uint16_t web_port, const std::string& extra_yaml,
                                        const std::string& extra_sip) {
    std::ostringstream yaml;
    yaml << "queues:\n"
         << "  - {name: sales}\n"
         << "agents:\n"
         << "  - {id: a1001, queues: [sales], extension: \"1001\"}\n"
         << "dialplan:\n"
         << "  \"200\": {queue: sales}\n"
         << "web:\n"
         << "  listen: 127.0.0.1:" << web_port << "\n"
         << "  root: \"\"\n"
         << "  openapi: \"\"\n"
         << "  users:\n"
         << "    - {name: sara, role: supervisor, password: demo-sara, queues: [sales],\n"
         << "       extension: \"1004\"}\n"
         << extra_yaml;
    MarkazServer::Options o;
    o.extra_yaml = yaml.str();
    o.extra_sip = extra_sip;
    o.last_extension = 1004;
    return o;
}

/// Every phone's class of service may join the calls of sales by feature code (*31..*33).
const std::string kDialIn =
    "dial_rules:\n"
    "  default_class: staff\n"
    "  classes:\n"
    "    staff: {outbound: [\"09XXXXXXXXX\"], monitor: [sales]}\n";

struct Floor {
    explicit Floor(const std::string& extra_yaml = "", const std::string& extra_sip = "")
        : web_port(free_tcp_port()),
          server(supervised_centre(web_port, extra_yaml, extra_sip)),
          agent(extension_phone(server, "1001", kAgentHz, AnswerMode::Auto)),
          caller(extension_phone(server, "1003", kCallerHz, AnswerMode::Manual)),
          phone(extension_phone(server, "1004", kSupervisorHz, AnswerMode::Auto)),
          sara(web_port, "sara") {
        agent.wait_until_registered();
        caller.wait_until_registered();
        phone.wait_until_registered();
        EXPECT_TRUE(server.wait_for_log("agent a1001: not-ready -> available"))
            << server.log_tail();
    }

    /// The caller dials the queue and the agent answers: the call's id.
    std::string connect() {
        caller.dial(server.uri("200"));
        agent.wait_for(ev::kCallEstablished, 10s);
        return live_call(sara, "on-call");
    }

    /// Sara asks to monitor call `id` in `mode`; her phone answers.
    void monitor(const std::string& id, const std::string& mode) {
        Reply r = sara.post("/api/v1/calls/" + id + "/monitor", Json{{"mode", mode}});
        ASSERT_EQ(r.status, 202U) << r.body;
        phone.wait_for(ev::kCallEstablished, 10s);
    }

    std::uint16_t web_port;
    MarkazServer server;
    BaresipPhone agent;
    BaresipPhone caller;
    BaresipPhone phone;  ///< sara's
    Browser sara;
};

TEST(Supervision, ListeningHearsBothSidesAndNobodyHearsTheSupervisorWhoLeavesTheCallUp) {
    Floor f;
    const std::string id = f.connect();
    ASSERT_FALSE(id.empty()) << f.sara.get("/api/v1/calls").body;
    f.monitor(id, "listen");
    // The console lists who is in the call, in which mode.
    Json monitors;
    for (int i = 0; i < 50 && monitors.empty(); ++i) {
        monitors = f.sara.get("/api/v1/calls/" + id).json()["call"]["monitors"];
        std::this_thread::sleep_for(100ms);
    }
    ASSERT_EQ(monitors.size(), 1U) << f.sara.get("/api/v1/calls/" + id).body;
    EXPECT_EQ(monitors[0]["user"], "sara");
    EXPECT_EQ(monitors[0]["mode"], "listen");
    std::this_thread::sleep_for(3s);
    f.phone.hangup();
    f.phone.wait_for(ev::kCallClosed);
    ASSERT_TRUE(f.server.wait_for_log("left (hung up)")) << f.server.log_tail();
    std::this_thread::sleep_for(1500ms);
    EXPECT_EQ(live_call(f.sara, "on-call"), id) << "caller and agent go on";
    f.caller.hangup();
    f.caller.wait_for(ev::kCallClosed);
    f.agent.wait_for(ev::kCallClosed);

    const auto supervisor_heard = f.phone.last_recording().heard;
    EXPECT_GT(tone_share(supervisor_heard, 0, kCallerHz), 0.15);
    EXPECT_GT(tone_share(supervisor_heard, 0, kAgentHz), 0.15);
    EXPECT_LT(tone_share(f.caller.last_recording().heard, 0, kSupervisorHz), 0.01);
    EXPECT_LT(tone_share(f.agent.last_recording().heard, 0, kSupervisorHz), 0.01);
}

TEST(Supervision, AWhisperIsHeardByTheAgentOnlyAndEndsWithTheCall) {
    Floor f;
    const std::string id = f.connect();
    ASSERT_FALSE(id.empty()) << f.sara.get("/api/v1/calls").body;
    f.monitor(id, "whisper");
    std::this_thread::sleep_for(3s);
    f.caller.hangup();  // the call ends: the supervisor's phone is hung up with it
    f.caller.wait_for(ev::kCallClosed);
    f.agent.wait_for(ev::kCallClosed);
    f.phone.wait_for(ev::kCallClosed, 5s);

    EXPECT_GT(tone_share(f.agent.last_recording().heard, 0, kSupervisorHz), 0.1);
    EXPECT_LT(tone_share(f.caller.last_recording().heard, 0, kSupervisorHz), 0.01);
    const auto supervisor_heard = f.phone.last_recording().heard;
    EXPECT_GT(tone_share(supervisor_heard, 0, kCallerHz), 0.15);
    EXPECT_GT(tone_share(supervisor_heard, 0, kAgentHz), 0.15);
}

TEST(Supervision, TheSupervisorsKeySixBargesInAndTheRecordingKeepsTheCallerLeft) {
    Floor f;
    const std::string id = f.connect();
    ASSERT_FALSE(id.empty()) << f.sara.get("/api/v1/calls").body;
    f.monitor(id, "listen");
    std::this_thread::sleep_for(1s);
    f.phone.send_dtmf("6");
    ASSERT_TRUE(f.server.wait_for_log("now barge")) << f.server.log_tail();
    std::this_thread::sleep_for(3s);
    f.caller.hangup();
    f.caller.wait_for(ev::kCallClosed);
    f.agent.wait_for(ev::kCallClosed);
    f.phone.wait_for(ev::kCallClosed, 5s);

    EXPECT_GT(tone_share(f.caller.last_recording().heard, 0, kSupervisorHz), 0.1);
    EXPECT_GT(tone_share(f.agent.last_recording().heard, 0, kSupervisorHz), 0.1);
    ASSERT_TRUE(f.server.wait_for_log("ended: answered")) << f.server.log_tail();
    std::this_thread::sleep_for(300ms);  // the recording closes on the worker's next tick
    auto files = f.server.recordings();
    ASSERT_EQ(files.size(), 1u) << f.server.log_tail();
    EXPECT_GT(tone_share(files[0], 0, kCallerHz), 0.5) << "the caller alone on the left";
    EXPECT_LT(tone_share(files[0], 0, kSupervisorHz), 0.01);
    EXPECT_GT(tone_share(files[0], 1, kAgentHz), 0.2) << "the centre on the right";
    EXPECT_GT(tone_share(files[0], 1, kSupervisorHz), 0.05);

    // The call's record says who was in it, how, and when.
    const Json monitors = f.sara.get("/api/v1/call-records/" + id).json()["record"]["monitors"];
    ASSERT_EQ(monitors.size(), 2u) << monitors.dump();
    EXPECT_EQ(monitors[0]["mode"], "listen");
    EXPECT_EQ(monitors[1]["mode"], "barge");
    EXPECT_EQ(monitors[0]["user"], "sara");
    EXPECT_EQ(monitors[0]["to_ms"], monitors[1]["from_ms"]);
    EXPECT_GE(monitors[1]["to_ms"].get<std::int64_t>() - monitors[1]["from_ms"].get<std::int64_t>(),
              2000);
}

TEST(Supervision, ASupervisorDialsStarThirtyTwoToWhisperAndLeavesTheCallGoingOn) {
    Floor f{kDialIn};
    const std::string id = f.connect();
    ASSERT_FALSE(id.empty()) << f.sara.get("/api/v1/calls").body;
    f.phone.dial(f.server.uri("*321001"));
    f.phone.wait_for(ev::kCallEstablished, 10s);
    ASSERT_TRUE(f.server.wait_for_log("1004 dialled in (whisper)")) << f.server.log_tail();
    // In the audit log as sara, whose phone it is, as if she had clicked Whisper.
    EXPECT_TRUE(f.server.wait_for_log("audit: sara call-monitor " + id +
                                      R"( {"extension":"1004","from":"phone","mode":"whisper"})"
                                      " from phone 1004"))
        << f.server.log_tail();
    std::this_thread::sleep_for(3s);
    f.phone.hangup();
    f.phone.wait_for(ev::kCallClosed);
    ASSERT_TRUE(f.server.wait_for_log("left (hung up)")) << f.server.log_tail();
    std::this_thread::sleep_for(1s);
    EXPECT_EQ(live_call(f.sara, "on-call"), id) << "caller and agent go on";
    f.caller.hangup();
    f.caller.wait_for(ev::kCallClosed);
    f.agent.wait_for(ev::kCallClosed);

    EXPECT_GT(tone_share(f.agent.last_recording().heard, 0, kSupervisorHz), 0.1);
    EXPECT_LT(tone_share(f.caller.last_recording().heard, 0, kSupervisorHz), 0.01);
    const auto supervisor_heard = f.phone.last_recording().heard;
    EXPECT_GT(tone_share(supervisor_heard, 0, kCallerHz), 0.15);
    EXPECT_GT(tone_share(supervisor_heard, 0, kAgentHz), 0.15);
    Json monitors;
    for (int i = 0; i < 50 && monitors.empty(); ++i) {  // the record is kept as the call ends
        std::this_thread::sleep_for(100ms);
        const Reply r = f.sara.get("/api/v1/call-records/" + id);
        monitors = r.status == 200 ? r.json()["record"]["monitors"] : Json();
    }
    ASSERT_EQ(monitors.size(), 1u) << monitors.dump();
    EXPECT_EQ(monitors[0]["user"], "phone 1004");
    EXPECT_EQ(monitors[0]["mode"], "whisper");
}

TEST(Supervision, ABargeInByPhoneIsAnnouncedToBothSidesWithABeep) {
    Floor f{kDialIn, "  barge_beep: true\n"};
    const std::string id = f.connect();
    ASSERT_FALSE(id.empty()) << f.sara.get("/api/v1/calls").body;
    f.phone.dial(f.server.uri("*331001"));
    f.phone.wait_for(ev::kCallEstablished, 10s);
    ASSERT_TRUE(f.server.wait_for_log("1004 dialled in (barge)")) << f.server.log_tail();
    std::this_thread::sleep_for(3s);
    f.caller.hangup();  // the call ends: the supervisor who dialled in is hung up with it
    f.caller.wait_for(ev::kCallClosed);
    f.agent.wait_for(ev::kCallClosed);
    f.phone.wait_for(ev::kCallClosed, 5s);

    // 300 ms of beep in seconds of tones: a small share, but many times what the supervisor's
    // phone, which hears no beep, has at that pitch.
    const double unbeeped = tone_share(f.phone.last_recording().heard, 0, kBeepHz);
    for (BaresipPhone* side : {&f.caller, &f.agent}) {
        const auto heard = side->last_recording().heard;
        const double beep = tone_share(heard, 0, kBeepHz);
        EXPECT_GT(beep, 0.0005) << "the beep";
        EXPECT_GT(beep, 10 * unbeeped) << "the supervisor's phone: " << unbeeped;
        EXPECT_GT(tone_share(heard, 0, kSupervisorHz), 0.1) << "and then the supervisor";
    }
}

}  // namespace
}  // namespace markaz::integration
