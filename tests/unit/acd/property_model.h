#pragma once

// The model behind the router's property tests (property_test.cpp): what the events say
// happened, folded one by one, with every rule of the router checked as it goes and the whole
// checked against the router's own snapshots.

#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "acd/router.h"

namespace markaz::acd::property {

using namespace std::chrono_literals;

/// What the events say happened; checked against the router and against the rules.
class Model {
public:
    explicit Model(const RouterConfig& config) {
        for (const auto& a : config.agents) {
            agents_[a.id];
        }
    }

    /// Folds one event; a broken rule is a test failure naming the event.
    void apply(const Event& event) {
        std::visit([&](const auto& e) { on(e); }, event.body);
    }

    /// Offers ringing now, for commands that answer or fail them.
    const std::set<std::pair<CallId, AgentId>>& ringing() const { return offers_; }
    const std::map<CallId, AgentId>& connected() const { return connected_; }
    const std::set<CallId>& dialling() const { return dials_; }
    const std::set<CallId>& open_calls() const { return open_; }

    void check_against(const Router& router) const {
        std::set<CallId> waiting;
        for (const auto& q : router.config().queues) {
            for (const auto& w : router.waiting_calls(q.id)) {
                EXPECT_TRUE(waiting.insert(w.id).second) << w.id.str() << " waits in two queues";
            }
        }
        // Counters add up: every call that joined a queue and has not ended is still in a line.
        EXPECT_EQ(waiting, open_);
        EXPECT_TRUE(transferred_.empty()) << "a transferred caller went to no queue";
        for (const auto& [id, agent] : agents_) {
            auto snapshot = *router.agent(id);
            EXPECT_EQ(snapshot.state, agent.state) << id.str();
            EXPECT_EQ(snapshot.calls_answered, agent.answered) << id.str();
            EXPECT_EQ(snapshot.talk_time, agent.talk) << id.str();
        }
    }

private:
    struct AgentModel {
        AgentState state = AgentState::LoggedOut;
        int answered = 0;
        Duration talk{};
    };

