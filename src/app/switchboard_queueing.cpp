// The router's decisions applied to the calls: joining a queue, offers ringing phones,
// answers connecting, exits, callbacks booked and dialled. One handler per router event.

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "app/call.h"
#include "app/switchboard.h"
#include "store/call_record_fold.h"

namespace markaz::app {

void Switchboard::enqueue(Call& call, const std::string& queue, int priority,
                          const std::vector<std::string>& skills, Now now) {
    call.stage = stage::Queued{};
    call.queue = QueueId{queue};
    auto joined = handle(
        acd::EnqueueCall{call.id, QueueId{queue}, priority, skills, call.record.caller}, now);
    if (!joined) {
        log_(fmt::format("call {}: cannot join {}: {}", call.id.str(), queue,
                         joined.error().message));
        say_and_hang_up(call, {ivr::say(ivr::Phrase::AllBusy, call.language)}, now);
    }
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
            if (Call* call = call_of(id); call && call->in<stage::Queued>()) {
                announce_wait(*call, now);
            }
        }
    }
}

void Switchboard::apply(const acd::Event& event, Now now) {
    std::visit(
        [&](const auto& e) {
            if constexpr (requires { e.call; }) {
                if (Call* call = call_of(e.call)) {
                    store::fold(call->record, event);  // first: the handlers save the record
                }
            }
            on(e, now);
        },
        event.body);
}

void Switchboard::on(const acd::CallEnqueued& e, Now) {
    Call* call = call_of(e.call);
    if (!call) {
        return;
    }
    call->queue = e.queue;
    call->stage = stage::Queued{};
    // Announced once the whole batch is applied: an agent offered the call in
    // the same batch is rung first, and the caller hears it a moment later.
    announce_after_batch_.push_back(call->id);
}

void Switchboard::on(const acd::CallBlocked& e, Now now) {
    if (Call* call = call_of(e.call)) {
        call->hangup_cause = std::string(acd::kBlockReasonNames.name(e.reason));
        say_and_hang_up(*call, {ivr::say(ivr::Phrase::AllBusy, call->language)}, now);
    }
}

void Switchboard::on(const acd::CallOffered& e, Now now) {
    Call* call = call_of(e.call);
    if (!call) {
        if (e.callback) {
            ring_agent_first(e, now);  // a request whose caller is gone
        }
        return;
    }
    std::uint64_t leg = call->next_leg++;
    call->legs[leg] = e.agent;
    phones_.ring(call->ref, leg, e.extension,
                 call->inbound() ? call->record.caller : call->record.dialled, input_time_);
}

void Switchboard::on(const acd::OfferEnded& e, Now) {
    Call* call = call_of(e.call);
    if (!call) {
        return;
    }
    if (call->in<stage::RingingAgent>() &&
        std::get<origin::AgentFirstCallback>(call->origin).agent == e.agent) {
        // The agent did not take the callback: their phone stops ringing.
        call->stage = stage::Ending{};
        call->hangup_cause = "agent did not answer";
        phones_.hang_up(call->ref);
        return;
    }
    for (auto it = call->legs.begin(); it != call->legs.end(); ++it) {
        if (it->second == e.agent && it->first != call->talking_leg()) {
            phones_.drop_leg(call->ref, it->first);
            call->legs.erase(it);
            break;
        }
    }
}

void Switchboard::on(const acd::CallAnswered& e, Now now) {
    if (e.callback) {
        store_.close_callback(e.call.str(), "answered", now.wall);
    }
    Call* call = call_of(e.call);
    if (!call) {
        return;
    }
    std::optional<std::uint64_t> leg;
    if (const auto* dialling = call->at<stage::Dialling>()) {
        leg = dialling->customer_leg;  // agent-first: the agent is the call's own party
    } else {
        for (const auto& [ringing, agent] : call->legs) {
            if (agent == e.agent) {
                leg = ringing;
            }
        }
    }
    if (!leg) {
        log_(fmt::format("call {}: answered by {}, whose phone has no leg in it", e.call.str(),
                         e.agent.str()));
        return;
    }
    call->stage = stage::Connected{*leg};
    call->play_tag = 0;
    call->announce_at.reset();
    start_talking(*call, *leg, now);
    store_.save_open(call->record);
    log_(fmt::format("call {} answered by {} after {} ms", e.call.str(), e.agent.str(),
                     std::chrono::duration_cast<std::chrono::milliseconds>(e.wait).count()));
}

