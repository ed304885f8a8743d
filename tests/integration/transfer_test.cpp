// A blind transfer on real phones: the agent of sales passes the caller to the support queue
// from the desk (the API), the first agent's phone is hung up, the caller ends up talking to
// the support agent, and the call's one recording holds both conversations. Tones: caller
// 440 Hz, the sales agent 1000 Hz, the support agent 1800 Hz.

#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/baresip_phone.h"
#include "support/extension_phone.h"
#include "support/http_client.h"
#include "support/markaz_server.h"
#include "support/nua_phone.h"
#include "support/ports.h"
#include "support/wav_analysis.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;
namespace ev = baresip_event;

constexpr int kCallerTone = 440;
constexpr int kSalesTone = 1000;
constexpr int kSupportTone = 1800;

/// Queues sales (a1001 at 1001) and support (a1002 at 1002); 200 dials sales; the desk user
/// of a1001.
MarkazServer::Options two_departments(std::uint16_t web_port) {
    std::ostringstream yaml;
    yaml << "queues:\n"
         << "  - {name: sales}\n"
         << "  - {name: support}\n"
         << "agents:\n"
         << "  - {id: a1001, queues: [sales], extension: \"1001\"}\n"
         << "  - {id: a1002, queues: [support], extension: \"1002\"}\n"
         << "dialplan:\n"
         << "  \"200\": {queue: sales}\n"
         << "web:\n"
         << "  listen: 127.0.0.1:" << web_port << "\n"
         << "  root: \"\"\n"
         << "  openapi: \"\"\n"
         << "  users:\n"
         << "    - {name: a1001, role: agent, password: demo-a1001, agent: a1001}\n"
         << "    - {name: analyst, role: qa, password: demo-analyst}\n";
    MarkazServer::Options o;
    o.extra_yaml = yaml.str();
    o.last_extension = 1003;
    return o;
}

/// The two departments running, their agents' phones and a caller's registered, and the sales
/// agent's desk logged in.
struct TwoDepartments {
    TwoDepartments() {
        for (BaresipPhone* phone : {&sales, &support, &caller}) {
            phone->wait_until_registered();
        }
        EXPECT_TRUE(server.wait_for_log("agent a1002: not-ready -> available"))
            << server.log_tail();
    }
    const std::uint16_t web_port = free_tcp_port();
    MarkazServer server{two_departments(web_port)};
    BaresipPhone sales{extension_phone(server, "1001", kSalesTone, AnswerMode::Auto)};
    BaresipPhone support{extension_phone(server, "1002", kSupportTone, AnswerMode::Auto)};
    BaresipPhone caller{extension_phone(server, "1003", kCallerTone, AnswerMode::Manual)};
    Browser desk{web_port, "a1001"};
};

/// The caller dials sales (200) and the sales agent's phone answers: the live call's id as
/// the agent's desk sees it ("" if it never shows).
std::string caller_reaches_sales(const MarkazServer& server, BaresipPhone& caller,
                                 BaresipPhone& sales, const Browser& desk) {
    caller.dial(server.uri("200"));
    sales.wait_for(ev::kCallEstablished, 10s);
    return live_call(desk, "on-call");
}

/// The caller talks for three seconds more and hangs up; `party`, the phone they ended up
/// with, sees the call close.
void caller_hangs_up_after_talking(BaresipPhone& caller, BaresipPhone& party) {
    std::this_thread::sleep_for(3s);
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    party.wait_for(ev::kCallClosed);
}

/// Two seconds into the call, the sales agent's phone transfers it to `number` with its
/// transfer key (a blind REFER), and is let go.
void press_transfer_key(BaresipPhone& sales, const MarkazServer& server,
                        const std::string& number) {
    std::this_thread::sleep_for(2s);
    auto asked = sales.command("transfer", server.uri(number));
    ASSERT_TRUE(asked.ok) << asked.data;
    sales.wait_for(ev::kCallClosed, 5s);
}

/// The call ended answered, and the queue log has `line`.
void expect_queue_log(const MarkazServer& server, const std::string& line) {
    ASSERT_TRUE(server.wait_for_log("ended: answered")) << server.log_tail();
    const std::string log = server.export_text("queue-log");
    EXPECT_NE(log.find(line), std::string::npos) << log;
}

