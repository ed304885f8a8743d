// CenterView folds a real router's events into what the web desks read.

#include "app/center_view.h"

#include <gtest/gtest.h>

namespace markaz::app {
namespace {

using namespace std::chrono_literals;

// 2026-11-23T20:00:00Z: 23:30 in Tehran (+03:30), so local midnight is half an hour away.
const WallTime kEvening{std::chrono::sys_days{std::chrono::November / 23 / 2026} + 20h};

Now at(WallTime wall) {
    return {SteadyTime{wall.time_since_epoch()}, wall};
}

struct Center {
    acd::RouterConfig config;
    std::unique_ptr<acd::Router> router;
    std::unique_ptr<CenterView> view;

    Center() {
        acd::QueueConfig sales;
        sales.id = QueueId{"sales"};
        config.queues.push_back(sales);
        acd::AgentConfig agent;
        agent.id = AgentId{"a1001"};
        agent.queues.push_back({QueueId{"sales"}, 0});
        config.agents.push_back(agent);
        router = std::make_unique<acd::Router>(std::move(*acd::Router::create(config, 1)));
        stats::StatsConfig stats = stats::StatsConfig::from(config);
        stats.utc_offset = 210min;
        view = std::move(*CenterView::create(stats, kEvening));
    }

    void run(const acd::Command& command, WallTime when) {
        auto events = router->handle(command, at(when));
        ASSERT_TRUE(events) << events.error().message;
        view->apply(*events);
    }
};

TEST(CenterView, FoldsTheRoutersEventsIntoFiguresAndCalls) {
    Center c;
    c.view->apply(api::flow::CallArrived{CallId{"c1"}, "0912", "100", kEvening});
    c.view->apply(api::flow::IvrFinished{CallId{"c1"}, {"main"}, "1", {}});
    c.run(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "0912"}, kEvening);

    const stats::LiveSnapshot live = c.view->live(kEvening + 5s);
    ASSERT_EQ(live.queues.size(), 1u);
    EXPECT_EQ(live.queues[0].waiting, 1);
    EXPECT_EQ(live.queues[0].longest_wait, 5s);
    const auto calls = c.view->book().calls(*c.router);
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].state, api::LiveCall::State::Waiting);
    EXPECT_EQ(calls[0].caller, "0912");
    EXPECT_EQ(calls[0].dialled, "100");  // what the shell noted stays
    EXPECT_EQ(calls[0].digits, "1");
    EXPECT_EQ(calls[0].position, 1);
}

TEST(CenterView, ListenersHearEveryEventUntilTheirHandleIsDropped) {
    Center c;
    std::vector<std::string> heard;
    auto handle = c.view->subscribe(
        [&heard](const acd::Event& e) { heard.push_back(std::string(acd::event_name(e.body))); });
    c.run(acd::AgentLogin{AgentId{"a1001"}, "1001", {}, acd::AgentState::Available, "", ""},
          kEvening);
    EXPECT_FALSE(heard.empty());
    EXPECT_EQ(heard.front(), "AgentLoggedIn");
    const std::size_t before = heard.size();
    handle.reset();
    c.run(acd::AgentLogout{AgentId{"a1001"}, ""}, kEvening + 1s);
    EXPECT_EQ(heard.size(), before);
}

TEST(CenterView, TodayStartsAtLocalMidnightAndANewDayStartsAfresh) {
    Center c;
    c.run(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "0912"}, kEvening);
    api::TodayIntervals today = c.view->today(kEvening + 1min);
    EXPECT_EQ(today.utc_offset, 210min);
    ASSERT_FALSE(today.rows.empty());
    EXPECT_EQ(today.rows.front().from, kEvening - 23h - 30min);  // 00:00 Tehran
    EXPECT_EQ(today.rows.back().total.counters.offered, 1);

    // 00:10 Tehran the next day: a new day, with nothing in it yet.
    today = c.view->today(kEvening + 40min);
    ASSERT_EQ(today.rows.size(), 1u);
    EXPECT_EQ(today.rows.front().from, kEvening + 30min);
    EXPECT_EQ(today.rows.front().total.counters.offered, 0);
}

TEST(CenterView, QaMarksAndTrunkAnswersFeedTheirAlertRules) {
    Center c;
    c.run(acd::AgentLogin{AgentId{"a1001"}, "1001", {}, acd::AgentState::Available, "", ""},
          kEvening);
    c.view->replace_alert_rules(
        {{.name = "qa",
          .measure = alerts::Measure::QaScore,
          .threshold = 80,
          .min_calls = 2,
          .clear_after = 0s},
         {.name = "down", .measure = alerts::Measure::TrunkUnreachable, .clear_after = 0s}},
        kEvening);
    c.view->note_qa_marks({{1, alerts::QaMark{"a1001", kEvening - 1h, 60}},
                           {2, alerts::QaMark{"a1001", kEvening - 30min, 70}}});
    c.view->set_trunk_reachable("carrier", false);
    auto raised = c.view->check_alerts(kEvening + 5s);
    ASSERT_EQ(raised.size(), 2U);
    EXPECT_EQ(raised[0].subject, "a1001");
    EXPECT_DOUBLE_EQ(raised[0].value, 65.0);
    EXPECT_EQ(raised[1].subject, "carrier");
    EXPECT_EQ(c.view->alert_book().entries().size(), 2U);

    // The evaluation of 60 is taken back (no longer submitted) and one of 100 comes: 85.
    c.view->note_qa_marks({{1, std::nullopt}, {3, alerts::QaMark{"a1001", kEvening, 100}}});
    c.view->set_trunk_reachable("carrier", true);
    const auto cleared = c.view->check_alerts(kEvening + 10s);
    ASSERT_EQ(cleared.size(), 2U);
    EXPECT_EQ(cleared[0].kind, alerts::AlertChange::Kind::Cleared);
    EXPECT_DOUBLE_EQ(cleared[0].value, 85.0);
}

}  // namespace
}  // namespace markaz::app
