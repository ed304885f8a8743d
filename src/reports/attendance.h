#pragma once

// Each agent's day at work (docs/reports.md "Attendance"): sessions from login to logout, the
// time in each state and each pause reason, and — when the agent has a shift — how late they
// came, how early they left, or that they did not come. Made from the sessions and state spans
// the store keeps as events arrive, cut to the centre's local day. Pure: the clock comes in.

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reports/periods.h"

namespace markaz::reports {

/// From a login to its logout (none while still logged in).
struct SessionSpan {
    WallTime login;
    std::optional<WallTime> logout;
};

/// Time in one state ("available", "paused", ...), with the pause reason; no end while in it.
struct StateSpan {
    std::string state;
    std::string reason;
    WallTime from;
    std::optional<WallTime> to;
};

/// A working shift (the `shifts:` section): from `start` to `end` of the local day (an end at or
/// before the start is on the next day), on the weekdays set (0 = Sunday ... 6 = Saturday).
struct Shift {
    std::string name;
    std::chrono::minutes start{0};
    std::chrono::minutes end{0};
    std::array<bool, 7> days{};
    std::chrono::minutes grace{0};  ///< a login this long after the start is not late
    std::vector<std::string> agents;
};

/// A supervisor's word on a day: the agent was there from `login` to `logout`.
struct Correction {
    WallTime day;  ///< the local day's start
    WallTime login;
    WallTime logout;
    std::string reason;
    std::string by;
    WallTime at;
};

struct AttendanceDay {
    Period day;
    int sessions = 0;  ///< logins that day
    std::optional<WallTime> first_login;
    std::optional<WallTime> last_logout;  ///< none while logged in at the day's end (or now)
    Duration logged_in{};
    std::map<std::string, Duration> states;  ///< by state name
    std::map<std::string, Duration> pauses;  ///< paused, by reason
    const Shift* shift = nullptr;
    std::optional<Duration> late;        ///< with a shift that day and a login
    std::optional<Duration> left_early;  ///< with a shift that day and a last logout
    bool absent = false;                 ///< a shift day that ended without a login
    std::optional<Correction> correction;
};

/// `day` for one agent: `sessions` and `spans` those of the agent that may overlap it (others
/// are ignored), `shift` theirs if any, `correction` theirs for the day if any; nothing after
/// `now` is counted.
AttendanceDay attendance_day(const Period& day, const std::vector<SessionSpan>& sessions,
                             const std::vector<StateSpan>& spans, const Shift* shift,
                             const std::optional<Correction>& correction, const ZoneOffsets& zone,
                             WallTime now);

/// The shift's start and end on the local day starting at `day_start`, if it works that day.
std::optional<std::pair<WallTime, WallTime>> shift_on(const Shift& shift, WallTime day_start,
                                                      const ZoneOffsets& zone);

/// "sat".."fri" and "sun" as weekdays (0 = Sunday); InvalidArgument naming the accepted ones.
Result<int> parse_weekday(std::string_view text);

}  // namespace markaz::reports
