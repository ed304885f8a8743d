#include "api/live_frames.h"

#include <algorithm>

#include "api/objects_json.h"
#include "api/stats_json.h"

namespace markaz::api {
namespace {

/// `"name":[a,b]` from already serialised objects.
void append_list(std::string& out, const char* name, const std::vector<const std::string*>& items) {
    out += ",\"";
    out += name;
    out += "\":[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i == 0 ? "" : ",";
        out += *items[i];
    }
    out += "]";
}

void append_ids(std::string& out, const char* name, const std::vector<std::string>& ids) {
    out += ",\"";
    out += name;
    out += "\":";
    out += dump(Json(ids));
}

std::string header(const char* type, std::int64_t seq, WallTime at) {
    return std::string("{\"type\":\"") + type + "\",\"seq\":" + std::to_string(seq) +
           ",\"at_ms\":" + std::to_string(ms(at));
}

bool sees_queues(const ClientView& view) {
    return view.queues;
}

}  // namespace

void Touched::merge(const Touched& other) {
    agents.insert(other.agents.begin(), other.agents.end());
    queues.insert(other.queues.begin(), other.queues.end());
    queue_calls.insert(other.queue_calls.begin(), other.queue_calls.end());
    calls.insert(other.calls.begin(), other.calls.end());
    all_queues = all_queues || other.all_queues;
}

bool Touched::empty() const {
    return agents.empty() && queues.empty() && queue_calls.empty() && calls.empty() && !all_queues;
}

Touched touched_by(const acd::Event& event,
                   const std::map<AgentId, std::vector<QueueId>>& agent_queues) {
    Touched touched;
    std::visit(
        [&](const auto& e) {
            if constexpr (requires { e.agent; }) {
                touched.agents.insert(e.agent);
                if (auto it = agent_queues.find(e.agent); it != agent_queues.end()) {
                    touched.queues.insert(it->second.begin(), it->second.end());
                }
            }
            if constexpr (requires { e.queue; }) {
                touched.queues.insert(e.queue);
                touched.queue_calls.insert(e.queue);
            }
            if constexpr (requires { e.call; }) {
                touched.calls.insert(e.call);
            }
        },
        event.body);
    return touched;
}

FrameObjects::FrameObjects(const CenterRead& read) : read_(read) {
    for (const LiveCall& call : read.calls) {
        call_by_id_.emplace(call.id, &call);
    }
    for (const acd::AgentConfig& agent : read.config.agents) {
        agent_by_id_.emplace(agent.id, &agent);
    }
}

const acd::AgentConfig* FrameObjects::find_agent(const AgentId& id) const {
    auto it = agent_by_id_.find(id);
    return it == agent_by_id_.end() ? nullptr : it->second;
}

const LiveCall* FrameObjects::find_call(const CallId& id) const {
    auto it = call_by_id_.find(id);
    return it == call_by_id_.end() ? nullptr : it->second;
}

const std::string& FrameObjects::agent(const acd::AgentConfig& config) {
    auto [it, added] = agents_.try_emplace(config.id);
    if (added) {
        it->second = dump(agent_json(read_, config));
    }
    return it->second;
}

const std::string& FrameObjects::queue(const stats::QueueLive& queue) {
    auto [it, added] = queues_.try_emplace(queue.id);
    if (added) {
        it->second = dump(queue_stats_json(queue, read_.queue_config(queue.id), read_.at));
    }
    return it->second;
}

const std::string& FrameObjects::totals() {
    if (!totals_) {
        totals_ = dump(queue_stats_json(read_.live.totals, nullptr, read_.at));
    }
    return *totals_;
}

const std::string& FrameObjects::call(const LiveCall& call, bool with_listeners) {
    auto& cache = with_listeners ? calls_ : calls_without_listeners_;
    auto [it, added] = cache.try_emplace(call.id);
    if (added) {
        it->second = dump(call_json(call, read_.at, with_listeners));
    }
    return it->second;
}

