// The frames of the live feed built directly from a read of the centre: what an event
// touches, what each view gets, and removals only for clients that saw the object.

#include "api/live_frames.h"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api {
namespace {

using testing::Json;

CenterRead read_with(std::vector<LiveCall> calls) {
    CenterRead read;
    read.at = WallTime{std::chrono::hours(24 * 20000)};
    read.config = testing::test_routing();
    for (const acd::QueueConfig& q : read.config.queues) {
        stats::QueueLive live;
        live.id = q.id;
        read.live.queues.push_back(live);
    }
    read.calls = std::move(calls);
    return read;
}

LiveCall waiting(const char* id, const char* queue) {
    LiveCall c;
    c.id = CallId{id};
    c.queue = QueueId{queue};
    c.position = 1;
    return c;
}

User manager() {
    User u;
    u.role = Role::Manager;
    return u;
}

TEST(LiveFrames, AnAgentEventTouchesTheAgentAndItsQueues) {
    const std::map<AgentId, std::vector<QueueId>> members{
        {AgentId{"a1002"}, {QueueId{"sales"}, QueueId{"support"}}}};
    const Touched t = touched_by({WallTime{}, acd::AgentStateChanged{AgentId{"a1002"},
                                                                     acd::AgentState::Available,
                                                                     acd::AgentState::Paused,
                                                                     "lunch",
                                                                     {},
                                                                     ""}},
                                 members);
    EXPECT_EQ(t.agents, std::set<AgentId>{AgentId{"a1002"}});
    EXPECT_EQ(t.queues, (std::set<QueueId>{QueueId{"sales"}, QueueId{"support"}}));
    EXPECT_TRUE(t.calls.empty());
}

TEST(LiveFrames, ACallThatCameAndWentWithinOneFrameIsNotSent) {
    const CenterRead read = read_with({});
    FrameObjects objects(read);
    ClientView view{Scope(manager(), read.config), true, true, true, {}, {}};
    Touched t;
    t.calls.insert(CallId{"c9"});
    EXPECT_FALSE(delta_frame(objects, view, t, 2));  // never seen: nothing to remove
    view.known_calls.insert(CallId{"c9"});
    const auto frame = delta_frame(objects, view, t, 2);
    ASSERT_TRUE(frame);
    const Json parsed = Json::parse(*frame);
    EXPECT_EQ(parsed["calls_removed"], Json::array({"c9"}));
    EXPECT_EQ(parsed["seq"], 2);
    EXPECT_FALSE(parsed.contains("queues"));
    EXPECT_TRUE(view.known_calls.empty());
}

TEST(LiveFrames, QueueTouchesResendItsCallsWithNewPositions) {
    const CenterRead read = read_with({waiting("c1", "sales"), waiting("c2", "support")});
    FrameObjects objects(read);
    ClientView view{Scope(manager(), read.config), true, true, true, {}, {}};
    Touched t;
    t.queues.insert(QueueId{"sales"});
    t.queue_calls.insert(QueueId{"sales"});
    const Json parsed = Json::parse(*delta_frame(objects, view, t, 5));
    ASSERT_EQ(parsed["calls"].size(), 1U);
    EXPECT_EQ(parsed["calls"][0]["id"], "c1");
    EXPECT_EQ(parsed["queues"].size(), 1U);
    EXPECT_TRUE(parsed["totals"].is_object());
}

TEST(LiveFrames, SnapshotAndHeartbeatShapes) {
    const CenterRead read = read_with({waiting("c1", "sales")});
    FrameObjects objects(read);
    ClientView view{Scope(manager(), read.config), true, false, true, {}, {}};
    const Json snapshot = Json::parse(snapshot_frame(objects, view, 1));
    EXPECT_EQ(snapshot["topics"], Json::array({"agents", "calls"}));
    EXPECT_EQ(snapshot["queues"], Json::array());
    EXPECT_TRUE(snapshot["totals"].is_null());
    EXPECT_EQ(snapshot["agents"].size(), 4U);
    EXPECT_EQ(view.known_calls.size(), 1U);
    EXPECT_EQ(Json::parse(heartbeat_frame(12, read.at)),
              Json::parse(R"({"type":"heartbeat","seq":12,"at_ms":1728000000000})"));
}

TEST(LiveFrames, TheAgentOnACallIsNotShownASupervisorWhoOnlyListens) {
    LiveCall call = waiting("c1", "sales");
    call.position = 0;
    call.state = LiveCall::State::Connected;
    call.agent = AgentId{"a1001"};
    call.monitors = {{"supervisor", "2001", MonitorMode::Listen, {}},
                     {"lead", "1002", MonitorMode::Whisper, {}}};
    const CenterRead read = read_with({call});
    FrameObjects objects(read);
    auto modes = [&](const User& user) {
        ClientView view{Scope(user, read.config), true, true, true, {}, {}};
        std::vector<std::string> seen;
        const Json snapshot = Json::parse(snapshot_frame(objects, view, 1));
        for (const Json& monitor : snapshot["calls"][0]["monitors"]) {
            seen.push_back(monitor["mode"]);
        }
        return seen;
    };
    User agent;
    agent.role = Role::Agent;
    agent.agent = AgentId{"a1001"};
    EXPECT_EQ(modes(agent), std::vector<std::string>{"whisper"});
    EXPECT_EQ(modes(manager()), (std::vector<std::string>{"listen", "whisper"}));
    User manager_on_the_call = manager();
    manager_on_the_call.agent = AgentId{"a1001"};
    EXPECT_EQ(modes(manager_on_the_call), std::vector<std::string>{"whisper"})
        << "whatever their role, the agent on the call is not told of a listener";
}

}  // namespace
}  // namespace markaz::api