TEST(Transfer, TheCallerEndsUpTalkingToTheNextQueuesAgentOnOneRecording) {
    TwoDepartments d;
    auto& [web_port, server, sales, support, caller, desk] = d;

    const std::string id = caller_reaches_sales(server, caller, sales, desk);
    ASSERT_FALSE(id.empty()) << desk.get("/api/v1/calls").body;
    std::this_thread::sleep_for(3s);

    Reply r = desk.post("/api/v1/calls/" + id + "/transfer", Json{{"queue", "support"}});
    ASSERT_EQ(r.status, 200U) << r.body;
    sales.wait_for(ev::kCallClosed, 5s);  // the first agent is let go
    support.wait_for(ev::kCallEstablished, 10s);
    ASSERT_TRUE(server.wait_for_log("answered by a1002")) << server.log_tail();
    caller_hangs_up_after_talking(caller, support);

    const auto heard = caller.last_recording().heard;
    EXPECT_GT(tone_share(heard, 0, kSalesTone), 0.1) << "the first agent, before";
    EXPECT_GT(tone_share(heard, 0, kSupportTone), 0.1) << "the next agent, after";
    EXPECT_LT(tone_share(sales.last_recording().heard, 0, kSupportTone), 0.01)
        << "the first agent never hears the second";

    ASSERT_TRUE(server.wait_for_log("ended: answered")) << server.log_tail();
    std::this_thread::sleep_for(300ms);  // the recording closes on the worker's next tick
    auto files = server.recordings();
    ASSERT_EQ(files.size(), 1u) << "one recording of the whole call";
    EXPECT_GT(tone_share(files[0], 0, kCallerTone), 0.5) << "the caller on the left";
    EXPECT_GT(tone_share(files[0], 1, kSalesTone), 0.1) << "both agents on the right";
    EXPECT_GT(tone_share(files[0], 1, kSupportTone), 0.1);

    // QA finds the finished call, with both agents, and plays its recording from the start.
    Browser qa(web_port, "analyst");
    const Json found = qa.get("/api/v1/call-records?caller=1003").json();
    ASSERT_EQ(found["total"], 1) << found.dump();
    EXPECT_EQ(found["records"][0]["id"], id);
    EXPECT_EQ(found["records"][0]["agents"], Json::array({"a1001", "a1002"}));
    r = qa.send("GET", "/api/v1/call-records/" + id + "/recording", "", {{"Range", "bytes=0-3"}});
    EXPECT_EQ(r.status, 206U) << r.body;
    EXPECT_EQ(r.body, "RIFF");

    // The queue figures: sales handled and transferred it, support offered and answered it.
    Json queues = desk.get("/api/v1/stats/live").json()["queues"];
    for (const Json& q : queues) {
        if (q["queue"] == "sales") {
            EXPECT_EQ(q["today"]["counters"]["transferred"], 1) << q.dump();
        }
    }
}

// The transfer key of a desk phone: the sales agent's phone sends REFER to the support agent's
// extension, Markaz makes it a blind transfer to that colleague, and the caller ends up talking
// to them. (Refusals are in SwitchboardRefer.* and, on a NuaPhone, ARefusedTransferKey...:
// baresip 1.0 ends its call after a refused REFER either way.)
TEST(Transfer, TheAgentsPhoneTransfersTheCallerByRefer) {
    TwoDepartments d;
    auto& [web_port, server, sales, support, caller, desk] = d;
    caller_reaches_sales(server, caller, sales, desk);
    press_transfer_key(sales, server, "1002");
    support.wait_for(ev::kCallEstablished, 10s);
    ASSERT_TRUE(server.wait_for_log("transferred by the phone of a1001 to '1002'"))
        << server.log_tail();
    caller_hangs_up_after_talking(caller, support);
    const auto heard = caller.last_recording().heard;
    EXPECT_GT(tone_share(heard, 0, kSalesTone), 0.1) << "the agent, before";
    EXPECT_GT(tone_share(heard, 0, kSupportTone), 0.1) << "the colleague, after the transfer";
    expect_queue_log(server, "|sales|Agent/a1001|BLINDTRANSFER|sales|queue|");
}

constexpr int kOutsideTone = 1300;

