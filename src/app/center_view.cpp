#include "app/center_view.h"

#include <algorithm>

namespace markaz::app {

Result<std::unique_ptr<CenterView>> CenterView::create(stats::StatsConfig config, WallTime now,
                                                       const std::vector<acd::Event>& today,
                                                       std::vector<alerts::AlertRule> rules) {
    auto live = stats::LiveStats::create(config);
    if (!live) {
        return fail(live.error());
    }
    const WallTime midnight =
        std::chrono::floor<std::chrono::days>(now + config.utc_offset) - config.utc_offset;
    auto series = stats::IntervalSeries::create(config, midnight);
    if (!series) {
        return fail(series.error());
    }
    for (const acd::Event& event : today) {
        if (event.at >= midnight) {
            live->apply(event);
            series->apply(event);
        }
    }
    return std::unique_ptr<CenterView>(new CenterView(
        std::move(config), std::move(*live), std::move(*series), midnight, std::move(rules)));
}

CenterView::CenterView(stats::StatsConfig config, stats::LiveStats live,
                       stats::IntervalSeries series, WallTime day_start,
                       std::vector<alerts::AlertRule> rules)
    : config_(std::move(config)),
      live_(std::move(live)),
      series_(std::move(series)),
      day_start_(day_start),
      alert_rules_(std::move(rules)) {}

std::vector<alerts::AlertChange> CenterView::replace_alert_rules(
    std::vector<alerts::AlertRule> rules, WallTime now) {
    const std::vector<alerts::AlertRule> before = alert_rules_.rules();
    auto changes = alert_rules_.replace_rules(std::move(rules), now);
    touched_ = alert_book_.apply(changes, before);
    return changes;
}

std::vector<alerts::AlertEntry> CenterView::restore_alerts(std::vector<alerts::AlertEntry> entries,
                                                           WallTime now) {
    std::vector<alerts::AlertEntry> closed;
    std::vector<alerts::ActiveAlert> up;
    for (alerts::AlertEntry& e : entries) {
        if (e.cleared) {
            continue;
        }
        const auto& rules = alert_rules_.rules();
        const bool known = std::any_of(rules.begin(), rules.end(), [&](const alerts::AlertRule& r) {
            return r.name == e.rule;
        });
        if (known) {
            up.push_back({e.rule, e.measure, e.subject, e.value, e.threshold, e.raised});
        } else {
            e.cleared = now;  // its rule was removed while the server was down
            closed.push_back(e);
        }
    }
    alert_rules_.restore(up);
    alert_book_.restore(std::move(entries));
    return closed;
}

std::vector<alerts::AlertChange> CenterView::check_alerts(WallTime now) {
    if (!has_alert_rules()) {
        return {};
    }
    auto changes = alert_rules_.evaluate(live_.snapshot(now), now, other_figures_);
    touched_ = alert_book_.apply(changes, alert_rules_.rules());
    return changes;
}

WallTime CenterView::day_start(WallTime at) const {
    return std::chrono::floor<std::chrono::days>(at + config_.utc_offset) - config_.utc_offset;
}

void CenterView::roll_day(WallTime at) {
    const WallTime midnight = day_start(at);
    if (midnight <= day_start_) {
        return;
    }
    // The config was validated at create(), so a new series cannot fail.
    series_ = std::move(*stats::IntervalSeries::create(config_, midnight));
    day_start_ = midnight;
}

void CenterView::apply(const std::vector<acd::Event>& events) {
    std::lock_guard lock(*listeners_mutex_);
    for (const acd::Event& event : events) {
        roll_day(event.at);
        live_.apply(event);
        series_.apply(event);
        book_.apply(event);
        for (const auto& [id, listener] : *listeners_) {
            listener(event);
        }
    }
}

void CenterView::apply(const api::FlowEvent& event) {
    std::lock_guard lock(*listeners_mutex_);
    book_.apply(event);
    for (const auto& [id, listener] : *call_listeners_) {
        listener(api::call_of(event));
    }
    for (const auto& [id, listener] : *flow_listeners_) {
        listener(event);
    }
}

stats::LiveSnapshot CenterView::live(WallTime now) const {
    return live_.snapshot(now);
}

api::TodayIntervals CenterView::today(WallTime now) {
    roll_day(now);
    return api::TodayIntervals{config_.utc_offset, config_.interval, series_.rows(now)};
}

template <class Any>
std::shared_ptr<void> CenterView::listen(const std::shared_ptr<std::map<int, Any>>& to,
                                         Any listener) {
    std::lock_guard lock(*listeners_mutex_);
    const int id = next_listener_++;
    (*to)[id] = std::move(listener);
    return std::shared_ptr<void>(nullptr, [mutex = listeners_mutex_, listeners = to, id](void*) {
        std::lock_guard inner(*mutex);
        listeners->erase(id);
    });
}

std::shared_ptr<void> CenterView::subscribe(Listener listener) {
    return listen(listeners_, std::move(listener));
}

std::shared_ptr<void> CenterView::watch_calls(CallListener listener) {
    return listen(call_listeners_, std::move(listener));
}

std::shared_ptr<void> CenterView::watch_flow(FlowListener listener) {
    return listen(flow_listeners_, std::move(listener));
}

}  // namespace markaz::app
