#include "api/objects_json.h"

#include <algorithm>

#include "api/stats_json.h"

namespace markaz::api {
namespace {

Json agent_today_json(const stats::AgentLive* live) {
    Json out;
    if (live == nullptr) {
        out["calls_answered"] = 0;
        out["handled"] = 0;
        out["talk_ms"] = 0;
        out["occupancy"] = nullptr;
        out["aht_s"] = nullptr;
        return out;
    }
    const stats::KpiCounters& today = live->today;
    out["calls_answered"] = live->calls_answered;
    out["handled"] = today.handled;
    out["talk_ms"] = ms(live->talk);
    out["occupancy"] = live->occupancy ? Json(*live->occupancy) : Json(nullptr);
    out["aht_s"] = today.handled > 0 ? Json(seconds(today.talk + today.hold + today.wrap) /
                                            static_cast<double>(today.handled))
                                     : Json(nullptr);
    return out;
}

Json id_list(const std::vector<QueueId>& ids) {
    Json out = Json::array();
    for (const QueueId& id : ids) {
        out.push_back(id.str());
    }
    return out;
}

/// When the agent's current state began: the state change event, else the live figures.
std::optional<WallTime> state_changed_at(const CenterRead& read, const AgentId& id) {
    if (const AgentNote* note = read.note(id); note && note->state_changed_at) {
        return note->state_changed_at;
    }
    const stats::AgentLive* live = read.agent_live(id);
    if (live != nullptr &&
        (live->state != acd::AgentState::LoggedOut || live->in_state > Duration::zero())) {
        return read.live.at - live->in_state;
    }
    return std::nullopt;
}

}  // namespace

Json agent_json(const CenterRead& read, const acd::AgentConfig& config) {
    const acd::AgentSnapshot* snapshot = read.agent(config.id);
    const AgentNote* note = read.note(config.id);
    const acd::AgentState state = snapshot ? snapshot->state : acd::AgentState::LoggedOut;
    const auto changed_at = state_changed_at(read, config.id);

    Json out;
    out["id"] = config.id.str();
    out["name"] = config.name;
    out["state"] = std::string(acd::kAgentStateNames.name(state));
    out["reason"] = snapshot && state == acd::AgentState::Paused ? snapshot->reason : "";
    out["state_changed_at_ms"] = changed_at ? Json(ms(*changed_at)) : Json(nullptr);
    out["in_state_ms"] = changed_at ? std::max<std::int64_t>(0, ms(read.at - *changed_at)) : 0;
    out["state_changed_by"] = note ? note->state_changed_by : "";
    const bool pending = snapshot && snapshot->pending.has_value();
    out["pending_state"] =
        pending ? Json(std::string(acd::kAgentStateNames.name(*snapshot->pending))) : Json(nullptr);
    out["pending_reason"] = pending && *snapshot->pending == acd::AgentState::Paused && note
                                ? note->pending_reason
                                : "";
    const bool logged_in = state != acd::AgentState::LoggedOut;
    out["extension"] = logged_in && snapshot ? Json(snapshot->extension) : Json(nullptr);
    out["queues"] = snapshot && logged_in ? id_list(snapshot->queues) : Json::array();
    Json memberships = Json::array();
    for (const acd::Membership& m : config.queues) {
        memberships.push_back(Json{{"queue", m.queue.str()}, {"penalty", m.penalty}});
    }
    out["memberships"] = std::move(memberships);
    out["call"] = snapshot && snapshot->call ? Json(snapshot->call->str()) : Json(nullptr);
    out["today"] = agent_today_json(read.agent_live(config.id));
    return out;
}

std::optional<std::string> call_state_name(const LiveCall& call) {
    switch (call.state) {
        case LiveCall::State::Ivr:
            return std::nullopt;
        case LiveCall::State::Waiting:
            return "waiting";
        case LiveCall::State::Ringing:
            return "ringing";
        case LiveCall::State::Connected:
            return "on-call";
        case LiveCall::State::OnHold:
            return "on-hold";
        case LiveCall::State::Callback:
            return call.agent ? "callback-dialing" : "callback-waiting";
        case LiveCall::State::TransferredOut:
            return "transferred-out";
    }
    return std::nullopt;
}

Json call_json(const LiveCall& call, WallTime at, bool with_listeners) {
    const bool connected =
        call.state == LiveCall::State::Connected || call.state == LiveCall::State::OnHold;
    const WallTime waited_until = connected && call.answered_at ? *call.answered_at : at;
    Json out;
    out["id"] = call.id.str();
    out["queue"] = call.queue.str();
    out["caller"] = call.caller;
    out["state"] = call_state_name(call).value_or("waiting");
    out["priority"] = call.priority;
    out["position"] = !connected && call.position > 0 ? Json(call.position) : Json(nullptr);
    out["joined_at_ms"] = ms(call.since);
    out["wait_ms"] = std::max<std::int64_t>(0, ms(waited_until - call.since));
    out["answered_at_ms"] = call.answered_at ? Json(ms(*call.answered_at)) : Json(nullptr);
    out["agent"] = call.agent ? Json(call.agent->str()) : Json(nullptr);
    out["extension"] = call.agent && !call.extension.empty() ? Json(call.extension) : Json(nullptr);
    out["offered_by"] = call.offered_by;
    const bool callback = call.callback || call.state == LiveCall::State::Callback;
    out["callback"] = callback;
    out["callback_number"] =
        callback ? Json(call.callback_number.empty() ? call.caller : call.callback_number)
                 : Json(nullptr);
    out["skills"] = call.skills;
    if (call.ivr_path.empty() && call.variables.empty()) {
        out["ivr"] = nullptr;
    } else {
        Json variables = Json::object();
        for (const auto& [name, value] : call.variables) {
            variables[name] = value;
        }
        out["ivr"] = Json{{"path", call.ivr_path}, {"variables", std::move(variables)}};
    }
    Json monitors = Json::array();
    for (const CallMonitor& monitor : call.monitors) {
        if (!with_listeners && monitor.mode == MonitorMode::Listen) {
            continue;
        }
        monitors.push_back(Json{{"user", monitor.user},
                                {"extension", monitor.extension},
                                {"mode", std::string(kMonitorModeNames.name(monitor.mode))},
                                {"since_ms", ms(monitor.since)}});
    }
    out["monitors"] = std::move(monitors);
    out["recording_paused"] = call.recording_paused;
    out["transferred_to"] = call.transferred_to.empty() ? Json() : Json(call.transferred_to);
    out["consult"] =
        call.consult
            ? Json{{"agent",
                    call.consult->agent.empty() ? Json() : Json(call.consult->agent.str())},
                   {"number", call.consult->number.empty() ? Json() : Json(call.consult->number)},
                   {"state", std::string(kConsultPhaseNames.name(call.consult->phase))},
                   {"since_ms", ms(call.consult->since)}}
            : Json();
    return out;
}

Json member_json(const QueueId& queue, const AgentId& agent, int penalty, bool logged_in) {
    Json out;
    out["queue"] = queue.str();
    out["agent"] = agent.str();
    out["penalty"] = penalty;
    out["logged_in"] = logged_in;
    return out;
}

Json members_json(const CenterRead& read, const QueueId& queue) {
    Json out = Json::array();
    for (const acd::AgentConfig& agent : read.config.agents) {
        for (const acd::Membership& m : agent.queues) {
            if (m.queue != queue) {
                continue;
            }
            const acd::AgentSnapshot* snapshot = read.agent(agent.id);
            const bool logged_in =
                snapshot && std::find(snapshot->queues.begin(), snapshot->queues.end(), queue) !=
                                snapshot->queues.end();
            out.push_back(member_json(queue, agent.id, m.penalty, logged_in));
        }
    }
    return out;
}

Json user_json(const User& user) {
    Json out;
    out["username"] = user.username;
    out["display_name"] = user.display_name;
    out["role"] = std::string(kRoleNames.name(user.role));
    out["language"] = std::string(kLanguageNames.name(user.language));
    out["agent"] = user.agent ? Json(user.agent->str()) : Json(nullptr);
    out["extension"] = user.extension ? Json(*user.extension) : Json(nullptr);
    out["queues"] = id_list(user.queues);
    out["created_at_ms"] = ms(user.created_at);
    out["last_login_at_ms"] = user.last_login_at ? Json(ms(*user.last_login_at)) : Json(nullptr);
    return out;
}

Json token_json(const ApiToken& token, std::optional<Role> role) {
    Json out;
    out["id"] = token.id;
    out["name"] = token.name;
    out["username"] = token.username;
    out["role"] = std::string(kRoleNames.name(role.value_or(Role::Agent)));
    out["created_at_ms"] = ms(token.created_at);
    out["expires_at_ms"] = token.expires_at ? Json(ms(*token.expires_at)) : Json(nullptr);
    out["last_used_at_ms"] = token.last_used_at ? Json(ms(*token.last_used_at)) : Json(nullptr);
    return out;
}

}  // namespace markaz::api
