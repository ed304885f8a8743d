#include <gtest/gtest.h>

#include "config/server_config_loader.h"

namespace markaz::config {
namespace {

using namespace std::chrono_literals;

constexpr const char* kQueues = R"(queues:
  - {name: sales, strategy: longest-idle}
)";

std::string ivr_error(const std::string& ivr) {
    auto config = parse_server_config(std::string(kQueues) + ivr, "ivr.yaml");
    return config ? "(no error)" : config.error().message;
}

TEST(IvrYaml, ReadsEveryKindOfNode) {
    auto config = parse_server_config(std::string(kQueues) + R"(ivr:
  main:
    language: fa
    start: hours
    nodes:
      hours:
        hours:
          timezone: "+03:30"
          weekly: {sat: "08:00-17:00", sun: "08:00-12:00, 13:00-17:00", thu: "08:00-13:00"}
          holidays: [{persian: "01-01"}, {persian: "1405-01-13"}, {gregorian: "2026-12-25"}]
        open: welcome
        closed: closed
      welcome:
        menu:
          prompt: [{fa: "خوش آمدید"}, {en: "Welcome"}]
          choices: {"1": sales, "2": account, "8": english, "9": callback, "0": operator}
          timeout: 4s
          retries: 1
          invalid: {fa: "نامعتبر", en: "Invalid"}
          no_input: prompts/silence.wav
          failure: bye
      account:
        collect: {prompt: {fa: "شماره مشتری"}, variable: customer, max_digits: 8, terminator: "#", timeout: 6s}
        next: tag
      tag: {set: {variable: vip, value: "no"}, next: sales}
      english: {language: en, next: again}
      again: {goto: welcome}
      sales: {queue: {name: sales, priority: 3, skills: [persian]}}
      callback: {callback: sales}
      operator: {extension: "1001"}
      closed: {play: {fa: "بسته است", en: "We are closed"}, next: bye}
      bye: {hangup: true}
)",
                                      "ivr.yaml");
    ASSERT_TRUE(config) << config.error().message;
    const ivr::Flow& flow = config->ivr.at("main");
    EXPECT_EQ(flow.start, "hours");
    EXPECT_EQ(flow.nodes.size(), 11u);
    const auto& hours = std::get<ivr::HoursNode>(flow.nodes.at("hours").kind);
    EXPECT_EQ(hours.hours.utc_offset, 210min);
    ASSERT_EQ(hours.hours.weekly[0].size(), 2u);  // Sunday
    EXPECT_EQ(hours.hours.weekly[0][1].from, 13h);
    EXPECT_EQ(hours.hours.weekly[6][0].to, 17h);  // Saturday
    ASSERT_EQ(hours.hours.holidays.size(), 3u);
    EXPECT_EQ(hours.hours.holidays[0].year, 0);
    EXPECT_EQ(hours.hours.holidays[1].year, 1405);
    EXPECT_EQ(hours.hours.holidays[2].calendar, ivr::Holiday::Calendar::Gregorian);
    const auto& menu = std::get<ivr::MenuNode>(flow.nodes.at("welcome").kind);
    EXPECT_EQ(menu.prompt.size(), 2u);
    EXPECT_EQ(menu.prompt[1].text.at(ivr::Language::En), "Welcome");
    EXPECT_EQ(menu.choices.at('0'), "operator");
    EXPECT_EQ(menu.timeout, 4s);
    EXPECT_EQ(menu.no_input[0].file, "prompts/silence.wav");
    const auto& collect = std::get<ivr::CollectNode>(flow.nodes.at("account").kind);
    EXPECT_EQ(collect.max_digits, 8);
    EXPECT_EQ(collect.next, "tag");
    EXPECT_EQ(std::get<ivr::QueueNode>(flow.nodes.at("sales").kind).priority, 3);
    EXPECT_EQ(std::get<ivr::LanguageNode>(flow.nodes.at("english").kind).language,
              ivr::Language::En);
}

