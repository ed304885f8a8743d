// /api/v1/events through a real WebSocket: the snapshot on connect, deltas after commands,
// scope and topics, refusals, pacing, heartbeats, and the close codes of docs/api.md.

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api::testing {
namespace {

std::vector<std::string> ids(const Json& list, const char* key = "id") {
    std::vector<std::string> out;
    for (const Json& item : list) {
        out.push_back(item[key].is_null() ? "<null>" : item[key].get<std::string>());
    }
    return out;
}

class LiveFeedTest : public ::testing::Test {
protected:
    std::unique_ptr<LiveClient> open(const Browser& browser, const std::string& query = "") {
        Reply refusal;
        auto client = LiveClient::open(api.port(), "/api/v1/events" + query,
                                       api.live_headers(browser), &refusal);
        EXPECT_NE(client, nullptr) << refusal.status << " " << refusal.body;
        return client;
    }

    ApiHarness api;
    Browser manager = api.browser("manager");
};

TEST_F(LiveFeedTest, SnapshotFirstThenADeltaAfterACommand) {
    api.center.must(
        acd::AgentLogin{AgentId{"a1001"}, "1001", {}, acd::AgentState::Paused, "break", ""});
    auto client = open(manager);
    ASSERT_NE(client, nullptr);
    const auto snapshot = client->next();
    ASSERT_TRUE(snapshot);
    EXPECT_EQ((*snapshot)["type"], "snapshot");
    EXPECT_EQ((*snapshot)["seq"], 1);
    EXPECT_TRUE((*snapshot)["at_ms"].is_number_integer());
    EXPECT_EQ((*snapshot)["topics"], Json::array({"agents", "queues", "calls"}));
    EXPECT_EQ(ids((*snapshot)["queues"], "queue"),
              (std::vector<std::string>{"sales", "support", "vip"}));
    EXPECT_TRUE((*snapshot)["totals"]["queue"].is_null());
    EXPECT_EQ(ids((*snapshot)["agents"]),
              (std::vector<std::string>{"a1001", "a1002", "a1003", "a1004"}));
    EXPECT_EQ((*snapshot)["agents"][0]["state"], "paused");
    EXPECT_EQ((*snapshot)["calls"], Json::array());

    ASSERT_EQ(manager.post("/api/v1/agents/a1001/state", Json{{"state", "not-ready"}}).status,
              200U);
    const auto delta = client->next();
    ASSERT_TRUE(delta);
    EXPECT_EQ((*delta)["type"], "delta");
    EXPECT_EQ((*delta)["seq"], 2);
    ASSERT_EQ(ids((*delta)["agents"]), std::vector<std::string>{"a1001"});
    EXPECT_EQ((*delta)["agents"][0]["state"], "not-ready");
    EXPECT_EQ((*delta)["agents"][0]["state_changed_by"], "manager");
    EXPECT_EQ(ids((*delta)["queues"], "queue"), std::vector<std::string>{"sales"});
    EXPECT_TRUE((*delta)["totals"].is_object());
    EXPECT_FALSE(delta->contains("calls"));
}

TEST_F(LiveFeedTest, CallsComeAndGo) {
    auto client = open(manager);
    ASSERT_TRUE(client->next_of("snapshot"));
    api.center.must(acd::EnqueueCall{CallId{"c1"}, QueueId{"support"}, 0, {}, "+98"});
    auto delta = client->next_of("delta");
    ASSERT_TRUE(delta);
    ASSERT_EQ(ids((*delta)["calls"]), std::vector<std::string>{"c1"});
    EXPECT_EQ((*delta)["calls"][0]["state"], "waiting");
    EXPECT_EQ((*delta)["queues"][0]["waiting"], 1);
    ASSERT_EQ(manager.post("/api/v1/calls/c1/hangup").status, 204U);
    delta = client->next_of("delta");
    ASSERT_TRUE(delta);
    EXPECT_EQ((*delta)["calls_removed"], Json::array({"c1"}));
    EXPECT_FALSE(delta->contains("calls"));
}

TEST_F(LiveFeedTest, EachRoleSeesItsScope) {
    api.center.must(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "+98"});
    api.center.must(acd::EnqueueCall{CallId{"c2"}, QueueId{"support"}, 0, {}, "+98"});

    auto supervisor = open(api.browser("supervisor"));
    const auto s = supervisor->next();
    ASSERT_TRUE(s);
    EXPECT_EQ(ids((*s)["queues"], "queue"), std::vector<std::string>{"sales"});
    EXPECT_EQ(ids((*s)["agents"]), (std::vector<std::string>{"a1001", "a1002"}));
    EXPECT_EQ(ids((*s)["calls"]), std::vector<std::string>{"c1"});
    EXPECT_TRUE((*s)["totals"].is_object());

    auto qa = open(api.browser("qa"));
    const auto q = qa->next();
    ASSERT_TRUE(q);
    EXPECT_EQ((*q)["topics"], Json::array({"agents", "queues"}));  // no calls for qa
    EXPECT_EQ((*q)["calls"], Json::array());
    EXPECT_EQ((*q)["agents"].size(), 4U);

    auto agent = open(api.browser("a1003"));
    const auto a = agent->next();
    ASSERT_TRUE(a);
    EXPECT_EQ(ids((*a)["queues"], "queue"), std::vector<std::string>{"support"});
    EXPECT_EQ(ids((*a)["agents"]), std::vector<std::string>{"a1003"});
    EXPECT_EQ((*a)["calls"], Json::array());  // not their call
    EXPECT_TRUE((*a)["totals"].is_null());

    // A change outside the supervisor's scope sends them nothing.
    ASSERT_EQ(manager.post("/api/v1/calls/c2/priority", Json{{"priority", 3}}).status, 200U);
    const auto seen_by_agent = agent->next_of("delta");
    ASSERT_TRUE(seen_by_agent);  // support is the agent's queue: its figures moved
    EXPECT_FALSE(seen_by_agent->contains("calls"));
    // An interval boundary may resend the supervisor's own queues; nothing of support may come.
    if (const auto frame = supervisor->next(300ms)) {
        const std::string text = frame->dump();
        EXPECT_EQ(text.find("support"), std::string::npos) << text;
        EXPECT_EQ(text.find("\"c2\""), std::string::npos) << text;
    }
}

TEST_F(LiveFeedTest, TopicsPickWhatIsSent) {
    auto client = open(manager, "?topics=agents");
    const auto s = client->next();
    ASSERT_TRUE(s);
    EXPECT_EQ((*s)["topics"], Json::array({"agents"}));
    EXPECT_EQ((*s)["queues"], Json::array());
    EXPECT_TRUE((*s)["totals"].is_null());
    api.center.must(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "+98"});
    EXPECT_FALSE(client->next(300ms));  // a call: nothing for an agents-only client

    Reply refusal;
    EXPECT_EQ(LiveClient::open(api.port(), "/api/v1/events?topics=agents,weather",
                               api.live_headers(manager), &refusal),
              nullptr);
    EXPECT_EQ(refusal.status, 400U);
    EXPECT_EQ(refusal.code(), "invalid_value");
    EXPECT_EQ(refusal.field(), "topics");
}

