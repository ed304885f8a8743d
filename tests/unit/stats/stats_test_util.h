#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "acd/events.h"
#include "common/ids.h"
#include "common/time.h"
#include "stats/live_stats.h"

// Small builders for hand-written event streams: stats tests read like the event log they fold.
namespace markaz::stats::testing {

using namespace std::chrono_literals;
using ::testing::DoubleEq;
using ::testing::HasSubstr;
using ::testing::Optional;

/// The UTC instant y-m-d h:mi:s.
inline WallTime utc(int y, unsigned m, unsigned d, int h = 0, int mi = 0, int s = 0) {
    WallTime t =
        std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
    return t + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
}

/// The day the tests run on: 2024-03-20 h:m:s UTC.
inline WallTime t(int h, int m, int s = 0) {
    return utc(2024, 3, 20, h, m, s);
}
inline const WallTime kT0 = t(8, 0);
inline const QueueId kSales{"sales"};
inline const QueueId kSupport{"support"};
inline const AgentId kA1{"a1"};

inline acd::Event at(WallTime t, acd::EventBody body) {
    return acd::Event{t, std::move(body)};
}

inline acd::EventBody logged_in(const std::string& agent, std::vector<std::string> queues) {
    acd::AgentLoggedIn e{.agent = AgentId{agent}, .extension = "ext-" + agent};
    for (auto& q : queues) {
        e.queues.emplace_back(std::move(q));
    }
    return e;
}
inline acd::EventBody logged_out(const std::string& agent) {
    return acd::AgentLoggedOut{.agent = AgentId{agent}};
}
inline acd::EventBody state(const std::string& agent, acd::AgentState from, acd::AgentState to,
                            std::string reason = "") {
    return acd::AgentStateChanged{
        .agent = AgentId{agent}, .from = from, .to = to, .reason = std::move(reason)};
}
inline acd::EventBody enqueued(const std::string& queue, const std::string& call) {
    return acd::CallEnqueued{.call = CallId{call}, .queue = QueueId{queue}};
}
inline acd::EventBody blocked(const std::string& queue, const std::string& call) {
    return acd::CallBlocked{.call = CallId{call}, .queue = QueueId{queue}};
}
inline acd::EventBody offered(const std::string& queue, const std::string& call,
                              const std::string& agent) {
    return acd::CallOffered{.call = CallId{call}, .queue = QueueId{queue}, .agent = AgentId{agent}};
}
inline acd::EventBody answered(const std::string& queue, const std::string& call,
                               const std::string& agent, Duration wait, bool callback = false) {
    return acd::CallAnswered{.call = CallId{call},
                             .queue = QueueId{queue},
                             .agent = AgentId{agent},
                             .wait = wait,
                             .callback = callback};
}
inline acd::EventBody abandoned(const std::string& queue, const std::string& call, Duration wait,
                                bool short_abandon = false) {
    return acd::CallAbandoned{.call = CallId{call},
                              .queue = QueueId{queue},
                              .wait = wait,
                              .short_abandon = short_abandon};
}
inline acd::EventBody timed_out(const std::string& queue, const std::string& call, Duration wait) {
    return acd::CallTimedOut{.call = CallId{call}, .queue = QueueId{queue}, .wait = wait};
}
inline acd::EventBody removed(const std::string& queue, const std::string& call) {
    return acd::CallRemoved{.call = CallId{call}, .queue = QueueId{queue}};
}
inline acd::EventBody completed(const std::string& queue, const std::string& call,
                                const std::string& agent, Duration talk, Duration hold = {}) {
    return acd::CallCompleted{.call = CallId{call},
                              .queue = QueueId{queue},
                              .agent = AgentId{agent},
                              .talk = talk,
                              .hold = hold};
}
inline acd::EventBody wrapped(const std::string& queue, const std::string& call,
                              const std::string& agent, Duration wrap) {
    return acd::WrapUpCompleted{
        .call = CallId{call}, .queue = QueueId{queue}, .agent = AgentId{agent}, .wrap = wrap};
}
inline acd::EventBody callback_requested(const std::string& queue, const std::string& call) {
    return acd::CallbackRequested{.call = CallId{call}, .queue = QueueId{queue}, .number = "+98"};
}
inline acd::EventBody callback_failed(const std::string& queue, const std::string& call) {
    return acd::CallbackFailed{.call = CallId{call}, .queue = QueueId{queue}, .attempts = 3};
}

/// The queue `id` of a snapshot (a failure and an empty row when it is not listed).
inline const QueueLive& queue_of(const LiveSnapshot& snap, const std::string& id) {
    for (const QueueLive& q : snap.queues) {
        if (q.id.str() == id) {
            return q;
        }
    }
    ADD_FAILURE() << "queue '" << id << "' not in the snapshot";
    static const QueueLive kNone;
    return kNone;
}

/// The agent `id` of a snapshot (a failure and an empty row when it is not listed).
inline const AgentLive& agent_of(const LiveSnapshot& snap, const std::string& id) {
    for (const AgentLive& a : snap.agents) {
        if (a.id.str() == id) {
            return a;
        }
    }
    ADD_FAILURE() << "agent '" << id << "' not in the snapshot";
    static const AgentLive kNone;
    return kNone;
}

/// A LiveStats for `config`, which must be valid.
inline LiveStats live_stats(StatsConfig config) {
    auto created = LiveStats::create(std::move(config));
    EXPECT_TRUE(created.has_value()) << (created ? "" : created.error().message);
    return std::move(created).value();
}

/// Tehran (+03:30), 30-minute intervals, sales (SL 20 s) and support configured.
inline StatsConfig tehran_config() {
    StatsConfig config;
    config.queues = {QueuePolicy{.id = QueueId{"sales"}, .sl_threshold = 20s},
                     QueuePolicy{.id = QueueId{"support"}}};
    config.utc_offset = std::chrono::minutes{3 * 60 + 30};
    config.interval = 30min;
    return config;
}

}  // namespace markaz::stats::testing
