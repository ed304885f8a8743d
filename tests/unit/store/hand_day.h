#pragma once

// A day of known events for historical reports' tests (the store's rollups, the API): the
// figures it must give are worked out by hand in report_rollups_test.cpp.

#include <string>
#include <vector>

#include "stats/stats_config.h"
#include "unit/stats/stats_test_util.h"

namespace markaz::store::testing {

using namespace stats::testing;
using acd::AgentState;

/// Sunday 6 December 2026 = 15 Azar 1405; Tehran is UTC+03:30. One agent, a1 of sales, works
/// 08:30-10:30 local; around it, calls on other days of the same week and month, and one on
/// 1 Dey (the next month). `a1` and `a9` name the two agents.
inline std::vector<acd::Event> hand_day(const std::string& a1 = "a1",
                                        const std::string& a9 = "a9") {
    auto d = [](int day, int h, int m, int s = 0) { return utc(2026, 12, day, h, m, s); };
    return {
        at(utc(2026, 11, 23, 6, 0), enqueued("sales", "c6")),  // Azar, an earlier week
        at(utc(2026, 11, 23, 6, 0, 3), abandoned("sales", "c6", 3s, /*short_abandon=*/true)),
        at(d(5, 9, 0), enqueued("sales", "c5")),  // Saturday: the same Jalali week
        at(d(5, 9, 0, 5), answered("sales", "c5", a9, 5s)),
        at(d(5, 9, 3), completed("sales", "c5", a9, 175s)),
        // The day.
        at(d(6, 5, 0), logged_in(a1, {"sales"})),
        at(d(6, 5, 0), state(a1, AgentState::LoggedOut, AgentState::Available)),
        at(d(6, 5, 10), enqueued("sales", "c1")),
        at(d(6, 5, 10, 10), answered("sales", "c1", a1, 10s)),
        at(d(6, 5, 10, 10), state(a1, AgentState::Available, AgentState::OnCall)),
        at(d(6, 5, 14, 10), completed("sales", "c1", a1, 240s)),
        at(d(6, 5, 14, 10), state(a1, AgentState::OnCall, AgentState::WrapUp)),
        at(d(6, 5, 14, 40), wrapped("sales", "c1", a1, 30s)),
        at(d(6, 5, 14, 40), state(a1, AgentState::WrapUp, AgentState::Available)),
        at(d(6, 5, 20), enqueued("sales", "c2")),
        at(d(6, 5, 20, 45), abandoned("sales", "c2", 45s)),
        at(d(6, 5, 40), enqueued("sales", "c3")),
        at(d(6, 5, 40, 30), answered("sales", "c3", a1, 30s)),
        at(d(6, 5, 40, 30), state(a1, AgentState::Available, AgentState::OnCall)),
        at(d(6, 5, 45), completed("sales", "c3", a1, 270s)),
        at(d(6, 5, 45), state(a1, AgentState::OnCall, AgentState::Available)),
        at(d(6, 6, 10), blocked("sales", "c4")),
        at(d(6, 6, 30), state(a1, AgentState::Available, AgentState::Paused, "lunch")),
        at(d(6, 6, 45), state(a1, AgentState::Paused, AgentState::Available)),
        at(d(6, 7, 0), state(a1, AgentState::Available, AgentState::LoggedOut)),
        at(d(6, 7, 0), logged_out(a1)),
        at(d(21, 21, 0), enqueued("sales", "c7")),  // 1 Dey 1405 in Tehran
        at(d(21, 21, 1), abandoned("sales", "c7", 60s)),
    };
}

inline stats::StatsConfig sales_config() {
    stats::StatsConfig config;
    config.queues = {stats::QueuePolicy{kSales}};
    return config;
}

}  // namespace markaz::store::testing
