#include "ivr/opening_hours.h"

namespace markaz::ivr {

namespace {

struct LocalTime {
    long day = 0;  ///< days since 1970-01-01, local
    std::chrono::minutes minute_of_day{0};
};

LocalTime local(WallTime now, std::chrono::minutes offset) {
    auto minutes = std::chrono::floor<std::chrono::minutes>(now.time_since_epoch()) + offset;
    auto days = std::chrono::floor<std::chrono::days>(minutes);
    return LocalTime{static_cast<long>(days.count()), minutes - days};
}

}  // namespace

bool OpeningHours::is_holiday(WallTime now) const {
    long day = local(now, utc_offset).day;
    CivilDate gregorian = gregorian_from_days(day);
    CivilDate persian = jalali_from_gregorian(gregorian);
    for (const Holiday& h : holidays) {
        const CivilDate& date = h.calendar == Holiday::Calendar::Gregorian ? gregorian : persian;
        if (date.month == h.month && date.day == h.day && (h.year == 0 || h.year == date.year)) {
            return true;
        }
    }
    return false;
}

bool OpeningHours::is_open(WallTime now) const {
    if (is_holiday(now)) {
        return false;
    }
    LocalTime t = local(now, utc_offset);
    auto weekday = static_cast<std::size_t>(((t.day % 7) + 7 + 4) % 7);  // 1970-01-01: Thursday
    for (const TimeRange& range : weekly[weekday]) {
        if (t.minute_of_day >= range.from && t.minute_of_day < range.to) {
            return true;
        }
    }
    return false;
}

}  // namespace markaz::ivr
