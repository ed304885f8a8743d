// The switchboard's calls: arriving, routed, queued, offered, answered, ended, recorded.

#include "app/switchboard.h"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "app/call.h"
#include "app/feature_codes.h"
#include "common/overloaded.h"

namespace markaz::app {

namespace {

/// "recordings/20261123-104512-mk3x9a-7.wav": sortable by time, named by the call.
std::string recording_path(const std::string& dir, WallTime at, const CallId& call) {
    return dir + "/" + utc_text(at, "%Y%m%d-%H%M%S") + "-" + call.str() + ".wav";
}

acd::OfferFailure offer_failure(int status) {
    switch (status) {
        case 486:
        case 600:
            return acd::OfferFailure::Busy;
        case 603:
            return acd::OfferFailure::Rejected;
        case 404:
        case 480:
        case 503:
            return acd::OfferFailure::Unreachable;
        default:
            return acd::OfferFailure::NoAnswer;
    }
}

acd::DialOutcome dial_outcome(int status) {
    switch (status) {
        case 486:
        case 600:
            return acd::DialOutcome::Busy;
        case 408:
        case 480:
        case 487:
            return acd::DialOutcome::NoAnswer;
        default:
            return acd::DialOutcome::Failed;
    }
}

}  // namespace

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
    log_(fmt::format("call {} from {} to {}", call.id.str(), event.caller, event.dialled));
    store_.save_open(call.record);  // a record even if the server dies before the call ends

