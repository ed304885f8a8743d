// The live figures beyond the minute on real phones: an alert rule on sales' line raised by a
// caller left waiting and cleared when they go, mailed in Persian to a real SMTP server
// (aiosmtpd) and read back with Python's own mail parser, and POSTed to a webhook receiver that
// checks the signature; and today's figures surviving a kill -9, what the crash left open
// closed.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/child_process.h"
#include "support/desk.h"
#include "support/ports.h"
#include "support/sipp.h"
#include "support/smtp_sink.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;
namespace ev = baresip_event;

/// More than nobody waiting in sales is an alert; it clears as soon as the line is empty.
const std::string kLineAlert =
    "alerts:\n"
    "  - {name: sales-line, measure: waiting, queue: sales, threshold: 0, clear_after: 0s}\n";

TEST(LiveFigures, ACallerLeftWaitingRaisesAnAlertAndTodaysFiguresSurviveAKillNine) {
    Desk d{AnswerMode::Auto, "", kLineAlert};
    const std::string id = d.connect();
    ASSERT_FALSE(id.empty()) << d.supervisor.get("/api/v1/calls").body;
    std::this_thread::sleep_for(1s);
    d.caller.hangup();
    d.caller.wait_for(ev::kCallClosed);
    ASSERT_TRUE(finished_call(d.supervisor, id).is_object()) << d.server.log_tail();
    // The agent is in wrap-up (30 s): the next caller is waiting when the server dies.
    d.caller.dial(d.server.uri("200"));
    const Json before = live_totals(d.supervisor, [](const Json& t) { return t["waiting"] == 1; });
    ASSERT_EQ(before["waiting"], 1) << before.dump();
    // The alert rule on sales' line (more than 0 waiting) is raised within its 5 s check.
    Json raised;
    for (int i = 0; i < 100 && raised.empty(); ++i) {
        std::this_thread::sleep_for(100ms);
        raised = d.supervisor.get("/api/v1/alerts?active=true").json()["alerts"];
    }
    ASSERT_EQ(raised.size(), 1U) << d.server.log_tail();
    EXPECT_EQ(raised[0]["rule"], "sales-line");
    EXPECT_EQ(raised[0]["value"], 1);
    EXPECT_TRUE(d.server.wait_for_log("alert raised: sales-line waiting of sales at 1"));
    const std::string alert = std::to_string(raised[0]["id"].get<int>());
    ASSERT_EQ(d.supervisor.post("/api/v1/alerts/" + alert + "/acknowledge").status, 200U);
    std::this_thread::sleep_for(500ms);  // the store worker writes it within milliseconds
    d.server.kill_hard();
    d.server.restart();

    Browser supervisor(d.web_port, "supervisor");
    // The alert and its acknowledgement outlived the crash; it is not raised again, and it
    // clears once the line is empty (the caller was removed with the restart).
    Json kept;
    for (int i = 0; i < 100; ++i) {
        kept = supervisor.get("/api/v1/alerts").json()["alerts"];
        if (!kept.empty() && kept[0]["cleared_at_ms"].is_number()) {
            break;
        }
        std::this_thread::sleep_for(100ms);
    }
    ASSERT_EQ(kept.size(), 1U) << kept.dump();
    EXPECT_EQ(std::to_string(kept[0]["id"].get<int>()), alert);
    EXPECT_EQ(kept[0]["acknowledged_by"], "supervisor");
    EXPECT_TRUE(kept[0]["cleared_at_ms"].is_number()) << kept.dump();
    EXPECT_FALSE(d.server.wait_for_log("alert raised: sales-line", 1s, 2)) << "raised once";
    const Json after = live_totals(supervisor, [](const Json& t) { return t.is_object(); });
    const Json& today = after["today"]["counters"];
    EXPECT_EQ(today["answered"], 1) << "not back to zero: " << after.dump();
    EXPECT_EQ(today["offered"], 2);
    EXPECT_EQ(today["removed"], 1) << "the caller the crash left waiting";
    EXPECT_EQ(after["waiting"], 0);
    EXPECT_TRUE(
        d.server.wait_for_log("restart: 1 waiting call(s) removed and 1 agent(s) logged out"))
        << d.server.log_tail();
    // The closing is in the event log too: the day's report agrees.
    Json report;
    for (int i = 0; i < 100 && report["total"]["counters"]["removed"] != 1; ++i) {
        std::this_thread::sleep_for(100ms);  // the closing events reach the store first
        report = supervisor.get("/api/v1/reports?by=day").json();
    }
    EXPECT_EQ(report["total"]["counters"]["removed"], 1) << report["total"].dump();
    EXPECT_EQ(report["total"]["counters"]["answered"], 1);
}

