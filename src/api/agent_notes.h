#pragma once

// What the API shows of an agent that the router's AgentSnapshot does not carry: who made the
// last state change and when (from AgentStateChanged events), and the reason of a pause asked
// for during a call (the router keeps only the pending state).

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "acd/events.h"
#include "common/ids.h"
#include "common/time.h"

namespace markaz::api {

struct AgentNote {
    std::string state_changed_by;
    std::optional<WallTime> state_changed_at;
    std::string pending_reason;
};

/// Notes per agent, folded from the event feed. Thread: apply() on the core loop (through
/// Center::subscribe), reads from HTTP threads; one mutex.
class AgentNotes {
public:
    void apply(const acd::Event& event);
    /// A pause with `reason` was asked for while the agent was busy (set by the API when the
    /// router accepted it without a state change).
    void set_pending_reason(const AgentId& agent, std::string reason);
    std::map<AgentId, AgentNote> all() const;

private:
    mutable std::mutex mutex_;
    std::map<AgentId, AgentNote> notes_;
};

}  // namespace markaz::api
