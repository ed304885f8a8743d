#include <map>

#include "acd/router.h"
#include "router_fixture.h"

namespace markaz::acd::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

/// Answers `call` on `agent` after `talk`, then hangs up (no wrap-up in these queues).
void handle_call(RouterHarness& h, const std::string& call, const std::string& agent,
                 Duration talk) {
    h.ok(OfferAnswered{CallId{call}, AgentId{agent}});
    h.advance(talk);
    h.ok(HangUp{CallId{call}, Party::Caller});
}

TEST(Strategy, LongestIdleOffersTheAgentWhoseLastCallEndedFirst) {
    RouterHarness h(one_queue(Strategy::LongestIdle, 3));
    h.login("a1");
    h.login("a2");
    h.login("a3");
    // Calls for a1 and a2 end at different times; a3 has had no call since login.
    h.call("c1");  // a1 (equal idle time: configured order)
    h.call("c2");  // a2
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    h.ok(OfferAnswered{CallId{"c2"}, AgentId{"a2"}});
    h.advance(10s);
    h.ok(HangUp{CallId{"c2"}, Party::Caller});  // a2 idle since t+10
    h.advance(5s);
    h.ok(HangUp{CallId{"c1"}, Party::Caller});  // a1 idle since t+15

    EXPECT_THAT(offered_agents(h.call("c3")), ElementsAre("a3"));
    EXPECT_THAT(offered_agents(h.call("c4")), ElementsAre("a2"));
    EXPECT_THAT(offered_agents(h.call("c5")), ElementsAre("a1"));
}

TEST(Strategy, FewestCallsThenLongestIdle) {
    RouterHarness h(one_queue(Strategy::FewestCalls, 2));
    h.login("a1");
    h.login("a2");
    h.call("c1");
    handle_call(h, "c1", "a1", 1s);
    h.call("c2");
    EXPECT_EQ(offered_agents(h.log()).back(), "a2");
    handle_call(h, "c2", "a2", 1s);
    h.call("c3");
    handle_call(h, "c3", "a1", 1s);  // a1: 2 calls, a2: 1 call
    EXPECT_THAT(offered_agents(h.call("c4")), ElementsAre("a2"));
}

TEST(Strategy, LeastTalkTime) {
    RouterHarness h(one_queue(Strategy::LeastTalkTime, 2));
    h.login("a1");
    h.login("a2");
    h.call("c1");  // a1
    h.call("c2");  // a2
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    h.ok(OfferAnswered{CallId{"c2"}, AgentId{"a2"}});
    h.advance(30s);
    h.ok(HangUp{CallId{"c2"}, Party::Agent});  // a2 talked 30 s
    h.advance(60s);
    h.ok(HangUp{CallId{"c1"}, Party::Agent});  // a1 talked 90 s, but is idle for less time
    EXPECT_THAT(offered_agents(h.call("c3")), ElementsAre("a2"));
}

TEST(Strategy, LinearAlwaysStartsFromTheFirstMember) {
    RouterHarness h(one_queue(Strategy::Linear, 3));
    h.login("a3");
    h.login("a2");
    h.login("a1");
    h.call("c1");
    handle_call(h, "c1", "a1", 1s);
    EXPECT_THAT(offered_agents(h.call("c2")), ElementsAre("a1"));
}

TEST(Strategy, RoundRobinRemembersWhereItStopped) {
    RouterHarness h(one_queue(Strategy::RoundRobin, 3));
    h.login("a1");
    h.login("a2");
    h.login("a3");
    std::vector<std::string> order;
    for (int i = 0; i < 6; ++i) {
        std::string id = "c" + std::to_string(i);
        auto offered = offered_agents(h.call(id));
        ASSERT_EQ(offered.size(), 1u);
        order.push_back(offered[0]);
        handle_call(h, id, offered[0], 1s);
    }
    EXPECT_THAT(order, ElementsAre("a1", "a2", "a3", "a1", "a2", "a3"));
}

TEST(Strategy, RoundRobinSkipsBusyMembersAndKeepsItsPlace) {
    RouterHarness h(one_queue(Strategy::RoundRobin, 3));
    h.login("a1");
    h.login("a2");
    h.login("a3");
    h.call("c1");  // a1
    h.call("c2");  // a2
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    handle_call(h, "c2", "a2", 1s);
    EXPECT_THAT(offered_agents(h.call("c3")), ElementsAre("a3"));
    EXPECT_THAT(offered_agents(h.call("c4")), ElementsAre("a2"));  // a1 is still on c1
}