/// A webhook receiver on 127.0.0.1 (Python's http.server) that checks each POST's signature
/// with the shared secret and writes one line per call: "valid <event>" or "invalid".
struct WebhookReceiver {
    static constexpr const char* kSecret = "the-centre-and-the-chat-share-this";
    WebhookReceiver()
        : dir(make_temp_dir("markaz-hook")),
          port(free_tcp_port()),
          process({"/usr/bin/python3", "-c",
                   "import hmac, hashlib, json, sys\n"
                   "from http.server import BaseHTTPRequestHandler, HTTPServer\n"
                   "port, secret, out = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]\n"
                   "class Hook(BaseHTTPRequestHandler):\n"
                   "    def do_POST(self):\n"
                   "        body = self.rfile.read(int(self.headers['Content-Length']))\n"
                   "        stamp = self.headers['X-Markaz-Timestamp'].encode()\n"
                   "        mac = hmac.new(secret, stamp + b'.' + body, hashlib.sha256)\n"
                   "        ok = hmac.compare_digest('sha256=' + mac.hexdigest(),\n"
                   "                                 self.headers['X-Markaz-Signature'])\n"
                   "        line = ('valid ' + json.loads(body)['event']) if ok else 'invalid'\n"
                   "        open(out, 'a').write(line + '\\n')\n"
                   "        self.send_response(204)\n"
                   "        self.end_headers()\n"
                   "HTTPServer(('127.0.0.1', port), Hook).serve_forever()\n",
                   std::to_string(port), kSecret, (dir / "calls.txt").string()},
                  dir / "receiver.log") {}
    ~WebhookReceiver() { std::filesystem::remove_all(dir); }

    std::string calls() const {
        std::ifstream in(dir / "calls.txt");
        std::stringstream read;
        read << in.rdbuf();
        return read.str();
    }

    std::filesystem::path dir;
    std::uint16_t port;
    ChildProcess process;
};

TEST(LiveFigures, AnAlertRaisedAndClearedIsMailedInPersianAndPostedSigned) {
    SmtpSink sink;
    WebhookReceiver hook;
    const std::string mail_yaml =
        kLineAlert.substr(0, kLineAlert.size() - 2) +
        ",\n     email: [supervisor@centre.example], language: fa}\n"
        "mail: {smtp: \"smtp://127.0.0.1:" +
        std::to_string(sink.port) + "\", from: markaz@centre.example}\n" +
        "webhooks:\n  - {url: \"http://127.0.0.1:" + std::to_string(hook.port) +
        "/markaz\", secret: " + WebhookReceiver::kSecret + "}\n";
    Desk d{AnswerMode::Auto, "", mail_yaml};
    const std::string id = d.connect();
    ASSERT_FALSE(id.empty()) << d.server.log_tail();
    d.caller.hangup();
    d.caller.wait_for(ev::kCallClosed);
    // The agent is in wrap-up (30 s): the next caller waits, and the line's alert is raised.
    d.caller.dial(d.server.uri("200"));
    ASSERT_TRUE(d.server.wait_for_log("alert raised: sales-line", 15s)) << d.server.log_tail();
    d.caller.hangup();
    d.caller.wait_for(ev::kCallClosed);
    ASSERT_TRUE(d.server.wait_for_log("alert cleared: sales-line", 15s)) << d.server.log_tail();
    ASSERT_TRUE(d.server.wait_for_log("mail to supervisor@centre.example: sent", 15s, 2))
        << d.server.log_tail();
    ASSERT_TRUE(d.server.wait_for_log(
        "webhook to http://127.0.0.1:" + std::to_string(hook.port) + "/markaz: sent", 15s, 2))
        << d.server.log_tail();
    EXPECT_EQ(hook.calls(), "valid alert.raised\nvalid alert.cleared\n") << hook.process.log_tail();

    const auto mails = sink.messages(2);
    ASSERT_EQ(mails.size(), 2U) << sink.process.log_tail();
    EXPECT_NE(mails[0].find("To: supervisor@centre.example"), std::string::npos) << mails[0];
    EXPECT_NE(mails[0].find(
                  "Subject: [Markaz] هشدار: تماس‌گیرندگان منتظر sales ۱ "
                  "(بیشتر "
                  "از "
                  "۰)"),
              std::string::npos)
        << mails[0];
    EXPECT_NE(mails[0].find("Language: fa"), std::string::npos);
    EXPECT_NE(mails[0].find("قاعده: sales-line"), std::string::npos) << "the body, decoded";
    EXPECT_NE(mails[1].find(
                  "Subject: [Markaz] رفع شد: تماس‌گیرندگان منتظر sales ۰ "
                  "(بیشتر "
                  "از "
                  "۰)"),
              std::string::npos)
        << mails[1];
}

}  // namespace
}  // namespace markaz::integration

