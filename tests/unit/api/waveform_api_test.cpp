// /call-records/{id}/waveform and /evaluations/{id}/waveform on a real recording written by the
// media recorder: the caller's and the agent's speech where they were, each reader held to the
// recording's scope, and only files inside the recordings folder; the same recording shared
// as Opus or MP3.

#include <cmath>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "media/recording_export.h"
#include "media/recording_reader.h"
#include "media/wav_recorder.h"
#include "media/waveform.h"
#include "store/call_log.h"
#include "store/call_record_index.h"
#include "store/quality_book.h"
#include "unit/api/api_test_support.h"
#include "unit/store/store_test_support.h"

namespace markaz::api::testing {
namespace {

// 2026-11-23T08:00:00Z
const WallTime kWaveMorning{std::chrono::seconds{1'795'420'800}};

/// Two seconds: the caller speaks the first, the agent the second.
void write_conversation(const std::string& path,
                        std::shared_ptr<const media::RecordingKey> key = nullptr) {
    std::vector<std::int16_t> caller(16000, 0);
    std::vector<std::int16_t> agent(16000, 0);
    for (int i = 0; i < 8000; ++i) {
        const auto sample = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 440 * i / 8000.0));
        caller[static_cast<std::size_t>(i)] = sample;
        agent[static_cast<std::size_t>(i + 8000)] = sample;
    }
    media::WavRecorderOptions options;
    options.key = std::move(key);
    auto recorder = media::WavRecorder::create(path, options);
    ASSERT_TRUE(recorder) << recorder.error().message;
    ASSERT_TRUE(recorder->write(caller, agent));
    ASSERT_TRUE(recorder->close());
}

class WaveformApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        recordings = dir.file("recordings");
        std::filesystem::create_directories(recordings);
        write_conversation(recordings + "/c1.wav", key);
        write_conversation(dir.file("outside.wav"), key);
        auto log = store::CallLog::open(dir.file("markaz.db"));
        ASSERT_TRUE(log) << log.error().message;
        auto call = [](const std::string& id, const std::string& recording) {
            store::CallRecord r;
            r.id = id;
            r.started = kWaveMorning;
            r.ended = kWaveMorning + 2s;
            r.queues = {"sales"};
            r.agent = "a1001";
            r.talk = 2s;
            r.disposition = store::Disposition::Answered;
            r.recording = recording;
            return r;
        };
        ASSERT_TRUE(log->save(call("c1", recordings + "/c1.wav")));
        ASSERT_TRUE(log->save(call("c2", dir.file("outside.wav"))));
        ASSERT_TRUE(log->save(call("c3", "")));
        records = std::move(*store::CallRecordIndex::open(dir.file("markaz.db")));
        quality = std::move(*store::QualityBook::open(dir.file("markaz.db")));
        api = serving(key);
    }

    /// The API reading the recordings with `reading_key`, as web_server.cpp wires it.
    std::unique_ptr<ApiHarness> serving(std::shared_ptr<const media::RecordingKey> reading_key) {
        return std::make_unique<ApiHarness>([this, reading_key](ApiOptions& o) {
            o.call_records = records.get();
            o.quality = quality.get();
            o.recordings_dir = recordings;
            o.open_recording = [reading_key](const std::string& path) {
                return media::open_recording(path, reading_key.get());
            };
            o.waveform = [reading_key](const std::string& path, int points) {
                return media::read_waveform(path, points, reading_key.get());
            };
            o.export_recording = [reading_key](const std::string& path, const std::string& format) {
                return media::export_recording(
                    path, format == "opus" ? media::ExportFormat::Opus : media::ExportFormat::Mp3,
                    reading_key.get());
            };
            o.log_error = [this](const std::string& line) { errors.push_back(line); };
        });
    }

    std::shared_ptr<const media::RecordingKey> key;  ///< set: recordings are sealed with it
    std::vector<std::string> errors;                 ///< what the API logged

    store::testing::TempDir dir;
    std::string recordings;
    std::unique_ptr<store::CallRecordIndex> records;
    std::unique_ptr<store::QualityBook> quality;
    std::unique_ptr<ApiHarness> api;
};