/// Posts `path` for the call `id` and expects 200.
void step(Browser& desk, const std::string& id, const std::string& path, const Json& body = {}) {
    const Reply r = desk.post("/api/v1/calls/" + id + path, body.is_null() ? Json::object() : body);
    ASSERT_EQ(r.status, 200U) << path << ": " << r.body;
}

// The agent's phone hanging up once the colleague consulted has answered completes the
// transfer, as with Asterisk's attended transfer: the caller talks with the colleague.
TEST(Transfer, TheAgentHangingUpAfterTheColleagueAnsweredLeavesTheCallerWithThem) {
    TwoDepartments d;
    auto& [web_port, server, sales, support, caller, desk] = d;
    const std::string id = caller_reaches_sales(server, caller, sales, desk);
    ASSERT_FALSE(id.empty()) << desk.get("/api/v1/calls").body;
    step(desk, id, "/consult", Json{{"agent", "a1002"}});
    support.wait_for(ev::kCallEstablished, 10s);
    ASSERT_TRUE(server.wait_for_log("a1002 answered the consult")) << server.log_tail();
    sales.hangup();
    sales.wait_for(ev::kCallClosed);
    ASSERT_TRUE(server.wait_for_log("the agent hung up: the caller stays with a1002"))
        << server.log_tail();
    caller_hangs_up_after_talking(caller, support);
    EXPECT_GT(tone_share(caller.last_recording().heard, 0, kSupportTone), 0.2)
        << "the caller talks with the colleague";
    EXPECT_GT(tone_share(support.last_recording().heard, 0, kCallerTone), 0.2);
    ASSERT_TRUE(server.wait_for_log("ended: answered")) << server.log_tail();
}

/// The two departments with a trunk out (prefix 9) to an outside phone at 09121234567, the
/// agents' class allowed the country's mobiles only; the sales agent's and a caller's phones.
struct WithAnOutsidePhone {
    static PhoneOptions outside_phone() {
        PhoneOptions options;
        options.user = "09121234567";
        options.audio = SineTone{kOutsideTone};
        return options;
    }
    static MarkazServer::Options centre(std::uint16_t web_port, std::uint16_t outside_port) {
        MarkazServer::Options options = two_departments(web_port);
        options.extra_sip =
            "  trunks:\n    - {name: out, dial_prefix: \"9\", target: \"127.0.0.1:" +
            std::to_string(outside_port) + "\"}\n";
        options.extra_yaml +=
            "dial_rules:\n  default_class: agents\n  classes:\n"
            "    agents: {outbound: [\"09XXXXXXXXX\"]}\n";
        return options;
    }
    WithAnOutsidePhone() {
        sales.wait_until_registered();
        caller.wait_until_registered();
        EXPECT_TRUE(server.wait_for_log("agent a1001: not-ready -> available"))
            << server.log_tail();
    }
    const std::uint16_t web_port = free_tcp_port();
    BaresipPhone outside{outside_phone()};
    MarkazServer server{centre(web_port, outside.sip_port())};
    BaresipPhone sales{extension_phone(server, "1001", kSalesTone, AnswerMode::Auto)};
    BaresipPhone caller{extension_phone(server, "1003", kCallerTone, AnswerMode::Manual)};
    Browser desk{web_port, "a1001"};
};

// The transfer key to an outside number: through the trunk, only where the agent's own phone
// may call (its class allows the country's mobiles), and the caller ends up talking with the
// outside phone. (An international number beyond the class is refused: SwitchboardDialRules.)
TEST(Transfer, TheAgentsPhoneSendsTheCallerToAnOutsideNumberItsClassAllows) {
    WithAnOutsidePhone d;
    auto& [web_port, outside, server, sales, caller, desk] = d;
    caller_reaches_sales(server, caller, sales, desk);
    press_transfer_key(sales, server, "909121234567");
    outside.wait_for(ev::kCallIncoming, 10s);
    outside.answer();
    outside.wait_for(ev::kCallEstablished, 5s);
    caller_hangs_up_after_talking(caller, outside);
    EXPECT_GT(tone_share(caller.last_recording().heard, 0, kOutsideTone), 0.1)
        << "the caller talks with the outside phone";
    EXPECT_GT(tone_share(outside.last_recording().heard, 0, kCallerTone), 0.2)
        << "and it hears the caller";
    expect_queue_log(server, "|sales|Agent/a1001|BLINDTRANSFER|909121234567|outbound|");
}

