#include "acd/router.h"
#include "router_fixture.h"

namespace markaz::acd::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(Agent, HotDeskingLoginIntoChosenQueues) {
    RouterConfig config;
    config.queues.push_back(queue("sales", Strategy::LongestIdle));
    config.queues.push_back(queue("support", Strategy::LongestIdle));
    config.agents.push_back(agent("a1", {{QueueId{"sales"}, 0}, {QueueId{"support"}, 1}}));
    RouterHarness h(config);
    auto events = h.ok(
        AgentLogin{.agent = AgentId{"a1"}, .extension = "1007", .queues = {QueueId{"support"}}});
    auto login = all_of_type<AgentLoggedIn>(events);
    ASSERT_EQ(login.size(), 1u);
    EXPECT_EQ(login[0].extension, "1007");
    EXPECT_THAT(login[0].queues, ElementsAre(QueueId{"support"}));
    EXPECT_THAT(offered_agents(h.call("s1", "sales")), ElementsAre());
    auto offers = all_of_type<CallOffered>(h.call("t1", "support"));
    ASSERT_EQ(offers.size(), 1u);
    EXPECT_EQ(offers[0].extension, "1007");
}

TEST(Agent, AnExtensionHoldsOneAgent) {
    RouterHarness h(one_queue(Strategy::LongestIdle, 2));
    h.ok(AgentLogin{.agent = AgentId{"a1"}, .extension = "1001"});
    auto error = h.rejected(AgentLogin{.agent = AgentId{"a2"}, .extension = "1001"});
    EXPECT_EQ(error.code, Errc::Conflict);
    EXPECT_EQ(error.message, "extension '1001' is in use by agent 'a1'");
    h.ok(AgentLogout{AgentId{"a1"}});
    h.ok(AgentLogin{.agent = AgentId{"a2"}, .extension = "1001"});
}

TEST(Agent, PauseWithReasonAndTimeInState) {
    RouterHarness h(one_queue(Strategy::LongestIdle, 1));
    h.login("a1");
    h.advance(90s);
    auto events = h.ok(AgentPause{AgentId{"a1"}, "lunch", ""});
    auto change = all_of_type<AgentStateChanged>(events).at(0);
    EXPECT_EQ(change.from, AgentState::Available);
    EXPECT_EQ(change.to, AgentState::Paused);
    EXPECT_EQ(change.reason, "lunch");
    EXPECT_EQ(change.in_previous, 90s);
    EXPECT_THAT(offered_agents(h.call("c1")), ElementsAre());
    EXPECT_THAT(offered_agents(h.ok(AgentReady{AgentId{"a1"}})), ElementsAre("a1"));
}

TEST(Agent, PauseDuringACallTakesEffectAfterItsWrapUp) {
    auto config = one_queue(Strategy::LongestIdle, 1);
    config.queues[0].wrap_up = 10s;
    RouterHarness h(config);
    h.login("a1");
    h.call("c1");
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    EXPECT_TRUE(h.ok(AgentPause{AgentId{"a1"}, "break"}).empty());
    EXPECT_EQ(h.router().agent(AgentId{"a1"})->pending, AgentState::Paused);
    h.call("c2");
    h.ok(HangUp{CallId{"c1"}, Party::Caller});
    EXPECT_EQ(h.state("a1"), AgentState::WrapUp);
    EXPECT_THAT(offered_agents(h.advance(10s)), ElementsAre());
    EXPECT_EQ(h.state("a1"), AgentState::Paused);
    EXPECT_EQ(h.router().agent(AgentId{"a1"})->reason, "break");
}

TEST(Agent, MaxNoAnswerPausesTheAgent) {
    auto config = one_queue(Strategy::LongestIdle, 1);
    config.agents[0].max_no_answer = 2;
    config.queues[0].ring_timeout = 10s;
    RouterHarness h(config);
    h.login("a1");
    h.call("c1");
    h.advance(10s);  // miss 1, offered again at once
    EXPECT_EQ(h.router().agent(AgentId{"a1"})->consecutive_no_answers, 1);
    EXPECT_EQ(h.state("a1"), AgentState::Ringing);
    auto events = h.advance(10s);  // miss 2
    auto change = all_of_type<AgentStateChanged>(events).back();
    EXPECT_EQ(change.to, AgentState::Paused);
    EXPECT_EQ(change.reason, kNoAnswerPauseReason);
    EXPECT_EQ(h.router().queue(QueueId{"q"})->waiting, 1);
    // Unpausing clears the count and takes the waiting call.
    EXPECT_THAT(offered_agents(h.ok(AgentReady{AgentId{"a1"}})), ElementsAre("a1"));
    EXPECT_EQ(h.router().agent(AgentId{"a1"})->consecutive_no_answers, 0);
}

