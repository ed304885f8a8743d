// Recordings sealed at rest: the key file's checks, the recorder writing sealed chunks, and the
// reader giving back, byte for byte, the WAV the plain recorder writes for the same audio.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <vector>

#include <gtest/gtest.h>

#include "media/recording_export.h"
#include "media/recording_reader.h"
#include "media/wav_recorder.h"
#include "media/waveform.h"
#include "unit/media/test_files.h"

namespace markaz::media {
namespace {

using test::TempDir;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void spit(const std::string& path, const std::string& bytes, mode_t mode = 0600) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    ::chmod(path.c_str(), mode);
}

std::shared_ptr<const RecordingKey> key_of(std::uint8_t fill) {
    const std::vector<std::uint8_t> bytes(RecordingKey::kBytes, fill);
    return std::make_shared<const RecordingKey>(*RecordingKey::from_bytes(bytes));
}

/// Records `frames` frames of a caller/agent pattern (a 440 Hz and a 1000 Hz tone) into
/// `path`, sealed when `key` is set, in 20 ms blocks; closes unless `close` is false (then the
/// recorder is left as a crash leaves it: the file as it was at the last chunk).
void record(const std::string& path, std::size_t frames, std::shared_ptr<const RecordingKey> key,
            bool close = true) {
    WavRecorderOptions options;
    options.key = std::move(key);
    auto recorder = WavRecorder::create(path, options);
    ASSERT_TRUE(recorder) << recorder.error().message;
    std::vector<std::int16_t> caller(kFrameSamples);
    std::vector<std::int16_t> agent(kFrameSamples);
    for (std::size_t at = 0; at < frames; at += kFrameSamples) {
        const std::size_t n = std::min<std::size_t>(kFrameSamples, frames - at);
        for (std::size_t i = 0; i < n; ++i) {
            const double t = static_cast<double>(at + i) / kMixRate;
            caller[i] = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 440 * t));
            agent[i] = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 1000 * t));
        }
        ASSERT_TRUE(recorder->write(std::span(caller.data(), n), std::span(agent.data(), n)));
    }
    if (close) {
        ASSERT_TRUE(recorder->close());
    } else {
        // What a kill -9 leaves: the file's bytes as they are now, the buffer lost.
        std::filesystem::copy_file(path, path + ".crashed");
    }
}

std::string read_all(RecordingBytes& bytes) {
    std::string out(bytes.size(), '\0');
    auto read = bytes.read(0, out);
    EXPECT_TRUE(read) << (read ? "" : read.error().message);
    return out;
}

TEST(RecordingKey, LoadsRawOrHexadecimalKeysTheOwnerAloneMayRead) {
    TempDir dir;
    spit(dir.file("raw.key"), std::string(32, '\x07'));
    spit(dir.file("hex.key"), std::string(64, 'a') + "\n");
    auto raw = RecordingKey::load(dir.file("raw.key"));
    auto hex = RecordingKey::load(dir.file("hex.key"));
    ASSERT_TRUE(raw) << raw.error().message;
    ASSERT_TRUE(hex) << hex.error().message;
    EXPECT_EQ(raw->bytes()[0], 7);
    EXPECT_EQ(hex->bytes()[31], 0xaa);
    EXPECT_NE(raw->id(), hex->id());
    EXPECT_EQ(raw->id_hex().size(), 16u);
    EXPECT_EQ(raw->id(), RecordingKey::load(dir.file("raw.key"))->id()) << "the id is stable";
}

TEST(RecordingKey, RefusesAKeyOthersCanReadOrOfTheWrongLength) {
    TempDir dir;
    spit(dir.file("open.key"), std::string(32, 'k'), 0644);
    spit(dir.file("short.key"), std::string(31, 'k'));
    spit(dir.file("nothex.key"), std::string(63, 'a') + "g");
    const auto open = RecordingKey::load(dir.file("open.key"));
    ASSERT_FALSE(open);
    EXPECT_NE(open.error().message.find("chmod 600"), std::string::npos) << open.error().message;
    EXPECT_NE(open.error().message.find("open.key"), std::string::npos);
    for (const char* name : {"short.key", "nothex.key"}) {
        const auto wrong = RecordingKey::load(dir.file(name));
        ASSERT_FALSE(wrong) << name;
        EXPECT_NE(wrong.error().message.find("32 bytes, or 64 hexadecimal"), std::string::npos)
            << wrong.error().message;
    }
    const auto missing = RecordingKey::load(dir.file("none.key"));
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("No such file"), std::string::npos);
}