TEST_F(WaveformApiTest, TheCallerThenTheAgent) {
    const Reply r = api->browser("qa").get("/api/v1/call-records/c1/waveform?points=200");
    ASSERT_EQ(r.status, 200U) << r.body;
    const Json w = r.json();
    EXPECT_EQ(w["duration_ms"], 2000);
    EXPECT_EQ(w["points"], 200);
    EXPECT_EQ(w["caller"].size(), 200U);
    EXPECT_NEAR(w["caller"][50].get<double>(), 8000 / 32768.0, 0.01);
    EXPECT_EQ(w["caller"][150], 0.0);
    EXPECT_NEAR(w["agents"][150].get<double>(), 8000 / 32768.0, 0.01);
    EXPECT_EQ(w["speech"], Json::parse(R"([{"side":"caller","from_ms":0,"to_ms":1000},
                                           {"side":"agents","from_ms":1000,"to_ms":2000}])"));
    EXPECT_EQ(w["talk"], Json::parse(R"({"caller_ms":1000,"agents_ms":1000,"overlap_ms":0,
                                         "silence_ms":0})"));
    EXPECT_EQ(api->browser("qa").get("/api/v1/call-records/c1/waveform").json()["points"], 1000)
        << "the default";
}

TEST_F(WaveformApiTest, ARecordingIsSharedAsOpusOrMp3) {
    const Browser qa = api->browser("qa");
    const Reply opus = qa.get("/api/v1/call-records/c1/recording?format=opus&download=true");
    ASSERT_EQ(opus.status, 200U);
    EXPECT_EQ(opus.header("content-type"), "audio/ogg");
    EXPECT_EQ(opus.header("content-disposition"), "attachment; filename=\"c1.opus\"");
    EXPECT_EQ(opus.body.substr(0, 4), "OggS");
    EXPECT_NE(opus.body.find("OpusHead"), std::string::npos);
    const AuditEntry entry = api->audit.list(1, std::nullopt)[0];
    EXPECT_EQ(entry.action, "recording-download");
    const Reply mp3 = qa.get("/api/v1/call-records/c1/recording?format=mp3");
    ASSERT_EQ(mp3.status, 200U);
    EXPECT_EQ(mp3.header("content-type"), "audio/mpeg");
    EXPECT_EQ(static_cast<unsigned char>(mp3.body[0]), 0xFFU) << "an MPEG frame's sync";
    EXPECT_EQ(api->audit.list(1, std::nullopt)[0].action, "recording-play");
    EXPECT_EQ(qa.get("/api/v1/call-records/c1/recording?format=flac").field(), "format");
    EXPECT_EQ(qa.get("/api/v1/call-records/c2/recording?format=opus").status, 404U)
        << "outside the recordings folder";
    EXPECT_EQ(api->browser("lead").get("/api/v1/call-records/c1/recording?format=mp3").status,
              403U);
}

/// The same recordings sealed at rest (sip.recordings_key).
class SealedRecordingApiTest : public WaveformApiTest {
protected:
    void SetUp() override {
        key = std::make_shared<const media::RecordingKey>(media::RecordingKey::generate());
        WaveformApiTest::SetUp();
    }
};

TEST_F(SealedRecordingApiTest, PlaysSeeksDrawsAndSharesASealedRecording) {
    std::ifstream on_disk(recordings + "/c1.wav", std::ios::binary);
    std::string magic(8, '\0');
    on_disk.read(magic.data(), 8);
    ASSERT_EQ(magic, "MKZSEAL1") << "the file is sealed";
    write_conversation(dir.file("plain.wav"));
    std::ifstream plain_in(dir.file("plain.wav"), std::ios::binary);
    const std::string plain{std::istreambuf_iterator<char>(plain_in), {}};

    const Browser qa = api->browser("qa");
    const Reply whole = qa.get("/api/v1/call-records/c1/recording");
    ASSERT_EQ(whole.status, 200U) << whole.body;
    EXPECT_EQ(whole.body, plain) << "the WAV, decrypted";
    const Reply part =
        qa.send("GET", "/api/v1/call-records/c1/recording", "", {{"Range", "bytes=32000-32099"}});
    ASSERT_EQ(part.status, 206U);
    EXPECT_EQ(part.header("content-range"), "bytes 32000-32099/" + std::to_string(plain.size()));
    EXPECT_EQ(part.body, plain.substr(32000, 100)) << "across the first chunk's end";
    const Json w = qa.get("/api/v1/call-records/c1/waveform?points=200").json();
    EXPECT_EQ(w["talk"], Json::parse(R"({"caller_ms":1000,"agents_ms":1000,"overlap_ms":0,
                                         "silence_ms":0})"));
    EXPECT_EQ(qa.get("/api/v1/call-records/c1/recording?format=opus").body.substr(0, 4), "OggS");
    EXPECT_TRUE(errors.empty());
}

