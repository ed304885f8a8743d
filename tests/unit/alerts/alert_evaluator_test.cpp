// KPI alerts: hysteresis on hand-made figures, each measure, and a simulated day whose service
// level drops when the morning shift leaves and recovers when the noon shift comes: one alert
// raised in the gap and cleared after it, no flapping.

#include "alerts/alert_evaluator.h"

#include <iostream>

#include <gtest/gtest.h>

#include "alerts/alert_book.h"
#include "sim/simulator.h"

namespace markaz::alerts {
namespace {

using namespace std::chrono_literals;
using Kind = AlertChange::Kind;

const WallTime kT0{std::chrono::sys_days{std::chrono::year{2026} / 12 / 6} + 8h};
const QueueId kSales{"sales"};

/// The figures of one moment: sales with `answered` calls, `within` of them in time, and
/// `waiting` callers.
stats::LiveSnapshot sales(int answered, int within, int waiting = 0) {
    stats::QueueLive q;
    q.id = kSales;
    q.interval.counters.answered = answered;
    q.interval.counters.answered_within_threshold = within;
    if (answered > 0) {
        q.interval.kpis.service_level = static_cast<double>(within) / answered;
    }
    q.waiting = waiting;
    stats::LiveSnapshot s;
    s.queues = {q};
    s.totals = q;
    s.totals.id = QueueId{};
    return s;
}

AlertRule sl_rule() {
    AlertRule r;
    r.name = "sales-sl";
    r.measure = Measure::ServiceLevel;
    r.queue = kSales;
    r.threshold = 0.8;
    r.min_calls = 10;
    r.raise_after = 2min;
    r.clear_after = 5min;
    return r;
}

TEST(AlertEvaluator, RaisesAfterItsDelayAndClearsOnlyWhenBackLongEnough) {
    AlertEvaluator alerts({sl_rule()});
    EXPECT_TRUE(alerts.evaluate(sales(20, 19), kT0).empty());
    EXPECT_TRUE(alerts.evaluate(sales(20, 10), kT0 + 1min).empty()) << "bad for 0 s";
    EXPECT_TRUE(alerts.evaluate(sales(20, 10), kT0 + 2min).empty()) << "bad for 1 min";
    auto raised = alerts.evaluate(sales(20, 11), kT0 + 3min);
    ASSERT_EQ(raised.size(), 1U);
    EXPECT_EQ(raised[0].kind, Kind::Raised);
    EXPECT_EQ(raised[0].subject, "sales");
    EXPECT_DOUBLE_EQ(raised[0].value, 0.55);
    EXPECT_DOUBLE_EQ(raised[0].threshold, 0.8);
    EXPECT_EQ(raised[0].at, kT0 + 3min);
    ASSERT_EQ(alerts.active().size(), 1U);
    // Back above, then below again before clear_after: no clear, no second raise.
    EXPECT_TRUE(alerts.evaluate(sales(20, 17), kT0 + 4min).empty());
    EXPECT_TRUE(alerts.evaluate(sales(20, 15), kT0 + 7min).empty());
    EXPECT_TRUE(alerts.evaluate(sales(20, 17), kT0 + 8min).empty());
    EXPECT_TRUE(alerts.evaluate(sales(20, 17), kT0 + 12min).empty()) << "back for 4 min";
    EXPECT_DOUBLE_EQ(alerts.active()[0].value, 0.85) << "the latest figure";
    auto cleared = alerts.evaluate(sales(20, 18), kT0 + 13min);
    ASSERT_EQ(cleared.size(), 1U);
    EXPECT_EQ(cleared[0].kind, Kind::Cleared);
    EXPECT_TRUE(alerts.active().empty());
}

TEST(AlertEvaluator, RulesReplacedKeepTheSameOnesStateAndClearTheOthers) {
    AlertRule line;
    line.name = "sales-line";
    line.measure = Measure::Waiting;
    line.queue = kSales;
    line.threshold = 0;
    AlertEvaluator alerts({sl_rule(), line});
    ASSERT_EQ(alerts.evaluate(sales(20, 10, 3), kT0).size(), 1U) << "the line at once";
    ASSERT_EQ(alerts.evaluate(sales(20, 10, 3), kT0 + 2min).size(), 1U) << "then the SL";
    ASSERT_EQ(alerts.active().size(), 2U);
    // The line's rule is the same; the SL's threshold changed: its alert is cleared and it
    // starts afresh (bad again, it needs its 2 min again).
    AlertRule lower = sl_rule();
    lower.threshold = 0.6;
    const auto changes = alerts.replace_rules({lower, line}, kT0 + 3min);
    ASSERT_EQ(changes.size(), 1U);
    EXPECT_EQ(changes[0].kind, Kind::Cleared);
    EXPECT_EQ(changes[0].rule, "sales-sl");
    EXPECT_EQ(changes[0].at, kT0 + 3min);
    ASSERT_EQ(alerts.active().size(), 1U);
    EXPECT_EQ(alerts.active()[0].rule, "sales-line") << "kept, not raised again";
    EXPECT_TRUE(alerts.evaluate(sales(20, 10, 3), kT0 + 4min).empty());
    EXPECT_EQ(alerts.evaluate(sales(20, 10, 3), kT0 + 6min).size(), 1U);
    // A rule removed: its alert is cleared.
    const auto removed = alerts.replace_rules({lower}, kT0 + 7min);
    ASSERT_EQ(removed.size(), 1U);
    EXPECT_EQ(removed[0].rule, "sales-line");
    EXPECT_EQ(alerts.rules().size(), 1U);
}

TEST(AlertEvaluator, AQuietWindowIsNoDataNotAZeroServiceLevel) {
    AlertRule rule = sl_rule();
    rule.raise_after = 0s;
    AlertEvaluator alerts({rule});
    EXPECT_TRUE(alerts.evaluate(sales(3, 0), kT0).empty()) << "3 calls < min_calls";
    EXPECT_EQ(alerts.evaluate(sales(10, 0), kT0 + 1min).size(), 1U);
    EXPECT_TRUE(alerts.evaluate(sales(0, 0), kT0 + 2min).empty());
    EXPECT_EQ(alerts.evaluate(sales(0, 0), kT0 + 7min)[0].kind, Kind::Cleared)
        << "a new interval with no calls yet lets it clear";
}

TEST(AlertEvaluator, WaitingLongestWaitAvailableAndPausedAgents) {
    AlertRule waiting{.name = "waiting", .measure = Measure::Waiting, .threshold = 5};
    AlertRule oldest{.name = "oldest", .measure = Measure::LongestWait, .threshold = 90};
    AlertRule staffed{.name = "staffed", .measure = Measure::AgentsAvailable, .threshold = 2};
    AlertRule paused{.name = "long-break", .measure = Measure::AgentPaused, .threshold = 900};
    for (AlertRule* r : {&waiting, &oldest, &staffed, &paused}) {
        r->clear_after = 0s;
    }
    AlertEvaluator alerts({waiting, oldest, staffed, paused});
    stats::LiveSnapshot s = sales(0, 0, /*waiting=*/6);
    s.totals.longest_wait = 91s;
    s.totals.agents.available = 1;
    stats::AgentLive on_break;
    on_break.id = AgentId{"a1"};
    on_break.state = acd::AgentState::Paused;
    on_break.in_state = 16min;
    stats::AgentLive working;
    working.id = AgentId{"a2"};
    working.state = acd::AgentState::OnCall;
    working.in_state = 40min;
    s.agents = {on_break, working};
    auto raised = alerts.evaluate(s, kT0);
    ASSERT_EQ(raised.size(), 4U);
    EXPECT_EQ(raised[0].rule, "waiting");
    EXPECT_EQ(raised[0].subject, "") << "the centre";
    EXPECT_EQ(raised[1].rule, "oldest");
    EXPECT_DOUBLE_EQ(raised[1].value, 91.0);
    EXPECT_EQ(raised[2].rule, "staffed");
    EXPECT_EQ(raised[3].subject, "a1");
    // a1 logs out: gone from the figures, the alert clears.
    s.agents = {working};
    auto cleared = alerts.evaluate(s, kT0 + 1min);
    ASSERT_EQ(cleared.size(), 1U);
    EXPECT_EQ(cleared[0].rule, "long-break");
    EXPECT_EQ(cleared[0].kind, Kind::Cleared);
}

TEST(AlertEvaluator, BreaksTodayAddUpTheClosedPausesAndTheOneInProgress) {
    stats::StatsConfig config;
    config.queues = {stats::QueuePolicy{kSales}};
    auto live = stats::LiveStats::create(config);
    ASSERT_TRUE(live);
    const AgentId a1{"a1"};
    auto state = [&](WallTime at, acd::AgentState from, acd::AgentState to) {
        live->apply(acd::Event{
            at, acd::AgentStateChanged{.agent = a1, .from = from, .to = to, .reason = "lunch"}});
    };
    live->apply(acd::Event{kT0, acd::AgentLoggedIn{.agent = a1, .queues = {kSales}}});
    state(kT0, acd::AgentState::LoggedOut, acd::AgentState::Available);
    state(kT0 + 1h, acd::AgentState::Available, acd::AgentState::Paused);
    state(kT0 + 1h + 10min, acd::AgentState::Paused, acd::AgentState::Available);
    state(kT0 + 3h, acd::AgentState::Available, acd::AgentState::Paused);
    AlertEvaluator alerts({{.name = "budget",
                            .measure = Measure::BreaksToday,
                            .threshold = 15 * 60.0,
                            .clear_after = 0s}});
    EXPECT_TRUE(alerts.evaluate(live->snapshot(kT0 + 3h + 4min), kT0 + 3h + 4min).empty())
        << "14 minutes so far";
    const auto over = alerts.evaluate(live->snapshot(kT0 + 3h + 6min), kT0 + 3h + 6min);
    ASSERT_EQ(over.size(), 1U);
    EXPECT_EQ(over[0].subject, "a1");
    EXPECT_DOUBLE_EQ(over[0].value, 16 * 60.0);
}

TEST(AlertRules, WrongRulesAreNamed) {
    const std::vector<QueueId> queues{kSales};
    AlertRule r = sl_rule();
    EXPECT_TRUE(validate(r, queues));
    r.threshold = 80;
    EXPECT_EQ(validate(r, queues).error().message, "threshold: a share, 0..1 (0.8 for 80 %)");
    r = sl_rule();
    r.queue = QueueId{"vip"};
    EXPECT_EQ(validate(r, queues).error().message, "queue: no queue 'vip'");
    r = sl_rule();
    r.name = "";
    EXPECT_FALSE(validate(r, queues));
    r = sl_rule();
    r.clear_after = -1s;
    EXPECT_FALSE(validate(r, queues));
}

/// 07:00-15:00: calls at 120 an hour lasting 3 min on average (6 Erlangs). Ten agents until
/// 10:00, five from 10:00 to 12:00 (too few: the line grows), eleven from 12:00.
sim::Scenario understaffed_day() {
    sim::Scenario s;
    s.seed = 11;
    s.start = 7h;
    s.duration = 8h;
    sim::ScenarioQueue q;
    q.config.id = kSales;
    q.rate_per_hour = 120;
    q.handle_time = {sim::DurationDistribution::Kind::Exponential, 3min, {}};
    q.patience = sim::DurationDistribution{sim::DurationDistribution::Kind::Exponential, 3min, {}};
    s.queues = {q};
    auto group = [](const char* name, int count, Duration from, std::optional<Duration> to) {
        sim::ScenarioAgentGroup g;
        g.name = name;
        g.count = count;
        g.queues = {{kSales, 0}};
        g.wrap_up = 0s;
        g.shift_start = from;
        g.shift_end = to;
        return g;
    };
    s.agents = {group("day", 5, 0h, std::nullopt), group("early", 5, 0h, 3h),
                group("noon", 6, 5h, std::nullopt)};
    return s;
}

TEST(AlertEvaluator, ASimulatedDaysServiceLevelDropRaisesOneAlertAndItsRecoveryClearsIt) {
    stats::StatsConfig config;
    config.queues = {stats::QueuePolicy{kSales}};
    auto live = stats::LiveStats::create(config);
    ASSERT_TRUE(live);
    AlertRule rule = sl_rule();
    rule.window = Window::LastHour;
    rule.raise_after = 5min;
    rule.clear_after = 10min;
    AlertEvaluator alerts({rule});
    std::vector<AlertChange> changes;
    std::optional<WallTime> next_check;
    // The wallboard's view once a minute of the simulated day, as the core loop would.
    auto observed = sim::simulate(understaffed_day(), std::nullopt, [&](const acd::Event& e) {
        if (!next_check) {
            next_check = e.at;
        }
        while (e.at >= *next_check) {
            for (auto& c : alerts.evaluate(live->snapshot(*next_check), *next_check)) {
                changes.push_back(c);
            }
            *next_check += 1min;
        }
        live->apply(e);
    });
    ASSERT_TRUE(observed) << observed.error().message;
    const WallTime midnight = observed->start;
    ASSERT_EQ(changes.size(), 2U) << "one raise, one clear: no flapping";
    std::cout << "raised at " << (changes[0].at - midnight) / 1min << " min (service level "
              << changes[0].value << "), cleared at " << (changes[1].at - midnight) / 1min
              << " min\n";
    EXPECT_EQ(changes[0].kind, Kind::Raised);
    EXPECT_GT(changes[0].at, midnight + 10h) << "not while ten agents answer";
    EXPECT_LT(changes[0].at, midnight + 12h) << "while five do";
    EXPECT_LT(changes[0].value, 0.8);
    EXPECT_EQ(changes[1].kind, Kind::Cleared);
    EXPECT_GT(changes[1].at, midnight + 12h) << "after the noon shift came";
    EXPECT_LT(changes[1].at, midnight + 14h);
}

}  // namespace
}  // namespace markaz::alerts

