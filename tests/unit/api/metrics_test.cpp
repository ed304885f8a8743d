// /metrics: Prometheus text from the live figures and the counters since start, scraped with
// a manager's token, with the extra text hook.

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api::testing {
namespace {

bool has_line(const std::string& text, const std::string& line) {
    return text.find("\n" + line + "\n") != std::string::npos;
}

TEST(MetricsTest, QueueAndAgentFiguresForPrometheus) {
    ApiHarness api([](ApiOptions& o) {
        o.extra_metrics = [] { return std::string("markaz_sip_registrations 7\n"); };
    });
    api.center.must(
        acd::AgentLogin{AgentId{"a1001"}, "1001", {}, acd::AgentState::Paused, "break", ""});
    api.center.must(acd::EnqueueCall{CallId{"c1"}, QueueId{"sales"}, 0, {}, "+98"});
    api.center.must(acd::EnqueueCall{CallId{"c2"}, QueueId{"sales"}, 0, {}, "+98"});
    api.center.must(acd::AbandonCall{CallId{"c2"}});

    Browser manager = api.browser("manager");
    const std::string secret =
        manager.post("/api/v1/tokens", Json{{"name", "prometheus"}, {"username", "manager"}})
            .json()["secret"];
    const Reply r =
        http_send(api.port(), "GET", "/metrics", "", {{"Authorization", "Bearer " + secret}});
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.header("content-type"), "text/plain; version=0.0.4");
    const std::string& text = r.body;
    EXPECT_TRUE(has_line(text, "# TYPE markaz_queue_waiting gauge")) << text;
    EXPECT_TRUE(has_line(text, "markaz_queue_waiting{queue=\"sales\"} 1"));
    EXPECT_TRUE(has_line(text, "markaz_queue_waiting{queue=\"vip\"} 0"));
    EXPECT_TRUE(has_line(text, "markaz_queue_agents{queue=\"sales\",state=\"paused\"} 1"));
    EXPECT_TRUE(has_line(text, "markaz_agents{state=\"paused\"} 1"));
    EXPECT_TRUE(has_line(text, "markaz_agent_state{agent=\"a1001\",state=\"paused\"} 1"));
    EXPECT_TRUE(has_line(text, "markaz_queue_calls_total{queue=\"sales\",outcome=\"offered\"} 2"));
    EXPECT_TRUE(has_line(text, "# TYPE markaz_queue_calls_total counter"));
    // No answered call yet: no service level, rather than a made-up 0 or 1.
    EXPECT_EQ(text.find("markaz_queue_service_level_ratio{"), std::string::npos);
    // The login and the token so far; this scrape is counted once it has been answered.
    EXPECT_TRUE(has_line(text, "markaz_http_requests_total{status=\"200\"} 1"));
    EXPECT_TRUE(has_line(text, "markaz_http_requests_total{status=\"201\"} 1"));
    EXPECT_NE(text.find("markaz_start_time_seconds "), std::string::npos);
    EXPECT_TRUE(text.ends_with("markaz_sip_registrations 7\n"));

    EXPECT_EQ(api.browser("supervisor").get("/metrics").status, 403U);
}

}  // namespace
}  // namespace markaz::api::testing
