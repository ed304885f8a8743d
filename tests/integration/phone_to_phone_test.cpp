// Two real baresip phones calling each other directly (no registrar, no Markaz): proves the
// phone harness, the ctrl_tcp events and commands, and the audio checks that Markaz's own
// integration tests build on.
#include <thread>

#include <gtest/gtest.h>

#include "support/baresip_phone.h"
#include "support/sipsak.h"
#include "support/wav_analysis.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;
namespace ev = baresip_event;

PhoneOptions tone_phone(std::string user, int frequency_hz,
                        AnswerMode answer_mode = AnswerMode::Manual) {
    PhoneOptions options;
    options.user = std::move(user);
    options.audio = SineTone{frequency_hz};
    options.answer_mode = answer_mode;
    return options;
}

/// caller dials callee, callee answers on CALL_INCOMING, and RTP flows both ways.
void connect_call(BaresipPhone& caller, BaresipPhone& callee) {
    caller.dial(callee.uri());
    callee.wait_for(ev::kCallIncoming);
    callee.answer();
    caller.wait_for(ev::kCallEstablished);
    callee.wait_for(ev::kCallEstablished);
    caller.wait_for(ev::kCallRtpEstablished);
    callee.wait_for(ev::kCallRtpEstablished);
}

/// Hangs up on `by` and waits until both phones report the call closed.
void end_call(BaresipPhone& by, BaresipPhone& other) {
    by.hangup();
    by.wait_for(ev::kCallClosed);
    other.wait_for(ev::kCallClosed);
}

void expect_tone(const std::filesystem::path& wav, double frequency_hz, double min_seconds) {
    SCOPED_TRACE(wav.string());
    const WavAnalysis analysis = analyze_wav(wav);
    ASSERT_EQ(analysis.channel_count, 1);
    EXPECT_EQ(analysis.sample_rate, 8000);  // PCMU/PCMA decode to 8 kHz
    EXPECT_GE(analysis.duration_seconds, min_seconds);
    EXPECT_NEAR(analysis.channels[0].dominant_hz, frequency_hz, 5.0);
    EXPECT_GT(analysis.channels[0].dominant_share, 0.9);
    EXPECT_GT(analysis.channels[0].rms_dbfs, -20.0);
}

TEST(PhoneToPhone, EachPhoneHearsTheOtherPhonesTone) {
    BaresipPhone a{tone_phone("1001", 440)};
    BaresipPhone b{tone_phone("1002", 1000)};

    a.dial(b.uri());
    const auto incoming = b.wait_for(ev::kCallIncoming);
    EXPECT_EQ(incoming.value("peeruri", ""), a.aor());
    EXPECT_EQ(incoming.value("direction", ""), "incoming");
    a.wait_for(ev::kCallRinging);
    b.answer();
    const auto established = a.wait_for(ev::kCallEstablished);
    EXPECT_EQ(established.value("direction", ""), "outgoing");
    EXPECT_EQ(established.value("id", ""), incoming.value("id", "")) << "one call, one Call-ID";
    b.wait_for(ev::kCallEstablished);
    a.wait_for(ev::kCallRtpEstablished);
    b.wait_for(ev::kCallRtpEstablished);

    std::this_thread::sleep_for(2s);  // two seconds of audio each way
    end_call(a, b);

    const CallRecording at_a = a.last_recording();
    const CallRecording at_b = b.last_recording();
    expect_tone(at_a.heard, 1000, 1.5);
    expect_tone(at_a.sent, 440, 1.5);
    expect_tone(at_b.heard, 440, 1.5);
    expect_tone(at_b.sent, 1000, 1.5);
}

TEST(PhoneToPhone, AutoAnswerPhoneAnswersByItself) {
    BaresipPhone a{tone_phone("1001", 440)};
    BaresipPhone b{tone_phone("1002", 1000, AnswerMode::Auto)};

    a.dial(b.uri());
    a.wait_for(ev::kCallEstablished);
    b.wait_for(ev::kCallEstablished);  // baresip sends no CALL_INCOMING in auto mode

    end_call(b, a);
    const auto closed = a.event_history().back();
    EXPECT_EQ(event_type(closed), ev::kCallClosed);
    EXPECT_EQ(closed.value("param", ""), "Connection reset by peer");
}

TEST(PhoneToPhone, DtmfArrivesAsRfc4733Events) {
    BaresipPhone a{tone_phone("1001", 440)};
    BaresipPhone b{tone_phone("1002", 1000)};
    connect_call(a, b);

    a.send_dtmf("123#*");
    EXPECT_EQ(b.receive_dtmf(5), "123#*");
    a.send_dtmf("0");
    EXPECT_EQ(b.receive_dtmf(1), "0");
    b.wait_for(ev::kCallDtmfEnd);

    end_call(a, b);
}

