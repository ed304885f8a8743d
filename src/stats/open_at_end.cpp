#include "stats/open_at_end.h"

#include <map>

#include "common/overloaded.h"

namespace markaz::stats {
namespace {

struct Waiting {
    QueueId queue;
    WallTime since;
};

struct Present {
    std::string extension;
    WallTime logged_in;
    acd::AgentState state = acd::AgentState::LoggedOut;
    WallTime since;
};

}  // namespace

std::vector<acd::Event> closing_events(const std::vector<acd::Event>& events, WallTime at,
                                       const std::string& by) {
    std::map<CallId, Waiting> waiting;
    std::map<AgentId, Present> agents;
    for (const acd::Event& e : events) {
        std::visit(overloaded{
                       [&](const acd::CallEnqueued& c) {
                           waiting[c.call] = {c.queue, e.at};
                       },
                       [&](const acd::CallAnswered& c) { waiting.erase(c.call); },
                       [&](const acd::CallAbandoned& c) { waiting.erase(c.call); },
                       [&](const acd::CallTimedOut& c) { waiting.erase(c.call); },
                       [&](const acd::CallRemoved& c) { waiting.erase(c.call); },
                       [&](const acd::CallbackRequested& c) { waiting.erase(c.call); },
                       [&](const acd::AgentLoggedIn& a) {
                           agents[a.agent] = {a.extension, e.at, acd::AgentState::LoggedOut, e.at};
                       },
                       [&](const acd::AgentStateChanged& a) {
                           if (auto found = agents.find(a.agent); found != agents.end()) {
                               found->second.state = a.to;
                               found->second.since = e.at;
                           }
                       },
                       [&](const acd::AgentLoggedOut& a) { agents.erase(a.agent); },
                       [](const auto&) {},
                   },
                   e.body);
    }
    std::vector<acd::Event> out;
    for (const auto& [call, w] : waiting) {
        out.push_back({at, acd::CallRemoved{.call = call,
                                            .queue = w.queue,
                                            .wait = std::max(Duration{}, at - w.since),
                                            .by = by}});
    }
    for (const auto& [agent, a] : agents) {
        if (a.state != acd::AgentState::LoggedOut) {
            out.push_back(
                {at, acd::AgentStateChanged{.agent = agent,
                                            .from = a.state,
                                            .to = acd::AgentState::LoggedOut,
                                            .in_previous = std::max(Duration{}, at - a.since),
                                            .by = by}});
        }
        out.push_back({at, acd::AgentLoggedOut{.agent = agent,
                                               .extension = a.extension,
                                               .session = std::max(Duration{}, at - a.logged_in),
                                               .by = by}});
    }
    return out;
}

}  // namespace markaz::stats
