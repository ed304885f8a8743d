#include "ivr/session.h"

#include <gtest/gtest.h>

namespace markaz::ivr {
namespace {

using namespace std::chrono_literals;

const WallTime kNoon{std::chrono::days{20'000} + 12h};

Prompt say(const std::string& fa, const std::string& en = "") {
    PromptPart part;
    part.text[Language::Fa] = fa;
    if (!en.empty()) {
        part.text[Language::En] = en;
    }
    return {part};
}

/// The demo's shape: a menu for sales, support, a customer number, English, and a callback.
Flow demo_flow() {
    Flow f;
    f.name = "main";
    f.language = Language::Fa;
    f.start = "welcome";
    MenuNode menu;
    menu.prompt = say("خوش آمدید", "welcome");
    menu.choices = {
        {'1', "sales"}, {'2', "support"}, {'3', "account"}, {'8', "english"}, {'9', "callback"}};
    menu.invalid = say("نامعتبر", "invalid");
    menu.no_input = say("چیزی نشنیدیم", "nothing heard");
    menu.retries = 2;
    menu.failure = "goodbye";
    f.nodes["welcome"] = {"welcome", menu};
    f.nodes["sales"] = {"sales", QueueNode{"sales", 5, {"persian"}}};
    f.nodes["support"] = {"support", QueueNode{"support", 0, {}}};
    f.nodes["callback"] = {"callback", CallbackNode{"sales"}};
    f.nodes["english"] = {"english", LanguageNode{Language::En, "welcome"}};
    CollectNode account;
    account.prompt = say("شماره مشتری", "customer number");
    account.variable = "customer";
    account.max_digits = 6;
    account.next = "tagged";
    f.nodes["account"] = {"account", account};
    f.nodes["tagged"] = {"tagged", SetNode{"identified", "yes", "support"}};
    f.nodes["goodbye"] = {"goodbye", PlayNode{say("خداحافظ", "goodbye"), ""}};
    return f;
}

TEST(IvrSession, AMenuChoiceRoutesToItsQueue) {
    Flow flow = demo_flow();
    Session s(flow, kNoon);
    ASSERT_EQ(s.current().kind, Instruction::Kind::Play);
    EXPECT_TRUE(s.current().interruptible);
    EXPECT_EQ(s.current().prompts, (std::vector<PromptToPlay>{{"", "خوش آمدید", Language::Fa}}));
    s.played(kNoon);
    ASSERT_EQ(s.current().kind, Instruction::Kind::Gather);
    EXPECT_EQ(s.current().timeout, 5s);
    s.digit('1', kNoon);
    ASSERT_EQ(s.current().kind, Instruction::Kind::Done);
    EXPECT_EQ(s.current().route.kind, Route::Kind::Queue);
    EXPECT_EQ(s.current().route.target, "sales");
    EXPECT_EQ(s.current().route.priority, 5);
    EXPECT_EQ(s.current().route.skills, (std::vector<std::string>{"persian"}));
    EXPECT_EQ(s.path(), (std::vector<std::string>{"welcome", "sales"}));
    EXPECT_EQ(s.digits(), "1");
}

TEST(IvrSession, ADigitCutsTheMenuPromptShort) {
    Flow flow = demo_flow();
    Session s(flow, kNoon);
    s.digit('9', kNoon);  // while the welcome plays
    EXPECT_EQ(s.current().route.kind, Route::Kind::Callback);
    EXPECT_EQ(s.current().route.target, "sales");
}

TEST(IvrSession, WrongAndMissingAnswersAreRetriedThenFail) {
    Flow flow = demo_flow();
    Session s(flow, kNoon);
    s.played(kNoon);
    s.digit('7', kNoon);  // not a choice: "invalid", then the menu again
    ASSERT_EQ(s.current().kind, Instruction::Kind::Play);
    ASSERT_EQ(s.current().prompts.size(), 2u);
    EXPECT_EQ(s.current().prompts[0].text, "نامعتبر");
    EXPECT_EQ(s.current().prompts[1].text, "خوش آمدید");
    s.played(kNoon);
    s.timed_out(kNoon);  // silence: "nothing heard", then the menu
    EXPECT_EQ(s.current().prompts[0].text, "چیزی نشنیدیم");
    s.played(kNoon);
    s.digit('0', kNoon);  // the third wrong answer with retries 2: goodbye
    ASSERT_EQ(s.current().kind, Instruction::Kind::Play);
    EXPECT_FALSE(s.current().interruptible);
    EXPECT_EQ(s.current().prompts[0].text, "خداحافظ");
    s.played(kNoon);
    EXPECT_EQ(s.current().kind, Instruction::Kind::Done);
    EXPECT_EQ(s.current().route.kind, Route::Kind::Hangup);
    EXPECT_EQ(s.path().back(), "goodbye");
    EXPECT_EQ(s.digits(), "70");
}

TEST(IvrSession, CollectStoresDigitsUntilHashMaxOrSilence) {
    Flow flow = demo_flow();
    {
        Session s(flow, kNoon);
        s.digit('3', kNoon);
        for (char d : std::string("4521#")) {
            s.digit(d, kNoon);
        }
        EXPECT_EQ(s.variables().at("customer"), "4521");
        EXPECT_EQ(s.variables().at("identified"), "yes");
        EXPECT_EQ(s.current().route.target, "support");
        EXPECT_EQ(s.path(), (std::vector<std::string>{"welcome", "account", "tagged", "support"}));
    }
    {
        Session s(flow, kNoon);
        s.digit('3', kNoon);
        for (char d : std::string("123456")) {
            s.digit(d, kNoon);  // the sixth digit completes it
        }
        EXPECT_EQ(s.variables().at("customer"), "123456");
        EXPECT_EQ(s.current().kind, Instruction::Kind::Done);
    }
    {
        Session s(flow, kNoon);
        s.digit('3', kNoon);
        s.played(kNoon);
        s.digit('8', kNoon);
        ASSERT_EQ(s.current().kind, Instruction::Kind::Gather);
        s.timed_out(kNoon);
        EXPECT_EQ(s.variables().at("customer"), "8");
    }
}

TEST(IvrSession, TheLanguageNodeSwitchesThePrompts) {
    Flow flow = demo_flow();
    Session s(flow, kNoon);
    s.digit('8', kNoon);
    EXPECT_EQ(s.language(), Language::En);
    ASSERT_EQ(s.current().kind, Instruction::Kind::Play);
    EXPECT_EQ(s.current().prompts, (std::vector<PromptToPlay>{{"", "welcome", Language::En}}));
    // A prompt with no English text falls back to the flow's language.
    flow.nodes.at("goodbye").kind = PlayNode{say("خداحافظ"), ""};
    Session t(flow, kNoon);
    t.digit('8', kNoon);
    t.digit('4', kNoon);
    t.digit('4', kNoon);
    t.digit('4', kNoon);
    EXPECT_EQ(t.current().prompts, (std::vector<PromptToPlay>{{"", "خداحافظ", Language::Fa}}));
}

TEST(IvrSession, HoursBranchOnTheInjectedClock) {
    Flow f;
    f.start = "hours";
    HoursNode hours;
    hours.hours.weekly.fill({TimeRange{9h, 17h}});
    hours.open = "queue";
    hours.closed = "closed";
    f.nodes["hours"] = {"hours", hours};
    f.nodes["queue"] = {"queue", QueueNode{"sales", 0, {}}};
    f.nodes["closed"] = {"closed", PlayNode{say("بسته", "closed"), ""}};
    EXPECT_EQ(Session(f, kNoon).current().route.target, "sales");
    Session night(f, kNoon + 9h);  // 21:00 UTC
    EXPECT_EQ(night.current().kind, Instruction::Kind::Play);
    EXPECT_EQ(night.path(), (std::vector<std::string>{"hours", "closed"}));
}

TEST(IvrSession, AFlowThatLoopsWithoutTheCallerHangsUp) {
    Flow f;
    f.start = "a";
    f.nodes["a"] = {"a", GotoNode{"b"}};
    f.nodes["b"] = {"b", GotoNode{"a"}};
    Session s(f, kNoon);
    EXPECT_EQ(s.current().kind, Instruction::Kind::Done);
    EXPECT_EQ(s.current().route.kind, Route::Kind::Hangup);
}

TEST(IvrSession, DigitsOverAPlainPromptAreNotTaken) {
    Flow f;
    f.start = "notice";
    f.nodes["notice"] = {"notice", PlayNode{say("توجه"), "queue"}};
    f.nodes["queue"] = {"queue", QueueNode{"sales", 0, {}}};
    Session s(f, kNoon);
    s.digit('5', kNoon);
    EXPECT_EQ(s.current().kind, Instruction::Kind::Play);
    EXPECT_EQ(s.digits(), "");
    s.played(kNoon);
    EXPECT_EQ(s.current().route.target, "sales");
}

TEST(IvrFlow, ReferencesMustResolve) {
    Flow flow = demo_flow();
    EXPECT_TRUE(check_references(flow));
    std::get<MenuNode>(flow.nodes.at("welcome").kind).choices['2'] = "suport";
    auto broken = check_references(flow);
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().message, "node welcome: choices.2: no node 'suport'");
    flow.start = "nowhere";
    EXPECT_EQ(check_references(flow).error().message, "start: no node 'nowhere'");
}

}  // namespace
}  // namespace markaz::ivr
