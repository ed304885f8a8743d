// Real phones through the real server: `markaz serve` with a test configuration, baresip
// phones registering to it and calling through its B2BUA and media engine.

#include <arpa/inet.h>
#include <array>
#include <atomic>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "media/g711.h"
#include "media/rtp_packet.h"
#include "support/baresip_phone.h"
#include "support/markaz_server.h"
#include "support/ports.h"
#include "support/sipsak.h"
#include "support/wav_analysis.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;
namespace ev = baresip_event;

PhoneOptions extension(const MarkazServer& server, const std::string& number, int tone_hz) {
    PhoneOptions options;
    options.user = number;
    options.password = "secret" + number;
    options.registrar = server.registrar();
    options.audio = SineTone{tone_hz};
    return options;
}

/// Registers both phones, `a` calls `b` through the server, `b` answers.
void call_through(const MarkazServer& server, BaresipPhone& a, BaresipPhone& b) {
    a.wait_until_registered();
    b.wait_until_registered();
    a.dial(server.uri(b.user()));
    b.wait_for(ev::kCallIncoming);
    b.answer();
    a.wait_for(ev::kCallEstablished);
    b.wait_for(ev::kCallEstablished);
}

TEST(MarkazCalls, ExtensionCallsExtensionBothHearAndTheCallIsRecordedInStereo) {
    MarkazServer server;
    BaresipPhone a{extension(server, "1001", 440)};
    BaresipPhone b{extension(server, "1002", 1000)};
    call_through(server, a, b);
    std::this_thread::sleep_for(3s);
    a.hangup();
    a.wait_for(ev::kCallClosed);
    b.wait_for(ev::kCallClosed);

    // Each phone hears the other's tone, through Markaz's media engine.
    EXPECT_NEAR(analyze_wav(a.last_recording().heard).channels[0].dominant_hz, 1000, 5)
        << server.log_tail();
    EXPECT_NEAR(analyze_wav(b.last_recording().heard).channels[0].dominant_hz, 440, 5);

    // Markaz's own recording: stereo, the caller (1001, 440 Hz) left, the callee right.
    std::this_thread::sleep_for(200ms);  // the worker closes the file on its next tick
    auto files = server.recordings();
    ASSERT_EQ(files.size(), 1u) << server.log_tail();
    WavAnalysis recording = analyze_wav(files[0]);
    ASSERT_EQ(recording.channel_count, 2);
    EXPECT_EQ(recording.sample_rate, 8000);
    EXPECT_GE(recording.duration_seconds, 2.0);
    EXPECT_NEAR(recording.channels[0].dominant_hz, 440, 5);
    EXPECT_NEAR(recording.channels[1].dominant_hz, 1000, 5);
    EXPECT_GT(tone_share(files[0], 0, 440), 0.8);
    EXPECT_GT(tone_share(files[0], 1, 1000), 0.8);

    // The recording and the store are nobody else's to read, whatever umask started Markaz
    // (the tests run under 022).
    for (const auto& file : {files[0], server.dir() / "markaz.db"}) {
        struct stat st {};
        ASSERT_EQ(::stat(file.c_str(), &st), 0) << file;
        EXPECT_EQ(st.st_mode & 0037, 0u) << file << " has mode " << std::oct << st.st_mode;
    }
}

TEST(MarkazCalls, TheEchoTestReturnsTheCallersAudio) {
    MarkazServer server;
    BaresipPhone a{extension(server, "1001", 440)};
    a.wait_until_registered();
    a.dial(server.uri("600"));
    a.wait_for(ev::kCallEstablished);
    std::this_thread::sleep_for(2s);
    a.hangup();
    a.wait_for(ev::kCallClosed);
    WavAnalysis heard = analyze_wav(a.last_recording().heard);
    EXPECT_NEAR(heard.channels[0].dominant_hz, 440, 5) << server.log_tail();
    EXPECT_GT(heard.channels[0].rms_dbfs, -30.0);
}

TEST(MarkazCalls, UnroutedNumbersAndAbsentExtensionsAreRefused) {
    MarkazServer server;
    BaresipPhone a{extension(server, "1001", 440)};
    a.wait_until_registered();
    a.dial(server.uri("999"));
    auto closed = a.wait_for(ev::kCallClosed);
    EXPECT_NE(closed.value("param", "").find("404"), std::string::npos) << closed.dump();
    a.dial(server.uri("1003"));  // a known extension that is not registered
    closed = a.wait_for(ev::kCallClosed);
    EXPECT_NE(closed.value("param", "").find("480"), std::string::npos) << closed.dump();
}

