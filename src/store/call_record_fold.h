#pragma once

// A call's record follows the router's events of that call: the queues it joined, its position
// and wait, the agents it was offered to, who answered, talk and hold time, and how it left
// the line. One definition, used by the call flow as each event happens and by anything that
// rebuilds a record from the event log. Pure: no clock, no I/O.

#include "acd/events.h"
#include "store/call_record.h"

namespace markaz::store {

/// Folds `event` into `record` (the caller makes sure it is an event of the record's call).
/// Events that say nothing of a call's record change nothing.
void fold(CallRecord& record, const acd::Event& event);

}  // namespace markaz::store
