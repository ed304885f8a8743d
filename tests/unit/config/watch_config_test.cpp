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

}  // namespace
}  // namespace markaz::config
