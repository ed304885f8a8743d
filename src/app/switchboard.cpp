// The switchboard's dispatch: SIP events to the handler of their kind, the router's commands
// and the timers of the flow. Each part of the flow has its own file: arrivals (dialplan and
// IVR routing), legs, queueing (the router's decisions), callbacks, commands, hold, rooms,
// media (prompts and digits) and agents (feature codes, desks).

#include "app/switchboard.h"

#include <fmt/format.h>

#include "app/call.h"

namespace markaz::app {

Switchboard::Switchboard(const config::ServerConfig& config, acd::Router router,
                         const PromptLibrary& prompts, CallControl& phones, MediaControl& media,
                         CallStore& store, CenterView& view, PostBack post_back, Log log,
                         std::string id_prefix)
    : config_(config),
      router_(std::move(router)),
      prompts_(prompts),
      phones_(phones),
      media_(media),
      store_(store),
      view_(view),
      post_back_(std::move(post_back)),
      log_(std::move(log)),
      id_prefix_(std::move(id_prefix)) {
    // The house language (feature codes, calls that reach a queue without an IVR): the
    // language of the first IVR flow a number leads to, else Persian.
    for (const auto& [number, route] : config_.dialplan) {
        if (route.kind == config::NumberRoute::Kind::Ivr) {
            house_language_ = config_.ivr.at(route.target).language;
            break;
        }
    }
}

Switchboard::~Switchboard() = default;

std::size_t Switchboard::active_calls() const {
    return calls_.size();
}

Switchboard::Call* Switchboard::call_of(const CallId& id) {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
}

Result<void> Switchboard::handle(const acd::Command& command, Now now) {
    auto events = router_.handle(command, now);
    if (!events) {
        return fail(events.error());
    }
    apply(*events, now);
    return {};
}

void Switchboard::start(const std::vector<store::CallbackRequest>& pending, Now now) {
    for (const acd::AgentConfig& agent : config_.router.agents) {
        if (agent.extension.empty()) {
            continue;
        }
        // Logged in at their desk, not ready until the phone there registers.
        if (handle(
                acd::AgentLogin{
                    agent.id, agent.extension, {}, acd::AgentState::NotReady, "", "start"},
                now)) {
            waiting_for_phone_.insert(agent.id);
        }
    }
    // The requests' history (joining the queue, asking for the callback) is already in the
    // store: putting them back in the router records nothing again, or reports would count
    // each of these calls twice.
    restoring_ = true;
    for (const store::CallbackRequest& request : pending) {
        CallId id{request.call};
        auto restored =
            handle(acd::EnqueueCall{id, QueueId{request.queue}, 0, {}, request.number}, now);
        if (restored) {
            restored = handle(acd::RequestCallback{id, request.number}, now);
        }
        if (!restored) {
            log_(fmt::format("callback {} to {} could not be restored: {}", request.call,
                             request.number, restored.error().message));
        } else {
            log_(fmt::format("callback {} to {} restored in queue {}", request.call, request.number,
                             request.queue));
        }
    }
    restoring_ = false;
}

void Switchboard::on_call_event(const sip::CallEvent& event, Now now) {
    using Kind = sip::CallEvent::Kind;
    if (event.kind == Kind::Arrived) {
        arrive(event, now);
        return;
    }
    if (event.kind == Kind::Originated) {
        originated(event, now);
        return;
    }
    auto it = calls_.find(event.call);
    if (it == calls_.end()) {
        return;
    }
    Call& call = *it->second;
    switch (event.kind) {
        case Kind::Digit:  // SIP INFO; RFC 4733 and tones come as media events
            if (event.leg == 0) {
                digit(call, event.digit, now);
            } else if (call.monitors.contains(event.leg)) {
                monitor_digit(call, event.leg, event.digit, now);
            }
            break;
        case Kind::LegRinging:
            break;
        case Kind::LegEarlyMedia:
            early_media(call, event);
            break;
        case Kind::LegAnswered:
            leg_answered(call, event, now);
            break;
        case Kind::LegFailed:
            leg_failed(call, event, now);
            break;
        case Kind::LegEnded:
            if (call.monitors.contains(event.leg)) {
                monitor_gone(call, event.leg, "hung up", now);
            } else if (agent_hung_up(call, event.leg, now)) {
                break;
            } else {  // answered, never connected: as if it had not answered
                leg_failed(call, sip::CallEvent::failed(event.call, event.leg, 487), now);
            }
            break;
        case Kind::Referred:
            referred(call, event, now);
            break;
        case Kind::Held:
        case Kind::Resumed:
            held(call, event.leg, event.kind == Kind::Held, now);
            break;
        case Kind::Ended:
            ended(call, event, now);
            break;
        default:
            break;
    }
}

const acd::QueueConfig* Switchboard::queue_config(const QueueId& queue) const {
    for (const acd::QueueConfig& q : config_.router.queues) {
        if (q.id == queue) {
            return &q;
        }
    }
    return nullptr;
}

void Switchboard::tick(Now now) {
    apply(router_.tick(now), now);
    std::vector<Call*> due;
    for (auto& [ref, call] : calls_) {
        if ((call->gather_until && *call->gather_until <= now.mono) ||
            (call->announce_at && *call->announce_at <= now.mono)) {
            due.push_back(call.get());
        }
    }
    for (Call* call : due) {
        if (call->gather_until && *call->gather_until <= now.mono) {
            call->gather_until.reset();
            if (call->in<stage::Ivr>()) {
                call->ivr->timed_out(now.wall);
                run_ivr(*call, now);
            } else if (call->in<stage::CallbackDialogue>()) {
                callback_digit(*call, 0, now);  // no answer
            } else if (call->in<stage::Dialling>()) {
                // The customer did not answer in time: this attempt failed.
                call->hangup_cause = "customer did not answer";
                call->stage = stage::Ending{};
                if (auto ok =
                        handle(acd::CallbackDialed{call->id, acd::DialOutcome::NoAnswer}, now);
                    !ok) {
                    log_(fmt::format("callback {}: {}", call->id.str(), ok.error().message));
                }
                phones_.hang_up(call->ref);
            }
        } else {
            call->announce_at.reset();
            announce_wait(*call, now);
        }
    }
}

std::optional<SteadyTime> Switchboard::next_deadline() const {
    std::optional<SteadyTime> next = router_.next_deadline();
    auto earliest = [&next](const std::optional<SteadyTime>& at) {
        if (at && (!next || *at < *next)) {
            next = at;
        }
    };
    for (const auto& [ref, call] : calls_) {
        earliest(call->gather_until);
        earliest(call->announce_at);
    }
    return next;
}

}  // namespace markaz::app
