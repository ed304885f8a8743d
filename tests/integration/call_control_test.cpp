// Commands and phone actions on connected calls, on real phones: the console's hang-up ends
// the call on both phones (or takes a ringing call out of line, CANCEL to the agent), a phone
// that holds gives the other party music and the call record its hold time, and phones that
// send 30 ms packets are heard, mixed and recorded like any other; the desk pauses the
// recording for card details and silence is recorded for exactly that time; a recording sealed
// at rest holds no audio on disk and plays decrypted through the API.

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "support/baresip_phone.h"
#include "support/desk.h"
#include "support/extension_phone.h"
#include "support/http_client.h"
#include "support/markaz_server.h"
#include "support/ports.h"
#include "support/wav_analysis.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;
namespace ev = baresip_event;

/// The value of `column` in the call record whose dialled number is `dialled`.
std::string record_field(const std::string& csv, const std::string& dialled,
                         const std::string& column) {
    std::istringstream lines(csv);
    std::string line;
    std::vector<std::string> header;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        std::vector<std::string> fields;
        std::istringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');) {
            fields.push_back(cell);
        }
        if (header.empty()) {
            header = fields;
            continue;
        }
        if (fields.size() > 4 && fields[4] == dialled) {
            for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) {
                if (header[i] == column) {
                    return fields[i];
                }
            }
        }
    }
    return "";
}

/// The state of `agent` in GET /api/v1/agents, polled until it is `state` (10 s at most).
bool agent_reaches(const Browser& who, const std::string& agent, const std::string& state) {
    for (int i = 0; i < 100; ++i) {
        const Json agents = who.get("/api/v1/agents").json();
        for (const Json& a : agents["agents"]) {
            if (a["id"] == agent && a["state"] == state) {
                return true;
            }
        }
        std::this_thread::sleep_for(100ms);
    }
    return false;
}

TEST(CallControl, TheConsolesHangUpOfAConnectedCallEndsItOnBothPhonesAndStartsWrapUp) {
    Desk d{AnswerMode::Auto};
    MarkazServer& server = d.server;
    BaresipPhone& agent = d.agent;
    BaresipPhone& caller = d.caller;
    Browser& supervisor = d.supervisor;

    const std::string id = d.connect();
    ASSERT_FALSE(id.empty()) << supervisor.get("/api/v1/calls").body;
    std::this_thread::sleep_for(1s);

    const auto asked = std::chrono::steady_clock::now();
    Reply hung_up = supervisor.post("/api/v1/calls/" + id + "/hangup");
    ASSERT_EQ(hung_up.status, 204U) << hung_up.body;
    // Both phones get BYE at once (2 s bounds the wait; the log says how long it took).
    agent.wait_for(ev::kCallClosed, 2s);
    caller.wait_for(ev::kCallClosed, 2s);
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - asked);
    std::cout << "both phones hung up " << took.count() << " ms after the API's hang-up\n";
    EXPECT_TRUE(agent_reaches(supervisor, "a1001", "wrap-up"));
    EXPECT_TRUE(supervisor.get("/api/v1/calls").json()["calls"].empty());

    ASSERT_TRUE(server.wait_for_log("ended: answered")) << server.log_tail();
    std::string csv = server.export_text("calls");
    EXPECT_EQ(record_field(csv, "200", "hangup_cause"), "hung up from the console") << csv;
    EXPECT_EQ(record_field(csv, "200", "disposition"), "answered") << csv;
    std::string log = server.export_text("queue-log");
    EXPECT_NE(log.find("|sales|Agent/a1001|COMPLETEAGENT|"), std::string::npos) << log;
}

