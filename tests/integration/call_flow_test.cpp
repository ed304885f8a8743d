// The call flow on real phones: baresip callers and agents through `markaz serve` — the IVR,
// queues and strategies on the wire, ring timeouts, abandons, callbacks that survive kill -9,
// closed hours, the call records and the queue_log.

#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/baresip_phone.h"
#include "support/extension_phone.h"
#include "support/markaz_server.h"
#include "support/wav_analysis.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;
namespace ev = baresip_event;

/// Queues, desk agents a1001..a100N and the numbers 100 (IVR) and 200 (queue sales).
std::string flow_config(const std::string& strategy, int agents, const std::string& queue_extra,
                        const std::string& agent_extra = "") {
    std::ostringstream yaml;
    yaml << "queues:\n"
         << "  - {name: sales, strategy: " << strategy << queue_extra << "}\n"
         << "agents:\n";
    for (int n = 1; n <= agents; ++n) {
        yaml << "  - {id: a100" << n << ", queues: [sales], extension: \"100" << n << "\""
             << agent_extra << "}\n";
    }
    yaml << "dialplan:\n"
         << "  \"100\": {ivr: main}\n"
         << "  \"200\": {queue: sales}\n"
         << "ivr:\n"
         << "  main:\n"
         << "    language: en\n"
         << "    start: hours\n"
         << "    nodes:\n"
         << "      hours:\n"
         << "        hours:\n"
         << "          timezone: \"+03:30\"\n"
         << "          weekly: {sat: \"00:00-24:00\", sun: \"00:00-24:00\", mon: \"00:00-24:00\",\n"
         << "                   tue: \"00:00-24:00\", wed: \"00:00-24:00\", thu: \"00:00-24:00\",\n"
         << "                   fri: \"00:00-24:00\"}\n"
         << "          holidays: [{persian: \"01-01\"}]\n"
         << "        open: welcome\n"
         << "        closed: closed\n"
         << "      welcome:\n"
         << "        menu:\n"
         << "          prompt: {en: \"Welcome to Markaz. For sales press 1, for support press 2, "
            "to be called back press 9.\"}\n"
         << "          choices: {\"1\": sales}\n"
         << "          timeout: 5s\n"
         << "          failure: bye\n"
         << "      sales: {queue: sales}\n"
         << "      closed: {play: {en: \"We are closed now. Please call again during opening "
            "hours.\"}, next: bye}\n"
         << "      bye: {hangup: true}\n";
    return yaml.str();
}

MarkazServer::Options options(const std::string& yaml) {
    MarkazServer::Options o;
    o.extra_yaml = yaml;
    o.last_extension = 1005;
    return o;
}

/// The CSV row of the call whose dialled number (the fifth column) is `dialled`.
std::string csv_row(const std::string& csv, const std::string& dialled) {
    std::istringstream lines(csv);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string field;
        for (int column = 0; column < 5 && std::getline(fields, field, ','); ++column) {
        }
        if (field == dialled) {
            return line;
        }
    }
    return "";
}

void wait_ready(const MarkazServer& server, const std::string& agent) {
    ASSERT_TRUE(server.wait_for_log("agent " + agent + ": not-ready -> available"))
        << server.log_tail();
}

