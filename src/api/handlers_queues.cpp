// Queues (docs/api.md "Queues"): figures and settings within scope; managers change settings
// and memberships, which the centre applies through Center::reconfigure().

#include <algorithm>
#include <limits>
#include <mutex>

#include "acd/router.h"
#include "api/center_read.h"
#include "api/endpoint.h"
#include "api/objects_json.h"
#include "api/queue_settings.h"
#include "api/stats_json.h"

namespace markaz::api {
namespace {

Json queue_json(const CenterRead& read, const acd::QueueConfig& config) {
    stats::QueueLive empty;
    empty.id = config.id;
    empty.sl_target = config.sl_target;
    const stats::QueueLive* live = read.queue_live(config.id);
    return Json{{"name", config.id.str()},
                {"settings", queue_settings_json(config)},
                {"stats", queue_stats_json(live ? *live : empty, &config, read.at)}};
}

/// 404 for an unknown queue, 403 outside the reader's scope.
std::optional<ApiError> find_queue(const RequestContext& c, const CenterRead& read,
                                   const QueueId& id) {
    if (read.queue_config(id) == nullptr) {
        return ApiError::not_found("no queue '" + id.str() + "'", "queue");
    }
    if (!Scope(c.user(), read.config).may_read_queue(id)) {
        return ApiError::forbidden("queue '" + id.str() + "' is outside your scope", "queue");
    }
    return std::nullopt;
}

/// Hands a changed configuration to the centre and tells every live client to resync.
std::optional<ApiError> reconfigure(RequestContext& c, acd::RouterConfig config) {
    if (auto ok = acd::validate(config); !ok) {
        return from_engine(ok.error());
    }
    if (auto done = c.deps.center.reconfigure(std::move(config)); !done) {
        return from_engine(done.error());
    }
    c.deps.sockets.resync_all();
    return std::nullopt;
}

HttpResponse list_queues(RequestContext& c) {
    const CenterRead read =
        read_center(c.deps.center, c.deps.notes, kReadConfig | kReadLive, c.now);
    const Scope scope(c.user(), read.config);
    Json queues = Json::array();
    for (const acd::QueueConfig& queue : read.config.queues) {
        if (scope.may_read_queue(queue.id)) {
            queues.push_back(queue_json(read, queue));
        }
    }
    return json_reply(200, Json{{"at_ms", ms(read.at)}, {"queues", std::move(queues)}});
}

HttpResponse get_queue(RequestContext& c) {
    const QueueId id{c.param("name")};
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadAll, c.now);
    if (auto refused = find_queue(c, read, id)) {
        return error_response(*refused);
    }
    const Scope scope(c.user(), read.config);
    Json calls = Json::array();
    // Agents see the queue's figures, not its callers (docs/api.md); qa has no live calls.
    if (c.user().role != Role::Agent && c.user().role != Role::Qa) {
        for (const LiveCall& call : read.calls) {
            if (call.queue == id && scope.may_read_call(call)) {
                calls.push_back(call_json(call, read.at, scope.sees_listeners_of(call)));
            }
        }
    }
    return json_reply(200, Json{{"at_ms", ms(read.at)},
                                {"queue", queue_json(read, *read.queue_config(id))},
                                {"members", members_json(read, id)},
                                {"calls", std::move(calls)}});
}

HttpResponse update_queue(RequestContext& c) {
    if (auto refused = check_fields(c.body, queue_settings_rules())) {
        return error_response(*refused);
    }
    const QueueId id{c.param("name")};
    std::lock_guard lock(c.deps.config_mutex);
    CenterRead read = read_center(c.deps.center, c.deps.notes, kReadConfig, c.now);
    if (read.queue_config(id) == nullptr) {
        return error_response(ApiError::not_found("no queue '" + id.str() + "'", "queue"));
    }
    auto changed = patched_queue(*read.queue_config(id), c.body, read.config);
    if (!changed) {
        return error_response(changed.error());
    }
    acd::RouterConfig config = read.config;
    for (acd::QueueConfig& queue : config.queues) {
        if (queue.id == id) {
            queue = *changed;
        }
    }
    if (auto refused = reconfigure(c, std::move(config))) {
        return error_response(*refused);
    }
    audit(c, "queue-update", id.str(), c.body);
    read = read_center(c.deps.center, c.deps.notes, kReadConfig | kReadLive, c.deps.now());
    return json_reply(
        200, Json{{"at_ms", ms(read.at)}, {"queue", queue_json(read, *read.queue_config(id))}});
}

HttpResponse list_members(RequestContext& c) {
    const QueueId id{c.param("name")};
    const CenterRead read =
        read_center(c.deps.center, c.deps.notes, kReadConfig | kReadAgents, c.now);
    if (auto refused = find_queue(c, read, id)) {
        return error_response(*refused);
    }
    return json_reply(200, Json{{"members", members_json(read, id)}});
}

/// The queue and agent of a membership path; 404 naming which is unknown.
std::optional<ApiError> find_member_path(const CenterRead& read, const QueueId& queue,
                                         const AgentId& agent) {
    if (read.queue_config(queue) == nullptr) {
        return ApiError::not_found("no queue '" + queue.str() + "'", "queue");
    }
    if (read.agent_config(agent) == nullptr) {
        return ApiError::not_found("no agent '" + agent.str() + "'", "agent");
    }
    return std::nullopt;
}

HttpResponse put_member(RequestContext& c) {
    static const std::vector<FieldRule> rules{
        {"penalty",
         JsonKind::Integer,
         true,
         false,
         in_range(0, std::numeric_limits<int>::max()),
         {}},
    };
    if (auto refused = check_fields(c.body, rules)) {
        return error_response(*refused);
    }
    const QueueId queue{c.param("name")};
    const AgentId agent{c.param("agent")};
    const int penalty = c.body["penalty"].get<int>();
    std::lock_guard lock(c.deps.config_mutex);
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadConfig, c.now);
    if (auto refused = find_member_path(read, queue, agent)) {
        return error_response(*refused);
    }
    acd::RouterConfig config = read.config;
    bool added = true;
    for (acd::AgentConfig& a : config.agents) {
        if (a.id != agent) {
            continue;
        }
        for (acd::Membership& m : a.queues) {
            if (m.queue == queue) {
                m.penalty = penalty;
                added = false;
            }
        }
        if (added) {
            a.queues.push_back({queue, penalty});
        }
    }
    if (auto refused = reconfigure(c, std::move(config))) {
        return error_response(*refused);
    }
    audit(c, "member-update", queue.str() + "/" + agent.str(), c.body);
    const CenterRead after = read_center(c.deps.center, c.deps.notes, kReadAgents, c.deps.now());
    const acd::AgentSnapshot* snapshot = after.agent(agent);
    const bool logged_in = snapshot && std::find(snapshot->queues.begin(), snapshot->queues.end(),
                                                 queue) != snapshot->queues.end();
    return json_reply(added ? 201 : 200,
                      Json{{"member", member_json(queue, agent, penalty, logged_in)}});
}

