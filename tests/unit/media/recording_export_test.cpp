// Recordings shared as Ogg Opus and MP3: decoded again by libsndfile, each keeps both channels
// and what was said on each (the caller's 440 Hz left, the agent's 1000 Hz right) apart, in a
// fraction of the WAV's size.

#include "media/recording_export.h"

#include <cmath>
#include <fstream>
#include <vector>

#include <gtest/gtest.h>

#include "media/wav_recorder.h"
#include "unit/media/test_files.h"
#include "unit/media/tone_analysis.h"

namespace markaz::media {
namespace {

class RecordingExportTest : public ::testing::TestWithParam<ExportFormat> {
protected:
    void SetUp() override {
        wav = dir.file("call.wav");
        std::vector<std::int16_t> caller(24000);
        std::vector<std::int16_t> agent(24000);
        for (std::size_t i = 0; i < caller.size(); ++i) {
            const double t = static_cast<double>(i) / 8000.0;
            caller[i] = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 440 * t));
            agent[i] = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 1000 * t));
        }
        auto recorder = WavRecorder::create(wav);
        ASSERT_TRUE(recorder) << recorder.error().message;
        ASSERT_TRUE(recorder->write(caller, agent));
        ASSERT_TRUE(recorder->close());
    }
    test::TempDir dir;
    std::string wav;
};

TEST_P(RecordingExportTest, BothSidesAreHeardAfterDecoding) {
    auto encoded = export_recording(wav, GetParam());
    ASSERT_TRUE(encoded) << encoded.error().message;
    // 3 s of 8 kHz stereo: Opus about 44 kbit/s, MP3 64 (the WAV is 256).
    EXPECT_LT(encoded->size(),
              std::filesystem::file_size(wav) / (GetParam() == ExportFormat::Opus ? 5 : 3));
    const std::string copy = dir.file("copy");
    std::ofstream(copy, std::ios::binary) << *encoded;
    const test::SoundFile decoded = test::read_sound_file(copy);
    ASSERT_TRUE(decoded.opened);
    EXPECT_EQ(decoded.info.channels, 2);
    EXPECT_EQ(decoded.info.format & SF_FORMAT_TYPEMASK,
              GetParam() == ExportFormat::Opus ? SF_FORMAT_OGG : SF_FORMAT_MPEG);
    // A second from the middle of each channel (the codecs' delay and ramp-up left aside).
    const auto rate = static_cast<std::size_t>(decoded.info.samplerate);
    ASSERT_GE(decoded.samples.size() / 2, 2 * rate);
    std::vector<std::int16_t> left;
    std::vector<std::int16_t> right;
    for (std::size_t f = rate; f < 2 * rate; ++f) {
        left.push_back(decoded.at(f, 0));
        right.push_back(decoded.at(f, 1));
    }
    const double sample_rate = static_cast<double>(rate);
    EXPECT_NEAR(test::dominant_frequency(left, 100, 3900, 10, sample_rate), 440, 10);
    EXPECT_NEAR(test::dominant_frequency(right, 100, 3900, 10, sample_rate), 1000, 10);
}

INSTANTIATE_TEST_SUITE_P(Formats, RecordingExportTest,
                         ::testing::Values(ExportFormat::Opus, ExportFormat::Mp3));

TEST(RecordingExport, NoRecordingNoExport) {
    auto encoded = export_recording("/nonexistent/call.wav", ExportFormat::Opus);
    ASSERT_FALSE(encoded);
    EXPECT_EQ(encoded.error().code, Errc::NotFound);
}

}  // namespace
}  // namespace markaz::media