TEST(PhoneToPhone, HoldAndResumeReInviteThePeerAndKeepTheCall) {
    BaresipPhone a{tone_phone("1001", 440)};
    BaresipPhone b{tone_phone("1002", 1000)};
    connect_call(a, b);
    b.discard_pending_events();

    a.hold();
    EXPECT_EQ(b.wait_for(ev::kCallRemoteSdp).value("param", ""), "offer");
    a.resume();
    EXPECT_EQ(b.wait_for(ev::kCallRemoteSdp).value("param", ""), "offer");

    EXPECT_FALSE(b.try_wait_for(ev::kCallClosed, 500ms)) << "hold must not end the call";
    EXPECT_NE(a.command("listcalls").data.find("ESTABLISHED"), std::string::npos);
    end_call(b, a);
}

TEST(PhoneToPhone, CalleeRejectingARingingCallClosesItForTheCaller) {
    BaresipPhone a{tone_phone("1001", 440)};
    BaresipPhone b{tone_phone("1002", 1000)};

    a.dial(b.uri());
    b.wait_for(ev::kCallIncoming);
    a.wait_for(ev::kCallRinging);
    b.hangup();

    const auto closed = a.wait_for(ev::kCallClosed);
    EXPECT_NE(closed.value("param", "").find("486"), std::string::npos) << closed.dump();
    b.wait_for(ev::kCallClosed);
}

TEST(PhoneToPhone, CallToAnUnknownUserFails) {
    BaresipPhone a{tone_phone("1001", 440)};
    BaresipPhone b{tone_phone("1002", 1000)};

    a.dial("sip:9999@127.0.0.1:" + std::to_string(b.sip_port()));

    const auto closed = a.wait_for(ev::kCallClosed);
    EXPECT_NE(closed.value("param", "").find("404"), std::string::npos) << closed.dump();
    EXPECT_FALSE(b.try_wait_for(ev::kCallIncoming, 200ms));
}

TEST(PhoneToPhone, TcpPhonesTalk) {
    PhoneOptions a_options = tone_phone("1001", 440);
    PhoneOptions b_options = tone_phone("1002", 1000);
    b_options.transport = SipTransport::Tcp;
    BaresipPhone a{a_options};
    BaresipPhone b{b_options};
    ASSERT_NE(b.uri().find(";transport=tcp"), std::string::npos);

    connect_call(a, b);
    std::this_thread::sleep_for(1s);
    end_call(a, b);

    expect_tone(b.last_recording().heard, 440, 0.5);
}

TEST(PhoneToPhone, WavFileSourceIsHeardAndItsEndHangsUp) {
    const auto dir = make_temp_dir("markaz-wav-source");
    const auto prompt = dir / "prompt.wav";
    write_tone_wav(prompt, 8000, {700.0}, 2.0);
    PhoneOptions a_options = tone_phone("1001", 440);
    a_options.audio = WavFile{prompt};
    BaresipPhone a{a_options};
    BaresipPhone b{tone_phone("1002", 1000, AnswerMode::Auto)};

    a.dial(b.uri());
    a.wait_for(ev::kCallEstablished);
    // aufile hangs up when the file ends: AUDIO_ERROR "0,end of file", then CALL_CLOSED.
    EXPECT_EQ(a.wait_for(ev::kAudioError).value("param", ""), "0,end of file");
    EXPECT_EQ(a.wait_for(ev::kCallClosed).value("param", ""), "end of file");
    b.wait_for(ev::kCallClosed);

    expect_tone(b.last_recording().heard, 700, 1.0);
    std::filesystem::remove_all(dir);
}

TEST(Sipsak, OptionsToAPhoneGets200) {
    BaresipPhone b{tone_phone("1002", 1000)};

    const SipsakResult result = sipsak_options(b.uri());

    EXPECT_EQ(result.exit_code, 0) << result.command_line << "\n" << result.output;
    EXPECT_EQ(result.final_status, 200) << result.output;
    EXPECT_NE(result.output.find("Server: baresip"), std::string::npos) << result.output;
}

TEST(Sipsak, OptionsToAClosedPortTimesOut) {
    const SipsakResult result =
        run_sipsak({"-H", "127.0.0.1", "-D", "1", "-s", "sip:nobody@127.0.0.1:9"});
    EXPECT_EQ(result.exit_code, 3) << result.output;
    EXPECT_FALSE(result.final_status);
}

}  // namespace
}  // namespace markaz::integration