namespace markaz::integration {
namespace {

TEST(LiveFigures, AnAlertRuleMadeInTheBrowserIsEvaluatedAndSurvivesAKillNine) {
    Desk d{AnswerMode::Auto};
    const Reply made = d.supervisor.post("/api/v1/alert-rules", Json{{"name", "sales-line"},
                                                                     {"measure", "waiting"},
                                                                     {"queue", "sales"},
                                                                     {"threshold", 0},
                                                                     {"clear_after_s", 0}});
    ASSERT_EQ(made.status, 201U) << made.body;
    const std::string id = d.connect();
    ASSERT_FALSE(id.empty()) << d.server.log_tail();
    d.caller.hangup();
    d.caller.wait_for(baresip_event::kCallClosed);
    // The agent is in wrap-up (30 s): the next caller waits, and the new rule raises.
    d.caller.dial(d.server.uri("200"));
    ASSERT_TRUE(d.server.wait_for_log("alert raised: sales-line waiting of sales", 15s))
        << d.server.log_tail();
    d.caller.hangup();
    d.caller.wait_for(baresip_event::kCallClosed);
    ASSERT_TRUE(d.server.wait_for_log("alert cleared: sales-line", 15s)) << d.server.log_tail();

    d.server.kill_hard();
    d.server.restart();
    Browser supervisor(d.web_port, "supervisor");
    const Json rules = supervisor.get("/api/v1/alert-rules").json()["rules"];
    ASSERT_EQ(rules.size(), 1U) << rules.dump();
    EXPECT_EQ(rules[0]["name"], "sales-line");
    EXPECT_EQ(rules[0]["source"], "api");
    EXPECT_EQ(rules[0]["created_by"], "supervisor");
    // Evaluated again after the restart: the agent was logged out, so a caller waits.
    d.caller.dial(d.server.uri("200"));
    EXPECT_TRUE(d.server.wait_for_log("alert raised: sales-line waiting of sales", 15s, 2))
        << d.server.log_tail();
    d.caller.hangup();
}

/// The alerts up now, once `ok` holds for them (15 s at most).
Json active_alerts(const Browser& who, const std::function<bool(const Json&)>& ok) {
    Json alerts;
    for (int i = 0; i < 150; ++i) {
        alerts = who.get("/api/v1/alerts?active=true").json()["alerts"];
        if (ok(alerts)) {
            break;
        }
        std::this_thread::sleep_for(100ms);
    }
    return alerts;
}

TEST(LiveFigures, ATrunkThatStopsAnsweringPingsRaisesAnAlertClearedWhenItIsBack) {
    const SippOptions peer_options{
        .scenario = std::filesystem::path{MARKAZ_INTEGRATION_DIR} / "scenarios/options_peer.xml",
        .calls = 1000};
    auto carrier = std::make_unique<SippProcess>(peer_options);
    const std::string target = carrier->address();
    const std::uint16_t web_port = free_tcp_port();
    MarkazServer server(desk_config(
        web_port,
        "  trunks:\n    - {name: carrier, dial_prefix: \"9\", target: \"" + target +
            "\"}\n"
            "  trunk_ping: {interval: 1s, failures: 2}\n",
        "alerts:\n  - {name: carrier-down, measure: trunk-unreachable, clear_after: 0s}\n"));
    Browser supervisor(web_port, "supervisor");
    ASSERT_TRUE(server.wait_for_log("trunk answers - from udp:" + target + " (carrier)"))
        << server.log_tail() << carrier->log_tail();
    EXPECT_TRUE(active_alerts(supervisor, [](const Json&) { return true; }).empty());

    carrier.reset();  // the carrier's side goes away: the pings get no answer
    ASSERT_TRUE(server.wait_for_log("trunk does not answer - from udp:" + target + " (carrier)"))
        << server.log_tail();
    const Json raised = active_alerts(supervisor, [](const Json& a) { return a.size() == 1; });
    ASSERT_EQ(raised.size(), 1U) << server.log_tail();
    EXPECT_EQ(raised[0]["rule"], "carrier-down");
    EXPECT_EQ(raised[0]["measure"], "trunk-unreachable");
    EXPECT_EQ(raised[0]["subject"], "carrier");

    // Back on the same address: the next ping is answered and the alert clears.
    SippOptions back = peer_options;
    back.port = static_cast<std::uint16_t>(std::stoi(target.substr(target.rfind(':') + 1)));
    carrier = std::make_unique<SippProcess>(back);
    ASSERT_TRUE(server.wait_for_log("trunk answers - from udp:" + target, 10s, 2))
        << server.log_tail() << carrier->log_tail();
    EXPECT_TRUE(active_alerts(supervisor, [](const Json& a) { return a.empty(); }).empty())
        << server.log_tail();
}

}  // namespace
}  // namespace markaz::integration