TEST(MarkazCalls, BusyAndCancelPassBetweenTheLegs) {
    MarkazServer server;
    BaresipPhone a{extension(server, "1001", 440)};
    BaresipPhone b{extension(server, "1002", 1000)};
    a.wait_until_registered();
    b.wait_until_registered();

    // The callee declines as busy: the caller gets 486.
    a.dial(server.uri("1002"));
    b.wait_for(ev::kCallIncoming);
    b.hangup();  // rejecting a ringing call answers 486 Busy Here
    auto closed = a.wait_for(ev::kCallClosed);
    EXPECT_NE(closed.value("param", "").find("486"), std::string::npos) << closed.dump();
    b.discard_pending_events();

    // The caller gives up while it rings: the callee's phone stops ringing.
    a.dial(server.uri("1002"));
    b.wait_for(ev::kCallIncoming);
    a.hangup();
    a.wait_for(ev::kCallClosed);
    b.wait_for(ev::kCallClosed);
}

TEST(MarkazCalls, ThePromptTestPlaysItsPromptInALoop) {
    std::filesystem::path sounds = make_temp_dir("markaz-sounds");
    write_tone_wav(sounds / "loop.wav", 16000, {700}, 0.5);  // resampled, looped
    MarkazServer server{"", "  loop_prompt: " + (sounds / "loop.wav").string() + "\n"};
    BaresipPhone a{extension(server, "1001", 440)};
    a.wait_until_registered();
    a.dial(server.uri("601"));
    a.wait_for(ev::kCallEstablished);
    std::this_thread::sleep_for(2s);  // four times the prompt's length
    a.hangup();
    a.wait_for(ev::kCallClosed);
    WavAnalysis heard = analyze_wav(a.last_recording().heard);
    EXPECT_GE(heard.duration_seconds, 1.5);
    EXPECT_NEAR(heard.channels[0].dominant_hz, 700, 5) << server.log_tail();
    EXPECT_GT(heard.channels[0].dominant_share, 0.8);
    std::filesystem::remove_all(sounds);
}

TEST(MarkazCalls, HoldPlaysMusicToTheOtherParty) {
    std::filesystem::path sounds = make_temp_dir("markaz-sounds");
    write_tone_wav(sounds / "moh.wav", 8000, {300}, 1.0);
    MarkazServer server{"", "  music_on_hold: " + (sounds / "moh.wav").string() + "\n"};
    BaresipPhone a{extension(server, "1001", 440)};
    BaresipPhone b{extension(server, "1002", 1000)};
    call_through(server, a, b);
    std::this_thread::sleep_for(500ms);
    a.hold();  // re-INVITE with a=sendonly from the caller
    std::this_thread::sleep_for(3s);
    a.hangup();
    a.wait_for(ev::kCallClosed);
    b.wait_for(ev::kCallClosed);
    // The held callee heard mostly the music (300 Hz), not the caller's 440 Hz.
    auto heard = b.last_recording().heard;
    EXPECT_GT(tone_share(heard, 0, 300), 0.5) << server.log_tail();
    EXPECT_LT(tone_share(heard, 0, 440), 0.3);
    std::filesystem::remove_all(sounds);
}

