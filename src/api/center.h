#pragma once

// What the HTTP API needs of the running centre. The core loop (src/app) implements Center;
// the API's handlers are written only against it, so they run the same on the live switch and
// on a bare acd::Router in the API's tests.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "acd/commands.h"
#include "acd/config.h"
#include "acd/events.h"
#include "acd/router.h"
#include "alerts/alert_book.h"
#include "common/enum_table.h"
#include "common/ids.h"
#include "common/result.h"
#include "common/time.h"
#include "stats/interval_series.h"
#include "stats/live_stats.h"

namespace markaz::api {

/// A call live now, as the console lists it.
/// How a supervisor is in a call they monitor: hearing caller and agent, heard by nobody
/// (listen), by the agent only (whisper, coaching) or by both (barge, a three-way call).
enum class MonitorMode { Listen, Whisper, Barge };
inline constexpr EnumTable<MonitorMode, 3> kMonitorModeNames{{{
    {MonitorMode::Listen, "listen"},
    {MonitorMode::Whisper, "whisper"},
    {MonitorMode::Barge, "barge"},
}}};

/// Where the agent's consult of a colleague stands: their phone rings, they talk with the
/// agent while the caller holds, or all three are in a conference.
enum class ConsultPhase { Ringing, Talking, Conference };
inline constexpr EnumTable<ConsultPhase, 3> kConsultPhaseNames{{{
    {ConsultPhase::Ringing, "ringing"},
    {ConsultPhase::Talking, "talking"},
    {ConsultPhase::Conference, "conference"},
}}};
/// A colleague the call's agent consults (attended transfer, conference).
struct CallConsult {
    AgentId agent;
    ConsultPhase phase = ConsultPhase::Ringing;
    WallTime since{};
    std::string extension;  ///< the colleague's phone
    std::string number;     ///< or the phone or outside number consulted (agent empty)
    friend bool operator==(const CallConsult&, const CallConsult&) = default;
};

/// A supervisor in a call (once their phone answered).
struct CallMonitor {
    std::string user;
    std::string extension;
    MonitorMode mode = MonitorMode::Listen;
    WallTime since{};
    friend bool operator==(const CallMonitor&, const CallMonitor&) = default;
};

struct LiveCall {
    CallId id;
    QueueId queue;
    std::string caller;
    std::string dialled;
    /// Callback: a callback request in line, or (with `agent` set) the customer being dialled.
    /// TransferredOut: out of the queues to `transferred_to` (a phone or an outside number the
    /// agent sent the caller to), listed until it ends so a supervisor sees the trunk in use.
    enum class State {
        Ivr,
        Waiting,
        Ringing,
        Connected,
        OnHold,
        Callback,
        TransferredOut
    } state = State::Waiting;
    std::optional<AgentId> agent;
    int priority = 0;
    int position = 0;    ///< 1 = head of the line; 0 once connected
    WallTime since{};    ///< joined the queue (or arrived, in the IVR; a callback: the request)
    std::string digits;  ///< collected in the IVR (screen pop)
    std::map<std::string, std::string> variables;

    // Additions for docs/api.md's Call object; the defaults are right for a plain waiting call.
    std::optional<WallTime> answered_at;  ///< connected to `agent`
    std::string extension;                ///< the phone of `agent` (ringing or connected)
    std::string offered_by;               ///< a supervisor who moved the call to `agent`
    bool callback = false;                ///< a callback request (also once dialled)
    std::string callback_number;          ///< the number to call back
    std::vector<std::string> skills;      ///< required skills
    std::vector<std::string> ivr_path;    ///< IVR nodes passed ("main", "menu"); empty: none
    std::vector<CallMonitor> monitors;    ///< supervisors listening, whispering, barging in
    bool recording_paused = false;        ///< card details being given: silence recorded
    std::optional<CallConsult> consult;   ///< a colleague the agent consults
    std::string transferred_to;           ///< TransferredOut: the number
};

/// Today by interval, for GET /api/v1/stats/intervals.
struct TodayIntervals {
    std::chrono::minutes utc_offset{0};    ///< where "today" begins (stats.utc_offset)
    Duration interval{};                   ///< the length of one interval
    std::vector<stats::IntervalRow> rows;  ///< local midnight through the current interval
};

/// One check of GET /readyz: `status` is "ok" or "fail: <why>"; the answer shows only "fail",
/// the reason goes to the log.
struct ReadinessCheck {
    std::string name;
    std::string status;
};

/// What the API needs of the running centre. Implemented by the core loop (src/app); every
/// method may be called from any HTTP thread.
class Center {
public:
    virtual ~Center() = default;