TEST(CallFlow, CallerPressesOneInTheIvrAndTalksToTheAgentRecordedAndLogged) {
    MarkazServer server{options(flow_config("longest-idle", 1, ""))};
    BaresipPhone agent{extension_phone(server, "1001", 1000, AnswerMode::Auto)};
    BaresipPhone caller{extension_phone(server, "1005", 440, AnswerMode::Manual)};
    agent.wait_until_registered();
    caller.wait_until_registered();
    wait_ready(server, "a1001");

    caller.dial(server.uri("100"));
    caller.wait_for(ev::kCallEstablished);  // Markaz answers and plays the menu
    std::this_thread::sleep_for(500ms);
    caller.send_dtmf("1");
    agent.wait_for(ev::kCallEstablished, 10s);
    std::this_thread::sleep_for(3s);
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    agent.wait_for(ev::kCallClosed);

    // Tones both ways through the bridge.
    EXPECT_NEAR(analyze_wav(agent.last_recording().heard).channels[0].dominant_hz, 440, 5);
    ASSERT_TRUE(server.wait_for_log("ended: answered")) << server.log_tail();
    std::this_thread::sleep_for(300ms);  // the recording closes on the worker's next tick
    auto files = server.recordings();
    ASSERT_EQ(files.size(), 1u) << server.log_tail();
    WavAnalysis recording = analyze_wav(files[0]);
    ASSERT_EQ(recording.channel_count, 2);
    EXPECT_NEAR(recording.channels[0].dominant_hz, 440, 5);   // the caller, left
    EXPECT_NEAR(recording.channels[1].dominant_hz, 1000, 5);  // the agent, right
    EXPECT_GE(recording.duration_seconds, 2.0);

    std::string csv = server.export_text("calls");
    std::string row = csv_row(csv, "100");
    ASSERT_FALSE(row.empty()) << csv;
    EXPECT_NE(row.find(",1005,100,hours>welcome>sales,1,sales,"), std::string::npos) << row;
    EXPECT_NE(row.find(",a1001,a1001,"), std::string::npos) << row;  // offered, answered
    EXPECT_NE(row.find(",answered,caller,caller hung up,"), std::string::npos) << row;
    EXPECT_NE(row.find(files[0].filename().string()), std::string::npos) << row;

    std::string log = server.export_text("queue-log");
    EXPECT_NE(log.find("|NONE|Agent/a1001|AGENTLOGIN|SIP/1001"), std::string::npos) << log;
    EXPECT_NE(log.find("|sales|NONE|ENTERQUEUE||1005|1"), std::string::npos) << log;
    EXPECT_NE(log.find("|sales|Agent/a1001|CONNECT|"), std::string::npos) << log;
    EXPECT_NE(log.find("|sales|Agent/a1001|COMPLETECALLER|"), std::string::npos) << log;
}

/// Which of `agents` answers the next call into 200; fails when none does.
std::string next_answering(const MarkazServer& server, BaresipPhone& caller,
                           std::vector<BaresipPhone*> agents) {
    caller.dial(server.uri("200"));
    caller.wait_for(ev::kCallEstablished);
    std::string who;
    auto until = std::chrono::steady_clock::now() + 10s;
    while (who.empty() && std::chrono::steady_clock::now() < until) {
        for (BaresipPhone* agent : agents) {
            if (agent->try_wait_for(ev::kCallEstablished, 100ms)) {
                who = agent->user();
            }
        }
    }
    std::this_thread::sleep_for(300ms);
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    for (BaresipPhone* agent : agents) {
        if (agent->user() == who) {
            agent->wait_for(ev::kCallClosed);
        }
    }
    std::this_thread::sleep_for(300ms);  // the agent is free again (no wrap-up)
    return who;
}

/// Three auto-answering agents on `strategy`; which of them takes each of four calls into 200.
std::vector<std::string> answering_order(const std::string& strategy) {
    MarkazServer server{options(flow_config(strategy, 3, ""))};
    BaresipPhone a1{extension_phone(server, "1001", 1001, AnswerMode::Auto)};
    BaresipPhone a2{extension_phone(server, "1002", 1002, AnswerMode::Auto)};
    BaresipPhone a3{extension_phone(server, "1003", 1003, AnswerMode::Auto)};
    BaresipPhone caller{extension_phone(server, "1005", 440, AnswerMode::Manual)};
    for (auto* p : {&a1, &a2, &a3, &caller}) {
        p->wait_until_registered();
    }
    for (const char* agent : {"a1001", "a1002", "a1003"}) {
        wait_ready(server, agent);
    }
    std::vector<std::string> order;
    for (int i = 0; i < 4; ++i) {
        order.push_back(next_answering(server, caller, {&a1, &a2, &a3}));
    }
    return order;
}

TEST(CallFlow, RoundRobinRingsTheAgentsInTurn) {
    EXPECT_EQ(answering_order("round-robin"),
              (std::vector<std::string>{"1001", "1002", "1003", "1001"}));
}

TEST(CallFlow, LongestIdleRingsWhoeverWaitedLongestSinceTheirLastCall) {
    // Each call goes to someone who has not had one, and the fourth to the first agent,
    // idle the longest since their call ended.
    std::vector<std::string> order = answering_order("longest-idle");
    std::set<std::string> first_three(order.begin(), order.begin() + 3);
    EXPECT_EQ(first_three.size(), 3u);
    EXPECT_EQ(order[3], order[0]);
}