TEST(CallControl, TheConsolesHangUpOfARingingCallCancelsTheAgentsPhone) {
    Desk d{AnswerMode::Manual};
    MarkazServer& server = d.server;
    BaresipPhone& agent = d.agent;
    BaresipPhone& caller = d.caller;
    Browser& supervisor = d.supervisor;

    caller.dial(server.uri("200"));
    caller.wait_for(ev::kCallEstablished);  // Markaz answers; the caller waits in sales
    agent.wait_for(ev::kCallIncoming, 10s);
    const std::string id = live_call(supervisor, "ringing");
    ASSERT_FALSE(id.empty()) << supervisor.get("/api/v1/calls").body;

    Reply hung_up = supervisor.post("/api/v1/calls/" + id + "/hangup");
    ASSERT_EQ(hung_up.status, 204U) << hung_up.body;
    agent.wait_for(ev::kCallClosed, 2s);    // CANCEL: the phone stops ringing
    caller.wait_for(ev::kCallClosed, 10s);  // after the exit announcement
    EXPECT_TRUE(agent_reaches(supervisor, "a1001", "available"));
    ASSERT_TRUE(server.wait_for_log("ended: timed-out")) << server.log_tail();
    std::string csv = server.export_text("calls");
    EXPECT_EQ(record_field(csv, "200", "hangup_cause"), "removed by supervisor") << csv;
}

TEST(CallControl, APhoneThatHoldsGivesTheCallerMusicAndTheRecordItsHoldTime) {
    Desk d{AnswerMode::Auto};
    MarkazServer& server = d.server;
    BaresipPhone& agent = d.agent;
    BaresipPhone& caller = d.caller;
    Browser& supervisor = d.supervisor;

    caller.dial(server.uri("200"));
    agent.wait_for(ev::kCallEstablished, 10s);
    std::this_thread::sleep_for(1s);
    agent.hold();
    ASSERT_TRUE(server.wait_for_log("held by leg")) << server.log_tail();
    EXPECT_FALSE(live_call(supervisor, "on-hold").empty());
    std::this_thread::sleep_for(5s);
    agent.resume();
    ASSERT_TRUE(server.wait_for_log("resumed by leg")) << server.log_tail();
    EXPECT_FALSE(live_call(supervisor, "on-call").empty());
    std::this_thread::sleep_for(1s);
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    agent.wait_for(ev::kCallClosed);

    ASSERT_TRUE(server.wait_for_log("ended: answered")) << server.log_tail();
    std::string csv = server.export_text("calls");
    const int hold_s = std::stoi("0" + record_field(csv, "200", "hold_s"));
    EXPECT_GE(hold_s, 4) << csv;
    EXPECT_LE(hold_s, 6) << csv;
    const int talk_s = std::stoi("0" + record_field(csv, "200", "talk_s"));
    EXPECT_LE(talk_s, 4) << "hold is not talk: " << csv;
    // Music on hold is chords of C, A minor, F and G: 262 Hz is in three of them. The
    // caller heard it while held, besides the agent's 1000 Hz.
    const auto heard = caller.last_recording().heard;
    EXPECT_GT(tone_share(heard, 0, 262, 10), 0.02);
    EXPECT_GT(tone_share(heard, 0, 1000, 10), 0.1);
    // Today's live figures count the hold (part of the handle time: talk + hold + wrap-up).
    Json stats = supervisor.get("/api/v1/stats/live").json();
    const Json hold_ms = stats["totals"]["today"]["counters"]["hold_ms"];
    ASSERT_TRUE(hold_ms.is_number()) << stats.dump();
    EXPECT_GE(hold_ms.get<int>(), 4000) << stats.dump();
    EXPECT_LE(hold_ms.get<int>(), 6500) << stats.dump();
}

TEST(CallControl, TheAgentsDeskHoldsTheCallerWithMusicAndTheRecordCountsIt) {
    Desk d{AnswerMode::Auto};
    Browser desk(d.web_port, "a1001");
    const std::string id = d.connect();
    ASSERT_FALSE(id.empty()) << d.supervisor.get("/api/v1/calls").body;
    std::this_thread::sleep_for(1s);
    Reply held = desk.post("/api/v1/calls/" + id + "/hold");
    ASSERT_EQ(held.status, 200U) << held.body;
    EXPECT_EQ(held.json()["call"]["state"], "on-hold");
    std::this_thread::sleep_for(4s);
    Reply resumed = desk.post("/api/v1/calls/" + id + "/resume");
    ASSERT_EQ(resumed.status, 200U) << resumed.body;
    std::this_thread::sleep_for(1s);
    d.caller.hangup();
    d.caller.wait_for(ev::kCallClosed);
    d.agent.wait_for(ev::kCallClosed);

    ASSERT_TRUE(d.server.wait_for_log("ended: answered")) << d.server.log_tail();
    std::string csv = d.server.export_text("calls");
    const int hold_s = std::stoi("0" + record_field(csv, "200", "hold_s"));
    EXPECT_GE(hold_s, 3) << csv;
    EXPECT_LE(hold_s, 5) << csv;
    // The caller heard the music (262 Hz is in three of its four chords) and, before and
    // after, the agent's 1000 Hz. (Silence instead of music leaves 262 Hz near 0.)
    const auto caller_heard = d.caller.last_recording().heard;
    EXPECT_GT(tone_share(caller_heard, 0, 262, 10), 0.01);
    EXPECT_GT(tone_share(caller_heard, 0, 1000, 10), 0.05);
}

