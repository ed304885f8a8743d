#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "sim/scenario.h"

namespace markaz::config {

// The simulator's scenario file: seed, duration, interval, queues (routing settings as in the
// router config plus arrivals, handle_time, patience, call_skills) and agent groups.
// Errors name the file, the line and the field path; unknown keys are errors. Thread: any.

/// Reads and validates the scenario file at `path`.
Result<sim::Scenario> load_scenario(const std::string& path);

/// Validates YAML `text`; `source_name` is the file name used in error messages.
Result<sim::Scenario> parse_scenario(std::string_view text, std::string_view source_name);

}  // namespace markaz::config