TEST(CallFlow, RingTimeoutMovesToTheNextAgent) {
    MarkazServer server{options(flow_config("round-robin", 2, ", ring_timeout: 2s"))};
    BaresipPhone a1{extension_phone(server, "1001", 1001, AnswerMode::Manual)};  // never answers
    BaresipPhone a2{extension_phone(server, "1002", 1002, AnswerMode::Auto)};
    BaresipPhone caller{extension_phone(server, "1005", 440, AnswerMode::Manual)};
    for (auto* p : {&a1, &a2, &caller}) {
        p->wait_until_registered();
    }
    wait_ready(server, "a1001");
    wait_ready(server, "a1002");
    caller.dial(server.uri("200"));
    caller.wait_for(ev::kCallEstablished);
    a1.wait_for(ev::kCallIncoming);
    a1.wait_for(ev::kCallClosed, 5s);  // CANCEL after the ring timeout
    a2.wait_for(ev::kCallEstablished, 5s);
    caller.hangup();
    a2.wait_for(ev::kCallClosed);
    ASSERT_TRUE(server.wait_for_log("ended: answered"));
    std::string row = csv_row(server.export_text("calls"), "200");
    EXPECT_NE(row.find(",a1001 a1002,a1002,"), std::string::npos) << row;
    EXPECT_NE(server.export_text("queue-log").find("|sales|Agent/a1001|RINGNOANSWER|"),
              std::string::npos);
}

TEST(CallFlow, ThreeMissedOffersPauseTheAgentWithReasonNoAnswer) {
    MarkazServer server{
        options(flow_config("linear", 1, ", ring_timeout: 1s", ", max_no_answer: 3"))};
    BaresipPhone a1{extension_phone(server, "1001", 1001, AnswerMode::Manual)};  // never answers
    BaresipPhone caller{extension_phone(server, "1005", 440, AnswerMode::Manual)};
    a1.wait_until_registered();
    caller.wait_until_registered();
    wait_ready(server, "a1001");
    caller.dial(server.uri("200"));
    caller.wait_for(ev::kCallEstablished);
    for (int miss = 0; miss < 3; ++miss) {
        a1.wait_for(ev::kCallIncoming, 5s);
        a1.wait_for(ev::kCallClosed, 5s);
    }
    EXPECT_TRUE(server.wait_for_log("agent a1001: ringing -> paused (no-answer)"))
        << server.log_tail();
    EXPECT_FALSE(a1.try_wait_for(ev::kCallIncoming, 2s));  // paused: no fourth ring
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
}

TEST(CallFlow, RingAllRingsEveryAgentAndTheFirstAnswerWinsTheOthersGetCancel) {
    MarkazServer server{options(flow_config("ring-all", 3, ""))};
    BaresipPhone a1{extension_phone(server, "1001", 1000, AnswerMode::Auto)};
    BaresipPhone a2{extension_phone(server, "1002", 1002, AnswerMode::Manual)};
    BaresipPhone a3{extension_phone(server, "1003", 1003, AnswerMode::Manual)};
    BaresipPhone caller{extension_phone(server, "1005", 440, AnswerMode::Manual)};
    for (auto* p : {&a1, &a2, &a3, &caller}) {
        p->wait_until_registered();
    }
    for (const char* agent : {"a1001", "a1002", "a1003"}) {
        wait_ready(server, agent);
    }

    caller.dial(server.uri("200"));
    caller.wait_for(ev::kCallEstablished);
    a1.wait_for(ev::kCallEstablished, 10s);
    // All three rang at once; the two that did not answer were cancelled and are free again
    // while the call goes on.
    for (const char* agent : {"a1001", "a1002", "a1003"}) {
        EXPECT_TRUE(server.wait_for_log(std::string("agent ") + agent + ": available -> ringing"))
            << server.log_tail();
    }
    for (const char* agent : {"a1002", "a1003"}) {
        EXPECT_TRUE(server.wait_for_log(std::string("agent ") + agent + ": ringing -> available"))
            << server.log_tail();
    }
    EXPECT_TRUE(server.wait_for_log("agent a1001: ringing -> on-call")) << server.log_tail();
    a2.wait_for(ev::kCallClosed, 10s);
    a3.wait_for(ev::kCallClosed, 10s);
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    a1.wait_for(ev::kCallClosed);

    ASSERT_TRUE(server.wait_for_log("ended: answered")) << server.log_tail();
    std::string row = csv_row(server.export_text("calls"), "200");
    EXPECT_NE(row.find(",a1001,"), std::string::npos) << row;
    EXPECT_NE(row.find(",answered,"), std::string::npos) << row;
}

