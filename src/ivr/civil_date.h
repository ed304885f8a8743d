#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace markaz::ivr {

/// A calendar date as written: year, month (1-12), day (1-31), in whichever calendar the
/// function that returns it says.
struct CivilDate {
    int year = 0;
    int month = 0;
    int day = 0;
    friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

/// Days since 1970-01-01 of a Gregorian date (proleptic; negative before 1970).
long days_from_gregorian(CivilDate date) noexcept;
CivilDate gregorian_from_days(long days) noexcept;

/// The Persian (Solar Hijri, "Jalali") calendar as Iran uses it: months 1-6 have 31 days,
/// 7-11 have 30, Esfand 29 or 30; 1 Farvardin is Nowruz. Leap years follow the 33-year
/// arithmetic rule, which matches the astronomical calendar for 1178-1634 SH (1799-2256).
CivilDate jalali_from_gregorian(CivilDate gregorian) noexcept;
CivilDate gregorian_from_jalali(CivilDate jalali) noexcept;
bool is_jalali_leap_year(int year) noexcept;
/// Days in a Jalali month (0 for a month outside 1..12).
int jalali_month_days(int year, int month) noexcept;
/// True when `date` exists in the calendar (1 <= month <= 12, day within the month).
bool is_valid_gregorian(CivilDate date) noexcept;
bool is_valid_jalali(CivilDate date) noexcept;

/// "2026-03-21" or "1405-01-01" -> the numbers, unchecked against a calendar; nullopt when
/// the text is not YYYY-MM-DD.
std::optional<CivilDate> parse_iso_date(std::string_view text);

}  // namespace markaz::ivr
