// /api/v1/call-records on a real store file and real recordings: searching in each role's
// scope, the parameters' errors, one record, and the recording whole and in parts (range
// requests), never from outside the recordings folder, every listening in the audit log.

#include <fstream>

#include <gtest/gtest.h>

#include "media/recording_reader.h"
#include "store/call_log.h"
#include "store/call_record_index.h"
#include "unit/api/api_test_support.h"
#include "unit/store/store_test_support.h"

namespace markaz::api::testing {
namespace {

// 2026-11-23T08:00:00Z
const WallTime kRecordsMorning{std::chrono::seconds{1'795'420'800}};
const std::string kRange = "from_ms=1795000000000&to_ms=1796000000000";

store::CallRecord recorded_call(const std::string& id, WallTime started, const std::string& queue,
                                const std::string& recording) {
    store::CallRecord r;
    r.id = id;
    r.started = started;
    r.ended = started + 80s;
    r.caller = "09125550000";
    r.queues = {queue};
    r.agent = "a1001";
    r.talk = 60s;
    r.disposition = store::Disposition::Answered;
    r.recording = recording;
    return r;
}

class RecordsApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        recordings = dir.file("recordings");
        std::filesystem::create_directories(recordings);
        for (int i = 0; i < 3000; ++i) {
            wav += static_cast<char>(i % 251);
        }
        std::ofstream(recordings + "/c1.wav", std::ios::binary) << wav;
        std::ofstream(dir.file("secret.txt")) << "not a recording";
        auto log = store::CallLog::open(dir.file("markaz.db"));
        ASSERT_TRUE(log) << log.error().message;
        store::CallRecord c1 =
            recorded_call("c1", kRecordsMorning, "sales", recordings + "/c1.wav");
        c1.monitors = {store::MonitorPeriod{"supervisor", "2001", "whisper", kRecordsMorning + 10s,
                                            kRecordsMorning + 25s}};
        ASSERT_TRUE(log->save(c1));
        // A record whose path was changed to point out of the folder.
        ASSERT_TRUE(log->save(
            recorded_call("c2", kRecordsMorning + 1h, "support", dir.file("secret.txt"))));
        ASSERT_TRUE(log->save(recorded_call("c3", kRecordsMorning + 2h, "sales", "")));
        auto index = store::CallRecordIndex::open(dir.file("markaz.db"));
        ASSERT_TRUE(index) << index.error().message;
        records = std::move(*index);
        api = std::make_unique<ApiHarness>([this](ApiOptions& o) {
            o.call_records = records.get();
            o.recordings_dir = recordings;
            o.open_recording = [](const std::string& path) {
                return media::open_recording(path, nullptr);
            };
        });
    }

    std::vector<std::string> found(const Browser& who, const std::string& query = "") {
        const Reply r = who.get("/api/v1/call-records?" + kRange + query);
        EXPECT_EQ(r.status, 200U) << r.body;
        std::vector<std::string> ids;
        const Json body = r.json();
        for (const Json& record : body["records"]) {
            ids.push_back(record["id"]);
        }
        return ids;
    }

    store::testing::TempDir dir;
    std::string recordings;
    std::string wav;
    std::unique_ptr<store::CallRecordIndex> records;
    std::unique_ptr<ApiHarness> api;
};

using Ids = std::vector<std::string>;

TEST_F(RecordsApiTest, EachRoleSearchesItsScope) {
    EXPECT_EQ(found(api->browser("manager")), (Ids{"c3", "c2", "c1"}));
    EXPECT_EQ(found(api->browser("qa")), (Ids{"c3", "c2", "c1"}));
    EXPECT_EQ(found(api->browser("supervisor")), (Ids{"c3", "c1"})) << "sales only";
    EXPECT_EQ(found(api->browser("lead")), (Ids{"c2"})) << "support only";
    EXPECT_EQ(api->browser("a1001").get("/api/v1/call-records").status, 403U);
    EXPECT_EQ(found(api->browser("manager"), "&recorded=true&order=oldest"), (Ids{"c1", "c2"}));

    const Reply r = api->browser("manager").get("/api/v1/call-records?" + kRange + "&limit=1");
    const Json page = r.json();
    EXPECT_EQ(page["total"], 3);
    EXPECT_EQ(page["limit"], 1);
    const Json c3 = page["records"][0];
    EXPECT_EQ(c3["started_at_ms"], 1795428000000);
    EXPECT_EQ(c3["duration_ms"], 80000);
    EXPECT_EQ(c3["agents"], Json::array({"a1001"}));
    EXPECT_EQ(c3["recorded"], false);
    EXPECT_FALSE(c3.contains("recording")) << "the file's path stays on the server";
    EXPECT_EQ(c3.size(), 23U);
    EXPECT_EQ(c3["evaluations"], 0);
    EXPECT_EQ(c3["recording_pauses"], Json::array());
    EXPECT_EQ(c3["monitors"], Json::array());
    EXPECT_EQ(c3["legal_hold"], false);
}

TEST_F(RecordsApiTest, ATeamIsItsSupervisorsQueues) {
    EXPECT_EQ(found(api->browser("manager"), "&team=supervisor"), (Ids{"c3", "c1"})) << "sales";
    EXPECT_EQ(found(api->browser("qa"), "&team=lead"), (Ids{"c2"})) << "support";
    EXPECT_EQ(found(api->browser("supervisor"), "&team=lead"), Ids{})
        << "another team's calls stay outside a supervisor's scope";
    EXPECT_EQ(api->browser("manager").get("/api/v1/call-records?team=qa").field(), "team");
    EXPECT_EQ(api->browser("manager").get("/api/v1/call-records?team=nobody").field(), "team");
}

TEST_F(RecordsApiTest, WrongParametersAreNamed) {
    const Browser manager = api->browser("manager");
    for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
             {"limit=0", "limit"},
             {"limit=201", "limit"},
             {"offset=-1", "offset"},
             {"from_ms=soon", "from_ms"},
             {"from_ms=1796000000000&to_ms=1795000000000", "from_ms"},
             {"min_talk_s=1.5", "min_talk_s"},
             {"disposition=happy", "disposition"},
             {"recorded=maybe", "recorded"},
             {"order=up", "order"},
             {"caller=", "caller"},
             {"agent=" + std::string(65, 'a'), "agent"}}) {
        const Reply r = manager.get("/api/v1/call-records?" + query);
        EXPECT_EQ(r.code(), "invalid_value") << query;
        EXPECT_EQ(r.field(), field) << query;
    }
}

