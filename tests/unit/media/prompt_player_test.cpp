// Prompts are written with libsndfile in formats and rates phones and studios produce, then
// loaded and checked at 8 kHz by length and by the frequencies they contain (Goertzel).

#include "media/prompt_player.h"

#include <array>
#include <cmath>
#include <fstream>
#include <numbers>
#include <vector>

#include <gtest/gtest.h>

#include "unit/media/test_files.h"
#include "unit/media/tone_analysis.h"

namespace markaz::media {
namespace {

using test::dominant_frequency;
using test::goertzel_power;
using test::mean_power;
using test::TempDir;
using test::write_sound_file;

/// `seconds` of interleaved float audio: channel c is the sum of its (frequency, amplitude)s.
std::vector<float> tones(int rate, double seconds,
                         const std::vector<std::vector<std::pair<double, double>>>& channels) {
    const auto frames = static_cast<std::size_t>(rate * seconds);
    std::vector<float> samples(frames * channels.size());
    for (std::size_t f = 0; f < frames; ++f) {
        for (std::size_t c = 0; c < channels.size(); ++c) {
            double v = 0.0;
            for (const auto& [frequency, amplitude] : channels[c]) {
                v += amplitude *
                     std::sin(2.0 * std::numbers::pi * frequency * static_cast<double>(f) / rate);
            }
            samples[f * channels.size() + c] = static_cast<float>(v);
        }
    }
    return samples;
}

std::shared_ptr<const Prompt> load(const std::string& path) {
    auto prompt = Prompt::load(path);
    EXPECT_TRUE(prompt) << prompt.error().message;
    return prompt ? *prompt : Prompt::from_samples({});
}

/// The middle of the prompt, away from the resampler's edges.
std::span<const std::int16_t> middle(const Prompt& prompt) {
    const auto s = prompt.samples();
    return s.subspan(s.size() / 4, s.size() / 2);
}

TEST(Prompt, Stereo16kHzBecomesMono8kHz) {
    TempDir dir;
    const std::string path = dir.file("hello.wav");
    ASSERT_TRUE(write_sound_file(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 2,
                                 tones(16000, 1.0, {{{1000, 0.5}}, {{1000, 0.5}}})));
    const auto prompt = load(path);
    EXPECT_NEAR(static_cast<double>(prompt->samples().size()), 8000.0, 2.0);
    EXPECT_EQ(prompt->duration(), Duration{1000});
    EXPECT_EQ(dominant_frequency(middle(*prompt)), 1000.0);
    // A sine of amplitude 0.5 has mean power 0.125; both channels agree, so none is lost.
    EXPECT_NEAR(mean_power(middle(*prompt)), 0.125, 0.005);
}

TEST(Prompt, ChannelsAreAveraged) {
    TempDir dir;
    const std::string path = dir.file("left-only.wav");
    ASSERT_TRUE(write_sound_file(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 2,
                                 tones(8000, 0.5, {{{600, 0.8}}, {}})));
    const auto prompt = load(path);
    EXPECT_EQ(dominant_frequency(middle(*prompt)), 600.0);
    EXPECT_NEAR(mean_power(middle(*prompt)), 0.08, 0.003);  // (0.8 / 2)^2 / 2
}

TEST(Prompt, FrequenciesAbove4kHzAreFilteredNotFolded) {
    // 5 kHz would alias to 3 kHz with naive decimation; the sinc converter removes it.
    TempDir dir;
    const std::string path = dir.file("alias.wav");
    ASSERT_TRUE(write_sound_file(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1,
                                 tones(16000, 1.0, {{{500, 0.4}, {5000, 0.4}}})));
    const auto prompt = load(path);
    const auto m = middle(*prompt);
    EXPECT_EQ(dominant_frequency(m), 500.0);
    EXPECT_GT(goertzel_power(m, 500), 1000 * goertzel_power(m, 3000));
}

TEST(Prompt, FloatWavAt44100) {
    TempDir dir;
    const std::string path = dir.file("studio.wav");
    ASSERT_TRUE(write_sound_file(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 44100, 1,
                                 tones(44100, 2.0, {{{440, 0.3}}})));
    const auto prompt = load(path);
    EXPECT_NEAR(static_cast<double>(prompt->samples().size()), 16000.0, 2.0);
    EXPECT_EQ(dominant_frequency(middle(*prompt)), 440.0);
}

TEST(Prompt, TelephonyFormatsAndFlac) {
    TempDir dir;
    const auto audio = tones(8000, 0.5, {{{1200, 0.5}}});
    for (const int format : {SF_FORMAT_WAV | SF_FORMAT_ALAW, SF_FORMAT_WAV | SF_FORMAT_ULAW,
                             SF_FORMAT_FLAC | SF_FORMAT_PCM_16}) {
        const std::string path = dir.file("prompt-" + std::to_string(format));
        ASSERT_TRUE(write_sound_file(path, format, 8000, 1, audio)) << format;
        const auto prompt = load(path);
        EXPECT_EQ(prompt->samples().size(), 4000u) << format;
        EXPECT_EQ(dominant_frequency(middle(*prompt)), 1200.0) << format;
    }
}

TEST(Prompt, EightKilohertzPcmIsCopiedExactly) {
    TempDir dir;
    const std::string path = dir.file("exact.wav");
    std::vector<float> ramp(800);
    for (std::size_t i = 0; i < ramp.size(); ++i) {
        ramp[i] = static_cast<float>(static_cast<int>(i) * 40 - 16000) / 32768.0f;
    }
    ASSERT_TRUE(write_sound_file(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, ramp));
    const auto prompt = load(path);
    ASSERT_EQ(prompt->samples().size(), 800u);
    for (std::size_t i = 0; i < 800; ++i) {
        ASSERT_EQ(prompt->samples()[i], static_cast<int>(i) * 40 - 16000) << i;
    }
}

TEST(Prompt, Errors) {
    TempDir dir;
    const auto missing = Prompt::load(dir.file("nope.wav"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::NotFound);
    EXPECT_EQ(missing.error().message,
              "prompt " + dir.file("nope.wav") + ": No such file or directory");

    const std::string text = dir.file("notes.wav");
    std::ofstream(text) << "this is not audio\n";
    const auto garbage = Prompt::load(text);
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().code, Errc::InvalidArgument);
    EXPECT_EQ(garbage.error().message.rfind("prompt " + text + ": ", 0), 0u)
        << garbage.error().message;
}

std::shared_ptr<const Prompt> counting(std::size_t n) {
    std::vector<std::int16_t> samples(n);
    for (std::size_t i = 0; i < n; ++i) {
        samples[i] = static_cast<std::int16_t>(i + 1);
    }
    return Prompt::from_samples(std::move(samples));
}

TEST(PromptPlayer, PlaysOnceThenSilence) {
    PromptPlayer player(counting(250));
    std::array<std::int16_t, kFrameSamples> frame{};
    EXPECT_TRUE(player.next_frame(frame));
    EXPECT_EQ(frame[0], 1);
    EXPECT_EQ(frame[159], 160);
    EXPECT_FALSE(player.finished());
    EXPECT_TRUE(player.next_frame(frame));  // 90 samples, then padding
    EXPECT_EQ(frame[89], 250);
    EXPECT_EQ(frame[90], 0);
    EXPECT_EQ(frame[159], 0);
    EXPECT_TRUE(player.finished());
    frame.fill(7);
    EXPECT_FALSE(player.next_frame(frame));
    EXPECT_EQ(frame[0], 0);
    player.rewind();
    EXPECT_FALSE(player.finished());
    EXPECT_TRUE(player.next_frame(frame));
    EXPECT_EQ(frame[0], 1);
}

TEST(PromptPlayer, LoopsWithoutAGap) {
    PromptPlayer player(counting(250), /*loop=*/true);
    std::array<std::int16_t, kFrameSamples> frame{};
    for (std::size_t f = 0; f < 20; ++f) {
        ASSERT_TRUE(player.next_frame(frame));
        for (std::size_t i = 0; i < kFrameSamples; ++i) {
            ASSERT_EQ(frame[i], static_cast<int>((f * kFrameSamples + i) % 250 + 1));
        }
    }
    EXPECT_FALSE(player.finished());
}

TEST(PromptPlayer, ShortPromptLoopsSeveralTimesInOneFrame) {
    PromptPlayer player(counting(3), /*loop=*/true);
    std::array<std::int16_t, kFrameSamples> frame{};
    ASSERT_TRUE(player.next_frame(frame));
    EXPECT_EQ(frame[0], 1);
    EXPECT_EQ(frame[3], 1);
    EXPECT_EQ(frame[158], 3);
}

TEST(PromptPlayer, EmptyPromptIsFinishedSilence) {
    PromptPlayer player(Prompt::from_samples({}), /*loop=*/true);
    std::array<std::int16_t, kFrameSamples> frame{};
    frame.fill(5);
    EXPECT_TRUE(player.finished());
    EXPECT_FALSE(player.next_frame(frame));
    EXPECT_EQ(frame[10], 0);
}

TEST(PromptPlayer, MusicOnHoldFromAFile) {
    TempDir dir;
    const std::string path = dir.file("moh.wav");
    ASSERT_TRUE(write_sound_file(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 2,
                                 tones(16000, 0.3, {{{700, 0.5}}, {{700, 0.5}}})));
    PromptPlayer player(load(path), /*loop=*/true);
    std::vector<std::int16_t> played;
    std::array<std::int16_t, kFrameSamples> frame{};
    for (int i = 0; i < 100; ++i) {  // 2 s of a 0.3 s file
        ASSERT_TRUE(player.next_frame(frame));
        played.insert(played.end(), frame.begin(), frame.end());
    }
    EXPECT_EQ(dominant_frequency(played), 700.0);
    EXPECT_NEAR(mean_power(played), 0.125, 0.01);
}

}  // namespace
}  // namespace markaz::media