    /// Applies a router command on the core loop and waits for its answer (rejected: the error
    /// names why, nothing changed).
    virtual Result<void> command(const acd::Command& command) = 0;
    virtual stats::LiveSnapshot live() const = 0;
    virtual std::vector<LiveCall> calls() const = 0;
    virtual std::vector<acd::AgentSnapshot> agents() const = 0;
    /// Queues, agents, pause reasons.
    virtual acd::RouterConfig router_config() const = 0;
    /// The call's whole history, live or ended, oldest first; NotFound for an unknown call.
    virtual Result<std::vector<acd::Event>> call_events(const CallId& call) const = 0;
    /// Calls `listener` (on the core loop; must not block) for each event from now on, until
    /// the returned handle is destroyed; destroying it waits for a call in progress, so the
    /// listener is never called after that.
    virtual std::shared_ptr<void> subscribe(std::function<void(const acd::Event&)> listener) = 0;
    /// Like subscribe(), for a live call that changed without a router event (a supervisor
    /// joining it, changing mode, leaving). Without one, nothing is called.
    virtual std::shared_ptr<void> watch_calls(std::function<void(const CallId&)> listener) {
        (void)listener;
        return nullptr;
    }

    // With defaults, so that a centre without them still serves the rest of the API.

    /// Replaces the routing configuration (queue settings, memberships) on the core loop; the
    /// API has checked it with acd::validate(). Waiting callers keep their place; a logged-in
    /// agent joins a queue they were added to at once and leaves one they were removed from
    /// (an offer in progress from it is withdrawn).
    virtual Result<void> reconfigure(acd::RouterConfig config) {
        (void)config;
        return fail(Errc::Unavailable,
                    "changing the configuration while running is not "
                    "available in this server");
    }
    /// Puts the connected call's customer on hold (music) or takes them back, from the agent's
    /// desk. Errors: NotFound, Conflict (not connected, already held or not held).
    virtual Result<void> hold(const CallId& call, bool on_hold, const std::string& by) {
        (void)call, (void)on_hold, (void)by;
        return fail(Errc::Unavailable, "hold from the desk is not available in this server");
    }
    /// Pauses the connected call's recording while card details are given, or resumes it.
    virtual Result<void> pause_recording(const CallId& call, bool paused, const std::string& by) {
        (void)call, (void)paused, (void)by;
        return fail(Errc::Unavailable, "pausing recordings is not available in this server");
    }
    /// Rings `extension` (a supervisor's own phone) and, when it answers, joins it to the
    /// connected call `call` in `mode`; an extension already monitoring the call changes mode
    /// at once. `by` names the user. Errors: NotFound (no such live call), Conflict (not
    /// connected, or the extension is a party of it), InvalidArgument (not an extension).
    virtual Result<void> monitor(const CallId& call, const std::string& extension, MonitorMode mode,
                                 const std::string& by) {
        (void)call, (void)extension, (void)mode, (void)by;
        return fail(Errc::Unavailable, "monitoring calls is not available in this server");
    }
    /// Today by interval; Unavailable when the centre keeps no interval series.
    virtual Result<TodayIntervals> today_intervals() const {
        return fail(Errc::Unavailable, "intervals: not kept by this server");
    }
    /// The alerts up now and the latest cleared ones, the latest first (docs/alerts.md).
    virtual Result<std::vector<alerts::AlertEntry>> alerts() const {
        return std::vector<alerts::AlertEntry>{};
    }
    /// `by` acknowledges alert `id`: NotFound, or Conflict when acknowledged already.
    virtual Result<alerts::AlertEntry> acknowledge_alert(std::uint64_t id, const std::string& by) {
        (void)id, (void)by;
        return fail(Errc::NotFound, "no alert " + std::to_string(id));
    }
    /// Evaluates `rules` from now on, the configuration's and the API's together: an alert
    /// of a rule removed or changed is cleared.
    virtual Result<void> replace_alert_rules(std::vector<alerts::AlertRule> rules) {
        (void)rules;
        return fail(Errc::Unavailable, "alert rules cannot be changed in this server");
    }
    /// Evaluations submitted or changed, by id, for the QA-score alert rules (a mark replaces
    /// its evaluation's; none removes it). Where nothing evaluates alerts, nothing to do.
    virtual void note_qa_marks(std::map<std::int64_t, std::optional<alerts::QaMark>> marks) {
        (void)marks;
    }
    /// The readiness checks (core, store, sip); all "ok" means ready.
    virtual std::vector<ReadinessCheck> readiness() const { return {{"core", "ok"}}; }
};

}  // namespace markaz::api