TEST_F(LiveFeedTest, RefusalsAreHttpAnswersWithTheErrorBody) {
    Reply refusal;
    EXPECT_EQ(LiveClient::open(api.port(), "/api/v1/events", {{"Origin", api.origin()}}, &refusal),
              nullptr);
    EXPECT_EQ(refusal.status, 401U);
    EXPECT_EQ(refusal.code(), "unauthenticated");

    Headers foreign = manager.cookie_headers();
    foreign.emplace_back("Origin", "https://evil.example");
    EXPECT_EQ(LiveClient::open(api.port(), "/api/v1/events", foreign, &refusal), nullptr);
    EXPECT_EQ(refusal.status, 403U);
    EXPECT_EQ(refusal.code(), "forbidden");

    // Bearer tokens need no Origin.
    const std::string secret =
        manager.post("/api/v1/tokens", Json{{"name", "wall"}, {"username", "qa"}}).json()["secret"];
    auto client = LiveClient::open(api.port(), "/api/v1/events",
                                   {{"Authorization", "Bearer " + secret}}, &refusal);
    ASSERT_NE(client, nullptr) << refusal.body;
    EXPECT_TRUE(client->next_of("snapshot"));
}

TEST_F(LiveFeedTest, ADataFrameFromTheClientCloses1008) {
    auto client = open(manager);
    ASSERT_TRUE(client->next_of("snapshot"));
    client->send_text("{\"hello\":1}");
    EXPECT_EQ(client->close_code(), 1008);
}