namespace markaz::alerts {
namespace {

TEST(AlertEvaluator, AnAlertUpBeforeARestartIsNotRaisedAgainAndClearsWhenBack) {
    AlertEvaluator alerts({sl_rule()});
    alerts.restore({{"sales-sl", Measure::ServiceLevel, "sales", 0.5, 0.8, kT0},
                    {"gone", Measure::Waiting, "", 3, 0, kT0}});
    ASSERT_EQ(alerts.active().size(), 1U) << "a rule that is gone is ignored";
    EXPECT_TRUE(alerts.evaluate(sales(20, 10), kT0 + 10min).empty()) << "still bad: no raise";
    EXPECT_TRUE(alerts.evaluate(sales(20, 19), kT0 + 11min).empty());
    const auto cleared = alerts.evaluate(sales(20, 19), kT0 + 16min);
    ASSERT_EQ(cleared.size(), 1U);
    EXPECT_EQ(cleared[0].kind, Kind::Cleared);
}

TEST(AlertBook, RestoredEntriesNumberOnAfterTheKeptOnes) {
    AlertBook book;
    AlertEntry kept;
    kept.id = 41;
    kept.rule = "sales-sl";
    kept.subject = "sales";
    kept.acknowledged_by = "supervisor";
    book.restore({kept});
    const auto touched = book.apply(
        {{AlertChange::Kind::Raised, "sales-sl", Measure::ServiceLevel, "vip", 0.4, 0.8, kT0}},
        {sl_rule()});
    ASSERT_EQ(touched.size(), 1U);
    EXPECT_EQ(touched[0].id, 42U);
    EXPECT_EQ(touched[0].queue, kSales);
    ASSERT_EQ(book.entries().size(), 2U);
    EXPECT_EQ(book.entries()[1].acknowledged_by, "supervisor");
    const auto cleared = book.apply(
        {{AlertChange::Kind::Cleared, "sales-sl", Measure::ServiceLevel, "vip", 0.9, 0.8, kT0}},
        {sl_rule()});
    ASSERT_EQ(cleared.size(), 1U);
    EXPECT_EQ(cleared[0].id, 42U);
    EXPECT_EQ(cleared[0].cleared, kT0);
}

}  // namespace
}  // namespace markaz::alerts
