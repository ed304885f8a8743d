#include "stats/kpi.h"

#include <algorithm>

namespace markaz::stats {

namespace {

std::optional<double> ratio(std::int64_t num, std::int64_t den) {
    if (den <= 0) {
        return std::nullopt;
    }
    return static_cast<double>(num) / static_cast<double>(den);
}

std::optional<double> ratio(Duration num, Duration den) {
    return ratio(num.count(), den.count());
}

std::optional<double> mean_seconds(Duration sum, std::int64_t count) {
    if (count <= 0) {
        return std::nullopt;
    }
    return seconds(sum) / static_cast<double>(count);
}

}  // namespace

std::size_t wait_bucket(Duration wait) {
    const auto over = std::find_if(kWaitEdgesS.begin(), kWaitEdgesS.end(),
                                   [&](int edge) { return wait <= std::chrono::seconds(edge); });
    return static_cast<std::size_t>(over - kWaitEdgesS.begin());
}

Duration* AgentTime::of(acd::AgentState state) {
    switch (state) {
        case acd::AgentState::Available:
            return &available;
        case acd::AgentState::Ringing:
            return &ringing;
        case acd::AgentState::OnCall:
            return &on_call;
        case acd::AgentState::WrapUp:
            return &wrap_up;
        case acd::AgentState::Paused:
            return &paused;
        case acd::AgentState::NotReady:
            return &not_ready;
        case acd::AgentState::LoggedOut:
            return nullptr;
    }
    return nullptr;
}

AgentTime& AgentTime::operator+=(const AgentTime& other) {
    available += other.available;
    ringing += other.ringing;
    on_call += other.on_call;
    wrap_up += other.wrap_up;
    paused += other.paused;
    not_ready += other.not_ready;
    return *this;
}

KpiCounters& KpiCounters::operator+=(const KpiCounters& other) {
    offered += other.offered;
    blocked += other.blocked;
    answered += other.answered;
    answered_within_threshold += other.answered_within_threshold;
    abandoned += other.abandoned;
    short_abandoned += other.short_abandoned;
    abandoned_after_threshold += other.abandoned_after_threshold;
    timed_out += other.timed_out;
    removed += other.removed;
    callbacks_requested += other.callbacks_requested;
    callbacks_answered += other.callbacks_answered;
    callbacks_failed += other.callbacks_failed;
    transferred += other.transferred;
    handled += other.handled;
    answered_wait += other.answered_wait;
    abandoned_wait += other.abandoned_wait;
    talk += other.talk;
    hold += other.hold;
    wrap += other.wrap;
    longest_wait = std::max(longest_wait, other.longest_wait);
    agent_time += other.agent_time;
    for (std::size_t i = 0; i < answered_by_wait.size(); ++i) {
        answered_by_wait[i] += other.answered_by_wait[i];
        abandoned_by_wait[i] += other.abandoned_by_wait[i];
    }
    return *this;
}

std::optional<double> service_level(const KpiCounters& c, acd::ServiceLevelFormula formula) {
    switch (formula) {
        case acd::ServiceLevelFormula::AnsweredAndAbandoned:
            return ratio(c.answered_within_threshold, c.answered + c.abandoned);
        case acd::ServiceLevelFormula::AnsweredOnly:
            return ratio(c.answered_within_threshold, c.answered);
        case acd::ServiceLevelFormula::AbandonedAfterThreshold:
            return ratio(c.answered_within_threshold, c.answered + c.abandoned_after_threshold);
    }
    return std::nullopt;
}

std::optional<double> occupancy(const AgentTime& t) {
    return ratio(t.busy(), t.working());
}

Kpis compute_kpis(const KpiCounters& c, acd::ServiceLevelFormula formula) {
    Kpis k;
    k.service_level = service_level(c, formula);
    k.asa_s = mean_seconds(c.answered_wait, c.answered);
    k.aht_s = mean_seconds(c.talk + c.hold + c.wrap, c.handled);
    k.abandon_rate = ratio(c.abandoned, c.answered + c.abandoned);
    k.avg_abandon_s = mean_seconds(c.abandoned_wait, c.abandoned);
    k.occupancy = occupancy(c.agent_time);
    k.utilisation = ratio(c.agent_time.busy(), c.agent_time.logged_in());
    const double hours = std::chrono::duration<double>(c.agent_time.logged_in()).count() / 3600.0;
    if (hours > 0) {
        k.calls_per_agent_hour = static_cast<double>(c.handled) / hours;
    }
    return k;
}

}  // namespace markaz::stats
