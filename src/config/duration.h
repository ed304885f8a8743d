#pragma once

#include <string_view>

#include "common/result.h"
#include "common/time.h"

namespace markaz::config {

/// Parses a duration as people write it in config files and on the command line:
/// "250ms", "20s", "30m", "8h", "1d"; a bare number is seconds. Negative values are rejected.
Result<Duration> parse_duration(std::string_view text);

/// Parses a fraction written as "80%" or "0.8" into 0.8; it must lie in [0, 1].
Result<double> parse_fraction(std::string_view text);

}  // namespace markaz::config