TEST(IvrYaml, MistakesAreNamedWithLineAndPath) {
    EXPECT_EQ(ivr_error("ivr:\n  main:\n    start: a\n    nodes:\n      a: {goto: b}\n"),
              "ivr.yaml:7: ivr.main.nodes.a: goto: no node 'b'");
    EXPECT_EQ(ivr_error("ivr:\n  main:\n    start: x\n    nodes:\n      a: {hangup: true}\n"),
              "ivr.yaml:5: ivr.main.start: no node 'x'");
    EXPECT_EQ(ivr_error("ivr:\n  main:\n    start: a\n    nodes:\n      a: {play: hi.wav, "
                        "queue: sales}\n"),
              "ivr.yaml:7: ivr.main.nodes.a: a node does one thing: both 'play' and 'queue'");
    EXPECT_EQ(ivr_error("ivr:\n  main:\n    start: a\n    nodes:\n      a: {next: b}\n"),
              "ivr.yaml:7: ivr.main.nodes.a: no kind: expected one of play, menu, collect, "
              "hours, set, goto, language, queue, extension, callback, hangup");
    EXPECT_EQ(ivr_error("ivr:\n  main:\n    start: a\n    nodes:\n      a:\n        menu: "
                        "{prompt: hi.wav, choices: {\"12\": a}}\n"),
              "ivr.yaml:8: ivr.main.nodes.a.menu.choices.12: a choice is one key: 0-9, * or #");
    EXPECT_EQ(ivr_error("ivr:\n  main:\n    start: a\n    nodes:\n      a: {play: {de: "
                        "Hallo}}\n"),
              "ivr.yaml:7: ivr.main.nodes.a.play.de: unknown language (expected one of: fa, "
              "ar, en)");
    EXPECT_EQ(ivr_error("ivr:\n  main:\n    start: a\n    nodes:\n      a:\n        hours: "
                        "{weekly: {sat: \"17:00-08:00\"}}\n        open: a\n        closed: a\n"),
              "ivr.yaml:8: ivr.main.nodes.a.hours.weekly.sat: expected ranges like 08:00-17:00 "
              "or 08:00-12:00, 13:00-17:00, got '17:00-08:00'");
    EXPECT_EQ(ivr_error("ivr:\n  main:\n    start: a\n    nodes:\n      a:\n        hours: "
                        "{weekly: {}, holidays: [{persian: \"1404-12-30\"}]}\n        open: a\n"
                        "        closed: a\n"),
              "ivr.yaml:8: ivr.main.nodes.a.hours.holidays[0].persian: '1404-12-30' is not a "
              "Persian date (MM-DD every year, or YYYY-MM-DD)");
    EXPECT_EQ(ivr_error("ivr:\n  main:\n    start: a\n    nodes:\n      a: {queue: salse}\n"),
              "ivr.yaml: ivr.main.nodes.a: no queue 'salse'");
    EXPECT_EQ(ivr_error("ivr:\n  main:\n    start: a\n    nodes:\n      a: {language: de, next: "
                        "a}\n"),
              "ivr.yaml:7: ivr.main.nodes.a.language: unknown value 'de' (expected one of: fa, "
              "ar, en)");
}

TEST(IvrYaml, TheDemoHasTheMainFlow) {
    auto config =
        load_server_config(std::string(std::getenv("MARKAZ_SOURCE_DIR")) + "/config/demo.yaml");
    ASSERT_TRUE(config) << config.error().message;
    const ivr::Flow& main = config->ivr.at("main");
    EXPECT_TRUE(std::holds_alternative<ivr::HoursNode>(main.nodes.at(main.start).kind));
    const auto& welcome = std::get<ivr::MenuNode>(main.nodes.at("welcome").kind);
    EXPECT_TRUE(welcome.choices.contains('1'));
    EXPECT_TRUE(welcome.choices.contains('2'));
    EXPECT_TRUE(welcome.choices.contains('9'));
}

}  // namespace
}  // namespace markaz::config
