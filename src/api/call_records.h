#pragma once

// Finished calls as the API finds them (docs/api.md "Call records"): searched by the QA
// analysts, supervisors and managers, with the recording of each. Kept by the store
// (store::CallRecordIndex, on the store's SQLite file); the API only reads.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "qa/sampling.h"

namespace markaz::api {

/// What a search asks for: every condition given must hold.
struct RecordQuery {
    WallTime from{};                   ///< started at or after
    WallTime to{};                     ///< started before
    std::optional<std::string> agent;  ///< talked to the caller (answered, or transferred them)
    std::optional<std::string> queue;  ///< the call joined it
    std::string caller;                ///< part of the caller's number; "" for any
    std::optional<std::string> disposition;
    std::optional<Duration> min_talk;
    std::optional<Duration> max_talk;
    std::optional<bool> recorded;  ///< with (true) or without (false) a recording
    /// With (true) or without (false) a submitted evaluation (docs/quality.md).
    std::optional<bool> evaluated;
    /// Some submitted evaluation of the call scored within [min_score, max_score].
    std::optional<double> min_score;
    std::optional<double> max_score;
    /// The reader's scope: only calls that joined one of these queues; nullopt for all.
    std::optional<std::vector<std::string>> within_queues;
    bool newest_first = true;
    int limit = 50;
    int offset = 0;
};

/// One agent's part of a call they passed on.
struct RecordTransfer {
    std::string agent;
    std::string queue;
    std::string to_queue;
    WallTime at{};
    Duration talk{};
    Duration hold{};
    std::string to_agent;   ///< "" when to the queue's next agent
    bool attended = false;  ///< after a consult with `to_agent`
    std::string to_number;  ///< out of the queues, to this number
};

/// A supervisor in the call in one mode (listen, whisper, barge) from `from` to `to`.
struct RecordMonitor {
    std::string user;
    std::string extension;
    std::string mode;
    WallTime from{};
    WallTime to{};
};

/// The recording paused for card details: silence in the file from `from` to `to`.
struct RecordPause {
    std::string by;
    WallTime from{};
    WallTime to{};
};

/// A finished call, as the store keeps it (store::CallRecord, without what only the server
/// needs).
struct CallRecordEntry {
    std::string id;
    WallTime started{};
    WallTime ended{};
    std::string caller;
    std::string dialled;
    std::vector<std::string> ivr_path;
    std::string digits;
    std::map<std::string, std::string> variables;
    std::vector<std::string> queues;
    std::optional<Duration> wait;
    std::string agent;  ///< who answered last
    Duration talk{};
    Duration hold{};
    std::optional<Duration> wrap;
    std::vector<RecordTransfer> transfers;
    std::string disposition;
    std::string hangup_side;
    std::string hangup_cause;
    std::string recording;  ///< the WAV file's path, "" when not recorded (never sent out)
    std::vector<RecordMonitor> monitors;  ///< oldest first
    bool legal_hold = false;              ///< kept whatever the retention says
    int evaluations = 0;                  ///< submitted evaluations of it (drafts not counted)
    std::vector<RecordPause> recording_pauses;  ///< oldest first
};

/// Everyone who talked to the caller: who answered last, and each agent who transferred them.
inline std::set<std::string> agents_of(const CallRecordEntry& record) {
    std::set<std::string> agents;
    for (const RecordTransfer& t : record.transfers) {
        agents.insert(t.agent);
    }
    if (!record.agent.empty()) {
        agents.insert(record.agent);
    }
    return agents;
}

struct RecordPage {
    std::vector<CallRecordEntry> records;
    std::int64_t total = 0;  ///< matching the query, all pages
};

/// Thread: any.
class CallRecords {
public:
    virtual ~CallRecords() = default;
    [[nodiscard]] virtual Result<RecordPage> search(const RecordQuery& query) = 0;
    /// The finished call `id`; nullopt when there is none (or it is still going on).
    [[nodiscard]] virtual Result<std::optional<CallRecordEntry>> find(const std::string& id) = 0;
    /// Puts the finished call `id` on legal hold (its recording is kept whatever the retention
    /// says) or takes it off; on disk when this returns.
    [[nodiscard]] virtual Result<void> set_legal_hold(const std::string& id, bool on) = 0;
    /// Answered calls matching `query` (its order and paging aside) that have no evaluation,
    /// not even a draft, oldest first, at most `max`: what QA's sampling picks from.
    [[nodiscard]] virtual Result<std::vector<qa::Candidate>> unevaluated(const RecordQuery& query,
                                                                         int max) = 0;
};

}  // namespace markaz::api