void Switchboard::on(const acd::CallTimedOut& e, Now now) {
    Call* call = call_of(e.call);
    if (!call) {
        return;
    }
    call->hangup_cause = std::string(acd::kTimeoutReasonNames.name(e.reason));
    if (e.exit.kind == acd::ExitKind::Hangup) {
        std::vector<ivr::SpokenPart> parts{
            e.exit.announcement.empty()
                ? ivr::say(ivr::Phrase::AllBusy, call->language)
                : ivr::SpokenPart{ivr::SpokenPart::Kind::Text, e.exit.announcement}};
        say_and_hang_up(*call, std::move(parts), now);
    }
    // Queue: the router enqueues it in the next queue (CallEnqueued follows).
    // Callback: the router makes the request (CallbackRequested follows).
}

void Switchboard::on(const acd::CallRemoved& e, Now now) {
    if (e.callback) {
        store_.close_callback(e.call.str(), "removed", now.wall);
    }
    if (Call* call = call_of(e.call); call && call->in_line()) {
        call->hangup_cause = "removed by " + e.by;
        say_and_hang_up(*call, {ivr::say(ivr::Phrase::AllBusy, call->language)}, now);
    }
}

void Switchboard::on(const acd::CallCompleted& e, Now) {
    Call* call = call_of(e.call);
    double handle_s = seconds(e.talk + e.hold);
    auto [it, fresh] = handle_time_s_.emplace(e.queue, handle_s);
    if (!fresh) {
        it->second = 0.8 * it->second + 0.2 * handle_s;  // moving average
    }
    if (call) {
        call->stage = stage::Ending{};  // its phones are hung up (ended() or the command)
    }
}

void Switchboard::on(const acd::WrapUpCompleted& e, Now) {
    store_.set_wrap(e.call.str(), e.wrap);
}

void Switchboard::on(const acd::CallbackOffered& e, Now now) {
    Call* call = call_of(e.call);
    if (call && call->in<stage::Queued>() && call->inbound()) {
        play(*call,
             prompts_.announcement({ivr::say(ivr::Phrase::CallbackOffer, call->language)},
                                   call->language),
             now);
    }
}

void Switchboard::on(const acd::CallbackRequested& e, Now now) {
    Call* call = call_of(e.call);
    if (!call) {
        return;  // restored at start: already on disk
    }
    call->hangup_cause = e.by_exit ? "callback (max wait)" : "callback requested";
    call->stage = stage::CallbackBooking{};
    CallId id = e.call;
    store_.book_callback(store::CallbackRequest{e.call.str(), e.queue.str(), e.number, now.wall, 0},
                         [post = post_back_, id](Result<void> booked) {
                             post([id, booked](Switchboard& board, Now at) {
                                 board.callback_booked(id, booked, at);
                             });
                         });
}

void Switchboard::on(const acd::DialCallback& e, Now now) {
    dial_callback(e, now);
}

void Switchboard::on(const acd::CallbackAttemptFailed& e, Now now) {
    store_.callback_attempted(e.call.str(), e.attempt, now.wall);
}

void Switchboard::on(const acd::CallbackFailed& e, Now now) {
    store_.close_callback(e.call.str(), "failed", now.wall);
}

void Switchboard::on(const acd::AgentStateChanged& e, Now) {
    log_(fmt::format("agent {}: {} -> {}{}", e.agent.str(), acd::kAgentStateNames.name(e.from),
                     acd::kAgentStateNames.name(e.to),
                     e.reason.empty() ? "" : " (" + e.reason + ")"));
}

}  // namespace markaz::app
