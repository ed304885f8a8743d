// The server's log: levels per line, and `markaz serve --log-level` refusing what it does not
// know before anything starts.

#include "cli/server_log.h"

#include <algorithm>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/commands.h"

namespace markaz::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

TEST(ServerLog, WritesLinesAtOrAboveItsLevelWithTimeLevelAndLayer) {
    std::ostringstream out;
    auto log = ServerLog::create("info", out);
    ASSERT_TRUE(log) << log.error().message;
    log->layer("sip").debug("registered 1001");
    log->layer("app").info("call c1 answered by a1001");
    log->layer("sip").warn("authentication failed 1002");
    const std::string text = out.str();
    EXPECT_THAT(text, Not(HasSubstr("registered 1001")));
    EXPECT_THAT(text, MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z info    app: call c1 "
                                   "answered by a1001\n"
                                   ".*Z warning sip: authentication failed 1002\n"));
}

TEST(ServerLog, DebugShowsTheSipDetail) {
    std::ostringstream out;
    auto log = ServerLog::create("debug", out);
    ASSERT_TRUE(log);
    log->layer("sip").debug("registered 1001");
    EXPECT_THAT(out.str(), HasSubstr("debug   sip: registered 1001"));
}

TEST(ServerLog, ControlCharactersCannotForgeALine) {
    std::ostringstream out;
    auto log = ServerLog::create("info", out);
    ASSERT_TRUE(log);
    // A user name tried at the login, as an attacker would send it.
    log->layer("web").info("audit: {} login-failed",
                           "x\n2026-12-05T10:00:00.000Z info    web: "
                           "audit: manager user-delete\r\x1b[2J");
    const std::string text = out.str();
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
    EXPECT_THAT(text, HasSubstr("audit: x\\x0a2026-12-05T10:00:00.000Z info    web: audit: "
                                "manager user-delete\\x0d\\x1b[2J login-failed\n"));
}

TEST(ServerLog, AnUnknownLevelIsRefusedByName) {
    std::ostringstream out;
    for (const char* level : {"loud", "", "off", "critical", "INFO!"}) {
        auto log = ServerLog::create(level, out);
        ASSERT_FALSE(log) << level;
        EXPECT_EQ(log.error().message, "--log-level: unknown level '" + std::string(level) +
                                           "' (trace, debug, info, warn, error)");
    }
}

TEST(ServeCommand, AWrongLogLevelStopsItBeforeAnythingStarts) {
    std::ostringstream out;
    std::ostringstream err;
    int status = run_serve({"--config", "does-not-exist.yaml", "--log-level", "loud"}, out, err);
    EXPECT_EQ(status, 2);
    EXPECT_THAT(err.str(), HasSubstr("markaz serve: --log-level: unknown level 'loud'"));
    EXPECT_THAT(err.str(), Not(HasSubstr("does-not-exist.yaml")));
}

}  // namespace
}  // namespace markaz::cli