TEST_F(SealedRecordingApiTest, AServerWithAnotherKeyServesNothingAndLogsWhy) {
    api = serving(std::make_shared<const media::RecordingKey>(media::RecordingKey::generate()));
    const Browser qa = api->browser("qa");
    EXPECT_EQ(qa.get("/api/v1/call-records/c1/recording").status, 404U);
    EXPECT_EQ(qa.get("/api/v1/call-records/c1/waveform").status, 404U);
    EXPECT_EQ(qa.get("/api/v1/call-records/c1/recording?format=mp3").status, 404U);
    ASSERT_EQ(errors.size(), 3U);
    EXPECT_NE(errors[0].find("recording of call c1: "), std::string::npos) << errors[0];
    EXPECT_NE(errors[0].find("sealed with key " + key->id_hex()), std::string::npos) << errors[0];
    api = serving(nullptr);
    EXPECT_EQ(api->browser("qa").get("/api/v1/call-records/c1/recording").status, 404U);
    EXPECT_NE(errors.back().find("this server has no recording key"), std::string::npos);
}

TEST_F(WaveformApiTest, ScopeFolderAndParameters) {
    EXPECT_EQ(api->browser("lead").get("/api/v1/call-records/c1/waveform").status, 403U)
        << "support's supervisor, a sales call";
    EXPECT_EQ(api->browser("a1001").get("/api/v1/call-records/c1/waveform").status, 403U);
    EXPECT_EQ(api->browser("qa").get("/api/v1/call-records/c2/waveform").status, 404U)
        << "a file outside the recordings folder is never read";
    EXPECT_EQ(api->browser("qa").get("/api/v1/call-records/c3/waveform").status, 404U);
    EXPECT_EQ(api->browser("qa").get("/api/v1/call-records/c9/waveform").status, 404U);
    EXPECT_EQ(api->browser("qa").get("/api/v1/call-records/c1/waveform?points=99").field(),
              "points");
    EXPECT_EQ(api->browser("qa").get("/api/v1/call-records/c1/waveform?points=4001").field(),
              "points");
}

TEST_F(WaveformApiTest, TheAgentSeesTheWaveformOfTheirEvaluatedCall) {
    const Json card = Json::parse(R"({"id": "basics", "name": "Basics", "sections": [
        {"title": "All", "questions": [{"id": "greeting", "text": "Greeted", "kind": "yes_no"}]}]})");
    ASSERT_EQ(api->browser("qa").post("/api/v1/scorecards", card).status, 201U);
    const Reply made =
        api->browser("qa").post("/api/v1/evaluations", Json{{"call", "c1"},
                                                            {"scorecard", "basics"},
                                                            {"answers", {{"greeting", 1}}},
                                                            {"submit", true}});
    ASSERT_EQ(made.status, 201U) << made.body;
    const std::string path =
        "/api/v1/evaluations/" + std::to_string(made.json()["evaluation"]["id"].get<int>());
    const Reply mine = api->browser("a1001").get(path + "/waveform?points=100");
    ASSERT_EQ(mine.status, 200U) << mine.body;
    EXPECT_EQ(mine.json()["talk"]["agents_ms"], 1000);
    EXPECT_EQ(api->browser("a1003").get(path + "/waveform").status, 403U);
}

}  // namespace
}  // namespace markaz::api::testing
