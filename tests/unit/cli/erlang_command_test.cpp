#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "unit/cli/command_run.h"

namespace markaz::cli {
namespace {

CommandRun erlang(const std::vector<std::string>& args) {
    return run_command(run_erlang, args);
}

const std::vector<std::string> kTextbook{"--calls", "100",  "--interval", "30m",
                                         "--aht",   "180s", "--sl",       "80/20"};

std::vector<std::string> textbook_with(std::vector<std::string> extra) {
    std::vector<std::string> args = kTextbook;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

TEST(ErlangCommand, TextMarksTheRequiredRow) {
    auto run = erlang(textbook_with({"--shrinkage", "30%"}));
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.err, "");
    EXPECT_NE(run.out.find("traffic 10.00 Erlangs"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("Erlang C"), std::string::npos);
    EXPECT_NE(run.out.find("required agents: 14\n"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("scheduled with 30% shrinkage: 20\n"), std::string::npos) << run.out;
    // The row of 14 agents carries the marker; 11 (the first stable count) through 19 are shown.
    std::istringstream lines(run.out);
    std::string line;
    int rows = 0;
    bool marked = false;
    while (std::getline(lines, line)) {
        if (line.find("<- required") != std::string::npos) {
            marked = true;
            EXPECT_EQ(line.substr(0, 6), "    14") << line;
            EXPECT_NE(line.find("88.8%"), std::string::npos) << line;
        }
        if (line.size() > 6 && line[5] >= '0' && line[5] <= '9' && line[0] == ' ') {
            ++rows;
        }
    }
    EXPECT_TRUE(marked) << run.out;
    EXPECT_EQ(rows, 9) << run.out;
}

TEST(ErlangCommand, TextWithPatienceShowsAbandons) {
    auto run = erlang(textbook_with({"--patience", "120s"}));
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("Erlang A"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("abandon"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("<- required"), std::string::npos) << run.out;
}

TEST(ErlangCommand, JsonHasTheDocumentedShape) {
    auto run = erlang({"--json", "--calls", "100", "--interval", "30m", "--aht", "180s", "--sl",
                       "80%/20s", "--shrinkage", "0.3"});
    ASSERT_EQ(run.status, 0) << run.err;
    auto doc = nlohmann::json::parse(run.out);
    ASSERT_TRUE(doc.is_object());
    EXPECT_EQ(doc.size(), 4u);
    EXPECT_TRUE(doc["traffic_erlangs"].is_number_float());
    EXPECT_DOUBLE_EQ(doc["traffic_erlangs"].get<double>(), 10.0);
    EXPECT_TRUE(doc["required_agents"].is_number_integer());
    EXPECT_EQ(doc["required_agents"].get<int>(), 14);
    EXPECT_EQ(doc["scheduled_agents"].get<int>(), 20);
    ASSERT_TRUE(doc["rows"].is_array());
    ASSERT_FALSE(doc["rows"].empty());
    for (const auto& row : doc["rows"]) {
        EXPECT_TRUE(row["agents"].is_number_integer());
        for (const char* key : {"service_level", "occupancy", "p_wait", "abandon_rate"}) {
            EXPECT_TRUE(row[key].is_number()) << key;
        }
        EXPECT_TRUE(row["asa_s"].is_number());
        EXPECT_DOUBLE_EQ(row["abandon_rate"].get<double>(), 0.0);
    }
    EXPECT_EQ(doc["rows"].front()["agents"].get<int>(), 11);
    EXPECT_EQ(doc["rows"].back()["agents"].get<int>(), 19);
    EXPECT_NEAR(doc["rows"][3]["p_wait"].get<double>(), 0.1741, 0.00005);
}

TEST(ErlangCommand, JsonWithPatienceStartsBelowTheTrafficAndReportsAbandons) {
    auto run = erlang(textbook_with({"--patience", "120s", "--json"}));
    ASSERT_EQ(run.status, 0) << run.err;
    auto doc = nlohmann::json::parse(run.out);
    int required = doc["required_agents"].get<int>();
    EXPECT_EQ(doc["rows"].front()["agents"].get<int>(), required - 3);
    EXPECT_GT(doc["rows"].front()["abandon_rate"].get<double>(), 0.0);
}

struct BadArgs {
    const char* name;
    std::vector<std::string> args;
    std::string message;
};

class ErlangCommandErrors : public ::testing::TestWithParam<BadArgs> {};

TEST_P(ErlangCommandErrors, ExitTwoNamingTheOption) {
    auto run = erlang(GetParam().args);
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err.substr(0, run.err.find('\n')), GetParam().message) << run.err;
}

INSTANTIATE_TEST_SUITE_P(
    BadOptions, ErlangCommandErrors,
    ::testing::Values(
        BadArgs{"given_twice", textbook_with({"--aht", "200s"}),
                "markaz erlang: --aht: given twice"},
        BadArgs{"aht_not_a_duration",
                {"--calls", "100", "--interval", "30m", "--aht", "abc", "--sl", "80/20"},
                "markaz erlang: --aht: expected a duration like 180s, got 'abc'"},
        BadArgs{"zero_aht",
                {"--calls", "100", "--interval", "30m", "--aht", "0s", "--sl", "80/20"},
                "markaz erlang: --aht: must be positive"},
        BadArgs{"calls_not_a_number",
                {"--calls", "lots", "--interval", "30m", "--aht", "180s", "--sl", "80/20"},
                "markaz erlang: --calls: expected a number like 100, got 'lots'"},
        BadArgs{"bad_sl",
                {"--calls", "100", "--interval", "30m", "--aht", "180s", "--sl", "80"},
                "markaz erlang: --sl: expected a target like 80/20 (80% answered within 20 "
                "seconds), got '80'"},
        BadArgs{"full_sl",
                {"--calls", "100", "--interval", "30m", "--aht", "180s", "--sl", "100/20"},
                "markaz erlang: --sl: must be above 0% and below 100%"},
        BadArgs{"full_shrinkage", textbook_with({"--shrinkage", "100%"}),
                "markaz erlang: --shrinkage: must be below 100%"},
        BadArgs{"bad_shrinkage", textbook_with({"--shrinkage", "lots"}),
                "markaz erlang: --shrinkage: expected a percentage like 30%, got 'lots'"},
        BadArgs{"zero_occupancy", textbook_with({"--max-occupancy", "0%"}),
                "markaz erlang: --max-occupancy: must be above 0% and at most 100%"},
        BadArgs{"zero_asa", textbook_with({"--asa", "0s"}),
                "markaz erlang: --asa: must be positive"},
        BadArgs{"bad_patience", textbook_with({"--patience", "soon"}),
                "markaz erlang: --patience: expected a duration like 180s, got 'soon'"},
        BadArgs{"missing_calls",
                {"--interval", "30m", "--aht", "180s", "--sl", "80/20"},
                "markaz erlang: --calls: required"},
        BadArgs{"missing_value", textbook_with({"--asa"}), "markaz erlang: --asa: missing value"},
        BadArgs{"unknown_option", textbook_with({"--agents", "5"}),
                "markaz erlang: unknown option '--agents'"},
        BadArgs{"stray_argument", textbook_with({"extra"}),
                "markaz erlang: unexpected argument 'extra'"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace markaz::cli