    if (parse_feature_code(event.dialled)) {
        feature_code(call, now);
        return;
    }
    auto route = config_.dialplan.find(event.dialled);
    if (route == config_.dialplan.end()) {
        phones_.hang_up(call.ref);  // not ours after all (the handler and the dialplan agree)
        return;
    }
    api::LiveCall live;
    live.id = call.id;
    live.caller = event.caller;
    live.dialled = event.dialled;
    live.since = now.wall;
    view_.book().note_arrival(std::move(live));
    if (route->second.kind == config::NumberRoute::Kind::Queue) {
        enqueue(call, route->second.target, 0, {}, now);
        return;
    }
    const ivr::Flow& flow = config_.ivr.at(route->second.target);
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

void Switchboard::enqueue(Call& call, const std::string& queue, int priority,
                          const std::vector<std::string>& skills, Now now) {
    call.phase = Call::Phase::Queued;
    call.queue = QueueId{queue};
    auto joined = handle(
        acd::EnqueueCall{call.id, QueueId{queue}, priority, skills, call.record.caller}, now);
    if (!joined) {
        log_(fmt::format("call {}: cannot join {}: {}", call.id.str(), queue,
                         joined.error().message));
        say_and_hang_up(call, {ivr::say(ivr::Phrase::AllBusy, call.language)}, now);
    }
}

void Switchboard::leg_answered(Call& call, const sip::CallEvent& event, Now now) {
    if (event.leg == 0 && call.agent_first) {  // the agent took the callback: dial the customer
        call.channel = event.channel;
        by_channel_[call.channel] = &call;
        if (auto ok = handle(acd::OfferAnswered{call.id, call.reserved}, now); !ok) {
            log_(fmt::format("callback {}: {}", call.id.str(), ok.error().message));
            call.in_router = false;
            phones_.hang_up(call.ref);
        }
        return;
    }
    if (call.agent_first && call.customer_leg == event.leg) {  // the customer answered
        call.leg_channels[event.leg] = event.channel;
        call.gather_until.reset();
        if (auto ok = handle(acd::CallbackDialed{call.id, acd::DialOutcome::Answered}, now); !ok) {
            log_(fmt::format("callback {}: {}", call.id.str(), ok.error().message));
            phones_.hang_up(call.ref);
        }
        return;
    }
    if (event.leg == 0) {  // the customer of a callback answered
        call.gather_until.reset();
        call.phase = Call::Phase::Queued;
        call.channel = event.channel;
        by_channel_[call.channel] = &call;
        play(call,
             prompts_.announcement({ivr::say(ivr::Phrase::CallbackGreeting, call.language)},
                                   call.language),
             now);
        if (auto ok = handle(acd::CallbackDialed{call.id, acd::DialOutcome::Answered}, now); !ok) {
            log_(fmt::format("callback {}: {}", call.id.str(), ok.error().message));
            phones_.hang_up(call.ref);
        }
        return;
    }
    auto leg = call.legs.find(event.leg);
    if (leg == call.legs.end()) {
        phones_.drop_leg(call.ref, event.leg);
        return;
    }
    call.leg_channels[event.leg] = event.channel;
    if (call.phase == Call::Phase::Direct) {
        call.phase = Call::Phase::Connected;
        call.connected_leg = event.leg;
        start_talking(call, event.leg, now);
        return;
    }
    AgentId agent = leg->second;
    if (auto ok = handle(acd::OfferAnswered{call.id, agent}, now); !ok) {
        // The offer ended while the phone was answering (ring timeout, another agent won).
        log_(fmt::format("call {}: answer of {} not taken: {}", call.id.str(), agent.str(),
                         ok.error().message));
        call.legs.erase(leg);
        phones_.drop_leg(call.ref, event.leg);
    }
}

void Switchboard::leg_failed(Call& call, const sip::CallEvent& event, Now now) {
    if (call.agent_first && event.leg == 0) {  // the agent's phone did not take the callback
        call.in_router = false;
        call.hangup_cause = fmt::format("agent did not answer ({})", event.status);
        if (auto ok =
                handle(acd::OfferFailed{call.id, call.reserved, offer_failure(event.status)}, now);
            !ok) {
            log_(fmt::format("callback {}: {}", call.id.str(), ok.error().message));
        }
        return;
    }
    if (call.agent_first && call.customer_leg == event.leg) {  // the customer did not answer
        call.gather_until.reset();
        call.in_router = false;
        call.hangup_cause = fmt::format("customer did not answer ({})", event.status);
        if (auto ok = handle(acd::CallbackDialed{call.id, dial_outcome(event.status)}, now); !ok) {
            log_(fmt::format("callback {}: {}", call.id.str(), ok.error().message));
        }
        phones_.hang_up(call.ref);  // the agent, waiting on the line, is let go
        return;
    }
    if (event.leg == 0) {  // the customer of a callback did not answer
        call.gather_until.reset();
        call.hangup_cause = fmt::format("customer did not answer ({})", event.status);
        if (auto ok = handle(acd::CallbackDialed{call.id, dial_outcome(event.status)}, now); !ok) {
            log_(fmt::format("callback {}: {}", call.id.str(), ok.error().message));
        }
        call.in_router = false;  // the request waits in the router, not this call
        return;
    }
    auto leg = call.legs.find(event.leg);
    if (leg == call.legs.end()) {
        return;
    }
    AgentId agent = leg->second;
    call.legs.erase(leg);
    if (call.phase == Call::Phase::Direct) {
        call.hangup_cause = fmt::format("extension did not answer ({})", event.status);
        say_and_hang_up(call, {ivr::say(ivr::Phrase::AllBusy, call.language)}, now);
        return;
    }
    if (auto ok = handle(acd::OfferFailed{call.id, agent, offer_failure(event.status)}, now); !ok) {
        log_(fmt::format("call {}: {} failed with {}: {}", call.id.str(), agent.str(), event.status,
                         ok.error().message));
    }
}

void Switchboard::ended(Call& call, const sip::CallEvent& event, Now now) {
    using Side = sip::CallEvent::Side;
    call.record.hangup_side = event.ended_by == Side::Caller ? "caller"
                              : event.ended_by == Side::Leg  ? "agent"
                                                             : "system";
    if (call.hangup_cause.empty()) {
        call.hangup_cause = call.record.hangup_side + " hung up";
    }
    if (call.in_router && call.agent_first) {
        // The call's own party is the agent: they hung up, or the customer did.
        auto done =
            call.phase == Call::Phase::Connected
                ? handle(acd::HangUp{call.id, event.ended_by == Side::Leg ? acd::Party::Caller
                                                                          : acd::Party::Agent},
                         now)
                : handle(acd::CallbackDialed{call.id, acd::DialOutcome::Failed}, now);
        if (!done) {
            log_(fmt::format("call {}: {}", call.id.str(), done.error().message));
        }
    } else if (call.in_router && !call.callback_booked) {
        auto done =
            call.phase == Call::Phase::Connected
                ? handle(acd::HangUp{call.id, event.ended_by == Side::Leg ? acd::Party::Agent
                                                                          : acd::Party::Caller},
                         now)
                : handle(acd::AbandonCall{call.id}, now);
        if (!done) {
            log_(fmt::format("call {}: {}", call.id.str(), done.error().message));
        }
    }
    finish(call, now);
}

void Switchboard::finish(Call& call, Now now) {
    call.record.ended = now.wall;
    call.record.hangup_cause = call.hangup_cause;
    if (call.ivr && call.record.ivr_path.empty()) {
        call.record.ivr_path = call.ivr->path();
        call.record.digits = call.ivr->digits();
        call.record.variables = call.ivr->variables();
    }
    if (call.talk_started && call.record.talk == Duration::zero()) {
        call.record.talk = now.mono - *call.talk_started;  // an extension call: no router
    }
    log_(fmt::format("call {} ended: {}, {}", call.id.str(),
                     store::kDispositionNames.name(call.record.disposition), call.hangup_cause));
    store_.save(call.record);
    if (!call.queue && !call.callback_booked && !call.callback_dial) {
        view_.book().forget(call.id);  // ended before any queue: the router never had it
    }
    by_channel_.erase(call.channel);
    if (by_id_[call.id] == &call) {
        by_id_.erase(call.id);
    }
    calls_.erase(call.ref);
}

void Switchboard::start_talking(Call& call, std::optional<std::uint64_t> leg, Now now) {
    call.talk_started = now.mono;
    media_.stop_playing(call.channel);
    std::optional<std::string> recording;
    if (!config_.sip.recordings_dir.empty()) {
        recording = recording_path(config_.sip.recordings_dir, now.wall, call.id);
        call.record.recording = *recording;
    }
    if (leg) {
        phones_.connect_leg(call.ref, *leg, recording);
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

void Switchboard::apply(const std::vector<acd::Event>& events, Now now) {
    if (!restoring_) {
        store_.append(events);
    } else {
        std::vector<acd::Event> news;  // anything but the restored requests' own history
        std::copy_if(events.begin(), events.end(), std::back_inserter(news), [](const auto& e) {
            return !std::holds_alternative<acd::CallEnqueued>(e.body) &&
                   !std::holds_alternative<acd::CallbackRequested>(e.body);
        });
        if (!news.empty()) {
            store_.append(std::move(news));
        }
    }
    view_.apply(events);  // first: handling an event may apply the router's next ones
    ++applying_;
    for (const acd::Event& event : events) {
        apply(event, now);
    }
    if (--applying_ == 0) {
        std::vector<CallId> due;
        due.swap(announce_after_batch_);
        for (const CallId& id : due) {
            if (Call* call = call_of(id); call && call->phase == Call::Phase::Queued) {
                announce_wait(*call, now);
            }
        }
    }
}

void Switchboard::apply(const acd::Event& event, Now now) {
    std::visit(
        overloaded{
            [&](const acd::CallEnqueued& e) {
                Call* call = call_of(e.call);
                if (!call) {
                    return;
                }
                call->in_router = true;
                call->queue = e.queue;
                call->phase = Call::Phase::Queued;
                call->record.queues.push_back(e.queue.str());
                if (!call->record.joined) {
                    call->record.joined = now.wall;
                    call->record.position = e.position;
                }
                // Announced once the whole batch is applied: an agent offered the call in
                // the same batch is rung first, and the caller hears it a moment later.
                announce_after_batch_.push_back(call->id);
            },
            [&](const acd::CallBlocked& e) {
                if (Call* call = call_of(e.call)) {
                    call->record.disposition = store::Disposition::Blocked;
                    call->record.queues.push_back(e.queue.str());
                    call->hangup_cause = std::string(acd::kBlockReasonNames.name(e.reason));
                    say_and_hang_up(*call, {ivr::say(ivr::Phrase::AllBusy, call->language)}, now);
                }
            },
            [&](const acd::CallOffered& e) {
                Call* call = call_of(e.call);
                if (!call) {
                    if (e.callback) {
                        ring_agent_first(e, now);  // a request whose caller is gone
                    }
                    return;
                }
                std::uint64_t leg = call->next_leg++;
                call->legs[leg] = e.agent;
                call->record.agents_offered.push_back(e.agent.str());
                phones_.ring(call->ref, leg, e.extension,
                             call->callback_dial ? call->record.dialled : call->record.caller,
                             input_time_);
            },
            [&](const acd::OfferEnded& e) {
                Call* call = call_of(e.call);
                if (!call) {
                    return;
                }
                if (call->agent_first && e.agent == call->reserved && !call->customer_leg) {
                    // The agent did not take the callback: their phone stops ringing.
                    call->in_router = false;
                    call->hangup_cause = "agent did not answer";
                    phones_.hang_up(call->ref);
                    return;
                }
                for (auto it = call->legs.begin(); it != call->legs.end(); ++it) {
                    if (it->second == e.agent && it->first != call->connected_leg) {
                        phones_.drop_leg(call->ref, it->first);
                        call->legs.erase(it);
                        break;
                    }
                }
            },
            [&](const acd::CallAnswered& e) {
                if (e.callback) {
                    store_.close_callback(e.call.str(), "answered", now.wall);
                }
                Call* call = call_of(e.call);
                if (!call) {
                    return;
                }
                for (const auto& [leg, agent] : call->legs) {
                    if (agent == e.agent) {
                        call->connected_leg = leg;
                    }
                }
                if (call->agent_first) {
                    call->connected_leg = call->customer_leg;  // the agent is the call's own party
                }
                call->phase = Call::Phase::Connected;
                call->play_tag = 0;
                call->announce_at.reset();
                call->record.disposition = store::Disposition::Answered;
                call->record.agent = e.agent.str();
                call->record.wait = e.wait;
                start_talking(*call, call->connected_leg, now);
                store_.save_open(call->record);
                log_(fmt::format(
                    "call {} answered by {} after {} ms", e.call.str(), e.agent.str(),
                    std::chrono::duration_cast<std::chrono::milliseconds>(e.wait).count()));
            },
            [&](const acd::CallAbandoned& e) {
                if (Call* call = call_of(e.call)) {
                    call->in_router = false;
                    call->record.disposition = store::Disposition::Abandoned;
                    call->record.wait = e.wait;
                }
            },
            [&](const acd::CallTimedOut& e) {
                Call* call = call_of(e.call);
                if (!call) {
                    return;
                }
                call->record.wait = e.wait;
                call->hangup_cause = std::string(acd::kTimeoutReasonNames.name(e.reason));
                if (e.exit.kind == acd::ExitKind::Hangup) {
                    call->in_router = false;
                    call->record.disposition = store::Disposition::TimedOut;
                    std::vector<ivr::SpokenPart> parts{
                        e.exit.announcement.empty()
                            ? ivr::say(ivr::Phrase::AllBusy, call->language)
                            : ivr::SpokenPart{ivr::SpokenPart::Kind::Text, e.exit.announcement}};
                    say_and_hang_up(*call, std::move(parts), now);
                }
                // Queue: the router enqueues it in the next queue (CallEnqueued follows).
                // Callback: the router makes the request (CallbackRequested follows).
            },
            [&](const acd::CallRemoved& e) {
                if (e.callback) {
                    store_.close_callback(e.call.str(), "removed", now.wall);
                }
                if (Call* call = call_of(e.call); call && call->phase == Call::Phase::Queued) {
                    call->in_router = false;
                    call->record.disposition = store::Disposition::TimedOut;
                    call->hangup_cause = "removed by " + e.by;
                    say_and_hang_up(*call, {ivr::say(ivr::Phrase::AllBusy, call->language)}, now);
                }
            },
            [&](const acd::CallCompleted& e) {
                Call* call = call_of(e.call);
                double handle_s = seconds(e.talk + e.hold);
                auto [it, fresh] = handle_time_s_.emplace(e.queue, handle_s);
                if (!fresh) {
                    it->second = 0.8 * it->second + 0.2 * handle_s;  // moving average
                }
                if (call) {
                    call->in_router = false;
                    call->record.talk = e.talk;
                    call->record.hold = e.hold;
                }
            },
            [&](const acd::WrapUpCompleted& e) { store_.set_wrap(e.call.str(), e.wrap); },
            [&](const acd::CallbackOffered& e) {
                Call* call = call_of(e.call);
                if (call && call->phase == Call::Phase::Queued && !call->callback_dial) {
                    play(
                        *call,
                        prompts_.announcement(
                            {ivr::say(ivr::Phrase::CallbackOffer, call->language)}, call->language),
                        now);
                }
            },
            [&](const acd::CallbackRequested& e) {
                Call* call = call_of(e.call);
                if (!call) {
                    return;  // restored at start: already on disk
                }
                call->callback_booked = true;
                call->record.disposition = store::Disposition::Callback;
                call->record.wait = e.wait;
                call->hangup_cause = e.by_exit ? "callback (max wait)" : "callback requested";
                call->phase = Call::Phase::Dialogue;
                call->dialogue = Call::Dialogue::Booking;
                CallId id = e.call;
                store_.book_callback(
                    store::CallbackRequest{e.call.str(), e.queue.str(), e.number, now.wall, 0},
                    [post = post_back_, id](Result<void> booked) {
                        post([id, booked](Switchboard& board, Now at) {
                            board.callback_booked(id, booked, at);
                        });
                    });
            },
            [&](const acd::DialCallback& e) { dial_callback(e, now); },
            [&](const acd::CallbackAttemptFailed& e) {
                store_.callback_attempted(e.call.str(), e.attempt, now.wall);
            },
            [&](const acd::CallbackFailed& e) {
                store_.close_callback(e.call.str(), "failed", now.wall);
            },
            [&](const acd::AgentStateChanged& e) {
                log_(fmt::format("agent {}: {} -> {}{}", e.agent.str(),
                                 acd::kAgentStateNames.name(e.from),
                                 acd::kAgentStateNames.name(e.to),
                                 e.reason.empty() ? "" : " (" + e.reason + ")"));
            },
            [](const auto&) {},
        },
        event.body);
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