// From the desk: the agent consults an outside number while the caller holds (the caller never
// hears it), makes it a conference, and leaves the caller with it.
TEST(Transfer, TheAgentConsultsAnOutsideNumberAndLeavesTheCallerWithIt) {
    WithAnOutsidePhone d;
    auto& [web_port, outside, server, sales, caller, desk] = d;
    const std::string id = caller_reaches_sales(server, caller, sales, desk);
    ASSERT_FALSE(id.empty()) << desk.get("/api/v1/calls").body;
    Reply r = desk.post("/api/v1/calls/" + id + "/consult", Json{{"number", "900882123456789"}});
    EXPECT_EQ(r.status, 400U) << "beyond the agent's class: " << r.body;
    r = desk.post("/api/v1/calls/" + id + "/consult", Json{{"number", "909121234567"}});
    ASSERT_EQ(r.status, 200U) << r.body;
    outside.wait_for(ev::kCallIncoming, 10s);
    outside.answer();
    outside.wait_for(ev::kCallEstablished, 5s);
    ASSERT_TRUE(server.wait_for_log("answered the consult")) << server.log_tail();
    std::this_thread::sleep_for(3s);
    r = desk.post("/api/v1/calls/" + id + "/consult/conference", Json::object());
    ASSERT_EQ(r.status, 200U) << r.body;
    std::this_thread::sleep_for(2s);
    r = desk.post("/api/v1/calls/" + id + "/consult/complete", Json::object());
    ASSERT_EQ(r.status, 200U) << r.body;
    sales.wait_for(ev::kCallClosed, 5s);
    std::this_thread::sleep_for(2s);
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    outside.wait_for(ev::kCallClosed);
    EXPECT_GT(tone_share(outside.last_recording().heard, 0, kSalesTone), 0.1)
        << "the outside phone hears the agent";
    EXPECT_GT(tone_share(outside.last_recording().heard, 0, kCallerTone), 0.1)
        << "and the caller, in the conference and after";
    EXPECT_GT(tone_share(caller.last_recording().heard, 0, kOutsideTone), 0.1);
    expect_queue_log(server, "|sales|Agent/a1001|ATTENDEDTRANSFER|BRIDGE|909121234567|");
}

