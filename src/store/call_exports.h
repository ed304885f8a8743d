#pragma once

#include <string>
#include <vector>

#include "acd/events.h"
#include "store/call_record.h"

namespace markaz::store {

// Exports for other tools. Pure functions: text in, text out.

/// Call records as CSV (RFC 4180: a header row, fields quoted when they hold a comma, a quote
/// or a line break; times in ISO 8601 UTC, durations in whole seconds).
std::string call_records_csv(const std::vector<CallRecord>& records);

/// Events in Asterisk's `queue_log` format, one line each
/// ("epoch|callid|queue|agent|verb|data1|data2|..."), so tools that read Asterisk queue logs
/// (QueueMetrics and the like) read Markaz's: ENTERQUEUE, CONNECT, COMPLETECALLER,
/// COMPLETEAGENT, ABANDON, EXITWITHTIMEOUT, EXITEMPTY, FULL, JOINEMPTY, RINGNOANSWER,
/// AGENTLOGIN, AGENTLOGOFF, PAUSE, UNPAUSE. Agents appear as "Agent/<id>"; events with no
/// queue_log verb (holds, priority changes, callbacks) are left out. `events` in the order
/// they happened (CONNECT and COMPLETE* take wait and position from earlier events).
std::string queue_log(const std::vector<acd::Event>& events);

}  // namespace markaz::store
