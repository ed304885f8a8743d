#include "api/stats_json.h"

namespace markaz::api {
namespace {

Json number_or_null(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json agent_time_json(const stats::AgentTime& t) {
    Json out;
    out["available_ms"] = ms(t.available);
    out["ringing_ms"] = ms(t.ringing);
    out["on_call_ms"] = ms(t.on_call);
    out["wrap_up_ms"] = ms(t.wrap_up);
    out["paused_ms"] = ms(t.paused);
    out["not_ready_ms"] = ms(t.not_ready);
    return out;
}

Json agents_by_state_json(const stats::AgentsByState& agents) {
    Json out;
    out["available"] = agents.available;
    out["ringing"] = agents.ringing;
    out["on_call"] = agents.on_call;
    out["wrap_up"] = agents.wrap_up;
    out["paused"] = agents.paused;
    out["not_ready"] = agents.not_ready;
    out["logged_in"] = agents.logged_in();
    return out;
}

}  // namespace

Json counters_json(const stats::KpiCounters& c) {
    Json out;
    out["offered"] = c.offered;
    out["blocked"] = c.blocked;
    out["answered"] = c.answered;
    out["answered_within_threshold"] = c.answered_within_threshold;
    out["abandoned"] = c.abandoned;
    out["short_abandoned"] = c.short_abandoned;
    out["abandoned_after_threshold"] = c.abandoned_after_threshold;
    out["timed_out"] = c.timed_out;
    out["removed"] = c.removed;
    out["callbacks_requested"] = c.callbacks_requested;
    out["callbacks_answered"] = c.callbacks_answered;
    out["callbacks_failed"] = c.callbacks_failed;
    out["transferred"] = c.transferred;
    out["handled"] = c.handled;
    out["answered_wait_ms"] = ms(c.answered_wait);
    out["abandoned_wait_ms"] = ms(c.abandoned_wait);
    out["longest_wait_ms"] = ms(c.longest_wait);
    out["talk_ms"] = ms(c.talk);
    out["hold_ms"] = ms(c.hold);
    out["wrap_ms"] = ms(c.wrap);
    out["agent_time"] = agent_time_json(c.agent_time);
    return out;
}

Json kpis_json(const stats::Kpis& k) {
    Json out;
    out["service_level"] = number_or_null(k.service_level);
    out["asa_s"] = number_or_null(k.asa_s);
    out["aht_s"] = number_or_null(k.aht_s);
    out["abandon_rate"] = number_or_null(k.abandon_rate);
    out["avg_abandon_s"] = number_or_null(k.avg_abandon_s);
    out["occupancy"] = number_or_null(k.occupancy);
    out["utilisation"] = number_or_null(k.utilisation);
    out["calls_per_agent_hour"] = number_or_null(k.calls_per_agent_hour);
    return out;
}

Json figures_json(const stats::Figures& figures) {
    Json out;
    out["counters"] = counters_json(figures.counters);
    out["kpis"] = kpis_json(figures.kpis);
    return out;
}

Json window_json(const stats::WindowFigures& window, WallTime at) {
    Json out;
    out["start_at_ms"] = ms(window.from);
    out["end_at_ms"] = ms(window.to == WallTime{} ? at : window.to);
    out["counters"] = counters_json(window.counters);
    out["kpis"] = kpis_json(window.kpis);
    return out;
}

Json queue_stats_json(const stats::QueueLive& queue, const acd::QueueConfig* config, WallTime at) {
    Json out;
    out["queue"] = config ? Json(config->id.str()) : Json(nullptr);
    out["sl_threshold_ms"] = config ? Json(ms(config->sl_threshold)) : Json(nullptr);
    out["sl_target"] = queue.sl_target;
    // The centre's formula is not in the live snapshot; the totals use the default one.
    const auto formula =
        config ? config->sl_formula : acd::ServiceLevelFormula::AnsweredAndAbandoned;
    out["sl_formula"] = std::string(acd::kServiceLevelFormulaNames.name(formula));
    out["waiting"] = queue.waiting;
    out["callbacks_waiting"] = queue.callbacks_waiting;
    out["longest_wait_ms"] = ms(queue.longest_wait);
    out["oldest_joined_at_ms"] =
        queue.waiting > 0 ? Json(ms(at - queue.longest_wait)) : Json(nullptr);
    out["agents"] = agents_by_state_json(queue.agents);
    out["today"] = window_json(queue.today, at);
    out["interval"] = window_json(queue.interval, at);
    out["last_hour"] = window_json(queue.last_hour, at);
    return out;
}

}  // namespace markaz::api