TEST(Agent, AnsweringResetsTheNoAnswerCount) {
    auto config = one_queue(Strategy::LongestIdle, 1);
    config.agents[0].max_no_answer = 2;
    RouterHarness h(config);
    h.login("a1");
    h.call("c1");
    h.ok(OfferFailed{CallId{"c1"}, AgentId{"a1"}, OfferFailure::NoAnswer});
    h.ok(OfferAnswered{CallId{"c1"}, AgentId{"a1"}});
    EXPECT_EQ(h.router().agent(AgentId{"a1"})->consecutive_no_answers, 0);
}

TEST(Agent, RejectAndBusyDelaysRestTheAgent) {
    auto config = one_queue(Strategy::LongestIdle, 1);
    config.agents[0].reject_delay = 20s;
    config.agents[0].busy_delay = 40s;
    RouterHarness h(config);
    h.login("a1");
    h.call("c1");
    h.ok(OfferFailed{CallId{"c1"}, AgentId{"a1"}, OfferFailure::Rejected});
    EXPECT_EQ(h.state("a1"), AgentState::Available);  // available, resting
    EXPECT_THAT(offered_agents(h.advance(19s)), ElementsAre());
    EXPECT_THAT(offered_agents(h.advance(1s)), ElementsAre("a1"));
    h.ok(OfferFailed{CallId{"c1"}, AgentId{"a1"}, OfferFailure::Busy});
    EXPECT_THAT(offered_agents(h.advance(39s)), ElementsAre());
    EXPECT_THAT(offered_agents(h.advance(1s)), ElementsAre("a1"));
}

TEST(Agent, LogoutWhileRingingGivesTheCallToTheNextAgent) {
    RouterHarness h(one_queue(Strategy::Linear, 2));
    h.login("a1");
    h.login("a2");
    h.call("c1");  // a1
    auto events = h.ok(AgentLogout{AgentId{"a1"}});
    EXPECT_EQ(all_of_type<OfferEnded>(events).at(0).reason, OfferEnd::Withdrawn);
    EXPECT_THAT(offered_agents(events), ElementsAre("a2"));
    EXPECT_EQ(all_of_type<AgentLoggedOut>(events).size(), 1u);
}

TEST(Supervisor, ForcesStatesAndIsNamedInTheEvent) {
    RouterHarness h(one_queue(Strategy::LongestIdle, 1));
    h.login("a1");
    auto events = h.ok(ForceAgentState{AgentId{"a1"}, AgentState::Paused, "meeting", "sara"});
    auto change = all_of_type<AgentStateChanged>(events).at(0);
    EXPECT_EQ(change.by, "sara");
    EXPECT_EQ(change.reason, "meeting");
    h.ok(ForceAgentState{AgentId{"a1"}, AgentState::LoggedOut, "", "sara"});
    EXPECT_EQ(h.state("a1"), AgentState::LoggedOut);
    auto error = h.rejected(ForceAgentState{AgentId{"a1"}, AgentState::OnCall, "", "sara"});
    EXPECT_EQ(error.message, "state: an agent cannot be put in state 'on-call'");
}

TEST(Supervisor, MovesAWaitingCallToANamedFreeAgent) {
    RouterConfig config;
    config.queues.push_back(queue("q", Strategy::LongestIdle));
    config.agents.push_back(agent("a1", {{QueueId{"q"}, 0}}));
    config.agents.push_back(agent("a2", {}));  // not a member of q
    RouterHarness h(config);
    h.login("a2");
    h.call("c1");
    auto events = h.ok(MoveCallToAgent{CallId{"c1"}, AgentId{"a2"}, "sara"});
    auto offer = all_of_type<CallOffered>(events).at(0);
    EXPECT_EQ(offer.agent, AgentId{"a2"});
    EXPECT_EQ(offer.by, "sara");
    auto error = h.rejected(MoveCallToAgent{CallId{"c1"}, AgentId{"a2"}, "sara"});
    EXPECT_EQ(error.message, "agent 'a2' is not free (ringing)");
}

TEST(Supervisor, RemovesAWaitingCall) {
    RouterHarness h(one_queue(Strategy::LongestIdle, 1));
    h.call("c1");
    h.call("c2");
    auto removed = all_of_type<CallRemoved>(h.ok(RemoveCall{CallId{"c2"}, "sara"}));
    ASSERT_EQ(removed.size(), 1u);
    EXPECT_EQ(removed[0].position, 2);
    EXPECT_EQ(h.router().queue(QueueId{"q"})->waiting, 1);
}

