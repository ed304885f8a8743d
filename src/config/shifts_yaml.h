#pragma once

// The `shifts:` section (docs/reports.md "Attendance"): the working hours attendance measures
// late logins, early logouts and absences against.
//
//   shifts:
//     - {name: morning, start: "08:00", end: "16:00", days: [sat, sun, mon, tue, wed],
//        grace: 5m, agents: [a1001, a1002]}

#include <vector>

#include "acd/config.h"
#include "config/yaml_reader.h"
#include "reports/attendance.h"

namespace markaz::config {

/// Reads the shifts into `out`; the error names the shift's index and field. Each agent named
/// must be configured and in one shift at most.
bool read_shifts(YamlReader& reader, const YAML::Node& root, const acd::RouterConfig& router,
                 std::vector<reports::Shift>& out);

}  // namespace markaz::config
