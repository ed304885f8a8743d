#include "alerts/alert_text.h"

#include <gtest/gtest.h>

namespace markaz::alerts {
namespace {

const WallTime kAt{std::chrono::sys_days{std::chrono::year{2026} / 12 / 6} + std::chrono::hours{6} +
                   std::chrono::minutes{47}};

TEST(AlertText, EachMeasureInEnglishPersianAndArabic) {
    AlertChange sl{
        AlertChange::Kind::Raised, "sales-sl", Measure::ServiceLevel, "sales", 0.62, 0.8, kAt};
    EXPECT_EQ(alert_subject(sl, "en"), "[Markaz] Alert: service level of sales 62% (below 80%)");
    EXPECT_EQ(alert_subject(sl, "fa"), "[Markaz] هشدار: سطح خدمت sales ۶۲٪ (کمتر از ۸۰٪)");
    EXPECT_EQ(alert_subject(sl, "ar"), "[Markaz] تنبيه: مستوى الخدمة في sales ٦٢٪ (أقل من ٨٠٪)");
    AlertChange paused{
        AlertChange::Kind::Cleared, "breaks", Measure::AgentPaused, "a1007", 965, 900, kAt};
    EXPECT_EQ(alert_subject(paused, "en"), "[Markaz] Cleared: break of a1007 16:05 (over 15:00)");
    AlertChange staffed{AlertChange::Kind::Raised, "free", Measure::AgentsAvailable, "", 0, 1, kAt};
    EXPECT_EQ(alert_subject(staffed, "en"),
              "[Markaz] Alert: agents available in the centre 0 (below 1)");
    EXPECT_EQ(alert_body(sl, "en"),
              "service level of sales 62% (below 80%)\nRule: sales-sl\nAt: 2026-12-06 06:47:00 "
              "UTC\n");
    EXPECT_EQ(alert_subject(sl, "xx"), alert_subject(sl, "en")) << "English otherwise";
}

TEST(AlertText, AQaScoreInPercentAndATrunkWithoutFigures) {
    AlertChange qa{AlertChange::Kind::Raised, "qa", Measure::QaScore, "a1007", 72.4, 80, kAt};
    EXPECT_EQ(alert_subject(qa, "en"), "[Markaz] Alert: QA score of a1007 72% (below 80%)");
    EXPECT_EQ(alert_subject(qa, "fa"), "[Markaz] هشدار: امتیاز کیفیت a1007 ۷۲٪ (کمتر از ۸۰٪)");
    AlertChange trunk{
        AlertChange::Kind::Raised, "down", Measure::TrunkUnreachable, "carrier", 1, 0, kAt};
    EXPECT_EQ(alert_subject(trunk, "en"), "[Markaz] Alert: trunk carrier unreachable");
    EXPECT_EQ(alert_subject(trunk, "ar"), "[Markaz] تنبيه: الخط carrier غير متاح");
}

}  // namespace
}  // namespace markaz::alerts
