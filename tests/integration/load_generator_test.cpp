// `markaz loadgen` against a real server: the load generator is itself a SIP client (it
// registers with SHA-256 digests, which Debian's phones cannot) and a trunk placing calls
// with audio both ways. The figures it reports are checked here on a small load; the large
// loads are benchmarks (bench/call-load, docs/performance.md).

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/child_process.h"
#include "support/markaz_server.h"
#include "support/ports.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;

struct LoadRun {
    int status = -1;
    std::string output;
};

/// Runs `markaz loadgen` against `server` with `args`, waiting up to `timeout`.
LoadRun run_loadgen(const MarkazServer& server, std::vector<std::string> args,
                    std::chrono::milliseconds timeout = 60s) {
    std::vector<std::string> argv{std::getenv("MARKAZ_BINARY"), "loadgen", "--server",
                                  server.registrar()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto log = server.dir() / "loadgen.log";
    ChildProcess loadgen(argv, log);
    LoadRun run;
    auto status = loadgen.wait_for_exit(timeout);
    run.status = status ? *status : loadgen.terminate();
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    run.output = text.str();
    return run;
}

/// The JSON report in the output (sofia-sip may log lines around it).
nlohmann::json report_of(const LoadRun& run) {
    auto first = run.output.find('{');
    auto last = run.output.rfind('}');
    if (first == std::string::npos || last == std::string::npos) {
        ADD_FAILURE() << "no JSON report in:\n" << run.output;
        return {};
    }
    return nlohmann::json::parse(run.output.substr(first, last - first + 1));
}

TEST(LoadGenerator, RegistersWithSha256Digest) {
    // Registrations are SIP detail: logged at debug.
    MarkazServer server(MarkazServer::Options{.digest_algorithms = "[SHA-256, MD5]",
                                              .serve_args = {"--log-level", "debug"}});
    auto run = run_loadgen(server, {"--sip-port", std::to_string(free_sip_port()), "--extensions",
                                    "1001-1003", "--digest", "SHA-256", "--calls", "0"});
    ASSERT_EQ(run.status, 0) << run.output;
    // Each binding is removed at the end with a REGISTER of its own: the first one's digest
    // answer may not be sent again.
    EXPECT_NE(run.output.find("registered 3 extensions, 3 unregistered"), std::string::npos)
        << run.output;
    std::string log = server.log_tail(200);
    for (const char* number : {"1001", "1002", "1003"}) {
        EXPECT_NE(log.find(std::string("registered ") + number), std::string::npos) << log;
    }
}

TEST(LoadGenerator, Sha256WithAWrongPasswordIsRefused) {
    MarkazServer server(MarkazServer::Options{.digest_algorithms = "[SHA-256]"});
    auto run = run_loadgen(
        server, {"--sip-port", std::to_string(free_sip_port()), "--extensions", "1001-1001",
                 "--digest", "SHA-256", "--password-prefix", "wrong", "--calls", "0"});
    EXPECT_EQ(run.status, 1) << run.output;
    EXPECT_NE(run.output.find("registered 0 extensions, 1 refused with 403"), std::string::npos)
        << run.output;
    EXPECT_NE(server.log_tail(200).find("authentication failed 1001"), std::string::npos);
}

TEST(LoadGenerator, Sha256IsRefusedWhereOnlyMd5IsOffered) {
    // The server challenges with MD5 only: a client that insists on SHA-256 has no answer.
    MarkazServer server(MarkazServer::Options{.digest_algorithms = "[MD5]"});
    auto run = run_loadgen(server, {"--sip-port", std::to_string(free_sip_port()), "--extensions",
                                    "1001-1001", "--digest", "SHA-256", "--calls", "0"});
    EXPECT_EQ(run.status, 1) << run.output;
    EXPECT_NE(run.output.find("1 refused with 401"), std::string::npos) << run.output;
}

TEST(LoadGenerator, CallsThroughATrunkWithAudioBothWaysAndRecordings) {
    std::uint16_t loadgen_port = free_sip_port();
    MarkazServer server(
        MarkazServer::Options{.extra_sip = "  trunks:\n    - {name: loadgen, allow: [\"127.0.0.1:" +
                                           std::to_string(loadgen_port) + "\"]}\n",
                              .first_extension = 3001,
                              .last_extension = 3010});
    auto run = run_loadgen(
        server, {"--sip-port", std::to_string(loadgen_port), "--rtp-port",
                 std::to_string(kLoadgenRtpPortMin), "--rtp-sockets", "2", "--extensions",
                 "3001-3010", "--calls", "10", "--rate", "5", "--hold", "4s", "--json"});
    ASSERT_EQ(run.status, 0) << run.output << server.log_tail();
    auto report = report_of(run);
    EXPECT_EQ(report["registered"], 10);
    EXPECT_EQ(report["unregistered"], 10);
    EXPECT_EQ(report["placed"], 10);
    EXPECT_EQ(report["answered"], 10);
    EXPECT_TRUE(report["call_failures"].empty()) << report.dump(2);
    const auto& media = report["media"];
    EXPECT_EQ(media["legs"], 20);  // caller and callee of each call
    // 4 s of 50 frames a second on each of 20 legs; the stamps came through Markaz's jitter
    // buffers, decoding, mixing and encoding.
    EXPECT_GT(media["frames_expected"].get<double>(), 20 * 150.0) << media.dump(2);
    EXPECT_LT(media["loss_percent"].get<double>(), 1.0) << media.dump(2);
    EXPECT_LT(media["jitter_ms"]["max"].get<double>(), 10.0) << media.dump(2);
    // Every call was recorded.
    EXPECT_EQ(server.recordings().size(), 10u);
}

}  // namespace
}  // namespace markaz::integration