TEST(CallFlow, MaxWaitExitsTheCallerWithTheAnnouncementAndLogsTheTimeout) {
    // The only agent's phone rings but nobody answers it; after 3 s in line the queue's exit
    // rule says the announcement and hangs up.
    MarkazServer server{options(
        flow_config("longest-idle", 1,
                    ", ring_timeout: 30s, max_wait: 3s, on_max_wait: {exit: hangup, announcement: "
                    "\"We are sorry, all our agents are busy. Please call again later.\"}"))};
    BaresipPhone agent{extension_phone(server, "1001", 1000, AnswerMode::Manual)};
    BaresipPhone caller{extension_phone(server, "1005", 440, AnswerMode::Manual)};
    agent.wait_until_registered();
    caller.wait_until_registered();
    wait_ready(server, "a1001");

    const auto dialled = std::chrono::steady_clock::now();
    caller.dial(server.uri("200"));
    caller.wait_for(ev::kCallEstablished);
    caller.wait_for(ev::kCallClosed, 20s);  // Markaz hangs up after the announcement
    const auto held = std::chrono::steady_clock::now() - dialled;
    EXPECT_GE(held, 3s);
    agent.wait_for(ev::kCallClosed, 10s);  // its ringing phone is cancelled

    ASSERT_TRUE(server.wait_for_log("ended: timed-out")) << server.log_tail();
    std::string row = csv_row(server.export_text("calls"), "200");
    EXPECT_NE(row.find(",timed-out,system,max-wait,"), std::string::npos) << row;
    std::string log = server.export_text("queue-log");
    EXPECT_NE(log.find("|sales|NONE|EXITWITHTIMEOUT|1|"), std::string::npos) << log;
}

TEST(CallFlow, ACallerWhoHangsUpWhileQueuedIsAbandonedWithWaitAndPosition) {
    MarkazServer server{options(flow_config("longest-idle", 1, ""))};
    BaresipPhone caller{
        extension_phone(server, "1005", 440, AnswerMode::Manual)};  // no agent phone
    caller.wait_until_registered();
    caller.dial(server.uri("200"));
    caller.wait_for(ev::kCallEstablished);
    std::this_thread::sleep_for(2500ms);
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    ASSERT_TRUE(server.wait_for_log("ended: abandoned")) << server.log_tail();
    std::string row = csv_row(server.export_text("calls"), "200");
    // joined, wait (whole seconds), position 1, no agent; abandoned by the caller.
    EXPECT_NE(row.find(",sales,"), std::string::npos) << row;
    EXPECT_NE(row.find(",2,1,,,0,0,"), std::string::npos) << row;
    EXPECT_NE(row.find(",abandoned,caller,"), std::string::npos) << row;
    std::string log = server.export_text("queue-log");
    EXPECT_NE(log.find("|sales|NONE|ABANDON|1|1|2"), std::string::npos) << log;
}

TEST(CallFlow, ClosedHoursRouteToTheClosedBranch) {
    // Nowruz (1 Farvardin 1405 = 21 March 2026) is a holiday in the flow: the clock is set
    // there, so the call hears the closed message and is hung up without reaching a queue.
    setenv("MARKAZ_FAKE_NOW", "2026-03-21T10:00:00Z", 1);
    MarkazServer server{options(flow_config("longest-idle", 1, ""))};
    unsetenv("MARKAZ_FAKE_NOW");
    BaresipPhone caller{extension_phone(server, "1005", 440, AnswerMode::Manual)};
    caller.wait_until_registered();
    caller.dial(server.uri("100"));
    caller.wait_for(ev::kCallEstablished);
    caller.wait_for(ev::kCallClosed, 20s);  // Markaz hangs up after the message
    ASSERT_TRUE(server.wait_for_log("ended: ivr")) << server.log_tail();
    std::string row = csv_row(server.export_text("calls"), "100");
    EXPECT_NE(row.find(",hours>closed>bye,"), std::string::npos) << row;
    EXPECT_NE(row.find(",ivr,system,ivr hang-up,"), std::string::npos) << row;
}

