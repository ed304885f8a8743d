#pragma once

// What a restart must close (docs/metrics.md "After a restart"): replaying today's events
// after a crash leaves callers in queues the new run knows nothing of, and agents in the states
// they had when the server died. These events, appended at the restart, end them — in the
// event log, so live figures, reports and exports all read the same story.

#include <string>
#include <vector>

#include "acd/events.h"

namespace markaz::stats {

/// For `events` in the order they happened: each call still waiting in a queue (not a
/// callback request: those are restored and go on) removed, and each agent not logged out
/// logged out, at `at`, by `by`. Pure.
std::vector<acd::Event> closing_events(const std::vector<acd::Event>& events, WallTime at,
                                       const std::string& by);

}  // namespace markaz::stats
