#include "api/center_read.h"

#include <algorithm>

namespace markaz::api {
namespace {

template <class T, class Id>
const T* find_by_id(const std::vector<T>& items, const Id& id) {
    for (const T& item : items) {
        if (item.id == id) {
            return &item;
        }
    }
    return nullptr;
}

/// Serving order within a queue: the waiting line by position, then everything else by join.
bool serves_before(const LiveCall& a, const LiveCall& b) {
    const bool a_in_line = a.position > 0;
    const bool b_in_line = b.position > 0;
    if (a_in_line != b_in_line) {
        return a_in_line;
    }
    if (a_in_line && a.position != b.position) {
        return a.position < b.position;
    }
    return a.since != b.since ? a.since < b.since : a.id < b.id;
}

}  // namespace

const acd::AgentConfig* CenterRead::agent_config(const AgentId& id) const {
    return find_by_id(config.agents, id);
}
const acd::QueueConfig* CenterRead::queue_config(const QueueId& id) const {
    return find_by_id(config.queues, id);
}
const acd::AgentSnapshot* CenterRead::agent(const AgentId& id) const {
    auto it = agent_index.find(id);
    return it == agent_index.end() ? nullptr : &agents[it->second];
}
const stats::AgentLive* CenterRead::agent_live(const AgentId& id) const {
    auto it = agent_live_index.find(id);
    return it == agent_live_index.end() ? nullptr : &live.agents[it->second];
}
const stats::QueueLive* CenterRead::queue_live(const QueueId& id) const {
    return find_by_id(live.queues, id);
}
const LiveCall* CenterRead::call(const CallId& id) const {
    return find_by_id(calls, id);
}
const AgentNote* CenterRead::note(const AgentId& id) const {
    auto it = notes.find(id);
    return it == notes.end() ? nullptr : &it->second;
}

CenterRead read_center(const Center& center, const AgentNotes& notes, unsigned parts,
                       WallTime now) {
    CenterRead read;
    read.at = now;
    // Calls are ordered by configured queue order, so the configuration comes with them.
    if ((parts & (kReadConfig | kReadCalls)) != 0U) {
        read.config = center.router_config();
    }
    if ((parts & kReadLive) != 0U) {
        read.live = center.live();
        read.at = read.live.at;
        for (std::size_t i = 0; i < read.live.agents.size(); ++i) {
            read.agent_live_index[read.live.agents[i].id] = i;
        }
    }
    if ((parts & kReadAgents) != 0U) {
        read.agents = center.agents();
        for (std::size_t i = 0; i < read.agents.size(); ++i) {
            read.agent_index[read.agents[i].id] = i;
        }
        read.notes = notes.all();
    }
    if ((parts & kReadCalls) != 0U) {
        read.calls = center.calls();
        std::erase_if(read.calls,
                      [](const LiveCall& c) { return c.state == LiveCall::State::Ivr; });
        std::map<QueueId, std::size_t> order;
        for (std::size_t i = 0; i < read.config.queues.size(); ++i) {
            order[read.config.queues[i].id] = i;
        }
        auto rank = [&order](const QueueId& q) {
            auto it = order.find(q);
            return it == order.end() ? order.size() : it->second;
        };
        std::stable_sort(read.calls.begin(), read.calls.end(),
                         [&rank](const LiveCall& a, const LiveCall& b) {
                             const auto ra = rank(a.queue);
                             const auto rb = rank(b.queue);
                             if (ra != rb) {
                                 return ra < rb;
                             }
                             if (a.queue != b.queue) {
                                 return a.queue < b.queue;
                             }
                             return serves_before(a, b);
                         });
    }
    return read;
}

}  // namespace markaz::api