/// The server's log shows `text` `count` times. The agents' phones in the callback tests are
/// watched through the server: baresip 1.0's ctrl_tcp sometimes sends no call events at all
/// for a call that arrives moments after the phone registered.
void wait_logged(const MarkazServer& server, const std::string& text, int count = 1) {
    ASSERT_TRUE(server.wait_for_log(text, 20s, count))
        << "'" << text << "' not logged " << count << " times\n"
        << server.log_tail();
}

const std::string kCallbackQueue =
    ", ring_timeout: 3s, callback: {enabled: true, mode: customer-first, max_attempts: 3, "
    "retry_interval: 2s}";

/// `caller` calls 200, presses 9 for a callback and 1 to confirm its own number; Markaz
/// books it and hangs up.
void book_callback(const MarkazServer& server, BaresipPhone& caller) {
    caller.dial(server.uri("200"));
    caller.wait_for(ev::kCallEstablished);
    std::this_thread::sleep_for(700ms);
    caller.send_dtmf("9");
    std::this_thread::sleep_for(700ms);
    caller.send_dtmf("1");
    caller.wait_for(ev::kCallClosed, 30s);  // booked, told so, hung up by Markaz
}

TEST(CallFlow, ACallbackIsBookedThenTheCustomerIsDialledAndConnectedToTheAgent) {
    MarkazServer server{options(flow_config("longest-idle", 1, kCallbackQueue))};
    BaresipPhone caller{extension_phone(server, "1005", 440, AnswerMode::Auto)};
    caller.wait_until_registered();
    book_callback(server, caller);
    ASSERT_TRUE(server.wait_for_log("booked")) << server.log_tail();
    caller.discard_pending_events();

    // The agent's phone comes up: the request reaches them, the customer is dialled first.
    BaresipPhone agent{extension_phone(server, "1001", 1000, AnswerMode::Auto)};
    agent.wait_until_registered();
    caller.wait_for(ev::kCallEstablished, 15s);
    wait_logged(server, "answered by a1001");
    std::this_thread::sleep_for(2s);
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    wait_logged(server, "ended: answered");
    std::this_thread::sleep_for(300ms);
    EXPECT_NEAR(analyze_wav(agent.last_recording().heard).channels[0].dominant_hz, 440, 5);

    std::string csv = server.export_text("calls");
    EXPECT_NE(csv_row(csv, "200").find(",callback,"), std::string::npos) << csv;
    std::string dialled = csv_row(csv, "1005");
    EXPECT_NE(dialled.find(",a1001,a1001,"), std::string::npos) << csv;
    EXPECT_NE(dialled.find(",answered,"), std::string::npos) << csv;
}

TEST(CallFlow, ACallbackNobodyAnswersIsDialledAgain) {
    MarkazServer server{options(flow_config("longest-idle", 1, kCallbackQueue))};
    BaresipPhone caller{extension_phone(server, "1005", 440, AnswerMode::Manual)};
    caller.wait_until_registered();
    book_callback(server, caller);
    ASSERT_TRUE(server.wait_for_log("booked")) << server.log_tail();
    caller.discard_pending_events();
    BaresipPhone agent{extension_phone(server, "1001", 1000, AnswerMode::Auto)};
    agent.wait_until_registered();
    caller.wait_for(ev::kCallIncoming, 15s);  // attempt 1: not answered
    caller.wait_for(ev::kCallClosed, 10s);    // given up after the ring timeout
    caller.wait_for(ev::kCallIncoming, 15s);  // attempt 2, after the retry interval
    caller.answer();
    wait_logged(server, "answered by a1001");
    caller.hangup();
    wait_logged(server, "ended: answered");
    EXPECT_TRUE(server.wait_for_log("(attempt 2)")) << server.log_tail();
    std::string log = server.export_text("queue-log");
    EXPECT_NE(log.find("|sales|Agent/a1001|CONNECT|"), std::string::npos) << log;
}

