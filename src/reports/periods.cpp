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

// The tabular Islamic calendar ("islamic-civil", as ICU and the browsers have it): 30-year
// cycles of 354- and 355-day years, months alternating 30 and 29 days; 1 Muharram 1 AH was
// Friday 16 July 622 (Julian), day -492148 from 1970-01-01. Reingold & Dershowitz,
// "Calendrical Calculations", chapter 7. Floor division throughout: days before the epoch are
// negative.
constexpr long kHijriEpoch = -492148;

long floor_div(long a, long b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

long days_from_hijri(CivilDate d) {
    return d.day + 29L * (d.month - 1) + floor_div(6L * d.month - 1, 11) + (d.year - 1) * 354L +
           floor_div(3 + 11L * d.year, 30) + kHijriEpoch - 1;
}

CivilDate hijri_from_days(long day) {
    const long year = floor_div(30 * (day - kHijriEpoch) + 10646, 10631);
    const long prior = day - days_from_hijri({static_cast<int>(year), 1, 1});
    const long month = floor_div(11 * prior + 330, 325);
    const long first = days_from_hijri({static_cast<int>(year), static_cast<int>(month), 1});
    return {static_cast<int>(year), static_cast<int>(month), static_cast<int>(day - first + 1)};
}

CivilDate in_calendar(long day, Calendar calendar) {
    if (calendar == Calendar::Hijri) {
        return hijri_from_days(day);
    }
    const CivilDate gregorian = ivr::gregorian_from_days(day);
    return calendar == Calendar::Jalali ? ivr::jalali_from_gregorian(gregorian) : gregorian;
}

long day_from(CivilDate date, Calendar calendar) {
    if (calendar == Calendar::Hijri) {
        return days_from_hijri(date);
    }
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
        case Grain::Week:  // Saturday in the Jalali and Hijri calendars, Monday (ISO) otherwise
            return day - (calendar != Calendar::Gregorian ? (weekday(day) + 1) % 7
                                                          : (weekday(day) + 6) % 7);
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
    switch (calendar) {
        case Calendar::Jalali:
            return "jalali";
        case Calendar::Hijri:
            return "hijri";
        case Calendar::Gregorian:
            break;
    }
    return "gregorian";
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
    for (Calendar c : {Calendar::Gregorian, Calendar::Jalali, Calendar::Hijri}) {
        if (text == calendar_name(c)) {
            return c;
        }
    }
    return fail(Errc::InvalidArgument, "must be gregorian, jalali or hijri");
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
