#include "reports/attendance.h"

#include <algorithm>

namespace markaz::reports {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays{"sun", "mon", "tue", "wed",
                                                    "thu", "fri", "sat"};

/// The length of [from, to) inside [lo, hi).
Duration overlap(WallTime from, WallTime to, WallTime lo, WallTime hi) {
    const WallTime a = std::max(from, lo);
    const WallTime b = std::min(to, hi);
    return b > a ? b - a : Duration{};
}

bool within(WallTime at, const Period& day) {
    return at >= day.from && at < day.to;
}

}  // namespace

Result<int> parse_weekday(std::string_view text) {
    for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
        if (text == kWeekdays[i]) {
            return static_cast<int>(i);
        }
    }
    return fail(Errc::InvalidArgument, "must be one of sat, sun, mon, tue, wed, thu, fri");
}

std::optional<std::pair<WallTime, WallTime>> shift_on(const Shift& shift, WallTime day_start,
                                                      const ZoneOffsets& zone) {
    const LocalTime midnight = std::chrono::floor<std::chrono::days>(zone.local(day_start));
    const auto days = midnight.time_since_epoch() / std::chrono::days{1};
    const auto weekday = static_cast<std::size_t>(((days % 7) + 7 + 4) % 7);  // 1970-01-01: Thu
    if (!shift.days[weekday]) {
        return std::nullopt;
    }
    const WallTime start = zone.first_at_or_after(midnight + shift.start);
    const auto end_local = midnight + shift.end +
                           (shift.end <= shift.start ? Duration{std::chrono::days{1}} : Duration{});
    return std::make_pair(start, zone.first_at_or_after(end_local));
}

AttendanceDay attendance_day(const Period& day, const std::vector<SessionSpan>& sessions,
                             const std::vector<StateSpan>& spans, const Shift* shift,
                             const std::optional<Correction>& correction, const ZoneOffsets& zone,
                             WallTime now) {
    AttendanceDay out;
    out.day = day;
    out.shift = shift;
    const WallTime end = std::min(day.to, now);
    bool open_at_end = false;
    for (const SessionSpan& s : sessions) {
        const WallTime until = s.logout.value_or(now);
        if (s.login >= day.to || until < day.from) {
            continue;
        }
        out.logged_in += overlap(s.login, until, day.from, end);
        if (within(s.login, day)) {
            ++out.sessions;
            out.first_login = std::min(out.first_login.value_or(s.login), s.login);
        }
        if (s.logout && within(*s.logout, day)) {
            out.last_logout = std::max(out.last_logout.value_or(*s.logout), *s.logout);
        }
        if (!s.logout || *s.logout >= day.to) {
            open_at_end = true;
        }
    }
    if (open_at_end) {
        out.last_logout.reset();
    }
    for (const StateSpan& s : spans) {
        const Duration d = overlap(s.from, s.to.value_or(now), day.from, end);
        if (d > Duration{}) {
            out.states[s.state] += d;
            if (s.state == "paused") {
                out.pauses[s.reason.empty() ? "-" : s.reason] += d;
            }
        }
    }
    if (correction) {
        out.correction = correction;
        out.first_login = correction->login;
        out.last_logout = correction->logout;
        out.logged_in = correction->logout - correction->login;
    }
    const auto hours = shift ? shift_on(*shift, day.from, zone) : std::nullopt;
    if (hours) {
        if (out.first_login) {
            const WallTime on_time = hours->first + shift->grace;
            out.late = *out.first_login > on_time ? *out.first_login - hours->first : Duration{};
        } else if (now >= hours->second) {
            out.absent = true;
        }
        if (out.last_logout) {
            out.left_early =
                *out.last_logout < hours->second ? hours->second - *out.last_logout : Duration{};
        }
    }
    return out;
}

}  // namespace markaz::reports
