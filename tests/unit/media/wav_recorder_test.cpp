#include "media/wav_recorder.h"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include "unit/media/test_files.h"

namespace markaz::media {
namespace {

using test::read_sound_file;
using test::TempDir;

constexpr std::int16_t kSecret = 12345;  // stands for card digits spoken while paused

/// Caller and agent sample of frame `i`: distinct, never zero, never kSecret.
std::int16_t caller_sample(std::size_t i) {
    return static_cast<std::int16_t>(i % 1000 + 1);
}
std::int16_t agent_sample(std::size_t i) {
    return static_cast<std::int16_t>(-static_cast<int>(i % 1000) - 1);
}

/// Writes `blocks` 20 ms blocks of the caller/agent pattern, numbering frames from `first`.
void write_blocks(WavRecorder& recorder, int blocks, std::size_t first = 0) {
    std::vector<std::int16_t> caller(kFrameSamples);
    std::vector<std::int16_t> agent(kFrameSamples);
    for (int b = 0; b < blocks; ++b) {
        for (std::size_t i = 0; i < kFrameSamples; ++i) {
            const std::size_t frame = first + static_cast<std::size_t>(b) * kFrameSamples + i;
            caller[i] = caller_sample(frame);
            agent[i] = agent_sample(frame);
        }
        const auto written = recorder.write(caller, agent);
        ASSERT_TRUE(written) << written.error().message;
    }
}

/// Writes `blocks` blocks in which both sides say only kSecret.
void write_secret(WavRecorder& recorder, int blocks) {
    const std::vector<std::int16_t> secret(kFrameSamples, kSecret);
    for (int b = 0; b < blocks; ++b) {
        ASSERT_TRUE(recorder.write(secret, secret));
    }
}

WavRecorder create(const std::string& path, WavRecorderOptions options = {}) {
    auto recorder = WavRecorder::create(path, options);
    EXPECT_TRUE(recorder) << recorder.error().message;
    return std::move(*recorder);
}

/// Checks that frames [from, to) of `file` hold the pattern numbered from `pattern_first`.
void expect_pattern(const test::SoundFile& file, std::size_t from, std::size_t to,
                    std::size_t pattern_first = 0) {
    for (std::size_t f = from; f < to; ++f) {
        ASSERT_EQ(file.at(f, 0), caller_sample(pattern_first + f - from)) << "left, frame " << f;
        ASSERT_EQ(file.at(f, 1), agent_sample(pattern_first + f - from)) << "right, frame " << f;
    }
}

bool contains_secret(const test::SoundFile& file) {
    for (const auto sample : file.samples) {
        if (sample == kSecret) {
            return true;
        }
    }
    return false;
}

TEST(WavRecorder, NormalCloseGivesACompleteStereoFile) {
    TempDir dir;
    const std::string path = dir.file("call.wav");
    auto recorder = create(path);
    write_blocks(recorder, 119);  // 2.38 s: not a whole number of flushes
    EXPECT_EQ(recorder.frames(), 119u * kFrameSamples);
    ASSERT_TRUE(recorder.close());

    const auto file = read_sound_file(path);
    ASSERT_TRUE(file.opened);
    EXPECT_EQ(file.info.frames, 119 * 160);
    EXPECT_EQ(file.info.channels, 2);
    EXPECT_EQ(file.info.samplerate, 8000);
    EXPECT_EQ(file.info.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
    expect_pattern(file, 0, 119 * 160);  // caller left, agent right
    EXPECT_EQ(std::filesystem::file_size(path), 44u + 119u * 160u * 4u);
}

TEST(WavRecorder, OpenFileIsPlayableUpToTheLastSecond) {
    TempDir dir;
    const std::string path = dir.file("live.wav");
    auto recorder = create(path);
    write_blocks(recorder, 75);  // 1.5 s
    auto file = read_sound_file(path);
    ASSERT_TRUE(file.opened);
    EXPECT_EQ(file.info.frames, 8000);
    expect_pattern(file, 0, 8000);

    write_blocks(recorder, 25, 75 * kFrameSamples);  // 2.0 s
    file = read_sound_file(path);
    EXPECT_EQ(file.info.frames, 16000);
    expect_pattern(file, 0, 16000);
}

TEST(WavRecorder, KilledProcessLeavesAPlayableFileUpToTheLastSecond) {
    TempDir dir;
    const std::string path = dir.file("crash.wav");
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        auto recorder = WavRecorder::create(path);
        if (!recorder) {
            ::_exit(3);
        }
        std::vector<std::int16_t> caller(kFrameSamples);
        std::vector<std::int16_t> agent(kFrameSamples);
        for (std::size_t b = 0; b < 125; ++b) {  // 2.5 s, then die without closing
            for (std::size_t i = 0; i < kFrameSamples; ++i) {
                caller[i] = caller_sample(b * kFrameSamples + i);
                agent[i] = agent_sample(b * kFrameSamples + i);
            }
            if (!recorder->write(caller, agent)) {
                ::_exit(4);
            }
        }
        ::kill(::getpid(), SIGKILL);
        ::_exit(5);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
    EXPECT_EQ(WTERMSIG(status), SIGKILL);

    const auto file = read_sound_file(path);
    ASSERT_TRUE(file.opened);
    EXPECT_EQ(file.info.frames, 16000);  // the last half second was still in memory
    EXPECT_EQ(file.info.channels, 2);
    expect_pattern(file, 0, 16000);
}

TEST(WavRecorder, PauseWritesSilenceByDefault) {
    TempDir dir;
    const std::string path = dir.file("paused.wav");
    auto recorder = create(path);
    write_blocks(recorder, 50);
    recorder.pause();
    EXPECT_TRUE(recorder.paused());
    write_secret(recorder, 50);
    recorder.resume();
    write_blocks(recorder, 50, 50 * kFrameSamples);
    ASSERT_TRUE(recorder.close());

    const auto file = read_sound_file(path);
    ASSERT_EQ(file.info.frames, 24000);  // the call's length: positions match call time
    expect_pattern(file, 0, 8000);
    for (std::size_t f = 8000; f < 16000; ++f) {
        ASSERT_EQ(file.at(f, 0), 0) << f;
        ASSERT_EQ(file.at(f, 1), 0) << f;
    }
    expect_pattern(file, 16000, 24000, 8000);
    EXPECT_FALSE(contains_secret(file));
}

TEST(WavRecorder, PauseCanSkipThePausedTime) {
    TempDir dir;
    const std::string path = dir.file("skipped.wav");
    auto recorder = create(path, {.pause_mode = PauseMode::Skip});
    write_blocks(recorder, 50);
    recorder.pause();
    write_secret(recorder, 50);
    recorder.resume();
    write_blocks(recorder, 50, 50 * kFrameSamples);
    ASSERT_TRUE(recorder.close());

    const auto file = read_sound_file(path);
    ASSERT_EQ(file.info.frames, 16000);
    expect_pattern(file, 0, 16000);  // the two spoken parts, back to back
    EXPECT_FALSE(contains_secret(file));
}

TEST(WavRecorder, SecretNeverReachesTheFileBytes) {
    // Belt and braces for PCI: scan the raw file, not only what a WAV reader shows.
    TempDir dir;
    const std::string path = dir.file("raw.wav");
    auto recorder = create(path, {.flush_frames = 160});
    write_blocks(recorder, 3);
    recorder.pause();
    write_secret(recorder, 30);
    recorder.resume();
    ASSERT_TRUE(recorder.close());
    std::ifstream in(path, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
    for (std::size_t i = 44; i + 1 < bytes.size(); i += 2) {
        const auto sample = static_cast<std::int16_t>(
            static_cast<std::uint8_t>(bytes[i]) | (static_cast<std::uint8_t>(bytes[i + 1]) << 8));
        ASSERT_NE(sample, kSecret) << "byte offset " << i;
    }
}

TEST(WavRecorder, SmallerFlushIntervalBoundsTheLossFurther) {
    TempDir dir;
    const std::string path = dir.file("fine.wav");
    auto recorder = create(path, {.flush_frames = 1600});  // every 200 ms
    write_blocks(recorder, 15);                            // 300 ms
    EXPECT_EQ(read_sound_file(path).info.frames, 1600);
}

TEST(WavRecorder, MismatchedChannelsAreRefused) {
    TempDir dir;
    auto recorder = create(dir.file("bad.wav"));
    const std::vector<std::int16_t> caller(160);
    const std::vector<std::int16_t> agent(159);
    const auto result = recorder.write(caller, agent);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::InvalidArgument);
    EXPECT_EQ(recorder.frames(), 0u);
}

TEST(WavRecorder, NeverOverwritesAnExistingRecording) {
    TempDir dir;
    const std::string path = dir.file("once.wav");
    auto first = create(path);
    write_blocks(first, 50);
    ASSERT_TRUE(first.close());
    const auto second = WavRecorder::create(path);
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, Errc::Conflict);
    EXPECT_EQ(read_sound_file(path).info.frames, 8000);
}

TEST(WavRecorder, UnwritablePathIsAnError) {
    TempDir dir;
    const std::string path = dir.file("no-such-dir/call.wav");
    const auto recorder = WavRecorder::create(path);
    ASSERT_FALSE(recorder);
    EXPECT_EQ(recorder.error().code, Errc::Unavailable);
    EXPECT_EQ(recorder.error().message, "recording " + path + ": No such file or directory");
}

TEST(WavRecorder, ZeroFlushIntervalIsRefused) {
    TempDir dir;
    const auto recorder = WavRecorder::create(dir.file("x.wav"), {.flush_frames = 0});
    ASSERT_FALSE(recorder);
    EXPECT_EQ(recorder.error().code, Errc::InvalidArgument);
}

TEST(WavRecorder, WriteAfterCloseIsAnErrorAndCloseIsIdempotent) {
    TempDir dir;
    auto recorder = create(dir.file("closed.wav"));
    ASSERT_TRUE(recorder.close());
    EXPECT_TRUE(recorder.close());
    const std::vector<std::int16_t> frame(160);
    EXPECT_FALSE(recorder.write(frame, frame));
}

TEST(WavRecorder, EmptyRecordingIsAValidFile) {
    TempDir dir;
    const std::string path = dir.file("empty.wav");
    auto recorder = create(path);
    ASSERT_TRUE(recorder.close());
    const auto file = read_sound_file(path);
    ASSERT_TRUE(file.opened);
    EXPECT_EQ(file.info.frames, 0);
}

TEST(WavRecorder, DestructorAndMoveFinishTheFile) {
    TempDir dir;
    const std::string path = dir.file("moved.wav");
    {
        auto recorder = create(path);
        write_blocks(recorder, 10);
        WavRecorder moved = std::move(recorder);
        write_blocks(moved, 10, 10 * kFrameSamples);
        EXPECT_EQ(moved.frames(), 20u * kFrameSamples);
    }  // no close(): the destructor of `moved` finishes the file; `recorder` owns nothing
    const auto file = read_sound_file(path);
    ASSERT_EQ(file.info.frames, 20 * 160);
    expect_pattern(file, 0, 20 * 160);
}

}  // namespace
}  // namespace markaz::media
