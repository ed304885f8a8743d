// What the caller hears (prompts, music on hold, announcements) and the digits they press.

#include <fmt/format.h>

#include "app/call.h"
#include "app/switchboard.h"
#include "media/dtmf_event.h"

namespace markaz::app {

namespace {

constexpr double kDefaultHandleSeconds = 180;  ///< until a queue has handled calls
constexpr Duration kDialogueTimeout = std::chrono::seconds{8};

}  // namespace

void Switchboard::on_media_event(const media::MediaEvent& event, Now now) {
    auto it = by_channel_.find(event.channel);
    if (it == by_channel_.end()) {
        // A leg's channel. Not indexed: the call's leg_channels is its one record, and a
        // leg's events (a digit, a silent stream) are rare.
        for (auto& [ref, call] : calls_) {
            for (const auto& [leg, channel] : call->leg_channels) {
                if (channel == event.channel) {
                    leg_media_event(*call, leg, event, now);
                    return;
                }
            }
        }
        return;  // closed since, with its call
    }
    Call& call = *it->second;
    switch (event.kind) {
        case media::MediaEvent::Kind::Dtmf:
            detail_(fmt::format("digit {} ({}) in call {}", event.digit,
                                media::to_string(event.source), call.id.str()));
            digit(call, event.digit, now);
            break;
        case media::MediaEvent::Kind::RtpTimeout:
            call.hangup_cause = "caller's audio stopped";
            phones_.hang_up(call.ref);
            break;
        case media::MediaEvent::Kind::PlayFinished:
            if (event.tag != 0 && event.tag == call.play_tag) {
                call.play_tag = 0;
                played(call, now);
            }
            break;
    }
}

void Switchboard::leg_media_event(Call& call, std::uint64_t leg, const media::MediaEvent& event,
                                  Now now) {
    switch (event.kind) {
        case media::MediaEvent::Kind::Dtmf:
            detail_(fmt::format("digit {} ({}) from leg {} in call {}", event.digit,
                                media::to_string(event.source), leg, call.id.str()));
            if (call.monitors.contains(leg)) {
                monitor_digit(call, leg, event.digit, now);
            }
            break;
        case media::MediaEvent::Kind::RtpTimeout:
            if (call.monitors.contains(leg)) {
                phones_.drop_leg(call.ref, leg);
                monitor_gone(call, leg, "its audio stopped", now);
                break;
            }
            if (consult_leg_gone(call, leg, "its audio stopped", now)) {
                phones_.drop_leg(call.ref, leg);
                break;
            }
            if (call.talking_leg() == leg) {  // the agent, or an agent-first callback's customer
                call.hangup_cause = "the answering phone's audio stopped";
                phones_.hang_up(call.ref);  // both sides: nobody hears the other any more
            }
            break;
        case media::MediaEvent::Kind::PlayFinished:
            break;  // nothing is played to a leg
    }
}

void Switchboard::play(Call& call, std::shared_ptr<const media::Prompt> prompt, Now now) {
    call.gather_until.reset();
    if (!prompt) {
        call.play_tag = 0;
        played(call, now);  // nothing to say (a prompt not synthesized): go on at once
        return;
    }
    call.play_tag = next_tag_++;
    media_.play(call.channel, std::move(prompt), false, call.play_tag);
}

void Switchboard::hold_music(Call& call) {
    call.play_tag = 0;
    if (auto music = prompts_.music_on_hold()) {
        media_.play(call.channel, std::move(music), true, 0);
    } else {
        media_.stop_playing(call.channel);
    }
}

void Switchboard::run_ivr(Call& call, Now now) {
    const ivr::Instruction& next = call.ivr->current();
    switch (next.kind) {
        case ivr::Instruction::Kind::Play:
            play(call, prompts_.prompt(next.prompts), now);
            break;
        case ivr::Instruction::Kind::Gather:
            call.gather_until = now.mono + next.timeout;
            break;
        case ivr::Instruction::Kind::Done:
            route(call, now);
            break;
    }
}

void Switchboard::announce_wait(Call& call, Now now) {
    if (!call.in<stage::Queued>() || !call.queue || !call.inbound()) {
        return;
    }
    int position = 0;
    for (const acd::WaitingCall& waiting : router_.waiting_calls(*call.queue)) {
        if (waiting.id == call.id) {
            position = waiting.position;
        }
    }
    if (position == 0) {
        return;  // being answered
    }
    // Expected wait: the callers ahead each take a handle time, shared by the agents logged in.
    auto snapshot = router_.queue(*call.queue);
    int agents = snapshot ? std::max(1, snapshot->logged_in) : 1;
    auto average = handle_time_s_.find(*call.queue);
    double handle_s = average == handle_time_s_.end() ? kDefaultHandleSeconds : average->second;
    auto wait = std::chrono::duration_cast<Duration>(
        std::chrono::duration<double>(handle_s * position / agents));
    std::vector<ivr::SpokenPart> parts = ivr::position_announcement(position, call.language);
    auto wait_parts = ivr::wait_announcement(wait, call.language);
    parts.insert(parts.end(), wait_parts.begin(), wait_parts.end());
    play(call, prompts_.announcement(parts, call.language), now);
    if (const acd::QueueConfig* queue = queue_config(*call.queue); queue && queue->announce_every) {
        call.announce_at = now.mono + *queue->announce_every;
    }
}

void Switchboard::say_and_hang_up(Call& call, std::vector<ivr::SpokenPart> parts, Now now) {
    call.stage = stage::Saying{};
    call.announce_at.reset();
    play(call, prompts_.announcement(parts, call.language), now);
}

void Switchboard::played(Call& call, Now now) {
    if (call.in<stage::Ivr>()) {
        call.ivr->played(now.wall);
        run_ivr(call, now);
    } else if (call.in<stage::Queued>()) {
        hold_music(call);  // after an announcement, the music again
    } else if (call.in<stage::CallbackDialogue>()) {
        call.gather_until = now.mono + kDialogueTimeout;
    } else if (call.in<stage::Saying>() || call.in<stage::Feature>()) {
        phones_.hang_up(call.ref);
    }
    // Elsewhere nothing waits for a prompt's end (a booking waits for the disk, with music).
}

void Switchboard::digit(Call& call, char digit, Now now) {
    if (call.in<stage::Ivr>()) {
        const ivr::Instruction& current = call.ivr->current();
        if (current.kind == ivr::Instruction::Kind::Play && !current.interruptible) {
            return;  // a message the caller must hear out
        }
        if (call.play_tag != 0) {
            call.play_tag = 0;
            media_.stop_playing(call.channel);  // barge-in
        }
        call.ivr->digit(digit, now.wall);
        run_ivr(call, now);
    } else if (call.in<stage::Queued>()) {
        if (digit == '9' && call.queue && call.inbound()) {
            const acd::QueueConfig* queue = queue_config(*call.queue);
            if (queue && queue->callback.enabled) {
                offer_callback_number(call, call.queue->str(), now);
            }
        }
    } else if (call.in<stage::CallbackDialogue>()) {
        callback_digit(call, digit, now);
    } else if (const auto* spying = call.at<stage::Spying>()) {
        // A supervisor who dialled in switches mode with 4, 5 and 6 like one the console rang.
        if (Call* target = call_of(spying->target);
            target && target->monitors.contains(spying->leg)) {
            monitor_digit(*target, spying->leg, digit, now);
        }
    }
}

}  // namespace markaz::app
