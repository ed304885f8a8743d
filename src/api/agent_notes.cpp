#include "api/agent_notes.h"

namespace markaz::api {

void AgentNotes::apply(const acd::Event& event) {
    const auto* changed = std::get_if<acd::AgentStateChanged>(&event.body);
    if (changed == nullptr) {
        return;
    }
    std::lock_guard lock(mutex_);
    AgentNote& note = notes_[changed->agent];
    note.state_changed_by = changed->by;
    note.state_changed_at = event.at;
    note.pending_reason.clear();  // a pending change has now been applied or replaced
}

void AgentNotes::set_pending_reason(const AgentId& agent, std::string reason) {
    std::lock_guard lock(mutex_);
    notes_[agent].pending_reason = std::move(reason);
}

std::map<AgentId, AgentNote> AgentNotes::all() const {
    std::lock_guard lock(mutex_);
    return notes_;
}

}  // namespace markaz::api