TEST(CallControl, TheDeskPausesTheRecordingForCardDetailsAndSilenceIsRecordedThen) {
    Desk d{AnswerMode::Auto};
    Browser desk(d.web_port, "a1001");
    const std::string id = d.connect();
    ASSERT_FALSE(id.empty()) << d.supervisor.get("/api/v1/calls").body;
    std::this_thread::sleep_for(2s);
    Reply paused = desk.post("/api/v1/calls/" + id + "/recording/pause");
    ASSERT_EQ(paused.status, 200U) << paused.body;
    EXPECT_EQ(paused.json()["call"]["recording_paused"], true);
    std::this_thread::sleep_for(3s);
    ASSERT_EQ(d.supervisor.post("/api/v1/calls/" + id + "/recording/resume").status, 200U);
    std::this_thread::sleep_for(2s);
    d.caller.hangup();
    d.caller.wait_for(ev::kCallClosed);
    d.agent.wait_for(ev::kCallClosed);

    const Json record = finished_call(d.supervisor, id);
    ASSERT_TRUE(record.is_object()) << d.server.log_tail();
    ASSERT_EQ(record["recording_pauses"].size(), 1U) << record;
    const Json pause = record["recording_pauses"][0];
    EXPECT_EQ(pause["by"], "a1001");
    const std::int64_t paused_ms =
        pause["to_ms"].get<std::int64_t>() - pause["from_ms"].get<std::int64_t>();
    EXPECT_GE(paused_ms, 2800);
    EXPECT_LE(paused_ms, 4000);

    // Both tones play throughout; the recording is silent on both sides only for the pause.
    std::this_thread::sleep_for(300ms);  // the recording closes on the worker's next tick
    const Json wave = d.supervisor.get("/api/v1/call-records/" + id + "/waveform").json();
    for (const char* side : {"caller", "agents"}) {
        std::vector<std::pair<std::int64_t, std::int64_t>> spoke;
        for (const Json& s : wave["speech"]) {
            if (s["side"] == side) {
                spoke.emplace_back(s["from_ms"], s["to_ms"]);
            }
        }
        ASSERT_EQ(spoke.size(), 2U) << side << ": before and after the pause\n" << wave["speech"];
        const std::int64_t gap = spoke[1].first - spoke[0].second;
        EXPECT_NEAR(static_cast<double>(gap), static_cast<double>(paused_ms), 400.0) << side;
        EXPECT_GE(spoke[0].second - spoke[0].first, 1500) << side << ": recorded before";
        EXPECT_GE(spoke[1].second - spoke[1].first, 1500) << side << ": and after";
    }
}