TEST(SealedRecording, HoldsNoAudioInTheClearAndReadsBackAsThePlainWav) {
    TempDir dir;
    const std::size_t frames = 2 * kMixRate + kMixRate / 2;  // 2.5 s: two whole chunks and a half
    record(dir.file("plain.wav"), frames, nullptr);
    record(dir.file("sealed.wav"), frames, key_of(1));
    const std::string plain = slurp(dir.file("plain.wav"));
    const std::string sealed = slurp(dir.file("sealed.wav"));
    ASSERT_EQ(plain.size(), 44 + frames * 4);
    EXPECT_EQ(sealed.substr(0, 8), "MKZSEAL1");
    EXPECT_EQ(sealed.size(), 64 + frames * 4 + 3 * 16) << "three chunks, each with its tag";
    // Not a sample of the audio is in the sealed file: no 16 bytes of it appear anywhere.
    for (std::size_t at = 44; at + 16 <= plain.size(); at += 4000) {
        EXPECT_EQ(sealed.find(plain.substr(at, 16)), std::string::npos) << "plain bytes at " << at;
    }
    // libsndfile cannot read it as audio.
    SF_INFO info{};
    SNDFILE* direct = sf_open(dir.file("sealed.wav").c_str(), SFM_READ, &info);
    EXPECT_EQ(direct, nullptr);
    if (direct) {
        sf_close(direct);
    }

    auto reader = RecordingReader::open(dir.file("sealed.wav"), key_of(1).get());
    ASSERT_TRUE(reader) << reader.error().message;
    EXPECT_TRUE((*reader)->sealed());
    ASSERT_EQ((*reader)->size(), plain.size());
    EXPECT_EQ(read_all(**reader), plain);
}

TEST(SealedRecording, AnyRangeReadsTheSameBytesAsThePlainFile) {
    TempDir dir;
    const std::size_t frames = 3 * kMixRate + 160;
    record(dir.file("plain.wav"), frames, nullptr);
    record(dir.file("sealed.wav"), frames, key_of(2));
    const std::string plain = slurp(dir.file("plain.wav"));
    auto reader = RecordingReader::open(dir.file("sealed.wav"), key_of(2).get());
    ASSERT_TRUE(reader);
    const std::uint64_t chunk = kMixRate * 4;  // plain bytes in a chunk
    // Inside the header, across the header's end, inside a chunk, across chunk borders, the
    // last bytes; and back again (the reader keeps one chunk, so order matters).
    const std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges{
        {0, 10},
        {40, 20},
        {44 + 100, 8},
        {44 + chunk - 6, 12},
        {44 + chunk - 1, 2 * chunk + 2},
        {plain.size() - 5, 5},
        {3, 1},
        {0, plain.size()}};
    for (const auto& [first, length] : ranges) {
        std::string part(length, '\0');
        ASSERT_TRUE((*reader)->read(first, part)) << first;
        EXPECT_EQ(part, plain.substr(first, length)) << first << "+" << length;
    }
    std::string past(2, '\0');
    EXPECT_FALSE((*reader)->read(plain.size() - 1, past)) << "a read past the end is refused";
}

TEST(SealedRecording, ACrashLosesAtMostTheChunkBeingFilled) {
    TempDir dir;
    record(dir.file("sealed.wav"), 2 * kMixRate + 4000, key_of(3), /*close=*/false);
    auto reader = RecordingReader::open(dir.file("sealed.wav.crashed"), key_of(3).get());
    ASSERT_TRUE(reader) << reader.error().message;
    EXPECT_EQ((*reader)->size(), 44 + 2 * kMixRate * 4) << "the two whole seconds";
    SndfileSource source{reader->get()};
    SF_INFO info{};
    SndfileFile file = open_sndfile(source, info);
    ASSERT_TRUE(file);
    EXPECT_EQ(info.frames, 2 * kMixRate);
    EXPECT_EQ(info.channels, 2);
}

TEST(SealedRecording, ATornLastWriteIsDroppedAndTheRestKept) {
    TempDir dir;
    record(dir.file("sealed.wav"), 2 * kMixRate + 4000, key_of(4));
    // A crash in the middle of writing the last chunk: its end never reached the disk.
    std::filesystem::resize_file(dir.file("sealed.wav"),
                                 std::filesystem::file_size(dir.file("sealed.wav")) - 100);
    auto reader = RecordingReader::open(dir.file("sealed.wav"), key_of(4).get());
    ASSERT_TRUE(reader) << reader.error().message;
    EXPECT_EQ((*reader)->size(), 44 + 2 * kMixRate * 4);
}