TEST(Strategy, RingAllRingsEveryFreeAgentAndTheFirstAnswerWins) {
    RouterHarness h(one_queue(Strategy::RingAll, 3));
    h.login("a1");
    h.login("a2");
    h.login("a3");
    EXPECT_THAT(offered_agents(h.call("c1")), UnorderedElementsAre("a1", "a2", "a3"));
    auto events = h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a2"}});
    auto ended = all_of_type<OfferEnded>(events);
    ASSERT_EQ(ended.size(), 2u);
    EXPECT_EQ(ended[0].reason, OfferEnd::AnsweredElsewhere);
    EXPECT_EQ(h.state("a1"), AgentState::Available);
    EXPECT_EQ(h.state("a2"), AgentState::OnCall);
    EXPECT_EQ(h.state("a3"), AgentState::Available);
}

TEST(Strategy, RandomIsReproducibleBySeedAndReachesEveryone) {
    auto run = [](std::uint64_t seed) {
        RouterHarness h(one_queue(Strategy::Random, 4), seed);
        for (int i = 1; i <= 4; ++i) {
            h.login("a" + std::to_string(i));
        }
        std::vector<std::string> picks;
        for (int i = 0; i < 200; ++i) {
            std::string id = "c" + std::to_string(i);
            picks.push_back(offered_agents(h.call(id)).at(0));
            handle_call(h, id, picks.back(), 1s);
        }
        return picks;
    };
    auto first = run(42);
    EXPECT_EQ(first, run(42));
    EXPECT_NE(first, run(43));
    std::map<std::string, int> counts;
    for (const auto& a : first) {
        ++counts[a];
    }
    EXPECT_EQ(counts.size(), 4u);
    for (const auto& [a, n] : counts) {
        EXPECT_GT(n, 20) << a;  // 50 expected each
    }
}

TEST(Strategy, WeightedRandomFavoursLowPenalty) {
    RouterConfig config;
    config.queues.push_back(queue("q", Strategy::WeightedRandom));
    config.agents.push_back(agent("low", {{QueueId{"q"}, 0}}));
    config.agents.push_back(agent("high", {{QueueId{"q"}, 3}}));
    RouterHarness h(config, 7);
    h.login("low");
    h.login("high");
    std::map<std::string, int> counts;
    for (int i = 0; i < 1000; ++i) {
        std::string id = "c" + std::to_string(i);
        auto who = offered_agents(h.call(id)).at(0);
        ++counts[who];
        handle_call(h, id, who, 1s);
    }
    // Weights 1 and 1/4: "low" is expected 800 times in 1000.
    EXPECT_GT(counts["low"], 720);
    EXPECT_GT(counts["high"], 120);
}

TEST(Strategy, SkillsPicksBestProficiencyTiesToLongestIdle) {
    RouterConfig config;
    config.queues.push_back(queue("q", Strategy::Skills));
    config.agents.push_back(agent("novice", {{QueueId{"q"}, 0}}, {{"billing", 3}}));
    config.agents.push_back(agent("expert", {{QueueId{"q"}, 0}}, {{"billing", 9}}));
    config.agents.push_back(agent("expert2", {{QueueId{"q"}, 0}}, {{"billing", 9}}));
    config.agents.push_back(agent("other", {{QueueId{"q"}, 0}}, {{"sales", 10}}));
    RouterHarness h(config);
    h.login("other");
    h.login("novice");
    h.login("expert2");
    h.advance(1s);
    h.login("expert");
    EXPECT_THAT(offered_agents(h.call("c1", "q", 0, {"billing"})), ElementsAre("expert2"));
    EXPECT_THAT(offered_agents(h.call("c2", "q", 0, {"billing"})), ElementsAre("expert"));
    EXPECT_THAT(offered_agents(h.call("c3", "q", 0, {"billing"})), ElementsAre("novice"));
    // Nobody left with billing: the call waits although "other" is free.
    EXPECT_THAT(offered_agents(h.call("c4", "q", 0, {"billing"})), ElementsAre());
    EXPECT_EQ(h.state("other"), AgentState::Available);
    // A call without required skills goes to anyone.
    EXPECT_THAT(offered_agents(h.call("c5")), ElementsAre("other"));
}

TEST(Strategy, RequiredSkillsFilterEveryStrategy) {
    RouterConfig config;
    config.queues.push_back(queue("q", Strategy::LongestIdle));
    config.agents.push_back(agent("a1", {{QueueId{"q"}, 0}}));
    config.agents.push_back(agent("a2", {{QueueId{"q"}, 0}}, {{"fa", 5}}));
    RouterHarness h(config);
    h.login("a1");
    h.login("a2");
    EXPECT_THAT(offered_agents(h.call("c1", "q", 0, {"fa"})), ElementsAre("a2"));
}

}  // namespace
}  // namespace markaz::acd::testing
