// The configuration of what Markaz watches beyond the live figures: OPTIONS pings to the trunks
// (`sip.trunk_ping`) and the alert rules on them and on agents' QA scores; wrong values named.

#include <gtest/gtest.h>

#include "config/server_config_loader.h"

namespace markaz::config {
namespace {

using namespace std::chrono_literals;

std::string watch_error(const std::string& text) {
    auto config = parse_server_config(text, "w.yaml");
    return config ? "(no error)" : config.error().message;
}

TEST(ServerConfig, TrunkPingsAreOffUnlessAskedFor) {
    auto plain = parse_server_config("sip:\n  realm: acme\n", "w.yaml");
    ASSERT_TRUE(plain) << plain.error().message;
    EXPECT_EQ(plain->sip.trunk_ping.interval, 0s) << "as Asterisk's qualify: off by default";
    auto config = parse_server_config(
        "sip:\n  trunk_ping: {interval: 30s, failures: 3}\n"
        "alerts:\n"
        "  - {name: carrier-down, measure: trunk-unreachable, raise_after: 1m}\n"
        "  - {name: qa, measure: qa-score, threshold: 75%, min_calls: 4}\n"
        "  - {name: qa-plain, measure: qa-score, threshold: 80}\n",
        "w.yaml");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->sip.trunk_ping.interval, 30s);
    EXPECT_EQ(config->sip.trunk_ping.failures, 3);
    ASSERT_EQ(config->alerts.size(), 3U);
    EXPECT_EQ(config->alerts[0].measure, alerts::Measure::TrunkUnreachable);
    EXPECT_DOUBLE_EQ(config->alerts[0].threshold, 0.0) << "no threshold to give";
    EXPECT_DOUBLE_EQ(config->alerts[1].threshold, 75.0) << "a score in percent";
    EXPECT_EQ(config->alerts[1].min_calls, 4);
    EXPECT_DOUBLE_EQ(config->alerts[2].threshold, 80.0);
}

TEST(ServerConfig, WrongWatchesAreNamed) {
    EXPECT_EQ(watch_error("sip:\n  trunk_ping: {interval: 200ms}\n"),
              "w.yaml:2: sip.trunk_ping.interval: must be 0 (no pings) or 1s or more");
    EXPECT_EQ(watch_error("sip:\n  trunk_ping: {failures: 0}\n").substr(0, 37),
              "w.yaml:2: sip.trunk_ping.failures: 0 ");
    EXPECT_EQ(watch_error("sip:\n  trunk_ping: {every: 5s}\n").substr(0, 34),
              "w.yaml:2: sip.trunk_ping.every: un");
    EXPECT_EQ(
        watch_error("alerts:\n  - {name: q, measure: qa-score, threshold: 180}\n").substr(0, 35),
        "w.yaml:2: alerts[0].threshold: 180 ");
    EXPECT_EQ(watch_error("alerts:\n  - {name: q, measure: qa-score}\n"),
              "w.yaml:2: alerts[0].threshold: missing");
}

TEST(ServerConfig, TheBargeInBeepIsOffUnlessAskedFor) {
    auto plain = parse_server_config("sip:\n  realm: acme\n", "w.yaml");
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->sip.barge_beep);
    auto beeping = parse_server_config("sip:\n  barge_beep: true\n", "w.yaml");
    ASSERT_TRUE(beeping) << beeping.error().message;
    EXPECT_TRUE(beeping->sip.barge_beep);
    EXPECT_EQ(watch_error("sip:\n  barge_beep: loud\n").substr(0, 30),
              "w.yaml:2: sip.barge_beep: expe");
}

TEST(ServerConfig, ADialClassMayJoinTheCallsOfTheQueuesItNames) {
    const std::string centre =
        "queues:\n  - {name: sales}\n"
        "sip:\n  extensions:\n    - {number: \"2001\", password: secret2001, class: leads}\n"
        "dial_rules:\n  default_class: agents\n  classes:\n"
        "    agents: {outbound: [\"09XXXXXXXXX\"]}\n";
    auto config = parse_server_config(
        centre + "    leads: {outbound: [\"09XXXXXXXXX\"], monitor: [sales]}\n", "w.yaml");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_TRUE(config->dial.may_monitor("2001", {"sales"}));
    EXPECT_FALSE(config->dial.may_monitor("1001", {"sales"}));
    EXPECT_FALSE(config->dial.listens_only("2001"));
    auto qa = parse_server_config(
        centre + "    leads: {outbound: [\"09XXXXXXXXX\"], monitor: [\"*\"], listen_only: true}\n",
        "w.yaml");
    ASSERT_TRUE(qa) << qa.error().message;
    EXPECT_TRUE(qa->dial.listens_only("2001"));
    EXPECT_EQ(watch_error(centre + "    leads: {outbound: [\"09XXXXXXXXX\"], listen_only: true}\n"),
              "w.yaml:10: dial_rules.classes.leads.listen_only: name the queues it may listen to "
              "in `monitor` too");
    EXPECT_EQ(watch_error(centre + "    leads: {outbound: [\"09XXXXXXXXX\"], monitor: [vip]}\n"),
              "w.yaml:10: dial_rules.classes.leads.monitor: no queue 'vip' (name queues, or \"*\" "
              "for all)");
}

}  // namespace
}  // namespace markaz::config
