#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_table.h"
#include "common/time.h"

namespace markaz::store {

/// How a call ended, for reports (docs/call-records.md).
enum class Disposition {
    Answered,   ///< an agent took it
    Abandoned,  ///< the caller hung up while waiting
    Blocked,    ///< a queue refused it (full, no agents)
    TimedOut,   ///< the queue's exit rule took it out (max wait, queue empty)
    Callback,   ///< the caller asked to be called back and hung up
    Ivr,        ///< ended in the IVR without reaching a queue (hung up, or the flow's hang-up)
    Failed,     ///< an originated call (a callback) that nobody answered
};
inline constexpr EnumTable<Disposition, 7> kDispositionNames{{{
    {Disposition::Answered, "answered"},
    {Disposition::Abandoned, "abandoned"},
    {Disposition::Blocked, "blocked"},
    {Disposition::TimedOut, "timed-out"},
    {Disposition::Callback, "callback"},
    {Disposition::Ivr, "ivr"},
    {Disposition::Failed, "failed"},
}}};

/// An agent's part of a call that they transferred on (blind, to a queue).
struct Transfer {
    std::string agent;
    std::string queue;     ///< the queue they answered for
    std::string to_queue;  ///< where the caller went
    WallTime at{};
    Duration talk{};
    Duration hold{};
    std::string to_agent;   ///< the colleague it was passed to; "" for the queue's next agent
    bool attended = false;  ///< after a consult: the colleague had talked with the agent
    std::string to_number;  ///< out of the queues, to this number ("" for a queue or colleague)
    friend bool operator==(const Transfer&, const Transfer&) = default;
};

/// A supervisor in the call in one mode, from when their phone joined (or they changed mode)
/// to when they left or changed mode again.
struct MonitorPeriod {
    std::string user;
    std::string extension;
    std::string mode;  ///< listen, whisper, barge
    WallTime from{};
    WallTime to{};
    friend bool operator==(const MonitorPeriod&, const MonitorPeriod&) = default;
};

/// The recording paused (card details): silence in the file from `from` to `to`.
struct RecordingPause {
    std::string by;  ///< the user who paused it
    WallTime from{};
    WallTime to{};
    friend bool operator==(const RecordingPause&, const RecordingPause&) = default;
};

/// One record per call: what a report, a CSV export or a QA search needs, in one row.
struct CallRecord {
    std::string id;
    WallTime started{};
    WallTime ended{};
    std::string caller;
    std::string dialled;
    std::vector<std::string> ivr_path;  ///< IVR nodes entered, in order
    std::string digits;                 ///< every key pressed in the IVR
    std::map<std::string, std::string> variables;
    std::vector<std::string> queues;  ///< every queue joined, in order
    std::optional<WallTime> joined;   ///< first queue joined
    std::optional<Duration> wait;     ///< from joining to answer or leaving
    std::optional<int> position;      ///< position at joining the first queue
    std::vector<std::string> agents_offered;
    std::string agent;  ///< who answered last (who finished the call)
    Duration talk{};    ///< every agent's, transfers included
    Duration hold{};
    std::vector<Transfer> transfers;  ///< agents who passed the caller on, in order
    std::optional<Duration> wrap;     ///< after-call work; set when it ends
    Disposition disposition = Disposition::Ivr;
    std::string hangup_side;              ///< caller, agent, system
    std::string hangup_cause;             ///< "caller hung up", "max-wait", "queue-full" ...
    std::string recording;                ///< the WAV file, "" when not recorded
    std::vector<MonitorPeriod> monitors;  ///< supervisors in the call, oldest first
    std::vector<RecordingPause> recording_pauses;  ///< oldest first

    friend bool operator==(const CallRecord&, const CallRecord&) = default;
};

/// A callback request the caller was told is booked.
struct CallbackRequest {
    std::string call;
    std::string queue;
    std::string number;
    WallTime requested{};
    int attempts = 0;
    friend bool operator==(const CallbackRequest&, const CallbackRequest&) = default;
};

}  // namespace markaz::store
