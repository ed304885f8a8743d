#include "reports/periods.h"

#include <cstdlib>

#include "ivr/civil_date.h"

namespace markaz::reports {
namespace {

using ivr::CivilDate;
using std::chrono::days;

/// Days since 1970-01-01 of the local day holding `local`.
long day_of(LocalTime local) {
    return static_cast<long>(std::chrono::floor<days>(local).time_since_epoch().count());
}

LocalTime start_of_day(long day) {
    return LocalTime{days{day}};
}

/// 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday.
int weekday(long day) {
    return static_cast<int>(((day % 7) + 7 + 4) % 7);
}

CivilDate in_calendar(long day, Calendar calendar) {
    const CivilDate gregorian = ivr::gregorian_from_days(day);
    return calendar == Calendar::Jalali ? ivr::jalali_from_gregorian(gregorian) : gregorian;
}

long day_from(CivilDate date, Calendar calendar) {
    return ivr::days_from_gregorian(calendar == Calendar::Jalali ? ivr::gregorian_from_jalali(date)
                                                                 : date);
}

/// `value` with leading zeros to `width` digits ("07", "0903").
std::string padded(long value, std::size_t width) {
    std::string digits = std::to_string(std::labs(value));
    if (digits.size() < width) {
        digits.insert(0, width - digits.size(), '0');
    }
    return (value < 0 ? "-" : "") + digits;
}

std::string date_text(CivilDate d) {
    return padded(d.year, 4) + "-" + padded(d.month, 2) + "-" + padded(d.day, 2);
}

/// The first day of the period of `grain` holding `day`.
long period_start(long day, Grain grain, Calendar calendar) {
    switch (grain) {
        case Grain::Interval:
        case Grain::Day:
            return day;
        case Grain::Week:  // Saturday for Jalali readers, Monday (ISO) for the others
            return day -
                   (calendar == Calendar::Jalali ? (weekday(day) + 1) % 7 : (weekday(day) + 6) % 7);
        case Grain::Month: {
            CivilDate d = in_calendar(day, calendar);
            return day_from({d.year, d.month, 1}, calendar);
        }
        case Grain::Year: {
            CivilDate d = in_calendar(day, calendar);
            return day_from({d.year, 1, 1}, calendar);
        }
    }
    return day;
}

/// The first day of the period after the one starting on `start`.
long next_start(long start, Grain grain, Calendar calendar) {
    switch (grain) {
        case Grain::Interval:
        case Grain::Day:
            return start + 1;
        case Grain::Week:
            return start + 7;
        case Grain::Month: {
            CivilDate d = in_calendar(start, calendar);
            return day_from(
                d.month == 12 ? CivilDate{d.year + 1, 1, 1} : CivilDate{d.year, d.month + 1, 1},
                calendar);
        }
        case Grain::Year: {
            CivilDate d = in_calendar(start, calendar);
            return day_from({d.year + 1, 1, 1}, calendar);
        }
    }
    return start + 1;
}

std::string label(long start, Grain grain, Calendar calendar) {
    const CivilDate d = in_calendar(start, calendar);
    switch (grain) {
        case Grain::Week:
            if (calendar == Calendar::Gregorian) {
                // ISO 8601: the week belongs to the year of its Thursday.
                const CivilDate thursday = ivr::gregorian_from_days(start + 3);
                const long first = ivr::days_from_gregorian({thursday.year, 1, 1});
                return padded(thursday.year, 4) + "-W" + padded((start + 3 - first) / 7 + 1, 2);
            }
            return date_text(d);
        case Grain::Month:
            return padded(d.year, 4) + "-" + padded(d.month, 2);
        case Grain::Year:
            return std::to_string(d.year);
        case Grain::Interval:
        case Grain::Day:
            return date_text(d);
    }
    return date_text(d);
}

}  // namespace

std::string_view calendar_name(Calendar calendar) {
    return calendar == Calendar::Jalali ? "jalali" : "gregorian";
}

std::string_view grain_name(Grain grain) {
    switch (grain) {
        case Grain::Interval:
            return "interval";
        case Grain::Day:
            return "day";
        case Grain::Week:
            return "week";
        case Grain::Month:
            return "month";
        case Grain::Year:
            return "year";
    }
    return "day";
}

Result<Calendar> parse_calendar(std::string_view text) {
    for (Calendar c : {Calendar::Gregorian, Calendar::Jalali}) {
        if (text == calendar_name(c)) {
            return c;
        }
    }
    return fail(Errc::InvalidArgument, "must be gregorian or jalali");
}

Result<Grain> parse_grain(std::string_view text) {
    for (Grain g : {Grain::Interval, Grain::Day, Grain::Week, Grain::Month, Grain::Year}) {
        if (text == grain_name(g)) {
            return g;
        }
    }
    return fail(Errc::InvalidArgument, "must be interval, day, week, month or year");
}

Result<std::vector<Period>> periods(const PeriodRequest& request, const ZoneOffsets& zone) {
    using std::chrono::minutes;
    if (request.to <= request.from) {
        return fail(Errc::InvalidArgument, "the end must be after the start");
    }
    if (request.grain == Grain::Interval && request.interval != minutes{15} &&
        request.interval != minutes{30} && request.interval != minutes{60}) {
        return fail(Errc::InvalidArgument, "an interval is 15, 30 or 60 minutes");
    }
    // A conservative count first, so a century by quarter hours is refused before it is built.
    const auto span = request.to - request.from;
    const Duration shortest = request.grain == Grain::Interval ? request.interval
                              : request.grain == Grain::Day    ? Duration{days{1}}
                              : request.grain == Grain::Week   ? Duration{days{7}}
                              : request.grain == Grain::Month  ? Duration{days{28}}
                                                               : Duration{days{365}};
    if (static_cast<std::size_t>(span / shortest) > kMaxPeriods) {
        return fail(Errc::InvalidArgument,
                    "more than " + std::to_string(kMaxPeriods) + " periods; choose a longer one");
    }
    std::vector<Period> out;
    const long last_day = day_of(zone.local(request.to - Duration{1}));
    for (long day = period_start(day_of(zone.local(request.from)), request.grain, request.calendar);
         day <= last_day; day = next_start(day, request.grain, request.calendar)) {
        const long next = next_start(day, request.grain, request.calendar);
        if (request.grain != Grain::Interval) {
            out.push_back({zone.first_at_or_after(start_of_day(day)),
                           zone.first_at_or_after(start_of_day(next)),
                           label(day, request.grain, request.calendar)});
            continue;
        }
        const std::string date = label(day, Grain::Day, request.calendar);
        for (LocalTime at = start_of_day(day); at < start_of_day(next); at += request.interval) {
            const WallTime from = zone.first_at_or_after(at);
            const WallTime to = zone.first_at_or_after(at + request.interval);
            if (to > from && to > request.from && from < request.to) {
                const auto minute =
                    std::chrono::duration_cast<minutes>(at - start_of_day(day)).count();
                out.push_back({from, to,
                               date + " " + padded(static_cast<long>(minute / 60), 2) + ":" +
                                   padded(static_cast<long>(minute % 60), 2)});
            }
        }
    }
    return out;
}

}  // namespace markaz::reports
