#pragma once

#include <string>
#include <string_view>

#include "acd/config.h"
#include "common/result.h"

namespace markaz::config {

// The router configuration file (config/markaz.yaml): pause reasons, queues and agents.
// Every error names the file, the line and the field path:
//   "config/demo.yaml:14: queues[2].strategy: unknown value 'fastest' (expected one of: ...)".
// Unknown keys are errors, so a typo never passes silently. Nothing is half-applied: the
// caller gets a whole RouterConfig or an Error. Thread: any.

/// Reads and validates the file at `path`.
Result<acd::RouterConfig> load_router_config(const std::string& path);

/// Validates YAML `text`; `source_name` is the file name used in error messages.
Result<acd::RouterConfig> parse_router_config(std::string_view text, std::string_view source_name);

}  // namespace markaz::config
