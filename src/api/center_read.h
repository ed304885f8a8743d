#pragma once

// One read of the centre for building documents: the parts a request needs, read once, with
// lookups by id. Documents built from one read agree with each other (the same `at`).

#include <map>
#include <vector>

#include "acd/config.h"
#include "acd/router.h"
#include "api/agent_notes.h"
#include "api/center.h"
#include "stats/live_stats.h"

namespace markaz::api {

/// Which parts of the centre to read (a bit set).
enum ReadPart : unsigned {
    kReadConfig = 1U << 0,
    kReadLive = 1U << 1,
    kReadAgents = 1U << 2,
    kReadCalls = 1U << 3,
    kReadAll = kReadConfig | kReadLive | kReadAgents | kReadCalls,
};

struct CenterRead {
    /// The instant the documents describe: the live snapshot's when it was read, else now.
    WallTime at{};
    acd::RouterConfig config;
    stats::LiveSnapshot live;
    std::vector<acd::AgentSnapshot> agents;
    std::vector<LiveCall> calls;  ///< queued calls only (IVR calls are not listed), sorted
    std::map<AgentId, AgentNote> notes;

    const acd::AgentConfig* agent_config(const AgentId& id) const;
    const acd::QueueConfig* queue_config(const QueueId& id) const;
    const acd::AgentSnapshot* agent(const AgentId& id) const;
    const stats::AgentLive* agent_live(const AgentId& id) const;
    const stats::QueueLive* queue_live(const QueueId& id) const;
    const LiveCall* call(const CallId& id) const;
    const AgentNote* note(const AgentId& id) const;

    std::map<AgentId, std::size_t> agent_index;
    std::map<AgentId, std::size_t> agent_live_index;
};

/// Reads `parts` of `center` (and the notes when agents are read). `now` is used when the live
/// snapshot is not read. Calls come by queue in configured order, then serving order
/// (position; connected calls after the line, by join time).
CenterRead read_center(const Center& center, const AgentNotes& notes, unsigned parts, WallTime now);

}  // namespace markaz::api
