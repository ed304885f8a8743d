#include "ivr/session.h"

#include "common/overloaded.h"

namespace markaz::ivr {

namespace {

// Nodes followed in a row without the caller doing anything; more means the flow loops
// (goto a -> goto b -> goto a), and the call is hung up rather than spinning.
constexpr int kMaxSilentSteps = 64;

}  // namespace

Session::Session(const Flow& flow, WallTime now) : flow_(flow), language_(flow.language) {
    enter(flow.start, now);
}

void Session::enter(const std::string& name, WallTime now) {
    node_ = name;
    path_.push_back(name);
    attempts_ = 0;
    buffer_.clear();
    run(now);
}

void Session::run(WallTime now) {
    for (int step = 0; step < kMaxSilentSteps; ++step) {
        std::string next;  // set by nodes that pass straight on
        std::visit(overloaded{
                       [&](const PlayNode& n) { play(n.prompt, false); },
                       [&](const MenuNode& n) { play(n.prompt, true); },
                       [&](const CollectNode& n) { play(n.prompt, true); },
                       [&](const HoursNode& n) { next = n.hours.is_open(now) ? n.open : n.closed; },
                       [&](const SetNode& n) {
                           variables_[n.variable] = n.value;
                           next = n.next;
                       },
                       [&](const GotoNode& n) { next = n.target; },
                       [&](const LanguageNode& n) {
                           language_ = n.language;
                           next = n.next;
                       },
                       [&](const QueueNode& n) {
                           done(Route{Route::Kind::Queue, n.queue, n.priority, n.skills});
                       },
                       [&](const ExtensionNode& n) {
                           done(Route{Route::Kind::Extension, n.number, 0, {}});
                       },
                       [&](const CallbackNode& n) {
                           done(Route{Route::Kind::Callback, n.queue, 0, {}});
                       },
                       [&](const HangupNode&) { done(Route{}); },
                   },
                   node().kind);
        if (next.empty()) {
            if (phase_ == Phase::Prompt && current_.prompts.empty()) {
                played(now);  // nothing to play: as if it had been played
            }
            return;
        }
        node_ = next;
        path_.push_back(next);
        attempts_ = 0;
        buffer_.clear();
    }
    done(Route{});  // a loop of nodes that never waits for the caller
}

void Session::digit(char digit, WallTime now) {
    if (phase_ == Phase::Done || (phase_ == Phase::Prompt && !current_.interruptible)) {
        return;  // typed ahead over a prompt that cannot be interrupted
    }
    digits_ += digit;
    if (const auto* menu = std::get_if<MenuNode>(&node().kind)) {
        menu_choice(*menu, digit, now);
    } else if (const auto* collect = std::get_if<CollectNode>(&node().kind)) {
        collect_digit(*collect, digit, now);
    }
}

void Session::played(WallTime now) {
    if (phase_ != Phase::Prompt) {
        return;
    }
    std::visit(overloaded{
                   [&](const PlayNode& n) {
                       if (n.next.empty()) {
                           done(Route{});
                       } else {
                           enter(n.next, now);
                       }
                   },
                   [&](const MenuNode& n) { gather(n.timeout); },
                   [&](const CollectNode& n) { gather(n.timeout); },
                   [&](const auto&) {},
               },
               node().kind);
}

void Session::timed_out(WallTime now) {
    if (phase_ != Phase::Gather) {
        return;
    }
    if (const auto* menu = std::get_if<MenuNode>(&node().kind)) {
        menu_retry(*menu, menu->no_input, now);
    } else if (const auto* collect = std::get_if<CollectNode>(&node().kind)) {
        finish_collect(*collect, now);
    }
}

void Session::menu_choice(const MenuNode& menu, char digit, WallTime now) {
    auto choice = menu.choices.find(digit);
    if (choice == menu.choices.end()) {
        menu_retry(menu, menu.invalid, now);
        return;
    }
    enter(choice->second, now);
}

void Session::menu_retry(const MenuNode& menu, const Prompt& why, WallTime now) {
    if (++attempts_ > menu.retries) {
        if (menu.failure.empty()) {
            done(Route{});
        } else {
            enter(menu.failure, now);
        }
        return;
    }
    // "That is not an option" (or "we did not hear you"), then the menu again.
    Prompt again = why;
    again.insert(again.end(), menu.prompt.begin(), menu.prompt.end());
    play(again, true);
}

void Session::collect_digit(const CollectNode& collect, char digit, WallTime now) {
    if (digit == collect.terminator) {
        finish_collect(collect, now);
        return;
    }
    buffer_ += digit;
    if (static_cast<int>(buffer_.size()) >= collect.max_digits) {
        finish_collect(collect, now);
        return;
    }
    gather(collect.timeout);
}

void Session::finish_collect(const CollectNode& collect, WallTime now) {
    variables_[collect.variable] = buffer_;
    if (collect.next.empty()) {
        done(Route{});
    } else {
        enter(collect.next, now);
    }
}

void Session::play(const Prompt& prompt, bool interruptible) {
    current_ = Instruction{Instruction::Kind::Play, {}, interruptible, Duration{0}, Route{}};
    phase_ = Phase::Prompt;
    for (const PromptPart& part : prompt) {
        if (!part.file.empty()) {
            current_.prompts.push_back(PromptToPlay{part.file, "", language_});
            continue;
        }
        // The caller's language, else the flow's, else whatever the prompt has.
        auto text = part.text.find(language_);
        if (text == part.text.end()) {
            text = part.text.find(flow_.language);
        }
        if (text == part.text.end()) {
            text = part.text.begin();
        }
        if (text != part.text.end()) {
            current_.prompts.push_back(PromptToPlay{"", text->second, text->first});
        }
    }
}

void Session::gather(Duration timeout) {
    current_ = Instruction{Instruction::Kind::Gather, {}, true, timeout, Route{}};
    phase_ = Phase::Gather;
}

void Session::done(Route route) {
    current_ = Instruction{Instruction::Kind::Done, {}, false, Duration{0}, std::move(route)};
    phase_ = Phase::Done;
}

}  // namespace markaz::ivr
