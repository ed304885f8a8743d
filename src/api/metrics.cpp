#include "api/metrics.h"

#include <array>
#include <cstdio>
#include <functional>

namespace markaz::api {
namespace {

/// Writes one metric family: its HELP and TYPE once, then its samples.
class Family {
public:
    Family(std::string& out, const char* name, const char* type, const char* help)
        : out_(out), name_(name) {
        out_ += "# HELP " + name_ + " " + help + "\n# TYPE " + name_ + " " + type + "\n";
    }
    /// `labels` is the inside of the braces ("queue=\"sales\""), or empty.
    void sample(const std::string& labels, double value) {
        char number[32];
        std::snprintf(number, sizeof number, "%.17g", value);
        out_ += name_ + (labels.empty() ? "" : "{" + labels + "}") + " " + number + "\n";
    }

private:
    std::string& out_;
    std::string name_;
};

std::string label(const char* name, std::string_view value) {
    return std::string(name) + "=\"" + label_value(value) + "\"";
}

double secs(Duration d) {
    return seconds(d);
}

constexpr std::array<std::pair<const char*, int stats::AgentsByState::*>, 6> kAgentStates{{
    {"available", &stats::AgentsByState::available},
    {"ringing", &stats::AgentsByState::ringing},
    {"on-call", &stats::AgentsByState::on_call},
    {"wrap-up", &stats::AgentsByState::wrap_up},
    {"paused", &stats::AgentsByState::paused},
    {"not-ready", &stats::AgentsByState::not_ready},
}};

using CounterField = std::int64_t stats::KpiCounters::*;
constexpr std::array<std::pair<const char*, CounterField>, 13> kOutcomes{{
    {"offered", &stats::KpiCounters::offered},
    {"blocked", &stats::KpiCounters::blocked},
    {"answered", &stats::KpiCounters::answered},
    {"answered_within_threshold", &stats::KpiCounters::answered_within_threshold},
    {"abandoned", &stats::KpiCounters::abandoned},
    {"short_abandoned", &stats::KpiCounters::short_abandoned},
    {"timed_out", &stats::KpiCounters::timed_out},
    {"removed", &stats::KpiCounters::removed},
    {"callbacks_requested", &stats::KpiCounters::callbacks_requested},
    {"callbacks_answered", &stats::KpiCounters::callbacks_answered},
    {"callbacks_failed", &stats::KpiCounters::callbacks_failed},
    {"transferred", &stats::KpiCounters::transferred},
    {"handled", &stats::KpiCounters::handled},
}};

void queue_gauges(std::string& out, const CenterRead& read) {
    Family waiting(out, "markaz_queue_waiting", "gauge", "Callers waiting now.");
    for (const auto& q : read.live.queues) {
        waiting.sample(label("queue", q.id.str()), q.waiting);
    }
    Family callbacks(out, "markaz_queue_callbacks_waiting", "gauge", "Callback requests waiting.");
    for (const auto& q : read.live.queues) {
        callbacks.sample(label("queue", q.id.str()), q.callbacks_waiting);
    }
    Family longest(out, "markaz_queue_longest_wait_seconds", "gauge", "Longest wait now.");
    for (const auto& q : read.live.queues) {
        longest.sample(label("queue", q.id.str()), secs(q.longest_wait));
    }
    Family agents(out, "markaz_queue_agents", "gauge", "Logged-in members by state.");
    for (const auto& q : read.live.queues) {
        for (const auto& [state, field] : kAgentStates) {
            agents.sample(label("queue", q.id.str()) + "," + label("state", state),
                          q.agents.*field);
        }
    }
}

void queue_kpis(std::string& out, const CenterRead& read) {
    using Kpi = std::optional<double> stats::Kpis::*;
    const std::array<std::tuple<const char*, Kpi, const char*>, 3> kpis{{
        {"markaz_queue_service_level_ratio", &stats::Kpis::service_level, "Service level 0..1."},
        {"markaz_queue_asa_seconds", &stats::Kpis::asa_s, "Average speed of answer."},
        {"markaz_queue_aht_seconds", &stats::Kpis::aht_s, "Average handle time."},
    }};
    for (const auto& [name, field, help] : kpis) {
        Family family(out, name, "gauge", help);
        for (const auto& q : read.live.queues) {
            const std::pair<const char*, const stats::WindowFigures*> windows[] = {
                {"today", &q.today}, {"interval", &q.interval}, {"last_hour", &q.last_hour}};
            for (const auto& [window, figures] : windows) {
                if (auto value = figures->kpis.*field) {  // absent when no data
                    family.sample(label("queue", q.id.str()) + "," + label("window", window),
                                  *value);
                }
            }
        }
    }
}

void queue_counters(std::string& out, const stats::ScopedCounters& totals) {
    Family calls(out, "markaz_queue_calls_total", "counter", "Calls by outcome since start.");
    for (const auto& [queue, c] : totals.queues) {
        for (const auto& [outcome, field] : kOutcomes) {
            calls.sample(label("queue", queue.str()) + "," + label("outcome", outcome),
                         double(c.*field));
        }
    }
    Family wait(out, "markaz_queue_wait_seconds_total", "counter",
                "Wait of answered and abandoned calls.");
    for (const auto& [queue, c] : totals.queues) {
        wait.sample(label("queue", queue.str()) + ",outcome=\"answered\"", secs(c.answered_wait));
        wait.sample(label("queue", queue.str()) + ",outcome=\"abandoned\"", secs(c.abandoned_wait));
    }
    using Time = Duration stats::KpiCounters::*;
    const std::array<std::tuple<const char*, Time, const char*>, 3> times{{
        {"markaz_queue_talk_seconds_total", &stats::KpiCounters::talk, "Talk time."},
        {"markaz_queue_hold_seconds_total", &stats::KpiCounters::hold, "Hold time."},
        {"markaz_queue_wrap_seconds_total", &stats::KpiCounters::wrap, "Wrap-up time."},
    }};
    for (const auto& [name, field, help] : times) {
        Family family(out, name, "counter", help);
        for (const auto& [queue, c] : totals.queues) {
            family.sample(label("queue", queue.str()), secs(c.*field));
        }
    }
}

void agent_metrics(std::string& out, const CenterRead& read, const stats::ScopedCounters& totals) {
    Family centre(out, "markaz_agents", "gauge", "The centre's logged-in agents by state.");
    for (const auto& [state, field] : kAgentStates) {
        centre.sample(label("state", state), read.live.totals.agents.*field);
    }
    Family state(out, "markaz_agent_state", "gauge", "1 for the agent's current state.");
    for (const acd::AgentSnapshot& agent : read.agents) {
        state.sample(label("agent", agent.id.str()) + "," +
                         label("state", acd::kAgentStateNames.name(agent.state)),
                     1);
    }
    Family answered(out, "markaz_agent_calls_answered_total", "counter",
                    "Calls answered since start.");
    Family talk(out, "markaz_agent_talk_seconds_total", "counter", "Talk time since start.");
    for (const auto& [agent, c] : totals.agents) {
        answered.sample(label("agent", agent.str()), double(c.answered + c.callbacks_answered));
    }
    for (const auto& [agent, c] : totals.agents) {
        talk.sample(label("agent", agent.str()), secs(c.talk));
    }
}

void server_metrics(std::string& out, const ServerCounters& server) {
    Family requests(out, "markaz_http_requests_total", "counter", "HTTP responses by status.");
    for (const auto& [status, count] : server.responses()) {
        requests.sample(label("status", std::to_string(status)), double(count));
    }
    Family clients(out, "markaz_ws_clients", "gauge", "Connected WebSocket clients.");
    clients.sample("", double(server.ws_clients.load()));
    Family frames(out, "markaz_ws_frames_total", "counter", "WebSocket frames sent by type.");
    frames.sample("type=\"snapshot\"", double(server.ws_snapshots.load()));
    frames.sample("type=\"delta\"", double(server.ws_deltas.load()));
    frames.sample("type=\"heartbeat\"", double(server.ws_heartbeats.load()));
    Family refused(out, "markaz_http_connections_refused_total", "counter",
                   "HTTP connections closed unanswered at the overall or per-address cap.");
    refused.sample("", double(server.http_refused.load()));
    Family start(out, "markaz_start_time_seconds", "gauge", "When the process started.");
    start.sample("", secs(server.started_at.time_since_epoch()));
}

}  // namespace

std::string label_value(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string prometheus_text(const CenterRead& read, const stats::ScopedCounters& since_start,
                            const ServerCounters& server) {
    std::string out;
    queue_gauges(out, read);
    queue_kpis(out, read);
    queue_counters(out, since_start);
    agent_metrics(out, read, since_start);
    server_metrics(out, server);
    return out;
}

}  // namespace markaz::api