// Attended transfer on real phones. First call: the sales agent consults the support agent and
// cancels, so the caller must never hear the colleague and the colleague never the caller.
// Second call: consult, a three-way conference, then complete: the caller ends up with the
// colleague, the queue log says ATTENDEDTRANSFER and the call record `attended`.
TEST(Transfer, AConsultIsPrivateAConferenceIsThreeWayAndCompletingLeavesTheCallerWithTheColleague) {
    TwoDepartments d;
    auto& [web_port, server, sales, support, caller, desk] = d;

    std::string id = caller_reaches_sales(server, caller, sales, desk);
    ASSERT_FALSE(id.empty()) << desk.get("/api/v1/calls").body;
    std::this_thread::sleep_for(2s);
    step(desk, id, "/consult", Json{{"agent", "a1002"}});
    support.wait_for(ev::kCallEstablished, 10s);
    ASSERT_TRUE(server.wait_for_log("a1002 answered the consult")) << server.log_tail();
    const Json consulting = desk.get("/api/v1/calls/" + id).json()["call"];
    EXPECT_EQ(consulting["consult"]["state"], "talking") << consulting.dump();
    EXPECT_EQ(consulting["state"], "on-hold") << consulting.dump();
    std::this_thread::sleep_for(3s);
    step(desk, id, "/consult/cancel");
    support.wait_for(ev::kCallClosed, 5s);
    std::this_thread::sleep_for(2s);
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    sales.wait_for(ev::kCallClosed);
    EXPECT_LT(tone_share(caller.last_recording().heard, 0, kSupportTone), 0.01)
        << "the caller never hears the colleague consulted";
    EXPECT_LT(tone_share(support.last_recording().heard, 0, kCallerTone), 0.01)
        << "the colleague never hears the caller";
    EXPECT_GT(tone_share(support.last_recording().heard, 0, kSalesTone), 0.2)
        << "the colleague hears the agent";
    EXPECT_GT(tone_share(sales.last_recording().heard, 0, kSupportTone), 0.1)
        << "the agent hears the colleague";
    EXPECT_GT(tone_share(sales.last_recording().heard, 0, kCallerTone), 0.1)
        << "and the caller before and after";
    ASSERT_TRUE(server.wait_for_log("ended: answered")) << server.log_tail();
    ASSERT_TRUE(server.wait_for_log("agent a1002: on-call -> available")) << server.log_tail();

    // The second call: consult, conference, complete.
    id = caller_reaches_sales(server, caller, sales, desk);
    ASSERT_FALSE(id.empty()) << desk.get("/api/v1/calls").body;
    step(desk, id, "/consult", Json{{"agent", "a1002"}});
    support.wait_for(ev::kCallEstablished, 10s);
    ASSERT_TRUE(server.wait_for_log("a1002 answered the consult", 10s, 2)) << server.log_tail();
    step(desk, id, "/consult/conference");
    std::this_thread::sleep_for(3s);
    step(desk, id, "/consult/complete");
    sales.wait_for(ev::kCallClosed, 5s);  // the agent leaves the caller with the colleague
    std::this_thread::sleep_for(2s);
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    support.wait_for(ev::kCallClosed);
    EXPECT_GT(tone_share(caller.last_recording().heard, 0, kSupportTone), 0.2)
        << "the caller hears the colleague in the conference and after";
    EXPECT_GT(tone_share(support.last_recording().heard, 0, kCallerTone), 0.2)
        << "the colleague hears the caller";
    EXPECT_GT(tone_share(sales.last_recording().heard, 0, kSupportTone), 0.1)
        << "the agent hears the colleague in the conference";

    ASSERT_TRUE(server.wait_for_log("ended: answered", 10s, 2)) << server.log_tail();
    Browser manager(web_port, "analyst");
    const Json record = manager.get("/api/v1/call-records/" + id).json()["record"];
    ASSERT_EQ(record["transfers"].size(), 1u) << record.dump();
    EXPECT_EQ(record["transfers"][0]["attended"], true);
    EXPECT_EQ(record["transfers"][0]["to_agent"], "a1002");
    EXPECT_EQ(record["agent"], "a1002");
    const std::string log = server.export_text("queue-log");
    EXPECT_NE(log.find("|sales|Agent/a1001|ATTENDEDTRANSFER|BRIDGE|Agent/a1002|"),
              std::string::npos)
        << log;
}

// The transfer key of a desk phone after a consult made on the phone itself (RFC 5589 §7):
// the sales agent's phone holds the caller, calls the support agent, then sends REFER in the
// caller's call with Replaces naming its own call to the colleague. Markaz joins the caller
// with the colleague's phone (which stays in its call, nothing re-dialled) and hangs up both
// of the agent's calls. baresip 1.0 cannot send Replaces: the sales phone is a NuaPhone.
TEST(Transfer, TheAgentsPhoneConsultsAColleagueItselfAndTransfersWithReplaces) {
    const std::uint16_t web_port = free_tcp_port();
    MarkazServer server{two_departments(web_port)};
    NuaPhone sales{"1001", "secret1001", server.registrar()};
    BaresipPhone support{extension_phone(server, "1002", kSupportTone, AnswerMode::Auto)};
    BaresipPhone caller{extension_phone(server, "1003", kCallerTone, AnswerMode::Manual)};
    sales.wait_until_registered();
    support.wait_until_registered();
    caller.wait_until_registered();
    ASSERT_TRUE(server.wait_for_log("agent a1002: not-ready -> available")) << server.log_tail();
    ASSERT_TRUE(server.wait_for_log("agent a1001: not-ready -> available")) << server.log_tail();

    caller.dial(server.uri("200"));
    const int customer = sales.wait_for_answered_call();
    ASSERT_TRUE(server.wait_for_log("answered by a1001")) << server.log_tail();
    sales.hold(customer);
    ASSERT_TRUE(server.wait_for_log("held by leg")) << server.log_tail();
    const int consult = sales.call("1002");
    sales.wait_until_established(consult);
    support.wait_for(ev::kCallEstablished, 10s);
    std::this_thread::sleep_for(2s);

    sales.transfer(customer, "1002", consult);
    EXPECT_EQ(sales.wait_for_transfer_outcome(customer), 200);
    sales.wait_until_ended(customer);
    sales.wait_until_ended(consult);
    ASSERT_TRUE(server.wait_for_log("the phone of a1001 transfers the caller to 1002"))
        << server.log_tail();
    caller_hangs_up_after_talking(caller, support);
    EXPECT_GT(tone_share(caller.last_recording().heard, 0, kSupportTone), 0.2)
        << "the caller talks with the colleague";
    EXPECT_GT(tone_share(support.last_recording().heard, 0, kCallerTone), 0.2)
        << "the colleague, in the call their phone answered, hears the caller";

    expect_queue_log(server, "|sales|Agent/a1001|ATTENDEDTRANSFER|BRIDGE|Agent/a1002|");
    Browser manager(web_port, "analyst");
    const Json found = manager.get("/api/v1/call-records?caller=1003").json();
    ASSERT_EQ(found["total"], 1) << found.dump();
    EXPECT_EQ(found["records"][0]["agents"], Json::array({"a1001", "a1002"}));
}