/// Datagrams that are not RTP (or are RTP with nonsense in it) to every port of the server's
/// RTP range (kServerRtpPortMin-Max, see MarkazServer), RTCP ports included.
void spray_garbage_at_rtp_ports() {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    const std::vector<std::string> garbage{
        std::string("\x80", 1),                                // too short
        std::string("\x40\x00\x00\x01garbage-version-1", 20),  // not version 2
        std::string("\xbf\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x01",
                    12),  // 15 CSRCs, none there
        std::string("\xa0\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x01\xff", 13),  // bad padding
        std::string(1400, '\xff')};
    for (int port = kServerRtpPortMin; port <= kServerRtpPortMax; ++port) {
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(static_cast<std::uint16_t>(port));
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        for (const auto& g : garbage) {
            sendto(s, g.data(), g.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
        }
    }
    close(s);
}

TEST(MarkazCalls, GarbageOnTheRtpPortsChangesNothing) {
    MarkazServer server;
    BaresipPhone a{extension(server, "1001", 440)};
    BaresipPhone b{extension(server, "1002", 1000)};
    call_through(server, a, b);
    for (int i = 0; i < 5; ++i) {
        spray_garbage_at_rtp_ports();
        std::this_thread::sleep_for(400ms);
    }
    a.hangup();
    a.wait_for(ev::kCallClosed);
    b.wait_for(ev::kCallClosed);
    EXPECT_TRUE(server.running()) << server.log_tail();
    EXPECT_GT(tone_share(a.last_recording().heard, 0, 1000), 0.8);
    EXPECT_GT(tone_share(b.last_recording().heard, 0, 440), 0.8);
}

/// An attacker on the network (127.0.0.2: a host the phone's SIP never came from): sends a
/// well-formed RTP stream of a 2000 Hz tone to every even port of the server's RTP range, 50
/// rounds a second, and counts the RTP that comes back.
class RtpSprayer {
public:
    RtpSprayer() : socket_(::socket(AF_INET, SOCK_DGRAM, 0)) {
        sockaddr_in from{};
        from.sin_family = AF_INET;
        inet_pton(AF_INET, "127.0.0.2", &from.sin_addr);
        EXPECT_EQ(bind(socket_, reinterpret_cast<sockaddr*>(&from), sizeof from), 0);
        thread_ = std::thread([this] { run(); });
    }
    ~RtpSprayer() {
        stop_ = true;
        thread_.join();
        close(socket_);
    }
    int packets_received() const { return received_; }

private:
    void run() {
        std::array<std::int16_t, 160> tone{};
        std::array<std::uint8_t, 160> payload{};
        std::array<std::uint8_t, 200> datagram{};
        for (std::size_t i = 0; i < tone.size(); ++i) {  // 2000 Hz at 8 kHz: 4 samples a cycle
            tone[i] = static_cast<std::int16_t>(i % 4 == 1 ? 12000 : i % 4 == 3 ? -12000 : 0);
        }
        media::ulaw_encode(tone, payload);
        for (std::uint16_t seq = 0; !stop_; ++seq) {
            std::size_t n = media::write_rtp(media::RtpHeader{false, 0, seq, seq * 160u, 0x5151},
                                             payload, datagram);
            for (int port = kServerRtpPortMin; port < kServerRtpPortMax; port += 2) {
                sockaddr_in to{};
                to.sin_family = AF_INET;
                to.sin_port = htons(static_cast<std::uint16_t>(port));
                to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                sendto(socket_, datagram.data(), n, 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
            }
            std::array<std::uint8_t, 1500> back{};
            while (recv(socket_, back.data(), back.size(), MSG_DONTWAIT) >= 12) {
                ++received_;
            }
            std::this_thread::sleep_for(20ms);
        }
    }
    int socket_;
    std::atomic<bool> stop_{false};
    std::atomic<int> received_{0};
    std::thread thread_;
};

TEST(MarkazCalls, RtpSprayedAtEveryPortWhileACallRingsIsNeitherHeardNorAnswered) {
    // Fails with a first-packet latch: while b rings, the caller's channel knows the caller's
    // address but hears nothing from it yet, so the sprayer's packets were learnt; b then heard
    // the sprayer, and the sprayer heard b.
    MarkazServer server;
    BaresipPhone a{extension(server, "1001", 440)};
    BaresipPhone b{extension(server, "1002", 1000)};
    a.wait_until_registered();
    b.wait_until_registered();
    RtpSprayer attacker;
    a.dial(server.uri("1002"));
    b.wait_for(ev::kCallIncoming);
    std::this_thread::sleep_for(1s);  // ringing
    b.answer();
    a.wait_for(ev::kCallEstablished);
    b.wait_for(ev::kCallEstablished);
    std::this_thread::sleep_for(2s);
    a.hangup();
    a.wait_for(ev::kCallClosed);
    b.wait_for(ev::kCallClosed);
    EXPECT_GT(tone_share(b.last_recording().heard, 0, 440), 0.8) << server.log_tail();
    EXPECT_LT(tone_share(b.last_recording().heard, 0, 2000), 0.05);
    EXPECT_GT(tone_share(a.last_recording().heard, 0, 1000), 0.8);
    EXPECT_EQ(attacker.packets_received(), 0) << "the call's audio was diverted to the attacker";
}

TEST(MarkazCalls, A183WithSdpOpensEarlyMediaToTheCallerBeforeTheAnswer) {
    MarkazServer server;
    BaresipPhone a{extension(server, "1001", 440)};
    PhoneOptions early = extension(server, "1002", 1000);
    // baresip's early mode answers 183 with SDP and never 200. (It does not send audio in
    // early media, so this checks the signalling and that Markaz's stream reaches the caller,
    // not the callee's sound.)
    early.answer_mode = AnswerMode::Early;
    BaresipPhone b{early};
    a.wait_until_registered();
    b.wait_until_registered();
    a.dial(server.uri("1002"));
    a.wait_for(ev::kCallProgress);        // 183 with SDP, passed on by Markaz
    a.wait_for(ev::kCallRtpEstablished);  // RTP from Markaz before anyone answered
    std::this_thread::sleep_for(500ms);
    a.hangup();  // CANCEL: nobody ever answered
    a.wait_for(ev::kCallClosed);
    b.wait_for(ev::kCallClosed);
    for (const auto& event : a.event_history()) {
        EXPECT_NE(event_type(event), ev::kCallEstablished) << "nobody answered";
    }
    EXPECT_TRUE(server.recordings().empty()) << "early media is not a call to record";
}

/// A phone that registers nowhere: it plays a carrier or a PBX behind a trunk.
PhoneOptions peer(const std::string& user, int tone_hz) {
    PhoneOptions options;
    options.user = user;
    options.audio = SineTone{tone_hz};
    return options;
}

TEST(MarkazTrunks, ATrustedPeerCallsInWithoutCredentialsAndAnyoneElseIsChallenged) {
    BaresipPhone carrier{peer("02112345", 700)};
    BaresipPhone stranger{peer("666", 800)};
    // The carrier sends "+981002"-style numbers: strip the 3-character country prefix.
    MarkazServer server{"", "  trunks:\n    - {name: carrier, allow: [\"127.0.0.1:" +
                                std::to_string(carrier.sip_port()) + "\"], strip: 3}\n"};
    BaresipPhone agent{extension(server, "1002", 1000)};
    agent.wait_until_registered();

    carrier.dial(server.uri("+981002"));
    agent.wait_for(ev::kCallIncoming);
    agent.answer();
    carrier.wait_for(ev::kCallEstablished);
    std::this_thread::sleep_for(2s);
    carrier.hangup();
    carrier.wait_for(ev::kCallClosed);
    agent.wait_for(ev::kCallClosed);
    EXPECT_NEAR(analyze_wav(agent.last_recording().heard).channels[0].dominant_hz, 700, 5);
    EXPECT_NEAR(analyze_wav(carrier.last_recording().heard).channels[0].dominant_hz, 1000, 5);

    stranger.dial(server.uri("1002"));  // same host, another port: not the trunk
    auto closed = stranger.wait_for(ev::kCallClosed);
    EXPECT_NE(closed.value("param", "").find("40"), std::string::npos) << closed.dump();

    // A feature code from the trunk (*111001: log agent 1001 in at the caller's number, whose
    // calls would then be dialled out at the centre's expense) is refused, not answered.
    carrier.dial(server.uri("+98*111001"));
    auto refused = carrier.wait_for(ev::kCallClosed);
    EXPECT_NE(refused.value("param", "").find("403"), std::string::npos) << refused.dump();
    EXPECT_TRUE(server.wait_for_log("refused (403)")) << server.log_tail();
}

TEST(MarkazTrunks, AnExtensionDialsOutThroughTheTrunkByItsPrefix) {
    BaresipPhone customer{peer("09121234567", 700)};
    MarkazServer server{"",
                        "  trunks:\n    - {name: out, dial_prefix: \"9\", target: \"127.0.0.1:" +
                            std::to_string(customer.sip_port()) + "\"}\n"};
    BaresipPhone agent{extension(server, "1001", 440)};
    agent.wait_until_registered();
    agent.dial(server.uri("909121234567"));
    customer.wait_for(ev::kCallIncoming);
    customer.answer();
    agent.wait_for(ev::kCallEstablished);
    std::this_thread::sleep_for(2s);
    agent.hangup();
    agent.wait_for(ev::kCallClosed);
    customer.wait_for(ev::kCallClosed);
    EXPECT_NEAR(analyze_wav(customer.last_recording().heard).channels[0].dominant_hz, 440, 5);
    EXPECT_NEAR(analyze_wav(agent.last_recording().heard).channels[0].dominant_hz, 700, 5);
}

TEST(MarkazTrunks, AnExtensionDialsOutOnlyWhatItsClassAllows) {
    BaresipPhone customer{peer("09121234567", 700)};
    MarkazServer server{
        "dial_rules:\n  default_class: agents\n  classes:\n"
        "    agents: {outbound: [\"09XXXXXXXXX\"]}\n",
        "  trunks:\n    - {name: out, dial_prefix: \"9\", target: \"127.0.0.1:" +
            std::to_string(customer.sip_port()) + "\"}\n"};
    BaresipPhone agent{extension(server, "1001", 440)};
    agent.wait_until_registered();
    // The phone's password in the wrong hands: a premium international number.
    agent.dial(server.uri("900882123456789"));
    auto refused = agent.wait_for(ev::kCallClosed);
    EXPECT_NE(refused.value("param", "").find("403"), std::string::npos) << refused.dump();
    EXPECT_TRUE(server.wait_for_log("1001 (class agents) may not dial 00882123456789"))
        << server.log_tail();
    // A mobile number of the country goes out.
    agent.dial(server.uri("909121234567"));
    customer.wait_for(ev::kCallIncoming);
    customer.answer();
    agent.wait_for(ev::kCallEstablished);
    agent.hangup();
    agent.wait_for(ev::kCallClosed);
    int rung = 0;
    for (const auto& event : customer.event_history()) {
        rung += event_type(event) == ev::kCallIncoming ? 1 : 0;
    }
    EXPECT_EQ(rung, 1) << "the trunk saw the national call only";
}

TEST(MarkazCalls, Rfc4733DigitsReachTheServerAsEvents) {
    // Digits are SIP detail: logged at debug.
    MarkazServer server{MarkazServer::Options{.serve_args = {"--log-level", "debug"}}};
    BaresipPhone a{extension(server, "1001", 440)};
    a.wait_until_registered();
    a.dial(server.uri("600"));
    a.wait_for(ev::kCallEstablished);
    std::this_thread::sleep_for(500ms);
    a.send_dtmf("15#");
    std::this_thread::sleep_for(1500ms);
    a.hangup();
    a.wait_for(ev::kCallClosed);
    std::string log = server.log_tail(200);
    for (const char* digit : {"digit 1 (rfc4733)", "digit 5 (rfc4733)", "digit # (rfc4733)"}) {
        EXPECT_NE(log.find(digit), std::string::npos) << digit << "\n" << log;
    }
    // Each key press is one event, not one per RTP packet.
    std::size_t ones = 0;
    for (auto at = log.find("digit 1 (rfc4733)"); at != std::string::npos;
         at = log.find("digit 1 (rfc4733)", at + 1)) {
        ++ones;
    }
    EXPECT_EQ(ones, 1u) << log;
}

/// `markaz serve --log-level LEVEL`, a REGISTER that succeeds and one with a wrong password:
/// the server's log.
std::string log_at(const std::string& level) {
    MarkazServer::Options options;
    options.serve_args = {"--log-level", level};
    MarkazServer server{options};
    const std::string aor = "sip:1001@" + server.registrar();
    EXPECT_EQ(sipsak_register(aor, "secret1001", "sip:1001@127.0.0.1:5999").exit_code, 0);
    EXPECT_NE(sipsak_register(aor, "wrong-password").exit_code, 0);
    EXPECT_TRUE(server.wait_for_log("authentication failed")) << server.log_tail();
    return server.log_text();
}

TEST(MarkazLog, TheLogLevelDecidesWhichLinesAreWritten) {
    const std::string debug = log_at("debug");
    EXPECT_NE(debug.find("debug   sip: registered 1001"), std::string::npos) << debug;
    EXPECT_NE(debug.find("warning sip: authentication failed 1001"), std::string::npos) << debug;
    const std::string warn = log_at("warn");
    EXPECT_EQ(warn.find("registered 1001"), std::string::npos) << warn;  // SIP detail: debug
    EXPECT_EQ(warn.find("info "), std::string::npos) << warn;
    EXPECT_NE(warn.find("warning sip: authentication failed 1001"), std::string::npos) << warn;
}

}  // namespace
}  // namespace markaz::integration