std::string snapshot_frame(FrameObjects& objects, ClientView& view, std::int64_t seq) {
    const CenterRead& read = objects.read();
    std::string out = header("snapshot", seq, read.at);
    std::vector<std::string> topics;
    for (auto [name, on] : {std::pair{"agents", view.agents}, std::pair{"queues", view.queues},
                            std::pair{"calls", view.calls}}) {
        if (on) {
            topics.emplace_back(name);
        }
    }
    append_ids(out, "topics", topics);

    std::vector<const std::string*> queues;
    for (const stats::QueueLive& queue : read.live.queues) {
        if (sees_queues(view) && view.scope.may_read_queue(queue.id)) {
            queues.push_back(&objects.queue(queue));
        }
    }
    append_list(out, "queues", queues);
    out += ",\"totals\":";
    out += sees_queues(view) && view.scope.sees_totals() ? objects.totals() : "null";

    std::vector<const acd::AgentConfig*> configs;
    for (const acd::AgentConfig& agent : read.config.agents) {
        if (view.agents && view.scope.may_read_agent(agent.id)) {
            configs.push_back(&agent);
        }
    }
    std::sort(configs.begin(), configs.end(),
              [](const auto* a, const auto* b) { return a->id < b->id; });
    std::vector<const std::string*> agents;
    view.known_agents.clear();
    for (const acd::AgentConfig* agent : configs) {
        agents.push_back(&objects.agent(*agent));
        view.known_agents.insert(agent->id);
    }
    append_list(out, "agents", agents);

    std::vector<const std::string*> calls;
    view.known_calls.clear();
    for (const LiveCall& call : read.calls) {
        if (view.calls && view.scope.may_read_call(call)) {
            calls.push_back(&objects.call(call, view.scope.sees_listeners_of(call)));
            view.known_calls.insert(call.id);
        }
    }
    append_list(out, "calls", calls);
    out += "}";
    return out;
}

std::optional<std::string> delta_frame(FrameObjects& objects, ClientView& view,
                                       const Touched& touched, std::int64_t seq) {
    const CenterRead& read = objects.read();
    std::vector<const std::string*> queues;
    if (sees_queues(view)) {
        for (const stats::QueueLive& queue : read.live.queues) {
            const bool changed = touched.all_queues || touched.queues.contains(queue.id);
            if (changed && view.scope.may_read_queue(queue.id)) {
                queues.push_back(&objects.queue(queue));
            }
        }
    }
    std::vector<const std::string*> agents;
    std::vector<std::string> agents_removed;
    if (view.agents) {
        for (const AgentId& id : touched.agents) {
            const acd::AgentConfig* config = objects.find_agent(id);
            if (config != nullptr && view.scope.may_read_agent(id)) {
                agents.push_back(&objects.agent(*config));
                view.known_agents.insert(id);
            } else if (view.known_agents.erase(id) > 0) {
                agents_removed.push_back(id.str());
            }
        }
    }
    std::vector<const std::string*> calls;
    std::vector<std::string> calls_removed;
    if (view.calls) {
        std::set<CallId> changed = touched.calls;
        for (const LiveCall& call : read.calls) {
            // Only the line's positions move with its queue's events; a connected call's
            // object is unchanged by them (resending those made every delta of a busy centre
            // as big as all its calls).
            if (call.position > 0 && touched.queue_calls.contains(call.queue)) {
                changed.insert(call.id);
            }
        }
        for (const CallId& id : changed) {
            const LiveCall* call = objects.find_call(id);
            if (call != nullptr && view.scope.may_read_call(*call)) {
                calls.push_back(&objects.call(*call, view.scope.sees_listeners_of(*call)));
                view.known_calls.insert(id);
            } else if (view.known_calls.erase(id) > 0) {
                // A call the client never saw (came and went within one frame) is not sent.
                calls_removed.push_back(id.str());
            }
        }
    }
    if (queues.empty() && agents.empty() && agents_removed.empty() && calls.empty() &&
        calls_removed.empty()) {
        return std::nullopt;
    }
    std::string out = header("delta", seq, read.at);
    if (!queues.empty()) {
        append_list(out, "queues", queues);
        if (view.scope.sees_totals()) {
            out += ",\"totals\":" + objects.totals();
        }
    }
    if (!agents.empty()) {
        append_list(out, "agents", agents);
    }
    if (!agents_removed.empty()) {
        append_ids(out, "agents_removed", agents_removed);
    }
    if (!calls.empty()) {
        append_list(out, "calls", calls);
    }
    if (!calls_removed.empty()) {
        append_ids(out, "calls_removed", calls_removed);
    }
    out += "}";
    return out;
}

std::string heartbeat_frame(std::int64_t seq, WallTime at) {
    return header("heartbeat", seq, at) + "}";
}

}  // namespace markaz::api
