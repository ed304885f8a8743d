#include "api/call_book.h"

#include "common/overloaded.h"

namespace markaz::api {

LiveCall* CallBook::find(const CallId& id) {
    auto it = calls_.find(id);
    return it == calls_.end() ? nullptr : &it->second;
}

void CallBook::forget(const CallId& id) {
    calls_.erase(id);
    ringing_.erase(id);
}

const CallId& call_of(const FlowEvent& event) {
    return std::visit([](const auto& e) -> const CallId& { return e.call; }, event);
}

void CallBook::apply(const FlowEvent& event) {
    std::visit(overloaded{
                   [&](const flow::CallArrived& e) {
                       LiveCall call;
                       call.id = e.call;
                       call.caller = e.caller;
                       call.dialled = e.dialled;
                       call.since = e.at;
                       call.state = LiveCall::State::Ivr;
                       calls_[e.call] = std::move(call);
                   },
                   [&](const flow::IvrFinished& e) {
                       if (LiveCall* call = find(e.call)) {
                           call->ivr_path = e.path;
                           call->digits = e.digits;
                           call->variables = e.variables;
                       }
                   },
                   [&](const flow::MonitorJoined& e) {
                       if (LiveCall* call = find(e.call)) {
                           call->monitors.push_back(e.monitor);
                       }
                   },
                   [&](const flow::MonitorModeChanged& e) {
                       if (LiveCall* call = find(e.call)) {
                           for (CallMonitor& monitor : call->monitors) {
                               if (monitor.extension == e.extension) {
                                   monitor.mode = e.mode;
                               }
                           }
                       }
                   },
                   [&](const flow::MonitorLeft& e) {
                       if (LiveCall* call = find(e.call)) {
                           std::erase_if(call->monitors, [&](const CallMonitor& monitor) {
                               return monitor.extension == e.extension;
                           });
                       }
                   },
                   [&](const flow::ConsultAnswered& e) {
                       if (LiveCall* call = find(e.call); call && call->consult) {
                           call->consult->phase = ConsultPhase::Talking;
                       }
                   },
                   [&](const flow::RecordingPaused& e) {
                       if (LiveCall* call = find(e.call)) {
                           call->recording_paused = e.paused;
                       }
                   },
                   [&](const flow::CallEnded& e) {
                       const LiveCall* call = find(e.call);
                       if (call && (call->state == LiveCall::State::Ivr ||
                                    call->state == LiveCall::State::TransferredOut)) {
                           forget(e.call);
                       }
                   },
               },
               event);
}

void CallBook::back_in_line(LiveCall& call) {
    call.state = call.callback ? LiveCall::State::Callback : LiveCall::State::Waiting;
    call.agent.reset();
    call.extension.clear();
    call.offered_by.clear();
}

void CallBook::apply(const std::vector<acd::Event>& events) {
    for (const acd::Event& event : events) {
        apply(event);
    }
}

void CallBook::apply(const acd::Event& event) {
    const WallTime at = event.at;
    std::visit(
        overloaded{
            [&](const acd::CallEnqueued& e) { enqueued(e, at); },
            [&](const acd::CallOffered& e) { offered(e); },
            [&](const acd::OfferEnded& e) { offer_ended(e); },
            [&](const acd::CallAnswered& e) { answered(e, at); },
            [&](const acd::CallHeld& e) { set_state(e.call, LiveCall::State::OnHold); },
            [&](const acd::CallResumed& e) { set_state(e.call, LiveCall::State::Connected); },
            [&](const acd::CallbackRequested& e) { callback_requested(e, at); },
            [&](const acd::ConsultStarted& e) {
                if (LiveCall* call = find(e.call)) {
                    call->consult = CallConsult{e.to_agent, ConsultPhase::Ringing, at, e.extension,
                                                e.to_number};
                }
            },
            [&](const acd::ConsultJoined& e) {
                if (LiveCall* call = find(e.call); call && call->consult) {
                    call->consult->phase = ConsultPhase::Conference;
                }
            },
            [&](const acd::ConsultEnded& e) {
                if (LiveCall* call = find(e.call)) {
                    call->consult.reset();
                }
            },
            [&](const acd::DialCallback& e) {
                if (LiveCall* call = find(e.call)) {
                    call->agent = e.agent;  // reserved: the customer is being dialled for them
                }
            },
            [&](const acd::CallbackAttemptFailed& e) {
                if (LiveCall* call = find(e.call)) {
                    back_in_line(*call);
                }
            },
            [&](const acd::CallPriorityChanged& e) {
                if (LiveCall* call = find(e.call)) {
                    call->priority = e.to;
                }
            },
            [&](const acd::CallTimedOut& e) {
                // Exits into another queue or a callback keep the call (its next event follows).
                if (e.exit.kind == acd::ExitKind::Hangup) {
                    forget(e.call);
                }
            },
            [&](const acd::CallBlocked& e) { forget(e.call); },
            [&](const acd::CallAbandoned& e) { forget(e.call); },
            [&](const acd::CallRemoved& e) { forget(e.call); },
            [&](const acd::CallCompleted& e) { forget(e.call); },
            [&](const acd::CallTransferred& e) {
                LiveCall* call = find(e.call);
                if (call && !e.to_number.empty()) {
                    // Out of the queues, still on the centre's lines until it ends (CallEnded).
                    call->state = LiveCall::State::TransferredOut;
                    call->transferred_to = e.to_number;
                    call->agent.reset();
                    call->extension.clear();
                    call->consult.reset();
                    call->monitors.clear();
                    ringing_.erase(e.call);
                }
            },
            [&](const acd::CallbackFailed& e) { forget(e.call); },
            [](const auto&) {},
        },
        event.body);
}

void CallBook::enqueued(const acd::CallEnqueued& e, WallTime at) {
    LiveCall& call = calls_[e.call];  // an arrival from the IVR keeps what the shell noted
    call.id = e.call;
    call.queue = e.queue;
    call.caller = e.caller;
    call.priority = e.priority;
    call.position = e.position;
    call.since = at;
    call.callback = false;
    call.answered_at.reset();  // a transferred caller waits again
    back_in_line(call);
}

void CallBook::offered(const acd::CallOffered& e) {
    LiveCall* call = find(e.call);
    if (call == nullptr) {
        return;
    }
    auto& agents = ringing_[e.call];
    agents.insert(e.agent);
    if (agents.size() == 1) {  // ring-all: the first agent rung is shown
        call->state = LiveCall::State::Ringing;
        call->agent = e.agent;
        call->extension = e.extension;
        call->offered_by = e.by;
    }
}

void CallBook::offer_ended(const acd::OfferEnded& e) {
    auto& agents = ringing_[e.call];
    agents.erase(e.agent);
    LiveCall* call = find(e.call);
    if (call == nullptr || call->state != LiveCall::State::Ringing || call->agent != e.agent) {
        return;
    }
    if (agents.empty()) {
        back_in_line(*call);
    } else {
        call->agent = *agents.begin();
        call->extension.clear();  // the offer event of that agent is long gone
    }
}

void CallBook::answered(const acd::CallAnswered& e, WallTime at) {
    ringing_.erase(e.call);
    LiveCall* call = find(e.call);
    if (call == nullptr) {
        return;
    }
    if (call->consult && call->consult->agent == e.agent) {
        // An attended transfer: the colleague consulted takes the call at their phone.
        call->extension = call->consult->extension;
        call->consult.reset();
    } else if (call->agent != e.agent) {
        call->extension.clear();
    }
    call->state = LiveCall::State::Connected;
    call->agent = e.agent;
    call->answered_at = at;
    call->position = 0;
}

void CallBook::callback_requested(const acd::CallbackRequested& e, WallTime at) {
    LiveCall* call = find(e.call);
    if (call == nullptr) {
        return;
    }
    call->callback = true;
    call->callback_number = e.number;
    call->since = at;
    call->position = e.position;
    back_in_line(*call);
}

void CallBook::set_state(const CallId& id, LiveCall::State state) {
    if (LiveCall* call = find(id)) {
        call->state = state;
    }
}

std::vector<LiveCall> CallBook::calls(const acd::Router& router) const {
    std::map<CallId, acd::WaitingCall> lines;
    for (const acd::QueueConfig& queue : router.config().queues) {
        for (const acd::WaitingCall& waiting : router.waiting_calls(queue.id)) {
            lines[waiting.id] = waiting;
        }
    }
    std::vector<LiveCall> out;
    out.reserve(calls_.size());
    for (const auto& [id, call] : calls_) {
        LiveCall copy = call;
        if (auto it = lines.find(id); it != lines.end()) {
            copy.position = it->second.position;
            copy.priority = it->second.priority;
        } else if (copy.state != LiveCall::State::Ivr) {
            copy.position = 0;
        }
        out.push_back(std::move(copy));
    }
    return out;
}

}  // namespace markaz::api
