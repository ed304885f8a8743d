#include "wfm/staffing.h"

#include <chrono>
#include <cmath>
#include <string>

#include <gtest/gtest.h>

namespace markaz::wfm {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

/// The textbook example: 100 calls in 30 minutes, AHT 180 s (10 Erlangs), 80% within 20 s.
StaffingRequest textbook() {
    StaffingRequest r;
    r.calls = 100;
    r.interval = minutes{30};
    r.aht = seconds{180};
    r.service_level = 0.8;
    r.sl_threshold = seconds{20};
    return r;
}

void expect_fewest(const StaffingRequest& r, int required) {
    EXPECT_TRUE(meets_targets(r, evaluate(r, required)));
    EXPECT_FALSE(meets_targets(r, evaluate(r, required - 1)));
}

// Call Centre Helper's worked example: 14 agents meet 80/20 (13 give 79.6%), and with 30%
// shrinkage 20 must be scheduled.
TEST(Staffing, TextbookExampleNeedsFourteenAgents) {
    StaffingRequest r = textbook();
    r.shrinkage = 0.3;
    auto plan = plan_staffing(r);
    ASSERT_TRUE(plan) << plan.error().message;
    EXPECT_DOUBLE_EQ(plan->traffic_erlangs, 10.0);
    EXPECT_EQ(plan->required_agents, 14);
    EXPECT_EQ(plan->scheduled_agents, 20);
    expect_fewest(r, 14);
}

TEST(Staffing, AsaAndOccupancyLimitsCanRaiseTheCount) {
    StaffingRequest r = textbook();
    r.max_asa = seconds{5};  // 14 agents give 7.8 s, 15 give 3.7 s
    auto plan = plan_staffing(r);
    ASSERT_TRUE(plan);
    EXPECT_EQ(plan->required_agents, 15);
    expect_fewest(r, 15);

    r = textbook();
    r.max_occupancy = 0.65;  // 10 / 16 = 62.5%, 10 / 15 = 66.7%
    plan = plan_staffing(r);
    ASSERT_TRUE(plan);
    EXPECT_EQ(plan->required_agents, 16);
    expect_fewest(r, 16);
}

TEST(Staffing, PatienceUsesErlangAAndNeedsNoMoreAgents) {
    StaffingRequest r = textbook();
    r.patience = seconds{120};
    auto plan = plan_staffing(r);
    ASSERT_TRUE(plan);
    EXPECT_LE(plan->required_agents, 14);
    expect_fewest(r, plan->required_agents);
    EXPECT_GT(evaluate(r, 12).abandon_rate, 0.0);
}

TEST(Staffing, LargeCentre) {
    StaffingRequest r = textbook();
    r.calls = 49'000;  // 4,900 Erlangs
    auto plan = plan_staffing(r);
    ASSERT_TRUE(plan);
    EXPECT_GT(plan->required_agents, 4900);
    EXPECT_LT(plan->required_agents, 5000);
    expect_fewest(r, plan->required_agents);

    r.patience = seconds{120};
    auto with_patience = plan_staffing(r);
    ASSERT_TRUE(with_patience);
    expect_fewest(r, with_patience->required_agents);
}

TEST(Staffing, NoCallsNeedNoAgents) {
    StaffingRequest r = textbook();
    r.calls = 0;
    auto plan = plan_staffing(r);
    ASSERT_TRUE(plan);
    EXPECT_EQ(plan->required_agents, 0);
    EXPECT_EQ(plan->scheduled_agents, 0);
}

TEST(Staffing, ShrinkageRoundsUpButNotOnRoundingNoise) {
    EXPECT_EQ(scheduled_for_shrinkage(14, 0.3), 20);   // 14 / 0.7 is 20.000000000000004
    EXPECT_EQ(scheduled_for_shrinkage(10, 0.25), 14);  // 13.33
    EXPECT_EQ(scheduled_for_shrinkage(10, 0.0), 10);
    EXPECT_EQ(scheduled_for_shrinkage(7, 0.5), 14);
    EXPECT_EQ(scheduled_for_shrinkage(1, 0.01), 2);
    EXPECT_EQ(scheduled_for_shrinkage(0, 0.4), 0);
}

struct BadInput {
    const char* name;
    void (*spoil)(StaffingRequest&);
    std::string message;
};

class StaffingValidation : public ::testing::TestWithParam<BadInput> {};

TEST_P(StaffingValidation, NamesTheField) {
    StaffingRequest r = textbook();
    GetParam().spoil(r);
    auto plan = plan_staffing(r);
    ASSERT_FALSE(plan);
    EXPECT_EQ(plan.error().code, Errc::InvalidArgument);
    EXPECT_EQ(plan.error().message, GetParam().message);
    EXPECT_FALSE(validate_staffing(r));
}

INSTANTIATE_TEST_SUITE_P(
    EveryField, StaffingValidation,
    ::testing::Values(
        BadInput{"negative_calls", [](StaffingRequest& r) { r.calls = -1; },
                 "calls: must be a number, zero or more"},
        BadInput{"nan_calls", [](StaffingRequest& r) { r.calls = std::nan(""); },
                 "calls: must be a number, zero or more"},
        BadInput{"huge_calls", [](StaffingRequest& r) { r.calls = 1e9; },
                 "calls: the offered load is above the 50000 Erlangs the planner handles"},
        BadInput{"zero_interval", [](StaffingRequest& r) { r.interval = {}; },
                 "interval: must be positive"},
        BadInput{"zero_aht", [](StaffingRequest& r) { r.aht = {}; }, "aht: must be positive"},
        BadInput{"negative_aht", [](StaffingRequest& r) { r.aht = seconds{-5}; },
                 "aht: must be positive"},
        BadInput{"zero_sl", [](StaffingRequest& r) { r.service_level = 0; },
                 "service_level: must be above 0% and below 100%"},
        BadInput{"full_sl", [](StaffingRequest& r) { r.service_level = 1; },
                 "service_level: must be above 0% and below 100%"},
        BadInput{"negative_threshold", [](StaffingRequest& r) { r.sl_threshold = seconds{-1}; },
                 "sl_threshold: must not be negative"},
        BadInput{"zero_patience", [](StaffingRequest& r) { r.patience = seconds{0}; },
                 "patience: must be positive"},
        BadInput{"endless_patience", [](StaffingRequest& r) { r.patience = seconds{18'001}; },
                 "patience: must be at most 100 times aht (leave it out for callers who never "
                 "hang up: Erlang C)"},
        BadInput{"zero_asa", [](StaffingRequest& r) { r.max_asa = seconds{0}; },
                 "max_asa: must be positive"},
        BadInput{"zero_occupancy", [](StaffingRequest& r) { r.max_occupancy = 0.0; },
                 "max_occupancy: must be above 0% and at most 100%"},
        BadInput{"over_occupancy", [](StaffingRequest& r) { r.max_occupancy = 1.2; },
                 "max_occupancy: must be above 0% and at most 100%"},
        BadInput{"negative_shrinkage", [](StaffingRequest& r) { r.shrinkage = -0.1; },
                 "shrinkage: must not be negative"},
        BadInput{"full_shrinkage", [](StaffingRequest& r) { r.shrinkage = 1.0; },
                 "shrinkage: must be below 100%"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Staffing, ValidRequestPassesValidation) {
    EXPECT_TRUE(validate_staffing(textbook()));
}

}  // namespace
}  // namespace markaz::wfm
