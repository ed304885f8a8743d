// Who spoke when, from a real stereo WAV written by the recorder: the caller's and the agent's
// tones at known times, a pause short enough to be bridged, a click too short to count, and
// the peaks of each channel in their slices.

#include "media/waveform.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "media/wav_recorder.h"
#include "unit/media/test_files.h"

namespace markaz::media {
namespace {

/// A 1 kHz tone at about -10 dBFS over [from_ms, to_ms) of `samples` at 8 kHz.
void tone(std::vector<std::int16_t>& samples, int from_ms, int to_ms) {
    for (int i = from_ms * 8; i < to_ms * 8; ++i) {
        samples[static_cast<std::size_t>(i)] =
            static_cast<std::int16_t>(10000 * std::sin(2 * M_PI * 1000 * i / 8000.0));
    }
}

class WaveformTest : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("call.wav");
        // Five seconds. Caller: 0-1000 ms, a 100 ms pause, 1100-1600 ms; a 100 ms click at
        // 4000. Agent: 1500-3000 ms (100 ms over the caller's end).
        std::vector<std::int16_t> caller(40000, 0);
        std::vector<std::int16_t> agent(40000, 0);
        tone(caller, 0, 1000);
        tone(caller, 1100, 1600);
        tone(caller, 4000, 4100);
        tone(agent, 1500, 3000);
        auto recorder = WavRecorder::create(path);
        ASSERT_TRUE(recorder) << recorder.error().message;
        ASSERT_TRUE(recorder->write(caller, agent));
        ASSERT_TRUE(recorder->close());
    }
    test::TempDir dir;
    std::string path;
};

TEST_F(WaveformTest, WhoSpokeWhen) {
    auto w = read_waveform(path, 100);
    ASSERT_TRUE(w) << w.error().message;
    EXPECT_EQ(w->duration_ms, 5000);
    ASSERT_EQ(w->speech.size(), 2U) << "the pause is bridged, the click dropped";
    EXPECT_EQ(w->speech[0].side, 0);
    EXPECT_EQ(w->speech[0].from_ms, 0);
    EXPECT_EQ(w->speech[0].to_ms, 1600);
    EXPECT_EQ(w->speech[1].side, 1);
    EXPECT_EQ(w->speech[1].from_ms, 1500);
    EXPECT_EQ(w->speech[1].to_ms, 3000);
    EXPECT_EQ(w->caller_ms, 1600);
    EXPECT_EQ(w->agents_ms, 1500);
    EXPECT_EQ(w->overlap_ms, 100);
    EXPECT_EQ(w->silence_ms, 2000);
}

TEST_F(WaveformTest, PeaksOfEachChannelInTheirSlices) {
    auto w = read_waveform(path, 100);
    ASSERT_TRUE(w);
    ASSERT_EQ(w->caller.size(), 100U);
    ASSERT_EQ(w->agents.size(), 100U);
    // 50 ms slices: the caller speaks in slices 0-19, the agent in 30-59.
    EXPECT_NEAR(w->caller[5], 10000 / 32768.0, 0.01);
    EXPECT_EQ(w->agents[5], 0.0F);
    EXPECT_NEAR(w->agents[40], 10000 / 32768.0, 0.01);
    EXPECT_EQ(w->caller[40], 0.0F);
    EXPECT_EQ(w->caller[99], 0.0F);
}

TEST(Waveform, AFileThatIsNoRecordingIsNotFound) {
    auto w = read_waveform("/nonexistent/call.wav", 100);
    ASSERT_FALSE(w);
    EXPECT_EQ(w.error().code, Errc::NotFound);
}

}  // namespace
}  // namespace markaz::media
