#include "stats/interval_series.h"

#include <algorithm>
#include <utility>

namespace markaz::stats {

Result<IntervalSeries> IntervalSeries::create(StatsConfig config, WallTime start) {
    if (auto ok = validate(config); !ok) {
        return fail(ok.error());
    }
    return IntervalSeries(std::move(config), start);
}

IntervalSeries::IntervalSeries(StatsConfig config, WallTime start)
    : config_(std::move(config)), folder_(config_.queues), timeline_(start, config_.interval) {}

void IntervalSeries::apply(const acd::Event& event) {
    folder_.apply(event, timeline_);
}

void IntervalSeries::apply(const std::vector<acd::Event>& events) {
    for (const acd::Event& e : events) {
        apply(e);
    }
}

Timeline IntervalSeries::closed_at(WallTime end) const {
    Timeline t = timeline_;
    folder_.add_open_spans(end, t);
    return t;
}

IntervalRow IntervalSeries::row(std::int64_t index, WallTime from, WallTime to,
                                const ScopedCounters& counters) const {
    IntervalRow r;
    r.index = index;
    r.from = from;
    r.to = to;
    r.total = Figures{counters.total, compute_kpis(counters.total, config_.center_sl_formula)};
    for (const auto& [id, c] : counters.queues) {
        r.queues[id] = Figures{c, compute_kpis(c, folder_.policy(id).sl_formula)};
    }
    for (const auto& [id, c] : counters.agents) {
        // Agents have no service level of their own; the formula does not matter here.
        r.agents[id] = Figures{c, compute_kpis(c, config_.center_sl_formula)};
    }
    return r;
}

std::vector<IntervalRow> IntervalSeries::rows(WallTime end) const {
    const Timeline t = closed_at(end);
    std::int64_t first = 0;
    std::int64_t last = t.index_of(end - Duration{1});
    if (!t.buckets().empty()) {
        first = std::min(first, t.buckets().begin()->first);
        last = std::max(last, t.buckets().rbegin()->first);
    }
    std::vector<IntervalRow> out;
    for (std::int64_t i = first; i <= last; ++i) {
        const WallTime from = t.start_of(i);
        const WallTime to = from < end ? std::min(t.start_of(i + 1), end) : t.start_of(i + 1);
        out.push_back(row(i, from, to, t.sum(i, i)));
    }
    return out;
}

IntervalRow IntervalSeries::totals(WallTime end) const {
    const Timeline t = closed_at(end);
    const auto& buckets = t.buckets();
    ScopedCounters all;
    for (const auto& [index, counters] : buckets) {
        all += counters;
    }
    WallTime from = timeline_.start_of(0);
    if (!buckets.empty()) {
        from = std::min(from, t.start_of(buckets.begin()->first));
    }
    return row(0, from, end, all);
}

}  // namespace markaz::stats
