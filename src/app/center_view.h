#pragma once

// What the web desks see of the running centre, folded from the router's events on the core
// loop: today's live figures (stats::LiveStats), today by interval (stats::IntervalSeries),
// the live calls (api::CallBook), and the listeners of the API's live feed.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "acd/events.h"
#include "acd/router.h"
#include "alerts/alert_book.h"
#include "alerts/alert_evaluator.h"
#include "api/call_book.h"
#include "api/center.h"
#include "common/result.h"
#include "stats/interval_series.h"
#include "stats/live_stats.h"
#include "stats/stats_config.h"

namespace markaz::app {

/// Thread: the core loop, except subscribe() and the handle it returns (any thread).
class CenterView {
public:
    using Listener = std::function<void(const acd::Event&)>;
    using CallListener = std::function<void(const CallId&)>;
    using FlowListener = std::function<void(const api::FlowEvent&)>;

    /// Fails when `config` does not pass stats::validate(). Today starts at the local
    /// midnight (config.utc_offset) before `now`; today's figures start from `today` (the
    /// events a previous run stored since then, and what closed them), so a restart does not
    /// set the wallboard back to zero. The live calls are not among them: only this run's.
    static Result<std::unique_ptr<CenterView>> create(stats::StatsConfig config, WallTime now,
                                                      const std::vector<acd::Event>& today = {},
                                                      std::vector<alerts::AlertRule> rules = {});

    /// Folds the router's events, in order, and hands each to the listeners. A new local day
    /// starts a new interval series.
    void apply(const std::vector<acd::Event>& events);

    /// Folds what the call flow alone knows (a call in the IVR, its facts, its end, the
    /// supervisors in it) and tells the call listeners.
    void apply(const api::FlowEvent& event);

    const api::CallBook& book() const { return book_; }

    stats::LiveSnapshot live(WallTime now) const;
    /// Local midnight through the interval holding `now`.
    api::TodayIntervals today(WallTime now);

    /// Evaluates the alert rules on the live figures at `now`: what was raised or cleared
    /// (docs/alerts.md). Nothing when there are no rules.
    std::vector<alerts::AlertChange> check_alerts(WallTime now);
    /// The entries the last check_alerts or replace_alert_rules raised or cleared, as they now
    /// stand: what the store keeps.
    const std::vector<alerts::AlertEntry>& alerts_touched() const { return touched_; }
    bool has_alert_rules() const { return !alert_rules_.rules().empty(); }
    const std::vector<alerts::AlertRule>& alert_rules() const { return alert_rules_.rules(); }
    /// Evaluates `rules` from now on (docs/alerts.md "Rules made in the browser"): alerts of
    /// rules removed or changed are cleared in the book at `now`.
    std::vector<alerts::AlertChange> replace_alert_rules(std::vector<alerts::AlertRule> rules,
                                                         WallTime now);
    const alerts::AlertBook& alert_book() const { return alert_book_; }
    /// A trunk's answer to Markaz's OPTIONS pings changed (sip::SipNotice TrunkReachable and
    /// TrunkUnreachable): the figure of `trunk-unreachable` rules.
    void set_trunk_reachable(const std::string& trunk, bool reachable) {
        other_figures_.trunks_reachable[trunk] = reachable;
    }
    /// Evaluations submitted or changed (docs/alerts.md "QA score"), by id: a mark replaces
    /// the one of its evaluation, none removes it (an evaluation no longer submitted).
    void note_qa_marks(const std::map<std::int64_t, std::optional<alerts::QaMark>>& marks) {
        for (const auto& [id, mark] : marks) {
            if (mark) {
                other_figures_.qa_marks[id] = *mark;
            } else {
                other_figures_.qa_marks.erase(id);
            }
        }
    }
    /// The alerts a previous run kept (the latest first): the list, and those still up, which
    /// are not raised again (docs/alerts.md "After a restart"). An alert still up of a rule
    /// that is gone is closed at `now`; the entries to keep again are returned.
    std::vector<alerts::AlertEntry> restore_alerts(std::vector<alerts::AlertEntry> entries,
                                                   WallTime now);
    Result<alerts::AlertEntry> acknowledge_alert(std::uint64_t id, const std::string& by,
                                                 WallTime at) {
        return alert_book_.acknowledge(id, by, at);
    }

    /// See api::Center::subscribe.
    std::shared_ptr<void> subscribe(Listener listener);
    /// See api::Center::watch_calls.
    std::shared_ptr<void> watch_calls(CallListener listener);
    /// Like watch_calls(), with the change itself (a supervisor's phone that joined a call).
    std::shared_ptr<void> watch_flow(FlowListener listener);

private:
    CenterView(stats::StatsConfig config, stats::LiveStats live, stats::IntervalSeries series,
               WallTime day_start, std::vector<alerts::AlertRule> rules);
    /// Adds `listener` to `to`; dropping the handle returned removes it.
    template <class Any>
    std::shared_ptr<void> listen(const std::shared_ptr<std::map<int, Any>>& to, Any listener);
    /// Local midnight at or before `at`, in UTC.
    WallTime day_start(WallTime at) const;
    void roll_day(WallTime at);

    stats::StatsConfig config_;
    stats::LiveStats live_;
    stats::IntervalSeries series_;
    WallTime day_start_;
    api::CallBook book_;
    alerts::AlertEvaluator alert_rules_;
    alerts::AlertBook alert_book_;
    alerts::OtherFigures other_figures_;  ///< what the alert rules read beside the live figures
    std::vector<alerts::AlertEntry> touched_;

    /// Listeners are called with this held, so that dropping a handle waits for a call in
    /// progress and no listener runs after its handle is gone.
    std::shared_ptr<std::mutex> listeners_mutex_ = std::make_shared<std::mutex>();
    std::shared_ptr<std::map<int, Listener>> listeners_ =
        std::make_shared<std::map<int, Listener>>();
    std::shared_ptr<std::map<int, CallListener>> call_listeners_ =
        std::make_shared<std::map<int, CallListener>>();
    std::shared_ptr<std::map<int, FlowListener>> flow_listeners_ =
        std::make_shared<std::map<int, FlowListener>>();
    int next_listener_ = 1;
};

}  // namespace markaz::app