TEST_F(LiveFeedTest, AnOversizedFrameCloses1009) {
    auto client = open(manager);
    ASSERT_TRUE(client->next_of("snapshot"));
    client->send_text(std::string(5000, 'x'));
    EXPECT_EQ(client->close_code(), 1009);
}

TEST_F(LiveFeedTest, LogoutCloses4401) {
    Browser supervisor = api.browser("supervisor");
    auto client = open(supervisor);
    ASSERT_TRUE(client->next_of("snapshot"));
    ASSERT_EQ(supervisor.del("/api/v1/session").status, 204U);
    EXPECT_EQ(client->close_code(), 4401);
}

TEST_F(LiveFeedTest, RevokedTokenCloses4401) {
    const Json made =
        manager.post("/api/v1/tokens", Json{{"name", "w"}, {"username", "qa"}}).json();
    auto client =
        LiveClient::open(api.port(), "/api/v1/events",
                         {{"Authorization", "Bearer " + made["secret"].get<std::string>()}});
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(client->next_of("snapshot"));
    ASSERT_EQ(manager.del("/api/v1/tokens/" + made["token"]["id"].get<std::string>()).status, 204U);
    EXPECT_EQ(client->close_code(), 4401);
}

TEST_F(LiveFeedTest, AScopeChangeCloses4403) {
    auto client = open(api.browser("supervisor"));
    ASSERT_TRUE(client->next_of("snapshot"));
    ASSERT_EQ(manager.patch("/api/v1/users/supervisor", Json{{"queues", {"support"}}}).status,
              200U);
    EXPECT_EQ(client->close_code(), 4403);
}

TEST_F(LiveFeedTest, AConfigurationChangeResendsTheSnapshot) {
    auto client = open(manager);
    ASSERT_TRUE(client->next_of("snapshot"));
    ASSERT_EQ(manager.put("/api/v1/queues/vip/members/a1001", Json{{"penalty", 0}}).status, 201U);
    const auto again = client->next_of("snapshot");
    ASSERT_TRUE(again);
    EXPECT_EQ((*again)["seq"], 2);
    EXPECT_EQ((*again)["agents"][0]["memberships"].size(), 2U);
}

TEST(LivePacing, AtMostOneFramePerInterval) {
    ApiHarness api([](ApiOptions& o) { o.pacing.frame_interval = 250ms; });
    Browser manager = api.browser("manager");
    auto client = LiveClient::open(api.port(), "/api/v1/events", api.live_headers(manager));
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(client->next_of("snapshot"));
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 20; ++i) {
        const auto state = i % 2 == 0 ? acd::AgentState::Available : acd::AgentState::LoggedOut;
        if (state == acd::AgentState::Available) {
            api.center.must(acd::AgentLogin{AgentId{"a1004"}, "1004", {}, state, "", ""});
        } else {
            api.center.must(acd::AgentLogout{AgentId{"a1004"}, ""});
        }
    }
    int frames = 0;
    std::int64_t last_seq = 1;
    while (std::chrono::steady_clock::now() - start < 1s) {
        if (auto frame = client->next(100ms)) {
            ++frames;
            EXPECT_EQ((*frame)["seq"], last_seq + 1);  // no gaps
            last_seq = (*frame)["seq"];
        }
    }
    EXPECT_GE(frames, 1);
    EXPECT_LE(frames, 4);  // 20 changes coalesced, at most one frame per 250 ms
}

TEST(LivePacing, HeartbeatAfterSilenceAndQueueRefresh) {
    ApiHarness api([](ApiOptions& o) {
        o.pacing.heartbeat = 200ms;
        o.pacing.refresh = 400ms;
    });
    Browser manager = api.browser("manager");
    auto agents_only =
        LiveClient::open(api.port(), "/api/v1/events?topics=agents", api.live_headers(manager));
    ASSERT_TRUE(agents_only->next_of("snapshot"));
    EXPECT_TRUE(agents_only->next_of("heartbeat", 2s));
    auto everything = LiveClient::open(api.port(), "/api/v1/events", api.live_headers(manager));
    ASSERT_TRUE(everything->next_of("snapshot"));
    const auto refresh = everything->next_of("delta", 2s);  // time alone moves the figures
    ASSERT_TRUE(refresh);
    EXPECT_EQ((*refresh)["queues"].size(), 3U);
    EXPECT_TRUE((*refresh)["totals"].is_object());
}

}  // namespace
}  // namespace markaz::api::testing
