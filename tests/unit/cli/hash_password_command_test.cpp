// `markaz hash-password` in-process: a hash the API accepts, and clear answers to wrong input.

#include <sstream>

#include <gtest/gtest.h>

#include "api/passwords.h"
#include "cli/commands.h"
#include "cli/web_server.h"
#include "unit/cli/command_run.h"

namespace markaz::cli {
namespace {

CommandRun hash(const std::string& input, const std::vector<std::string>& args = {}) {
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    int status = run_hash_password(args, in, out, err);
    return {status, out.str(), err.str()};
}

TEST(HashPasswordCommand, PrintsAnArgon2idHashThatVerifies) {
    const CommandRun o = hash("demo-qa\n");
    ASSERT_EQ(o.status, 0) << o.err;
    ASSERT_FALSE(o.out.empty());
    const std::string line = o.out.substr(0, o.out.size() - 1);
    EXPECT_TRUE(api::is_password_hash(line)) << line;
    EXPECT_TRUE(api::verify_password(line, "demo-qa"));
    EXPECT_FALSE(api::verify_password(line, "demo-qa\n"));
    const std::string crlf = hash("crlf-line\r\n").out;
    EXPECT_TRUE(api::verify_password(crlf.substr(0, crlf.size() - 1), "crlf-line"));
}

TEST(HashPasswordCommand, WrongInputIsNamed) {
    CommandRun o = hash("");
    EXPECT_EQ(o.status, 2);
    EXPECT_EQ(o.err, "markaz hash-password: no password on standard input\n");
    o = hash("\n");
    EXPECT_EQ(o.status, 2);
    o = hash("\r\n");
    EXPECT_EQ(o.status, 2);
    EXPECT_TRUE(o.out.empty());
    o = hash("secret\n", {"secret"});
    EXPECT_EQ(o.status, 2);
    EXPECT_EQ(o.err,
              "markaz hash-password: unexpected argument 'secret'\n"
              "usage: markaz hash-password < password-file\n");
    EXPECT_TRUE(o.out.empty());
}

TEST(SipMetrics, WritesEachCounterAsAPrometheusFamily) {
    sip::SipStats stats;
    stats.registered_extensions = 5;
    stats.calls_started = 42;
    stats.routing_ms_p99 = 8.5;
    const std::string text = sip_metrics_text(stats);
    EXPECT_NE(text.find("# TYPE markaz_sip_registered_extensions gauge\n"
                        "markaz_sip_registered_extensions 5\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("# TYPE markaz_sip_calls_started_total counter\n"
                        "markaz_sip_calls_started_total 42\n"),
              std::string::npos);
    EXPECT_NE(text.find("markaz_routing_latency_ms{quantile=\"0.99\"} 8.5\n"), std::string::npos);
}

}  // namespace
}  // namespace markaz::cli