TEST(CallFlow, BookedCallbacksSurviveKillNineAndAreAllDialledAfterRestart) {
    // A second of wrap-up: the agent's phone has finished with one customer before the next
    // is put through.
    MarkazServer server{options(flow_config("longest-idle", 1, kCallbackQueue + ", wrap_up: 1s"))};
    {
        BaresipPhone first{extension_phone(server, "1004", 440, AnswerMode::Auto)};
        BaresipPhone second{extension_phone(server, "1005", 880, AnswerMode::Auto)};
        first.wait_until_registered();
        second.wait_until_registered();
        book_callback(server, first);
        book_callback(server, second);
        ASSERT_TRUE(server.wait_for_log("booked")) << server.log_tail();
        // Told "booked" means on disk: kill the server the moment the second one is said.
    }
    ASSERT_TRUE(server.wait_for_log("ended: callback")) << server.log_tail();
    server.kill_hard();
    server.restart();
    ASSERT_TRUE(server.wait_for_log("restored in queue sales")) << server.log_tail();

    BaresipPhone first{extension_phone(server, "1004", 440, AnswerMode::Auto)};
    BaresipPhone second{extension_phone(server, "1005", 880, AnswerMode::Auto)};
    first.wait_until_registered();
    second.wait_until_registered();
    BaresipPhone agent{extension_phone(server, "1001", 1000, AnswerMode::Auto)};
    agent.wait_until_registered();
    // Both requests are dialled, oldest first, each connected to the agent in turn.
    int connected = 0;
    for (BaresipPhone* customer : {&first, &second}) {
        customer->wait_for(ev::kCallEstablished, 20s);
        wait_logged(server, "answered by a1001", ++connected);
        std::this_thread::sleep_for(500ms);
        customer->hangup();
        customer->wait_for(ev::kCallClosed);
        wait_logged(server, "ended: answered", connected);
    }
    std::string csv = server.export_text("calls");
    EXPECT_NE(csv_row(csv, "1004").find(",answered,"), std::string::npos) << csv;
    EXPECT_NE(csv_row(csv, "1005").find(",answered,"), std::string::npos) << csv;
    // Putting the requests back in line after the restart adds nothing to their history: each
    // caller entered the queue once (reports count each call once).
    std::string log = server.export_text("queue-log");
    std::size_t entered = 0;
    for (std::size_t at = log.find("|ENTERQUEUE|"); at != std::string::npos;
         at = log.find("|ENTERQUEUE|", at + 1)) {
        ++entered;
    }
    EXPECT_EQ(entered, 2u) << log;
}

TEST(CallFlow, AnAgentFirstCallbackRingsTheAgentThenDialsTheCustomer) {
    MarkazServer server{options(flow_config(
        "longest-idle", 1,
        ", ring_timeout: 3s, callback: {enabled: true, mode: agent-first, max_attempts: 2, "
        "retry_interval: 2s}"))};
    BaresipPhone caller{extension_phone(server, "1005", 440, AnswerMode::Auto)};
    caller.wait_until_registered();
    book_callback(server, caller);
    ASSERT_TRUE(server.wait_for_log("booked")) << server.log_tail();
    caller.discard_pending_events();

    BaresipPhone agent{extension_phone(server, "1001", 1000, AnswerMode::Auto)};
    agent.wait_until_registered();
    // The agent is on the line before the customer's phone rings.
    wait_logged(server, "agent a1001 on the line, dialling 1005");
    caller.wait_for(ev::kCallEstablished, 15s);
    wait_logged(server, "answered by a1001");
    std::this_thread::sleep_for(2s);
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    wait_logged(server, "ended: answered");
    std::this_thread::sleep_for(300ms);
    EXPECT_NEAR(analyze_wav(agent.last_recording().heard).channels[0].dominant_hz, 440, 5);
    std::string row = csv_row(server.export_text("calls"), "1005");
    EXPECT_NE(row.find(",a1001,a1001,"), std::string::npos) << row;
    EXPECT_NE(row.find(",answered,"), std::string::npos) << row;
}

}  // namespace
}  // namespace markaz::integration
