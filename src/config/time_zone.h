#pragma once

// The centre's time zone by its IANA name (`stats.time_zone: Asia/Tehran`), read from the
// system's tz database (/usr/share/zoneinfo, Debian's tzdata) so reports put midnight where it
// was on each day: Tehran's summer time until 2022 included.

#include <string>
#include <string_view>

#include "common/result.h"
#include "reports/zone_offsets.h"

namespace markaz::config {

/// The zone `name` ("Asia/Tehran", "UTC") from the TZif file under `zoneinfo`. InvalidArgument
/// naming the zone when the name is not one (no such file, "..", other characters) or the
/// file is not a TZif file of version 2 or later.
Result<reports::ZoneOffsets> load_time_zone(std::string_view name,
                                            const std::string& zoneinfo = "/usr/share/zoneinfo");

/// The offsets in a TZif file's bytes (RFC 8536, version 2 or later: its 64-bit part). The
/// transitions listed are used; after the last one its offset holds (Debian's files list
/// transitions through 2037).
Result<reports::ZoneOffsets> parse_tzif(std::string_view bytes);

}  // namespace markaz::config