TEST_F(RecordsApiTest, EveryDispositionTheStoreWritesCanBeSearched) {
    for (const auto& [disposition, name] : store::kDispositionNames.entries) {
        const Reply r =
            api->browser("manager").get("/api/v1/call-records?disposition=" + std::string(name));
        EXPECT_EQ(r.status, 200U) << name << ": " << r.body;
    }
}

TEST_F(RecordsApiTest, OneRecordInScope) {
    const Json c1 = api->browser("supervisor").get("/api/v1/call-records/c1").json()["record"];
    EXPECT_EQ(c1["id"], "c1");
    EXPECT_EQ(c1["monitors"], Json::parse(R"([{"user":"supervisor","extension":"2001",)"
                                          R"("mode":"whisper","from_ms":1795420810000,)"
                                          R"("to_ms":1795420825000}])"));
    EXPECT_EQ(api->browser("supervisor").get("/api/v1/call-records/c2").status, 403U);
    const Reply none = api->browser("manager").get("/api/v1/call-records/c9");
    EXPECT_EQ(none.status, 404U);
    EXPECT_EQ(none.field(), "call");
}

TEST_F(RecordsApiTest, TheRecordingWholeAndInParts) {
    const Browser qa = api->browser("qa");
    Reply r = qa.get("/api/v1/call-records/c1/recording");
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.body, wav);
    EXPECT_EQ(r.header("content-type"), "audio/wav");
    EXPECT_EQ(r.header("accept-ranges"), "bytes");
    AuditEntry entry = api->audit.list(1, std::nullopt)[0];
    EXPECT_EQ(entry.action, "recording-play");
    EXPECT_EQ(entry.username, "qa");
    EXPECT_EQ(entry.target, "c1");
    const std::size_t audited = api->audit.list(100, std::nullopt).size();

    r = qa.send("GET", "/api/v1/call-records/c1/recording", "", {{"Range", "bytes=100-199"}});
    EXPECT_EQ(r.status, 206U);
    EXPECT_EQ(r.header("content-range"), "bytes 100-199/3000");
    EXPECT_EQ(r.body, wav.substr(100, 100));
    r = qa.send("GET", "/api/v1/call-records/c1/recording", "", {{"Range", "bytes=-10"}});
    EXPECT_EQ(r.body, wav.substr(2990));
    EXPECT_EQ(api->audit.list(100, std::nullopt).size(), audited)
        << "a later part is the same listening";
    r = qa.send("GET", "/api/v1/call-records/c1/recording", "", {{"Range", "bytes=3000-"}});
    EXPECT_EQ(r.status, 416U);
    EXPECT_EQ(r.header("content-range"), "bytes */3000");

    r = qa.get("/api/v1/call-records/c1/recording?download=true");
    EXPECT_EQ(r.header("content-disposition"), "attachment; filename=\"c1.wav\"");
    EXPECT_EQ(api->audit.list(1, std::nullopt)[0].action, "recording-download");
}

