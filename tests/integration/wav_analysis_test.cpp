// The audio checks the integration tests rely on, against files with known content.
#include "support/wav_analysis.h"

#include <cmath>

#include <gtest/gtest.h>

#include "support/child_process.h"

namespace markaz::integration {
namespace {

class WavAnalysisTest : public ::testing::Test {
protected:
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_ = make_temp_dir("markaz-wav-test");
};

TEST_F(WavAnalysisTest, FindsEachChannelsToneAndLevel) {
    const auto file = dir_ / "stereo.wav";
    write_tone_wav(file, 8000, {440.0, 1000.0}, 2.0, 0.5);

    const WavAnalysis analysis = analyze_wav(file);

    EXPECT_EQ(analysis.sample_rate, 8000);
    ASSERT_EQ(analysis.channel_count, 2);
    EXPECT_EQ(analysis.frames, 16000);
    EXPECT_DOUBLE_EQ(analysis.duration_seconds, 2.0);
    EXPECT_NEAR(analysis.channels[0].dominant_hz, 440.0, 1.0);
    EXPECT_NEAR(analysis.channels[1].dominant_hz, 1000.0, 1.0);
    for (const auto& channel : analysis.channels) {
        EXPECT_NEAR(channel.rms, 0.5 / std::sqrt(2.0), 0.01);
        EXPECT_NEAR(channel.rms_dbfs, -9.03, 0.1);
        EXPECT_GT(channel.dominant_share, 0.99);
    }
    EXPECT_GT(tone_share(file, 0, 440.0), 0.99);
    EXPECT_LT(tone_share(file, 0, 1000.0), 0.01);
    EXPECT_GT(tone_share(file, 1, 1000.0), 0.99);
}

TEST_F(WavAnalysisTest, FindsOffGridFrequenciesAt48kHz) {
    const auto file = dir_ / "tone48k.wav";
    write_tone_wav(file, 48000, {1234.5}, 1.0);

    EXPECT_NEAR(analyze_wav(file).channels[0].dominant_hz, 1234.5, 2.0);
}

TEST_F(WavAnalysisTest, SilenceHasNoToneAndMinusInfinityLevel) {
    const auto file = dir_ / "silence.wav";
    write_tone_wav(file, 8000, {440.0}, 1.0, 0.0);

    const ChannelAnalysis channel = analyze_wav(file).channels.at(0);

    EXPECT_EQ(channel.rms, 0.0);
    EXPECT_TRUE(std::isinf(channel.rms_dbfs));
    EXPECT_EQ(channel.dominant_hz, 0.0);
}

TEST_F(WavAnalysisTest, UnreadableFileIsAClearError) {
    try {
        (void)analyze_wav(dir_ / "missing.wav");
        FAIL() << "no exception";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string{error.what()}.find("missing.wav"), std::string::npos);
    }
}

}  // namespace
}  // namespace markaz::integration
