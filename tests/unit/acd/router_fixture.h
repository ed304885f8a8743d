#pragma once

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "acd/router.h"

namespace markaz {
/// Readable ids in gtest failure messages.
template <class Tag>
void PrintTo(const StrongId<Tag>& id, std::ostream* os) {
    *os << '\'' << id.str() << '\'';
}
}  // namespace markaz

namespace markaz::acd::testing {

using namespace std::chrono_literals;

/// Fake time for the pure core: moves only when told.
class TestClock {
public:
    Now now() const { return now_; }
    Now advance(Duration d) {
        now_ = now_ + d;
        return now_;
    }

private:
    Now now_{SteadyTime{std::chrono::hours{1}}, WallTime{std::chrono::hours{24 * 20000}}};
};

inline AgentConfig agent(const std::string& id, std::vector<Membership> queues,
                         std::map<std::string, int> skills = {}) {
    AgentConfig a;
    a.id = AgentId{id};
    a.queues = std::move(queues);
    a.skills = std::move(skills);
    a.reject_delay = 0s;
    a.busy_delay = 0s;
    return a;
}

inline QueueConfig queue(const std::string& id, Strategy strategy) {
    QueueConfig q;
    q.id = QueueId{id};
    q.strategy = strategy;
    return q;
}

/// A router with one queue "q" and agents a1..aN in it (penalty 0), all logged out.
inline RouterConfig one_queue(Strategy strategy, int agents) {
    RouterConfig config;
    config.queues.push_back(queue("q", strategy));
    for (int i = 1; i <= agents; ++i) {
        config.agents.push_back(agent("a" + std::to_string(i), {{QueueId{"q"}, 0}}));
    }
    return config;
}

/// Drives a Router with a TestClock and keeps every event it returned.
class RouterHarness {
public:
    explicit RouterHarness(RouterConfig config, std::uint64_t seed = 1)
        : router_(std::move(*Router::create(std::move(config), seed))) {}

    /// Applies a command that must succeed; returns its events.
    std::vector<Event> ok(const Command& command) {
        auto result = router_.handle(command, clock_.now());
        EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
        if (!result) {
            return {};
        }
        log_.insert(log_.end(), result->begin(), result->end());
        return *result;
    }
    Error rejected(const Command& command) {
        auto result = router_.handle(command, clock_.now());
        EXPECT_FALSE(result.has_value());
        return result ? Error{} : result.error();
    }
    /// Moves time by `d`, firing every timer due on the way in order.
    std::vector<Event> advance(Duration d) {
        std::vector<Event> events;
        SteadyTime until = clock_.now().mono + d;
        while (auto deadline = router_.next_deadline()) {
            if (*deadline > until) {
                break;
            }
            if (*deadline > clock_.now().mono) {
                clock_.advance(*deadline - clock_.now().mono);
            }
            auto fired = router_.tick(clock_.now());
            events.insert(events.end(), fired.begin(), fired.end());
        }
        clock_.advance(until - clock_.now().mono);
        log_.insert(log_.end(), events.begin(), events.end());
        return events;
    }
    void login(const std::string& id) {
        ok(AgentLogin{.agent = AgentId{id}, .extension = "ext-" + id});
    }
    std::vector<Event> call(const std::string& id, const std::string& q = "q", int priority = 0,
                            std::vector<std::string> skills = {}) {
        return ok(EnqueueCall{CallId{id}, QueueId{q}, priority, std::move(skills), "+98" + id});
    }
    AgentState state(const std::string& id) const { return router_.agent(AgentId{id})->state; }
    Router& router() { return router_; }
    TestClock& clock() { return clock_; }
    const std::vector<Event>& log() const { return log_; }

private:
    TestClock clock_;
    Router router_;
    std::vector<Event> log_;
};

template <class T>
std::vector<T> all_of_type(const std::vector<Event>& events) {
    std::vector<T> out;
    for (const auto& e : events) {
        if (const T* body = std::get_if<T>(&e.body)) {
            out.push_back(*body);
        }
    }
    return out;
}

/// The agents offered calls in `events`, in order.
inline std::vector<std::string> offered_agents(const std::vector<Event>& events) {
    std::vector<std::string> out;
    for (const auto& offer : all_of_type<CallOffered>(events)) {
        out.push_back(offer.agent.str());
    }
    return out;
}

}  // namespace markaz::acd::testing
