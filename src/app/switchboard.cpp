// The switchboard: calls arriving and routed by the dialplan, the IVR or a queue, and the
// timers of the flow. The legs are in switchboard_legs.cpp, the router's decisions in
// switchboard_queueing.cpp, callbacks, commands, hold and media in their own files.

#include "app/switchboard.h"

#include <type_traits>
#include <variant>

#include <fmt/format.h>

#include "app/call.h"
#include "app/dialplan.h"
#include "app/feature_codes.h"

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
        case Kind::Digit:
            if (event.leg == 0) {
                digit(call, event.digit, now);
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

void Switchboard::arrive(const sip::CallEvent& event, Now now) {
    Destination where = route_call(config_, event.caller, event.dialled, event.from_trunk);
    if (const auto* refused = std::get_if<destination::Refused>(&where)) {
        // Not a call of the centre: no record (a scanner's INVITEs would fill the store).
        log_(fmt::format("call from {} to {} refused ({}): {}", event.caller, event.dialled,
                         refused->status, refused->reason));
        phones_.reject(event.call, refused->status);
        return;
    }
    if (!event.from_trunk && placed_.up(event.caller) >= config_.dial.max_calls(event.caller)) {
        log_(
            fmt::format("call from {} to {} refused (486): {} has {} calls up, as many as its "
                        "class {} allows",
                        event.caller, event.dialled, event.caller, placed_.up(event.caller),
                        config_.dial.class_of(event.caller).name));
        phones_.reject(event.call, 486);
        return;
    }
    auto owned = std::make_unique<Call>();
    Call& call = *owned;
    call.ref = event.call;
    call.id = CallId{id_prefix_ + "-" + std::to_string(next_id_++)};
    call.channel = event.channel;
    call.language = house_language_;
    call.record.id = call.id.str();
    call.record.started = now.wall;
    call.record.caller = event.caller;
    call.record.dialled = event.dialled;
    calls_[call.ref] = std::move(owned);
    by_id_[call.id] = &call;
    by_channel_[call.channel] = &call;
    if (!event.from_trunk) {
        placed_.placed(event.caller, call.ref);
    }
    log_(fmt::format("call {} from {} to {}", call.id.str(), event.caller, event.dialled));
    store_.save_open(call.record);  // a record even if the server dies before the call ends

    std::visit(
        [&](const auto& to) {
            using To = std::decay_t<decltype(to)>;
            if constexpr (std::is_same_v<To, destination::Flow>) {
                phones_.answer(call.ref);
                run_flow(call, event, now);
            } else if constexpr (std::is_same_v<To, destination::Echo>) {
                phones_.answer(call.ref);
                call.phase = Call::Phase::Test;
                media_.echo(call.channel);
            } else if constexpr (std::is_same_v<To, destination::PromptLoop>) {
                phones_.answer(call.ref);
                call.phase = Call::Phase::Test;
                media_.play(call.channel, prompts_.loop_prompt(), true, 0);
            } else if constexpr (std::is_same_v<To, destination::Extension>) {
                call.phase = Call::Phase::Calling;
                std::uint64_t leg = call.next_leg++;
                call.legs[leg] = AgentId{};
                phones_.ring(call.ref, leg, to.number, event.caller, input_time_);
            } else if constexpr (std::is_same_v<To, destination::Trunk>) {
                call.phase = Call::Phase::Calling;
                std::uint64_t leg = call.next_leg++;
                call.legs[leg] = AgentId{};
                phones_.ring_trunk(call.ref, leg, to.trunk, to.number, event.caller, input_time_);
            }
        },
        where);
}

void Switchboard::run_flow(Call& call, const sip::CallEvent& event, Now now) {
    if (parse_feature_code(event.dialled)) {
        feature_code(call, now);
        return;
    }
    const config::NumberRoute& route = config_.dialplan.at(event.dialled);
    api::LiveCall live;
    live.id = call.id;
    live.caller = event.caller;
    live.dialled = event.dialled;
    live.since = now.wall;
    view_.book().note_arrival(std::move(live));
    if (route.kind == config::NumberRoute::Kind::Queue) {
        enqueue(call, route.target, 0, {}, now);
        return;
    }
    const ivr::Flow& flow = config_.ivr.at(route.target);
    call.ivr = std::make_unique<ivr::Session>(flow, now.wall);
    call.phase = Call::Phase::Ivr;
    run_ivr(call, now);
}

void Switchboard::route(Call& call, Now now) {
    const ivr::Route& to = call.ivr->current().route;
    call.record.ivr_path = call.ivr->path();
    call.record.digits = call.ivr->digits();
    call.record.variables = call.ivr->variables();
    call.language = call.ivr->language();
    if (api::LiveCall* live = view_.book().find(call.id)) {  // the agent's screen pop
        live->ivr_path = call.record.ivr_path;
        live->digits = call.record.digits;
        live->variables = call.record.variables;
    }
    switch (to.kind) {
        case ivr::Route::Kind::Queue:
            enqueue(call, to.target, to.priority, to.skills, now);
            break;
        case ivr::Route::Kind::Callback:
            offer_callback_number(call, to.target, now);
            break;
        case ivr::Route::Kind::Extension: {
            call.phase = Call::Phase::Direct;
            hold_music(call);
            std::uint64_t leg = call.next_leg++;
            call.legs[leg] = AgentId{};
            phones_.ring(call.ref, leg, to.target, call.record.caller, input_time_);
            break;
        }
        case ivr::Route::Kind::Hangup:
            call.hangup_cause = "ivr hang-up";
            phones_.hang_up(call.ref);
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
            if (call->phase == Call::Phase::Ivr) {
                call->ivr->timed_out(now.wall);
                run_ivr(*call, now);
            } else if (call->phase == Call::Phase::Dialogue) {
                callback_digit(*call, 0, now);  // no answer
            } else if (call->phase == Call::Phase::Dialling) {
                // The customer did not answer in time: this attempt failed.
                call->hangup_cause = "customer did not answer";
                call->in_router = false;
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
