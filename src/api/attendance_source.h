#pragma once

// Where attendance is read from and corrections kept (docs/reports.md "Attendance"): the
// sessions and state spans the store writes with the events, and supervisors' corrections
// (store::AttendanceBook). Thread: any; implementations synchronise.

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "reports/attendance.h"

namespace markaz::api {

class AttendanceSource {
public:
    virtual ~AttendanceSource() = default;
    /// The agent's sessions overlapping [from, to), by login.
    virtual Result<std::vector<reports::SessionSpan>> sessions(const std::string& agent,
                                                               WallTime from, WallTime to) = 0;
    /// The agent's state spans overlapping [from, to), in time order.
    virtual Result<std::vector<reports::StateSpan>> state_spans(const std::string& agent,
                                                                WallTime from, WallTime to) = 0;
    /// The agent's corrections of the days starting in [from, to).
    virtual Result<std::vector<reports::Correction>> corrections(const std::string& agent,
                                                                 WallTime from, WallTime to) = 0;
    /// Keeps `correction` of the agent's day, replacing one of the same day.
    virtual Result<void> correct(const std::string& agent,
                                 const reports::Correction& correction) = 0;
};

}  // namespace markaz::api