TEST_F(RecordsApiTest, NoRecordingAndNothingFromOutsideTheFolder) {
    const Browser manager = api->browser("manager");
    Reply r = manager.get("/api/v1/call-records/c3/recording");
    EXPECT_EQ(r.status, 404U);
    EXPECT_EQ(r.json()["error"]["message"], "call 'c3' has no recording");
    r = manager.get("/api/v1/call-records/c2/recording");
    EXPECT_EQ(r.status, 404U) << "the store names a file outside sip.recordings";
    EXPECT_EQ(r.body.find("not a recording"), std::string::npos);
    EXPECT_EQ(api->browser("supervisor").get("/api/v1/call-records/c2/recording").status, 403U);
    EXPECT_EQ(api->browser("a1001").get("/api/v1/call-records/c1/recording").status, 403U);
}

TEST_F(RecordsApiTest, AManagerPutsACallOnLegalHold) {
    const Browser manager = api->browser("manager");
    Reply r = manager.put("/api/v1/call-records/c1/legal-hold", Json::object());
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["record"]["legal_hold"], true);
    EXPECT_EQ(api->audit.list(1, std::nullopt)[0].action, "legal-hold-set");
    EXPECT_EQ(manager.get("/api/v1/call-records/c1").json()["record"]["legal_hold"], true);
    EXPECT_EQ(api->browser("qa").del("/api/v1/call-records/c1/legal-hold").status, 403U);
    EXPECT_EQ(api->browser("supervisor").del("/api/v1/call-records/c1/legal-hold").status, 403U);
    EXPECT_EQ(manager.put("/api/v1/call-records/c9/legal-hold", Json::object()).status, 404U);
    r = manager.del("/api/v1/call-records/c1/legal-hold");
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json()["record"]["legal_hold"], false);
    EXPECT_EQ(api->audit.list(1, std::nullopt)[0].action, "legal-hold-lifted");
}

TEST_F(RecordsApiTest, AgentsHearTheirOwnCallsOnlyWhereTheCentreAllowsIt) {
    EXPECT_EQ(api->browser("a1001").get("/api/v1/call-records?" + kRange).status, 403U);
    EXPECT_EQ(api->browser("a1001").get("/api/v1/call-records/c1/recording").status, 403U);

    api = std::make_unique<ApiHarness>([this](ApiOptions& o) {
        o.call_records = records.get();
        o.recordings_dir = recordings;
        o.open_recording = [](const std::string& path) {
            return media::open_recording(path, nullptr);
        };
        o.agents_hear_own_calls = true;
    });
    // Every test call was answered by a1001; a1003 talked in none.
    EXPECT_EQ(found(api->browser("a1001")), (Ids{"c3", "c2", "c1"})) << "whatever the queue";
    EXPECT_EQ(found(api->browser("a1003")), Ids{});
    EXPECT_EQ(api->browser("a1003").get("/api/v1/call-records?agent=a1001").field(), "agent");
    EXPECT_EQ(api->browser("a1003").get("/api/v1/call-records/c1").status, 403U);
    EXPECT_EQ(api->browser("a1003").get("/api/v1/call-records/c1/recording").status, 403U);
    const Reply own = api->browser("a1001").get("/api/v1/call-records/c1/recording");
    EXPECT_EQ(own.status, 200U);
    EXPECT_EQ(own.body, wav);
    EXPECT_EQ(api->audit.list(1, std::nullopt)[0].username, "a1001") << "audited as any listening";
    EXPECT_EQ(
        api->browser("a1001").put("/api/v1/call-records/c1/legal-hold", Json::object()).status,
        403U);
}

TEST(RecordsApi, AServerWithoutAStoreSaysSo) {
    ApiHarness api;
    EXPECT_EQ(api.browser("manager").get("/api/v1/call-records").status, 503U);
}

}  // namespace
}  // namespace markaz::api::testing
