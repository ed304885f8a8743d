#pragma once

// The centre the switchboard's unit tests run: queue sales, desk agents, an IVR, and the
// callback queue's variants; and the steps several tests begin with.

#include <string>

#include <gtest/gtest.h>

#include "unit/app/call_flow_fakes.h"

namespace markaz::app::testing {

/// Queue sales (`queue_extra` inside its map), desk agents a1001..a100N, 100 the IVR (1:
/// sales), 200 straight into sales.
inline std::string sales_centre(const std::string& queue_extra = "", int agents = 1,
                                const std::string& agent_extra = "") {
    std::string yaml = "sip:\n  extensions:\n";
    for (int n = 1; n <= 5; ++n) {
        yaml += "    - {number: \"100" + std::to_string(n) + "\", password: secret-phone}\n";
    }
    yaml += "queues:\n  - {name: sales" + queue_extra + "}\nagents:\n";
    for (int n = 1; n <= agents; ++n) {
        yaml += "  - {id: a100" + std::to_string(n) + ", queues: [sales], extension: \"100" +
                std::to_string(n) + "\"" + agent_extra + "}\n";
    }
    yaml +=
        "dialplan:\n"
        "  \"100\": {ivr: main}\n"
        "  \"200\": {queue: sales}\n"
        "ivr:\n"
        "  main:\n"
        "    language: en\n"
        "    start: welcome\n"
        "    nodes:\n"
        "      welcome:\n"
        "        menu:\n"
        "          prompt: {en: \"For sales press 1.\"}\n"
        "          choices: {\"1\": sales}\n"
        "          timeout: 5s\n"
        "          failure: bye\n"
        "      sales: {queue: sales}\n"
        "      bye: {hangup: true}\n";
    return yaml;
}

/// Every agent's phone registers (desk agents become ready).
inline void ready(CallFlowHarness& h, int agents = 1) {
    for (int n = 1; n <= agents; ++n) {
        h.registered("100" + std::to_string(n));
    }
}

/// A caller from 1005 dials 200 and the one agent's phone answers: the call and the leg.
inline std::pair<sip::CallRef, std::uint64_t> connect(CallFlowHarness& h) {
    sip::CallRef call = h.arrive("1005", "200");
    auto rings = h.phones.take<FakePhones::Ring>();
    EXPECT_EQ(rings.size(), 1u);
    std::uint64_t leg = rings.empty() ? 0 : rings[0].leg;
    h.answer(call, leg);
    return {call, leg};
}

inline const std::string kCallbackQueue =
    ", ring_timeout: 10s, callback: {enabled: true, mode: MODE, max_attempts: 2, "
    "retry_interval: 1m}";

inline std::string callback_centre(const std::string& mode) {
    std::string queue = kCallbackQueue;
    queue.replace(queue.find("MODE"), 4, mode);
    return sales_centre(queue);
}

/// A caller waiting in sales presses 9, confirms its own number with 1, and the request is
/// booked on disk before it hears so and is hung up. Returns the call's id.
inline std::string book(CallFlowHarness& h, const std::string& number) {
    sip::CallRef call = h.arrive(number, "200");
    h.advance(std::chrono::seconds{3});
    h.digit(call, '9');
    h.digit(call, '1');
    EXPECT_EQ(h.store.bookings.size(), 1u);
    EXPECT_TRUE(h.phones.take<FakePhones::HangUp>().empty()) << "not before it is on disk";
    h.finish_bookings();
    auto hang_ups = h.phones.take<FakePhones::HangUp>();
    EXPECT_EQ(hang_ups.size(), 1u);
    h.end(call, sip::CallEvent::Side::Server);
    EXPECT_EQ(h.store.record(h.call_id(call)).disposition, store::Disposition::Callback);
    return h.call_id(call);
}

}  // namespace markaz::app::testing
