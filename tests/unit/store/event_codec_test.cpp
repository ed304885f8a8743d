#include "store/event_codec.h"

#include <set>
#include <string>
#include <variant>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "unit/store/store_test_support.h"

namespace markaz::store {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using testing::same_event;

const WallTime kAt{Duration{1'728'000'123'456}};

/// One event of each type, every field set away from its default so that a field the codec
/// drops shows up as a difference.
std::vector<acd::EventBody> one_of_each() {
    const CallId c{"c-17"};
    const QueueId q{"sales"};
    const AgentId a{"a1001"};
    return {
        acd::AgentLoggedIn{a, "1001", {q, QueueId{"support"}}, "sup1"},
        acd::AgentLoggedOut{a, "1001", 8h + 3s, "sup2"},
        acd::AgentStateChanged{a, acd::AgentState::Available, acd::AgentState::Paused, "lunch", 95s,
                               "sup3"},
        acd::CallEnqueued{c, q, 5, 3, "+989121234567"},
        acd::CallBlocked{c, q, acd::BlockReason::NoAgents, "+97150000"},
        acd::CallOffered{c, q, a, "1001", 2, true, "sup4"},
        acd::OfferEnded{c, q, a, acd::OfferEnd::AnsweredElsewhere, 14'999ms},
        acd::CallAnswered{c, q, a, 21s, 4, true},
        acd::CallAbandoned{c, q, 3'500ms, 2, true},
        acd::CallTimedOut{c, q, 10min, 6, acd::TimeoutReason::QueueEmpty,
                          acd::ExitAction{acd::ExitKind::Queue, QueueId{"support"}, "busy"}},
        acd::CallRemoved{c, q, 42s, 7, true, "sup5"},
        acd::CallPriorityChanged{c, q, -1, 9, "sup6"},
        acd::CallHeld{c, a},
        acd::CallResumed{c, a, 61s},
        acd::CallCompleted{c, q, a, 185s, 12s, acd::Party::Agent, true},
        acd::CallTransferred{c, q, a, QueueId{"support"}, 95s, 4s, "a1001", AgentId{"a1004"}, true},
        acd::ConsultStarted{c, q, a, AgentId{"a1004"}, "1004", "a1001"},
        acd::ConsultJoined{c, AgentId{"a1004"}, "a1001"},
        acd::ConsultEnded{c, AgentId{"a1004"}, 42s, "phone"},
        acd::WrapUpCompleted{c, q, a, 30'001ms},
        acd::CallbackOffered{c, q, 2min},
        acd::CallbackRequested{c, q, "+98912000", 150s, 8, true},
        acd::DialCallback{c, q, "+98912000", a, 3},
        acd::CallbackAttemptFailed{c, q, 2, acd::DialOutcome::Busy, true},
        acd::CallbackFailed{c, q, 4},
    };
}

TEST(EventCodec, TheSamplesCoverEveryEventType) {
    // A new alternative in acd::EventBody fails here until it has a sample (and the codec,
    // which does not compile without a describe() for it).
    std::set<std::size_t> covered;
    for (const auto& body : one_of_each()) {
        covered.insert(body.index());
    }
    for (std::size_t i = 0; i < std::variant_size_v<acd::EventBody>; ++i) {
        EXPECT_TRUE(covered.contains(i)) << "no sample of EventBody alternative " << i;
    }
    EXPECT_EQ(covered.size(), std::variant_size_v<acd::EventBody>);
}

TEST(EventCodec, EveryEventTypeRoundTrips) {
    for (const auto& body : one_of_each()) {
        const acd::Event event{kAt, body};
        const std::string json = encode_event(event);
        auto decoded = decode_event(json);
        ASSERT_TRUE(decoded) << json << ": " << decoded.error().message;
        EXPECT_TRUE(same_event(*decoded, event)) << json << "\nbecame\n" << encode_event(*decoded);
        EXPECT_THAT(json, HasSubstr("\"type\":\"" + std::string(acd::event_name(body)) + "\""));
    }
}

TEST(EventCodec, DefaultEventsRoundTripToo) {
    for (std::size_t i = 0; i < std::variant_size_v<acd::EventBody>; ++i) {
        acd::Event event{WallTime{}, one_of_each()[i]};
        std::visit([](auto& body) { body = std::decay_t<decltype(body)>{}; }, event.body);
        auto decoded = decode_event(encode_event(event));
        ASSERT_TRUE(decoded) << decoded.error().message;
        EXPECT_TRUE(same_event(*decoded, event)) << encode_event(event);
    }
}

TEST(EventCodec, JsonShape) {
    EXPECT_EQ(encode_event({kAt, acd::CallAnswered{CallId{"c1"}, QueueId{"sales"}, AgentId{"a1"},
                                                   12s, 1, false}}),
              R"({"type":"CallAnswered","at_ms":1728000123456,"call":"c1","queue":"sales",)"
              R"("agent":"a1","wait_ms":12000,"position":1,"callback":false})");
    EXPECT_EQ(encode_event({kAt, acd::CallTimedOut{CallId{"c1"},
                                                   QueueId{"sales"},
                                                   600s,
                                                   2,
                                                   acd::TimeoutReason::MaxWait,
                                                   {acd::ExitKind::Hangup, {}, "closed"}}}),
              R"({"type":"CallTimedOut","at_ms":1728000123456,"call":"c1","queue":"sales",)"
              R"("wait_ms":600000,"position":2,"reason":"max-wait",)"
              R"("exit":{"kind":"hangup","queue":"","announcement":"closed"}})");
}

TEST(EventCodec, NonAsciiTextRoundTrips) {
    const acd::Event event{
        kAt, acd::CallEnqueued{CallId{"c1"}, QueueId{"فروش"}, 0, 1, "\"quoted\" \\ تماس"}};
    auto decoded = decode_event(encode_event(event));
    ASSERT_TRUE(decoded) << decoded.error().message;
    EXPECT_TRUE(same_event(*decoded, event));
}

std::string error_of(std::string_view json) {
    auto decoded = decode_event(json);
    if (decoded) {
        return "(no error)";
    }
    EXPECT_EQ(decoded.error().code, Errc::InvalidArgument);
    return decoded.error().message;
}

TEST(EventCodec, ATransferStoredBeforeAttendedTransfersExistedReadsAsBlind) {
    auto decoded = decode_event(
        R"({"type":"CallTransferred","at_ms":1,"call":"c1","queue":"sales","agent":"a1",)"
        R"("to_queue":"support","talk_ms":5,"hold_ms":0,"by":"a1","to_agent":""})");
    ASSERT_TRUE(decoded) << decoded.error().message;
    EXPECT_FALSE(std::get<acd::CallTransferred>(decoded->body).attended);
    EXPECT_EQ(
        error_of(R"({"type":"CallTransferred","at_ms":1,"call":"c1","queue":"sales","agent":"a1",)"
                 R"("to_queue":"support","talk_ms":5,"hold_ms":0,"by":"a1","to_agent":"",)"
                 R"("attended":"yes"})"),
        "CallTransferred.attended: expected a boolean, got string");
}

TEST(EventCodec, WrongInputNamesTheField) {
    EXPECT_THAT(error_of("{\"type\":"), HasSubstr("event: not valid JSON: "));
    EXPECT_EQ(error_of("[1,2]"), "event: expected a JSON object, got array");
    EXPECT_EQ(error_of(R"({"at_ms":1})"), "event.type: missing");
    EXPECT_EQ(error_of(R"({"type":7})"), "event.type: expected a string, got integer");
    EXPECT_EQ(error_of(R"({"type":"CallVanished","at_ms":1})"),
              "event.type: unknown event type 'CallVanished'");
    EXPECT_EQ(error_of(R"({"type":"CallHeld","call":"c1","agent":"a1"})"),
              "CallHeld.at_ms: missing");
    EXPECT_EQ(error_of(R"({"type":"CallHeld","at_ms":1,"call":"c1"})"), "CallHeld.agent: missing");
    EXPECT_EQ(error_of(R"({"type":"CallResumed","at_ms":1,"call":"c1","agent":"a1",)"
                       R"("hold_ms":"61s"})"),
              "CallResumed.hold_ms: expected an integer, got string");
    EXPECT_EQ(error_of(R"({"type":"CallAbandoned","at_ms":1,"call":"c1","queue":"q",)"
                       R"("wait_ms":1,"position":1,"short_abandon":1})"),
              "CallAbandoned.short_abandon: expected a boolean, got integer");
    EXPECT_EQ(error_of(R"({"type":"CallEnqueued","at_ms":1,"call":"c1","queue":"q",)"
                       R"("priority":4294967296,"position":1,"caller":""})"),
              "CallEnqueued.priority: out of range");
    EXPECT_EQ(error_of(R"({"type":"CallBlocked","at_ms":1,"call":"c1","queue":"q",)"
                       R"("reason":"full","caller":""})"),
              "CallBlocked.reason: unknown value 'full' (expected one of: queue-full, "
              "no-agents)");
    EXPECT_EQ(error_of(R"({"type":"AgentLoggedIn","at_ms":1,"agent":"a1","extension":"1",)"
                       R"("queues":["q",3],"by":""})"),
              "AgentLoggedIn.queues[1]: expected a string, got integer");
    EXPECT_EQ(error_of(R"({"type":"CallTimedOut","at_ms":1,"call":"c1","queue":"q",)"
                       R"("wait_ms":1,"position":1,"reason":"max-wait",)"
                       R"("exit":{"kind":"queue","announcement":""}})"),
              "CallTimedOut.exit.queue: missing");
    EXPECT_EQ(error_of(R"({"type":"CallTimedOut","at_ms":1,"call":"c1","queue":"q",)"
                       R"("wait_ms":1,"position":1,"reason":"max-wait","exit":"hangup"})"),
              "CallTimedOut.exit: expected an object, got string");
}

TEST(EventCodec, UnknownKeysAreIgnored) {
    auto decoded = decode_event(R"({"type":"CallHeld","at_ms":5,"call":"c1","agent":"a1",)"
                                R"("note":"added by a later version"})");
    ASSERT_TRUE(decoded) << decoded.error().message;
    EXPECT_TRUE(same_event(*decoded, {WallTime{5ms}, acd::CallHeld{CallId{"c1"}, AgentId{"a1"}}}));
}

TEST(EventCodec, RefsNameTheEventsIds) {
    auto refs = event_refs(acd::CallAnswered{CallId{"c1"}, QueueId{"q"}, AgentId{"a1"}});
    EXPECT_EQ(refs.call, CallId{"c1"});
    EXPECT_EQ(refs.agent, AgentId{"a1"});
    EXPECT_EQ(refs.queue, QueueId{"q"});
    refs = event_refs(acd::AgentStateChanged{AgentId{"a2"}});
    EXPECT_EQ(refs.call, std::nullopt);
    EXPECT_EQ(refs.agent, AgentId{"a2"});
    EXPECT_EQ(refs.queue, std::nullopt);
    refs = event_refs(acd::CallbackFailed{CallId{"c3"}, QueueId{"q"}, 3});
    EXPECT_EQ(refs.call, CallId{"c3"});
    EXPECT_EQ(refs.agent, std::nullopt);
}

}  // namespace
}  // namespace markaz::store