// Illegal commands return a typed error and leave the state untouched.
TEST(IllegalCommands, AreRejectedWithoutChangingState) {
    RouterHarness h(one_queue(Strategy::LongestIdle, 2));
    h.login("a1");
    h.call("c1");  // ringing a1
    auto before_a1 = h.router().agent(AgentId{"a1"});
    auto before_q = h.router().waiting_calls(QueueId{"q"});

    struct Case {
        Command command;
        Errc code;
        std::string message;
    };
    std::vector<Case> cases{
        {AgentPause{AgentId{"ghost"}, "break"}, Errc::NotFound, "unknown agent 'ghost'"},
        {AgentPause{AgentId{"a2"}, "break"}, Errc::Conflict, "agent 'a2' is logged out"},
        {AgentPause{AgentId{"a1"}, "nap"}, Errc::InvalidArgument,
         "reason: unknown pause reason 'nap' (expected one of: break, lunch, training, meeting)"},
        {AgentReady{AgentId{"a1"}}, Errc::Conflict, "agent 'a1' is ringing"},
        {OfferAnswered{CallId{"c1"}, AgentId{"a2"}}, Errc::Conflict,
         "call 'c1' is not being offered to agent 'a2'"},
        {OfferAnswered{CallId{"nope"}, AgentId{"a1"}}, Errc::NotFound, "unknown call 'nope'"},
        {HangUp{CallId{"c1"}, Party::Caller}, Errc::Conflict,
         "call 'c1' is ringing an agent, not connected"},
        {EnqueueCall{CallId{"c1"}, QueueId{"q"}, 0, {}, ""}, Errc::Conflict,
         "call 'c1' is already queued"},
        {EnqueueCall{CallId{"c2"}, QueueId{"nowhere"}, 0, {}, ""}, Errc::NotFound,
         "unknown queue 'nowhere'"},
        {EnqueueCall{CallId{"c2"}, QueueId{"q"}, 0, {"klingon"}, ""}, Errc::InvalidArgument,
         "skills: no agent has skill 'klingon'"},
        {AgentLogin{.agent = AgentId{"a1"}, .extension = "9"}, Errc::Conflict,
         "agent 'a1' is already logged in at extension 'ext-a1'"},
        {AgentLogin{.agent = AgentId{"a2"}, .extension = ""}, Errc::InvalidArgument,
         "extension: must not be empty"},
        {RequestCallback{CallId{"c1"}, ""}, Errc::Conflict, "queue 'q' does not offer callbacks"},
        {CallbackDialed{CallId{"c1"}, DialOutcome::Answered}, Errc::Conflict,
         "no callback is being dialled for call 'c1'"},
        {SetCallPriority{CallId{"c1"}, 0, "s"}, Errc::Conflict, "call 'c1' already has priority 0"},
        {ResumeCall{CallId{"c1"}}, Errc::Conflict, "call 'c1' is not on hold"},
    };
    for (const auto& c : cases) {
        auto error = h.rejected(c.command);
        EXPECT_EQ(error.code, c.code) << c.message;
        EXPECT_EQ(error.message, c.message);
    }
    auto after_a1 = h.router().agent(AgentId{"a1"});
    EXPECT_EQ(after_a1->state, before_a1->state);
    EXPECT_EQ(after_a1->call, before_a1->call);
    EXPECT_EQ(h.router().waiting_calls(QueueId{"q"}).size(), before_q.size());
    EXPECT_EQ(h.router().agent(AgentId{"a2"})->state, AgentState::LoggedOut);
}

TEST(Config, ValidationNamesTheField) {
    auto config = one_queue(Strategy::LongestIdle, 1);
    config.agents[0].queues.push_back({QueueId{"sles"}, 0});
    auto router = Router::create(config, 1);
    ASSERT_FALSE(router);
    EXPECT_EQ(router.error().message, "agents[0].queues[1]: unknown queue 'sles'");

    config = one_queue(Strategy::LongestIdle, 1);
    config.agents[0].skills["fa"] = 11;
    EXPECT_EQ(Router::create(config, 1).error().message,
              "agents[0].skills.fa: proficiency must be 1..10");

    config = one_queue(Strategy::LongestIdle, 1);
    config.queues.push_back(queue("q", Strategy::Linear));
    EXPECT_EQ(Router::create(config, 1).error().message, "queues[1].name: duplicate queue 'q'");
}

}  // namespace
}  // namespace markaz::acd::testing
