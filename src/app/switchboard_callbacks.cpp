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
    stage::CallbackDialogue dialogue;
    dialogue.queue = queue;
    dialogue.in_line = call.in_line();
    call.announce_at.reset();
    if (may_call_back(call, call.record.caller)) {
        // "We will call you back at 0 9 1 2 ...; to confirm press 1, for another number 2."
        dialogue.step = stage::CallbackDialogue::Step::Confirm;
        call.stage = std::move(dialogue);
        std::vector<ivr::SpokenPart> parts{
            ivr::say(ivr::Phrase::CallbackNumberBefore, call.language)};
        auto digits = ivr::digits_announcement(call.record.caller, call.language);
        parts.insert(parts.end(), digits.begin(), digits.end());
        parts.push_back(ivr::say(ivr::Phrase::CallbackNumberChoice, call.language));
        play(call, prompts_.announcement(parts, call.language), now);
        return;
    }
    dialogue.step = stage::CallbackDialogue::Step::Enter;
    call.stage = std::move(dialogue);
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
    auto* dialogue = call.at<stage::CallbackDialogue>();
    if (!dialogue) {
        return;
    }
    if (call.play_tag != 0 && digit != 0) {
        call.play_tag = 0;
        media_.stop_playing(call.channel);  // the caller knows what to press
    }
    // A dialogue that comes to nothing: a caller still in line goes back to the music; one
    // who came from the IVR is told it did not work.
    auto give_up = [&](const char* cause) {
        if (dialogue->in_line) {
            call.stage = stage::Queued{};
            hold_music(call);
        } else {
            call.hangup_cause = cause;
            say_and_hang_up(call, {ivr::say(ivr::Phrase::CallbackFailed, call.language)}, now);
        }
    };
    switch (dialogue->step) {
        case stage::CallbackDialogue::Step::Confirm:
            if (digit == '1') {
                book_callback(call, call.record.caller, now);
            } else if (digit == '2') {
                dialogue->step = stage::CallbackDialogue::Step::Enter;
                dialogue->entered.clear();
                play(
                    call,
                    prompts_.announcement(
                        {ivr::say(ivr::Phrase::CallbackEnterNumber, call.language)}, call.language),
                    now);
            } else if (digit == 0) {
                give_up("callback not confirmed");
            }
            break;
        case stage::CallbackDialogue::Step::Enter:
            if (digit == '#' || digit == 0) {
                if (may_call_back(call, dialogue->entered)) {
                    book_callback(call, dialogue->entered, now);
                } else {
                    give_up("no callback number");
                }
            } else if (digit >= '0' && digit <= '9' &&
                       dialogue->entered.size() < kMaxNumberDigits) {
                dialogue->entered += digit;
                call.gather_until = now.mono + std::chrono::seconds{8};
            }
            break;
    }
}

void Switchboard::book_callback(Call& call, std::string number, Now now) {
    // Copied out: the stage changes as the router's events are applied.
    stage::CallbackDialogue dialogue = std::get<stage::CallbackDialogue>(call.stage);
    call.gather_until.reset();
    hold_music(call);
    if (!dialogue.in_line) {
        // From the IVR: the request takes the place of a caller joining now.
        auto joined = handle(
            acd::EnqueueCall{call.id, QueueId{dialogue.queue}, 0, {}, call.record.caller}, now);
        if (!joined || !call.in<stage::Queued>()) {
            call.hangup_cause = "callback refused";
            say_and_hang_up(call, {ivr::say(ivr::Phrase::CallbackFailed, call.language)}, now);
            return;
        }
        hold_music(call);  // CallEnqueued announced the position; the booking comes next
    }
    // The router makes the request (CallbackRequested: stage CallbackBooking), which is
    // booked on disk; the caller hears it is booked only once callback_booked() says so.
    if (auto ok = handle(acd::RequestCallback{call.id, number}, now); !ok) {
        log_(fmt::format("call {}: callback refused: {}", call.id.str(), ok.error().message));
        call.hangup_cause = "callback refused";
        say_and_hang_up(call, {ivr::say(ivr::Phrase::CallbackFailed, call.language)}, now);
        (void)handle(acd::AbandonCall{call.id}, now);  // it was in line: it leaves it
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
    if (call && call->inbound()) {
        // The request lives on without this call (stage Saying: the router is done with it).
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
    if (Call* call = call_of(dial.call); call && call->in<stage::RingingAgent>()) {
        // Agent-first: the agent is on the line; the customer is rung as a leg of their call.
        std::uint64_t leg = call->next_leg++;
        call->legs[leg] = AgentId{};
        call->stage = stage::Dialling{leg};
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
    call.language = house_language_;
    call.record.id = id.str() + "-cb" + std::to_string(next_id_++);
    call.record.started = now.wall;
    call.record.caller = id.str();  // the request this call serves
    call.record.dialled = number;
    call.record.disposition = store::Disposition::Failed;
    if (agent_first) {
        // The agent's phone rings first; the router's ring timeout governs it.
        call.origin = origin::AgentFirstCallback{*agent_first};
        call.stage = stage::RingingAgent{};
        call.record.agents_offered.push_back(agent_first->str());
    } else {
        // The customer's phone rings as long as an agent's would (the queue's ring timeout).
        call.origin = origin::Callback{};
        call.stage = stage::Dialling{0};
        if (const acd::QueueConfig* q = queue_config(queue)) {
            call.gather_until = now.mono + q->ring_timeout;
        }
    }
    store_.save_open(call.record);
    calls_[call.ref] = std::move(owned);
    by_id_[id] = &call;
}

}  // namespace markaz::app
