#include "acd/router.h"

#include <set>

#include "acd/engine.h"

namespace markaz::acd {
namespace {

Failure invalid(const std::string& message) {
    return fail(Errc::InvalidArgument, message);
}

Result<void> validate_queue(const QueueConfig& q, const std::string& at,
                            const std::set<QueueId>& queue_ids) {
    if (q.id.empty()) {
        return invalid(at + ".name: must not be empty");
    }
    if (q.ring_timeout <= Duration::zero()) {
        return invalid(at + ".ring_timeout: must be positive");
    }
    if (q.sl_target < 0 || q.sl_target > 1) {
        return invalid(at + ".service_level.target: must lie in 0%..100%");
    }
    if (q.max_wait && *q.max_wait <= Duration::zero()) {
        return invalid(at + ".max_wait: must be positive");
    }
    if (q.on_max_wait.kind == ExitKind::Queue) {
        if (!queue_ids.contains(q.on_max_wait.queue)) {
            return invalid(at + ".on_max_wait.queue: unknown queue '" + q.on_max_wait.queue.str() +
                           "'");
        }
        if (q.on_max_wait.queue == q.id) {
            return invalid(at + ".on_max_wait.queue: a queue cannot exit into itself");
        }
    }
    if (q.on_max_wait.kind == ExitKind::Callback && !q.callback.enabled) {
        return invalid(at + ".on_max_wait: exit 'callback' needs callback.enabled");
    }
    if (q.callback.max_attempts < 1) {
        return invalid(at + ".callback.max_attempts: must be at least 1");
    }
    return {};
}

Result<void> validate_agent(const AgentConfig& a, const std::string& at,
                            const std::set<QueueId>& queue_ids) {
    if (a.id.empty()) {
        return invalid(at + ".id: must not be empty");
    }
    std::set<QueueId> seen;
    for (std::size_t m = 0; m < a.queues.size(); ++m) {
        const auto& membership = a.queues[m];
        std::string field = at + ".queues[" + std::to_string(m) + "]";
        if (!queue_ids.contains(membership.queue)) {
            return invalid(field + ": unknown queue '" + membership.queue.str() + "'");
        }
        if (!seen.insert(membership.queue).second) {
            return invalid(field + ": queue '" + membership.queue.str() + "' listed twice");
        }
        if (membership.penalty < 0) {
            return invalid(field + ".penalty: must not be negative");
        }
    }
    for (const auto& [skill, proficiency] : a.skills) {
        if (proficiency < 1 || proficiency > 10) {
            return invalid(at + ".skills." + skill + ": proficiency must be 1..10");
        }
    }
    if (a.max_no_answer < 1) {
        return invalid(at + ".max_no_answer: must be at least 1");
    }
    return {};
}

}  // namespace

/// Checks what the engine relies on; the config loader has already checked types and names.
Result<void> validate(const RouterConfig& config) {
    std::set<QueueId> queue_ids;
    for (std::size_t i = 0; i < config.queues.size(); ++i) {
        if (!queue_ids.insert(config.queues[i].id).second) {
            return invalid("queues[" + std::to_string(i) + "].name: duplicate queue '" +
                           config.queues[i].id.str() + "'");
        }
    }
    for (std::size_t i = 0; i < config.queues.size(); ++i) {
        auto ok = validate_queue(config.queues[i], "queues[" + std::to_string(i) + "]", queue_ids);
        if (!ok) {
            return ok;
        }
    }
    std::set<AgentId> agent_ids;
    for (std::size_t i = 0; i < config.agents.size(); ++i) {
        std::string at = "agents[" + std::to_string(i) + "]";
        if (!agent_ids.insert(config.agents[i].id).second) {
            return invalid(at + ".id: duplicate agent '" + config.agents[i].id.str() + "'");
        }
        auto ok = validate_agent(config.agents[i], at, queue_ids);
        if (!ok) {
            return ok;
        }
    }
    std::set<std::string> reasons;
    for (const auto& reason : config.pause_reasons) {
        if (reason.empty() || reason == kNoAnswerPauseReason || !reasons.insert(reason).second) {
            return invalid("pause_reasons: '" + reason + "' is empty, reserved or repeated");
        }
    }
    return {};
}

Result<Router> Router::create(RouterConfig config, std::uint64_t seed) {
    if (auto ok = validate(config); !ok) {
        return fail(ok.error());
    }
    return Router(std::make_unique<State>(std::move(config), seed));
}

struct Router::State : detail::Engine {
    using detail::Engine::Engine;
};

Router::Router(std::unique_ptr<State> state) : state_(std::move(state)) {}
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;
Router::~Router() = default;

Result<std::vector<Event>> Router::handle(const Command& command, Now now) {
    return state_->handle(command, now);
}
std::vector<Event> Router::tick(Now now) {
    return state_->tick(now);
}
std::optional<SteadyTime> Router::next_deadline() const {
    return state_->next_deadline();
}
std::optional<AgentSnapshot> Router::agent(const AgentId& id) const {
    return state_->agent_snapshot(id);
}

std::optional<CallId> Router::next_call_for(const AgentId& id) const {
    return state_->next_call_for(id);
}
std::optional<QueueSnapshot> Router::queue(const QueueId& id) const {
    return state_->queue_snapshot(id);
}
std::vector<WaitingCall> Router::waiting_calls(const QueueId& id) const {
    return state_->waiting_calls(id);
}
const RouterConfig& Router::config() const {
    return state_->config();
}

}  // namespace markaz::acd
