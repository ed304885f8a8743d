#pragma once

// How a call record is laid out in the `calls` table: its list columns as JSON text, and one
// reading of a row, shared by the call log (the call flow's writer) and the record index (the
// API's searches).

#include <string>
#include <vector>

#include "store/call_record.h"
#include "store/sqlite_db.h"

namespace markaz::store {

/// The columns call_from_row() reads, in its order, for "SELECT <kCallColumns> FROM calls".
inline constexpr const char* kCallColumns =
    "id, started_ms, ended_ms, caller, dialled, ivr_path, digits, variables, queues, joined_ms, "
    "wait_ms, position, agents_offered, agent, talk_ms, hold_ms, wrap_ms, disposition, "
    "hangup_side, hangup_cause, recording, transfers, monitors, recording_pauses";

/// The record of a row selected with kCallColumns.
CallRecord call_from_row(const SqliteStatement& row);

/// Lists are kept as JSON arrays, so names with commas survive.
std::string json_list(const std::vector<std::string>& items);
/// A list written by json_list(); empty for anything else.
std::vector<std::string> list_of(const std::string& text);

std::string transfers_json(const std::vector<Transfer>& transfers);
/// Written by transfers_json() only; an entry that is not what it wrote is skipped.
std::vector<Transfer> transfers_of(const std::string& text);

std::string monitors_json(const std::vector<MonitorPeriod>& monitors);
std::string pauses_json(const std::vector<RecordingPause>& pauses);
/// Written by pauses_json() only; an entry that is not what it wrote is skipped.
std::vector<RecordingPause> pauses_of(const std::string& text);
/// Written by monitors_json() only; an entry that is not what it wrote is skipped.
std::vector<MonitorPeriod> monitors_of(const std::string& text);

}  // namespace markaz::store