TEST(SealedRecording, AChangedChunkDoesNotAuthenticateAndTheOthersStillRead) {
    TempDir dir;
    record(dir.file("sealed.wav"), 3 * kMixRate, key_of(5));
    std::string bytes = slurp(dir.file("sealed.wav"));
    const std::size_t chunk_sealed = kMixRate * 4 + 16;
    bytes[64 + chunk_sealed + 500] ^= 1;  // one bit of the second second
    spit(dir.file("sealed.wav"), bytes);
    auto reader = RecordingReader::open(dir.file("sealed.wav"), key_of(5).get());
    ASSERT_TRUE(reader);
    std::string part(100, '\0');
    EXPECT_TRUE((*reader)->read(44, part)) << "the first second is intact";
    const auto changed = (*reader)->read(44 + kMixRate * 4 + 10, part);
    ASSERT_FALSE(changed);
    EXPECT_EQ(changed.error().code, Errc::Internal);
    EXPECT_NE(changed.error().message.find("does not authenticate"), std::string::npos);
    EXPECT_TRUE((*reader)->read(44 + 2 * kMixRate * 4, part)) << "the third second is intact";

    // A changed header (here: the sample rate) fails every chunk, not only one.
    bytes = slurp(dir.file("sealed.wav"));
    bytes[12] ^= 1;
    spit(dir.file("header.wav"), bytes);
    auto other = RecordingReader::open(dir.file("header.wav"), key_of(5).get());
    ASSERT_TRUE(other);
    EXPECT_FALSE((*other)->read(44, part));
}

TEST(SealedRecording, AnotherKeyOrNoKeyIsToldApartFromDamage) {
    TempDir dir;
    record(dir.file("sealed.wav"), kMixRate, key_of(6));
    const auto other = RecordingReader::open(dir.file("sealed.wav"), key_of(7).get());
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, Errc::Unavailable);
    EXPECT_NE(other.error().message.find("sealed with key " + key_of(6)->id_hex()),
              std::string::npos)
        << other.error().message;
    EXPECT_NE(other.error().message.find(key_of(7)->id_hex()), std::string::npos);
    const auto none = RecordingReader::open(dir.file("sealed.wav"), nullptr);
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("no recording key"), std::string::npos);

    spit(dir.file("junk.wav"), "MKZSEAL1" + std::string(100, '\xff'));
    const auto junk = RecordingReader::open(dir.file("junk.wav"), key_of(6).get());
    ASSERT_FALSE(junk);
    EXPECT_EQ(junk.error().code, Errc::InvalidArgument);
    EXPECT_NE(junk.error().message.find("describes no audio"), std::string::npos);
    spit(dir.file("cut.wav"), "MKZSEAL1abc");
    EXPECT_FALSE(RecordingReader::open(dir.file("cut.wav"), key_of(6).get()));
}

TEST(SealedRecording, WaveformAndExportReadThroughTheSeal) {
    TempDir dir;
    record(dir.file("plain.wav"), 2 * kMixRate, nullptr);
    record(dir.file("sealed.wav"), 2 * kMixRate, key_of(8));
    auto plain_wave = read_waveform(dir.file("plain.wav"), 100);
    auto sealed_wave = read_waveform(dir.file("sealed.wav"), 100, key_of(8).get());
    ASSERT_TRUE(plain_wave);
    ASSERT_TRUE(sealed_wave) << sealed_wave.error().message;
    EXPECT_EQ(sealed_wave->duration_ms, 2000);
    EXPECT_EQ(sealed_wave->caller, plain_wave->caller);
    EXPECT_EQ(sealed_wave->agents, plain_wave->agents);
    EXPECT_FALSE(read_waveform(dir.file("sealed.wav"), 100)) << "not without the key";

    auto opus = export_recording(dir.file("sealed.wav"), ExportFormat::Opus, key_of(8).get());
    ASSERT_TRUE(opus) << opus.error().message;
    EXPECT_EQ(opus->substr(0, 4), "OggS");
    const auto refused = export_recording(dir.file("sealed.wav"), ExportFormat::Mp3);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::Unavailable);
}

TEST(SealedRecording, APlainWavReadsAsItIs) {
    TempDir dir;
    record(dir.file("plain.wav"), kMixRate, nullptr);
    auto reader = RecordingReader::open(dir.file("plain.wav"), key_of(9).get());
    ASSERT_TRUE(reader);
    EXPECT_FALSE((*reader)->sealed());
    EXPECT_EQ(read_all(**reader), slurp(dir.file("plain.wav")));
    EXPECT_EQ(RecordingReader::open(dir.file("none.wav"), nullptr).error().code, Errc::NotFound);
}

}  // namespace
}  // namespace markaz::media
