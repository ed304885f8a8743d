#include "store/rollup_rows.h"

#include <array>
#include <string>
#include <tuple>
#include <utility>

namespace markaz::store {
namespace {

using stats::AgentTime;
using stats::KpiCounters;

constexpr std::array<std::pair<const char*, std::int64_t KpiCounters::*>, 14> kCounts{{
    {"offered", &KpiCounters::offered},
    {"blocked", &KpiCounters::blocked},
    {"answered", &KpiCounters::answered},
    {"answered_within", &KpiCounters::answered_within_threshold},
    {"abandoned", &KpiCounters::abandoned},
    {"short_abandoned", &KpiCounters::short_abandoned},
    {"abandoned_after", &KpiCounters::abandoned_after_threshold},
    {"timed_out", &KpiCounters::timed_out},
    {"removed", &KpiCounters::removed},
    {"callbacks_requested", &KpiCounters::callbacks_requested},
    {"callbacks_answered", &KpiCounters::callbacks_answered},
    {"callbacks_failed", &KpiCounters::callbacks_failed},
    {"handled", &KpiCounters::handled},
    {"transferred", &KpiCounters::transferred},
}};

constexpr std::array<std::pair<const char*, Duration KpiCounters::*>, 5> kTimes{{
    {"answered_wait_ms", &KpiCounters::answered_wait},
    {"abandoned_wait_ms", &KpiCounters::abandoned_wait},
    {"talk_ms", &KpiCounters::talk},
    {"hold_ms", &KpiCounters::hold},
    {"wrap_ms", &KpiCounters::wrap},
}};

constexpr std::array<std::pair<const char*, Duration AgentTime::*>, 6> kAgentTimes{{
    {"available_ms", &AgentTime::available},
    {"ringing_ms", &AgentTime::ringing},
    {"on_call_ms", &AgentTime::on_call},
    {"wrap_up_ms", &AgentTime::wrap_up},
    {"paused_ms", &AgentTime::paused},
    {"not_ready_ms", &AgentTime::not_ready},
}};

/// Kept as a maximum (schema v16), after the others.
constexpr const char* kLongestWait = "longest_wait_ms";

/// The wait curve's buckets (schema v19), after the maximum: answered_w0 .. answered_w9, then
/// abandoned_w0 .. abandoned_w9.
constexpr std::array<std::pair<const char*, stats::WaitBuckets KpiCounters::*>, 2> kWaitBuckets{{
    {"answered_w", &KpiCounters::answered_by_wait},
    {"abandoned_w", &KpiCounters::abandoned_by_wait},
}};
constexpr int kBucketCount = static_cast<int>(std::tuple_size_v<stats::WaitBuckets>);

static_assert(kCounts.size() + kTimes.size() + kAgentTimes.size() + 1 +
                  kWaitBuckets.size() * kBucketCount ==
              kRollupColumnCount);

/// The columns, each as `sum` and the maximum as `max` make them ("SUM(", ")"); the wait
/// curve's with `curve`.
std::string columns(const std::string& sum, const std::string& max, const char* after,
                    WaitCurve curve) {
    std::string out;
    auto add = [&](const std::string& before, const char* name) {
        out += (out.empty() ? "" : ", ") + before + name + after;
    };
    for (const auto& [name, field] : kCounts) {
        add(sum, name);
    }
    for (const auto& [name, field] : kTimes) {
        add(sum, name);
    }
    for (const auto& [name, field] : kAgentTimes) {
        add(sum, name);
    }
    add(max, kLongestWait);
    for (const auto& [name, field] : kWaitBuckets) {
        if (curve == WaitCurve::Without) {
            break;
        }
        for (int i = 0; i < kBucketCount; ++i) {
            add(sum, (name + std::to_string(i)).c_str());
        }
    }
    return out;
}

}  // namespace

const std::string kRollupColumns = columns("", "", "", WaitCurve::With);
const std::string kRollupSums = columns("SUM(", "MAX(", ")", WaitCurve::Without);

void bind_counters(SqliteStatement& stmt, int first, const stats::KpiCounters& c) {
    int at = first;
    for (const auto& [name, field] : kCounts) {
        stmt.bind(at++, c.*field);
    }
    for (const auto& [name, field] : kTimes) {
        stmt.bind(at++, static_cast<std::int64_t>((c.*field).count()));
    }
    for (const auto& [name, field] : kAgentTimes) {
        stmt.bind(at++, static_cast<std::int64_t>((c.agent_time.*field).count()));
    }
    stmt.bind(at++, static_cast<std::int64_t>(c.longest_wait.count()));
    for (const auto& [name, field] : kWaitBuckets) {
        for (const std::int64_t n : c.*field) {
            stmt.bind(at++, n);
        }
    }
}

stats::KpiCounters counters_from(const SqliteStatement& row, int first, WaitCurve curve) {
    stats::KpiCounters c;
    int at = first;
    for (const auto& [name, field] : kCounts) {
        c.*field = row.int64(at++);
    }
    for (const auto& [name, field] : kTimes) {
        c.*field = Duration{row.int64(at++)};
    }
    for (const auto& [name, field] : kAgentTimes) {
        c.agent_time.*field = Duration{row.int64(at++)};
    }
    c.longest_wait = Duration{row.int64(at++)};
    for (const auto& [name, field] : kWaitBuckets) {
        if (curve == WaitCurve::Without) {
            break;
        }
        for (std::int64_t& n : c.*field) {
            n = row.int64(at++);
        }
    }
    return c;
}

}  // namespace markaz::store