    void on(const AgentLoggedIn&) {}
    void on(const AgentLoggedOut& e) {
        EXPECT_EQ(agents_[e.agent].state, AgentState::LoggedOut)
            << "logged out without state change";
    }
    void on(const AgentStateChanged& e) {
        auto& agent = agents_[e.agent];
        EXPECT_EQ(e.from, agent.state) << e.agent.str() << " changed from a state it was not in";
        // Only a pause may follow a pause (the reason changes).
        EXPECT_TRUE(e.from != e.to || e.to == AgentState::Paused) << e.agent.str();
        if (e.to == AgentState::Ringing) {
            // No call is offered to a paused, not-ready, busy or logged-out agent.
            EXPECT_EQ(e.from, AgentState::Available)
                << e.agent.str() << " rang while " << kAgentStateNames.name(e.from);
        }
        if (e.to == AgentState::OnCall) {
            // Offered first, or a free colleague the agent of a call consults.
            bool consulted = std::any_of(consults_.begin(), consults_.end(),
                                         [&](const auto& c) { return c.second == e.agent; });
            EXPECT_TRUE(e.from == AgentState::Ringing ||
                        (consulted && e.from == AgentState::Available))
                << e.agent.str() << " on a call from " << kAgentStateNames.name(e.from);
        }
        agent.state = e.to;
    }
    void on(const CallEnqueued& e) {
        transferred_.erase(e.call);
        EXPECT_TRUE(open_.insert(e.call).second) << e.call.str() << " joined twice";
        EXPECT_GE(e.position, 1);
    }
    void on(const CallBlocked& e) {
        transferred_.erase(e.call);
        EXPECT_FALSE(open_.contains(e.call)) << e.call.str() << " blocked while waiting";
    }
    void on(const CallOffered& e) {
        EXPECT_TRUE(open_.contains(e.call)) << e.call.str() << " offered while not waiting";
        EXPECT_EQ(agents_[e.agent].state, AgentState::Ringing) << e.agent.str();
        for (const auto& [call, agent] : offers_) {
            EXPECT_NE(agent, e.agent) << e.agent.str() << " offered two calls at once";
        }
        offers_.insert({e.call, e.agent});
    }
    void on(const OfferEnded& e) {
        EXPECT_EQ(offers_.erase({e.call, e.agent}), 1u) << e.call.str() << " offer never made";
    }
    void on(const CallAnswered& e) {
        // Agent-first callbacks: the agent took the offer before the customer was dialled; an
        // attended transfer's colleague takes it at once.
        EXPECT_EQ(offers_.erase({e.call, e.agent}) + reserved_.erase({e.call, e.agent}) +
                      handed_over_.erase({e.call, e.agent}),
                  1u)
            << e.call.str() << " answered unoffered";
        for (const auto& [call, agent] : connected_) {
            EXPECT_NE(agent, e.agent) << e.agent.str() << " is on two calls";
        }
        EXPECT_TRUE(connected_.insert({e.call, e.agent}).second);
        EXPECT_GE(e.wait, 0ms);
        ++agents_[e.agent].answered;
        close(e.call, "answered");
    }
    void on(const CallAbandoned& e) { close(e.call, "abandoned"); }
    void on(const CallTimedOut& e) { close(e.call, "timed-out"); }
    void on(const CallRemoved& e) { close(e.call, "removed"); }
    void on(const CallPriorityChanged& e) { EXPECT_TRUE(open_.contains(e.call)); }
    void on(const CallHeld& e) { EXPECT_TRUE(connected_.contains(e.call)); }
    void on(const CallResumed& e) { EXPECT_TRUE(connected_.contains(e.call)); }
    void on(const ConsultStarted& e) {
        EXPECT_TRUE(connected_.contains(e.call)) << e.call.str() << " consults while not connected";
        if (e.to_number.empty()) {
            EXPECT_EQ(agents_[e.to_agent].state, AgentState::Available) << e.to_agent.str();
        }
        EXPECT_TRUE(consults_.insert({e.call, e.to_agent}).second) << e.call.str();
    }
    void on(const ConsultJoined& e) {
        EXPECT_EQ(consults_.count(e.call), 1u) << e.call.str() << " joined without a consult";
    }
    void on(const ConsultEnded& e) {
        EXPECT_EQ(consults_.erase(e.call), 1u) << e.call.str() << " ended a consult it had not";
    }
    void on(const CallCompleted& e) {
        EXPECT_FALSE(consults_.contains(e.call)) << e.call.str() << " ended, consult still on";
        EXPECT_EQ(connected_.erase(e.call), 1u) << e.call.str() << " completed while not connected";
        EXPECT_GE(e.talk, 0ms);
        agents_[e.agent].talk += e.talk;
    }
    void on(const CallTransferred& e) {
        EXPECT_EQ(connected_.erase(e.call), 1u)
            << e.call.str() << " transferred while not connected";
        auto consult = consults_.find(e.call);
        EXPECT_EQ(e.attended, consult != consults_.end()) << e.call.str();
        if (consult != consults_.end()) {
            EXPECT_EQ(consult->second, e.to_agent) << e.call.str();
            if (e.to_number.empty()) {
                handed_over_.insert(*consult);  // the colleague's CallAnswered follows
            }
            consults_.erase(consult);
        }
        EXPECT_GE(e.talk, 0ms);
        agents_[e.agent].talk += e.talk;
        if (e.to_number.empty()) {
            transferred_.insert(e.call);  // it joins its next queue now (CallEnqueued)
        }
    }
    void on(const WrapUpCompleted&) {}
    void on(const CallbackOffered& e) { EXPECT_TRUE(open_.contains(e.call)); }
    void on(const CallbackRequested& e) {
        EXPECT_TRUE(open_.contains(e.call)) << e.call.str() << " callback keeps its place";
    }
    void on(const DialCallback& e) {
        EXPECT_TRUE(open_.contains(e.call));
        EXPECT_TRUE(dials_.insert(e.call).second) << e.call.str() << " dialled twice at once";
        if (offers_.erase({e.call, e.agent})) {
            reserved_.insert({e.call, e.agent});
        }
    }
    void on(const CallbackAttemptFailed& e) {
        dials_.erase(e.call);
        std::erase_if(reserved_, [&](const auto& r) { return r.first == e.call; });
    }
    void on(const CallbackFailed& e) { close(e.call, "callback-failed"); }

    /// The call leaves its queue's line, by exactly one ending per time it joined.
    void close(const CallId& call, const char* how) {
        EXPECT_EQ(open_.erase(call), 1u)
            << call.str() << " ended (" << how << ") while not waiting";
        dials_.erase(call);
    }

    std::map<AgentId, AgentModel> agents_;
    std::set<CallId> open_;
    std::set<CallId> transferred_;  ///< transferred, not yet in their next queue
    std::set<std::pair<CallId, AgentId>> offers_;
    std::set<std::pair<CallId, AgentId>> reserved_;     ///< agent-first: answered, customer dialled
    std::map<CallId, AgentId> consults_;                ///< colleagues consulted, by call
    std::set<std::pair<CallId, AgentId>> handed_over_;  ///< attended: CallAnswered follows
    std::map<CallId, AgentId> connected_;
    std::set<CallId> dials_;
};

}  // namespace markaz::acd::property