HttpResponse delete_member(RequestContext& c) {
    const QueueId queue{c.param("name")};
    const AgentId agent{c.param("agent")};
    std::lock_guard lock(c.deps.config_mutex);
    const CenterRead read = read_center(c.deps.center, c.deps.notes, kReadConfig, c.now);
    if (auto refused = find_member_path(read, queue, agent)) {
        return error_response(*refused);
    }
    acd::RouterConfig config = read.config;
    bool found = false;
    for (acd::AgentConfig& a : config.agents) {
        if (a.id == agent) {
            found =
                std::erase_if(a.queues, [&queue](const auto& m) { return m.queue == queue; }) > 0;
        }
    }
    if (!found) {
        return error_response(ApiError::not_found(
            "agent '" + agent.str() + "' is not a member of queue '" + queue.str() + "'", "agent"));
    }
    if (auto refused = reconfigure(c, std::move(config))) {
        return error_response(*refused);
    }
    audit(c, "member-delete", queue.str() + "/" + agent.str(), Json::object());
    return no_content();
}

}  // namespace

void add_queue_endpoints(std::vector<Endpoint>& out) {
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/queues",
                   .roles = kAnyRole,
                   .handler = list_queues});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/queues/{name}",
                   .roles = kAnyRole,
                   .handler = get_queue});
    out.push_back({.method = Method::Patch,
                   .pattern = "/api/v1/queues/{name}",
                   .roles = kManager,
                   .takes_body = true,
                   .handler = update_queue});
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/queues/{name}/members",
                   .roles = kManager | kSupervisor | kQa,
                   .handler = list_members});
    out.push_back({.method = Method::Put,
                   .pattern = "/api/v1/queues/{name}/members/{agent}",
                   .roles = kManager,
                   .takes_body = true,
                   .handler = put_member});
    out.push_back({.method = Method::Delete,
                   .pattern = "/api/v1/queues/{name}/members/{agent}",
                   .roles = kManager,
                   .handler = delete_member});
}

}  // namespace markaz::api