TEST(CallControl, ASealedRecordingHoldsNoAudioOnDiskAndPlaysDecryptedThroughTheApi) {
    // The key, 0600, outside the recordings folder.
    const auto key = std::filesystem::path(::testing::TempDir()) /
                     ("markaz-recordings-" + std::to_string(::getpid()) + ".key");
    std::ofstream(key) << std::string(64, 'c') << "\n";
    std::filesystem::permissions(
        key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    Desk d{AnswerMode::Auto, "  recordings_key: " + key.string() + "\n"};
    const std::string id = d.connect();
    ASSERT_FALSE(id.empty()) << d.supervisor.get("/api/v1/calls").body;
    std::this_thread::sleep_for(3s);
    d.caller.hangup();
    d.caller.wait_for(ev::kCallClosed);
    ASSERT_TRUE(finished_call(d.supervisor, id).is_object()) << d.server.log_tail();
    std::this_thread::sleep_for(300ms);  // the recording closes on the worker's next tick

    const auto files = d.server.recordings();
    ASSERT_EQ(files.size(), 1U);
    EXPECT_EQ(files[0].string().substr(files[0].string().size() - 11), ".wav.sealed");
    std::ifstream on_disk(files[0], std::ios::binary);
    std::string magic(8, '\0');
    on_disk.read(magic.data(), 8);
    EXPECT_EQ(magic, "MKZSEAL1");
    EXPECT_THROW((void)analyze_wav(files[0]), std::runtime_error) << "no audio in the clear";

    // The supervisor plays it: the caller's 440 Hz left, the agent's 1000 Hz right.
    const Reply played = d.supervisor.get("/api/v1/call-records/" + id + "/recording");
    ASSERT_EQ(played.status, 200U) << played.body;
    const auto heard = d.server.dir() / "played.wav";
    std::ofstream(heard, std::ios::binary) << played.body;
    const WavAnalysis recording = analyze_wav(heard);
    EXPECT_GE(recording.duration_seconds, 2.5);
    EXPECT_GT(tone_share(heard, 0, 440), 0.8);
    EXPECT_GT(tone_share(heard, 1, 1000), 0.8);
    const Reply part = d.supervisor.send("GET", "/api/v1/call-records/" + id + "/recording", "",
                                         {{"Range", "bytes=40000-40999"}});
    ASSERT_EQ(part.status, 206U);
    EXPECT_EQ(part.body, played.body.substr(40000, 1000));
    std::filesystem::remove(key);
}

/// A caller at `caller_ptime` dials the queue; the agent at `agent_ptime` answers; each
/// hears the other's tone, and the recording has the caller left and the agent right.
void talk_at(std::chrono::milliseconds caller_ptime, std::chrono::milliseconds agent_ptime) {
    MarkazServer server{desk_config(0)};
    BaresipPhone agent{
        extension_phone(server, "1001", 1000, AnswerMode::Auto, agent_ptime, {"PCMU"})};
    BaresipPhone caller{
        extension_phone(server, "1003", 440, AnswerMode::Manual, caller_ptime, {"PCMA"})};
    agent.wait_until_registered();
    caller.wait_until_registered();
    ASSERT_TRUE(server.wait_for_log("agent a1001: not-ready -> available")) << server.log_tail();

    caller.dial(server.uri("200"));
    agent.wait_for(ev::kCallEstablished, 10s);
    std::this_thread::sleep_for(3s);
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    agent.wait_for(ev::kCallClosed);

    WavAnalysis agent_heard = analyze_wav(agent.last_recording().heard);
    EXPECT_NEAR(agent_heard.channels[0].dominant_hz, 440, 5);
    EXPECT_GT(agent_heard.channels[0].dominant_share, 0.8) << "a clean tone, not chopped";
    ASSERT_TRUE(server.wait_for_log("ended: answered")) << server.log_tail();
    std::this_thread::sleep_for(300ms);  // the recording closes on the worker's next tick
    auto files = server.recordings();
    ASSERT_EQ(files.size(), 1u) << server.log_tail();
    WavAnalysis recording = analyze_wav(files[0]);
    ASSERT_EQ(recording.channel_count, 2);
    EXPECT_NEAR(recording.channels[0].dominant_hz, 440, 5);  // the caller, left
    EXPECT_GT(recording.channels[0].dominant_share, 0.8);
    EXPECT_GT(recording.channels[0].rms_dbfs, -30.0) << "the caller is not silent";
    EXPECT_NEAR(recording.channels[1].dominant_hz, 1000, 5);  // the agent, right
    EXPECT_GT(recording.channels[1].dominant_share, 0.8);
    // What the caller heard of the agent, once the queue's music gave way.
    EXPECT_GT(tone_share(caller.last_recording().heard, 0, 1000, 10), 0.3);
}

TEST(CallControl, PhonesAtThirtyMillisecondPacketsAreHeardAndRecorded) {
    talk_at(30ms, 30ms);
}

TEST(CallControl, ACallerAtThirtyMillisecondsTalksToAnAgentAtTwenty) {
    talk_at(30ms, 20ms);
}

}  // namespace
}  // namespace markaz::integration