// A refused transfer leaves the call as it was, on real phones (baresip 1.0 hangs up after any
// REFER's outcome, so the agent's phone is a NuaPhone): the agent's transfer key to a number
// its class may not call gets NOTIFY 403 and the caller still talks with the agent.
TEST(Transfer, ARefusedTransferKeyLeavesTheCallerWithTheAgent) {
    const std::uint16_t web_port = free_tcp_port();
    MarkazServer server{two_departments(web_port)};
    NuaPhone sales{"1001", "secret1001", server.registrar()};
    BaresipPhone caller{extension_phone(server, "1003", kCallerTone, AnswerMode::Manual)};
    sales.wait_until_registered();
    caller.wait_until_registered();
    ASSERT_TRUE(server.wait_for_log("agent a1001: not-ready -> available")) << server.log_tail();
    caller.dial(server.uri("200"));
    const int customer = sales.wait_for_answered_call();
    sales.transfer_with(customer, "00441234567", "");
    EXPECT_EQ(sales.wait_for_transfer_outcome(customer), 403);
    std::this_thread::sleep_for(1s);
    EXPECT_FALSE(sales.ended(customer)) << "the conversation goes on";
    caller.hangup();
    caller.wait_for(ev::kCallClosed);
    sales.wait_until_ended(customer);
    ASSERT_TRUE(server.wait_for_log("ended: answered")) << server.log_tail();
}

// The same from a phone whose consult call went through the trunk: the agent's phone calls an
// outside mobile, then transfers the caller to it. The trunk's leg moves into the caller's call
// (nothing re-dialled) and the caller leaves the queues.
TEST(Transfer, TheAgentsPhoneHandsTheCallerToTheOutsideNumberItCalled) {
    const std::uint16_t web_port = free_tcp_port();
    BaresipPhone outside{WithAnOutsidePhone::outside_phone()};
    MarkazServer server{WithAnOutsidePhone::centre(web_port, outside.sip_port())};
    NuaPhone sales{"1001", "secret1001", server.registrar()};
    BaresipPhone caller{extension_phone(server, "1003", kCallerTone, AnswerMode::Manual)};
    sales.wait_until_registered();
    caller.wait_until_registered();
    ASSERT_TRUE(server.wait_for_log("agent a1001: not-ready -> available")) << server.log_tail();
    caller.dial(server.uri("200"));
    const int customer = sales.wait_for_answered_call();
    sales.hold(customer);
    const int consult = sales.call("909121234567");
    outside.wait_for(ev::kCallIncoming, 10s);
    outside.answer();
    sales.wait_until_established(consult);
    sales.transfer(customer, "909121234567", consult);
    EXPECT_EQ(sales.wait_for_transfer_outcome(customer), 200);
    ASSERT_TRUE(server.wait_for_log("transfers the caller to 909121234567")) << server.log_tail();
    caller_hangs_up_after_talking(caller, outside);
    EXPECT_GT(tone_share(caller.last_recording().heard, 0, kOutsideTone), 0.2)
        << "the caller talks with the outside phone";
    EXPECT_GT(tone_share(outside.last_recording().heard, 0, kCallerTone), 0.2);
    expect_queue_log(server, "|sales|Agent/a1001|ATTENDEDTRANSFER|BRIDGE|909121234567|");
}

}  // namespace
}  // namespace markaz::integration
