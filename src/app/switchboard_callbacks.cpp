// Callbacks (virtual hold): the caller confirms or types the number, the request is booked on
// disk before they hear so, and the customer is dialled when the request reaches an agent.

#include <fmt/format.h>

#include "app/call.h"
#include "app/switchboard.h"

namespace markaz::app {

namespace {

constexpr std::size_t kMaxNumberDigits = 15;  ///< E.164's longest number

bool callable(const std::string& number) {
    return !number.empty() && number.size() <= kMaxNumberDigits &&
           number.find_first_not_of("0123456789+") == std::string::npos;
}

}  // namespace

void Switchboard::offer_callback_number(Call& call, const std::string& queue, Now now) {
    call.phase = Call::Phase::Dialogue;
    call.callback_queue = queue;
    call.entered.clear();
    call.announce_at.reset();
    if (may_call_back(call, call.record.caller)) {
        // "We will call you back at 0 9 1 2 ...; to confirm press 1, for another number 2."
        call.dialogue = Call::Dialogue::Confirm;
        std::vector<ivr::SpokenPart> parts{
            ivr::say(ivr::Phrase::CallbackNumberBefore, call.language)};
        auto digits = ivr::digits_announcement(call.record.caller, call.language);
        parts.insert(parts.end(), digits.begin(), digits.end());
        parts.push_back(ivr::say(ivr::Phrase::CallbackNumberChoice, call.language));
        play(call, prompts_.announcement(parts, call.language), now);
        return;
    }
    call.dialogue = Call::Dialogue::Enter;
    play(call,
         prompts_.announcement({ivr::say(ivr::Phrase::CallbackEnterNumber, call.language)},
                               call.language),
         now);
}

bool Switchboard::may_call_back(const Call& call, const std::string& number) const {
    if (!callable(number)) {
        return false;
    }
    if (auto refused = config_.dial.refuse_callback(number)) {
        // A caller typing a premium or foreign number must not make the centre dial it.
        log_(fmt::format("call {}: callback number refused: {}", call.id.str(), refused->reason));
        return false;
    }
    return true;
}

void Switchboard::callback_digit(Call& call, char digit, Now now) {
    if (call.play_tag != 0 && digit != 0) {
        call.play_tag = 0;
        media_.stop_playing(call.channel);  // the caller knows what to press
    }
    switch (call.dialogue) {
        case Call::Dialogue::Confirm:
            if (digit == '1') {
                call.entered = call.record.caller;
                book_callback(call, now);
            } else if (digit == '2') {
                call.dialogue = Call::Dialogue::Enter;
                call.entered.clear();
                play(
                    call,
                    prompts_.announcement(
                        {ivr::say(ivr::Phrase::CallbackEnterNumber, call.language)}, call.language),
                    now);
            } else if (digit == 0) {
                // No answer: a caller still in line goes back to the music; one who came
                // from the IVR is told it did not work.
                if (call.in_router) {
                    call.phase = Call::Phase::Queued;
                    call.dialogue = Call::Dialogue::None;
                    hold_music(call);
                } else {
                    call.hangup_cause = "callback not confirmed";
                    say_and_hang_up(call, {ivr::say(ivr::Phrase::CallbackFailed, call.language)},
                                    now);
                }
            }
            break;
        case Call::Dialogue::Enter:
            if (digit == '#' || digit == 0) {
                if (may_call_back(call, call.entered)) {
                    book_callback(call, now);
                } else if (call.in_router) {
                    call.phase = Call::Phase::Queued;
                    call.dialogue = Call::Dialogue::None;
                    hold_music(call);
                } else {
                    call.hangup_cause = "no callback number";
                    say_and_hang_up(call, {ivr::say(ivr::Phrase::CallbackFailed, call.language)},
                                    now);
                }
            } else if (digit >= '0' && digit <= '9' && call.entered.size() < kMaxNumberDigits) {
                call.entered += digit;
                call.gather_until = now.mono + std::chrono::seconds{8};
            }
            break;
        case Call::Dialogue::Booking:
        case Call::Dialogue::None:
            break;
    }
}

void Switchboard::book_callback(Call& call, Now now) {
    call.dialogue = Call::Dialogue::Booking;
    call.gather_until.reset();
    hold_music(call);
    if (!call.in_router) {
        // From the IVR: the request takes the place of a caller joining now.
        auto joined = handle(
            acd::EnqueueCall{call.id, QueueId{call.callback_queue}, 0, {}, call.record.caller},
            now);
        if (!joined || !call.in_router) {
            call.hangup_cause = "callback refused";
            say_and_hang_up(call, {ivr::say(ivr::Phrase::CallbackFailed, call.language)}, now);
            return;
        }
        hold_music(call);  // CallEnqueued announced the position; the booking comes next
    }
    // The router makes the request (CallbackRequested), which is booked on disk; the caller
    // hears it is booked only once callback_booked() says so.
    if (auto ok = handle(acd::RequestCallback{call.id, call.entered}, now); !ok) {
        log_(fmt::format("call {}: callback refused: {}", call.id.str(), ok.error().message));
        call.phase = Call::Phase::Queued;
        call.dialogue = Call::Dialogue::None;
        call.hangup_cause = "callback refused";
        say_and_hang_up(call, {ivr::say(ivr::Phrase::CallbackFailed, call.language)}, now);
        if (call.in_router) {
            (void)handle(acd::AbandonCall{call.id}, now);
        }
    }
}

void Switchboard::callback_booked(const CallId& id, Result<void> booked, Now now) {
    Call* call = call_of(id);
    if (!booked) {
        log_(fmt::format("callback {} NOT stored: {}", id.str(), booked.error().message));
        // Nothing promised that is not kept: take the request back and say so.
        (void)handle(acd::RemoveCall{id, "store"}, now);
        if (call) {
            call->hangup_cause = "callback not stored";
            say_and_hang_up(*call, {ivr::say(ivr::Phrase::CallbackFailed, call->language)}, now);
        }
        return;
    }
    log_(fmt::format("callback {} booked", id.str()));
    if (call && !call->callback_dial) {
        call->in_router = false;  // the request lives on without this call
        say_and_hang_up(*call, {ivr::say(ivr::Phrase::CallbackBooked, call->language)}, now);
    }
}

void Switchboard::ring_agent_first(const acd::CallOffered& offer, Now now) {
    (void)now;
    std::uint64_t tag = next_tag_++;
    dialling_[tag] = Dialling{offer.call, offer.extension, offer.queue, offer.agent};
    log_(fmt::format("callback {}: ringing agent {} first", offer.call.str(), offer.agent.str()));
    phones_.originate(tag, offer.extension, "callback");
}

void Switchboard::dial_callback(const acd::DialCallback& dial, Now now) {
    if (Call* call = call_of(dial.call); call && call->agent_first) {
        // Agent-first: the agent is on the line; the customer is rung as a leg of their call.
        std::uint64_t leg = call->next_leg++;
        call->customer_leg = leg;
        call->legs[leg] = AgentId{};
        call->phase = Call::Phase::Dialling;
        call->record.dialled = dial.number;
        if (const acd::QueueConfig* queue = queue_config(dial.queue)) {
            call->gather_until = now.mono + queue->ring_timeout;
        }
        log_(fmt::format("callback {}: agent {} on the line, dialling {} (attempt {})",
                         dial.call.str(), dial.agent.str(), dial.number, dial.attempt));
        if (config_.sip.extensions.contains(dial.number)) {
            phones_.ring(call->ref, leg, dial.number, dial.queue.str(), input_time_);
        } else {  // a customer outside: through the first trunk that dials out
            phones_.ring_trunk(call->ref, leg, "", dial.number, dial.queue.str(), input_time_);
        }
        return;
    }
    std::uint64_t tag = next_tag_++;
    dialling_[tag] = Dialling{dial.call, dial.number, dial.queue, std::nullopt};
    log_(fmt::format("callback {}: dialling {} (attempt {}), agent {} reserved", dial.call.str(),
                     dial.number, dial.attempt, dial.agent.str()));
    phones_.originate(tag, dial.number, dial.queue.str());
}

void Switchboard::originated(const sip::CallEvent& event, Now now) {
    auto tag = dialling_.find(event.leg);
    if (tag == dialling_.end()) {
        phones_.hang_up(event.call);
        return;
    }
    CallId id = tag->second.call;
    std::string number = tag->second.number;
    QueueId queue = tag->second.queue;
    std::optional<AgentId> agent_first = tag->second.agent_first;
    dialling_.erase(tag);
    auto owned = std::make_unique<Call>();
    Call& call = *owned;
    call.ref = event.call;
    call.id = id;
    call.phase = Call::Phase::Dialling;
    call.callback_dial = true;
    call.in_router = true;
    call.language = house_language_;
    call.record.id = id.str() + "-cb" + std::to_string(next_id_++);
    call.record.started = now.wall;
    call.record.caller = id.str();  // the request this call serves
    call.record.dialled = number;
    call.record.disposition = store::Disposition::Failed;
    if (agent_first) {
        // The agent's phone rings first; the router's ring timeout governs it.
        call.agent_first = true;
        call.reserved = *agent_first;
        call.record.agents_offered.push_back(agent_first->str());
    } else {
        // The customer's phone rings as long as an agent's would (the queue's ring timeout).
        if (const acd::QueueConfig* q = queue_config(queue)) {
            call.gather_until = now.mono + q->ring_timeout;
        }
    }
    store_.save_open(call.record);
    calls_[call.ref] = std::move(owned);
    by_id_[id] = &call;
}

}  // namespace markaz::app
