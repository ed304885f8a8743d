#include "ivr/civil_date.h"

#include <charconv>

namespace markaz::ivr {

namespace {

long floor_div(long a, long b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// The Jalali epoch: 1 Farvardin 1 SH was Friday 22 March 622 (Julian) = 19 March 622
// (proleptic Gregorian), day -492268 from 1970-01-01.
constexpr long kJalaliEpochDay = -492268;

/// Days from 1 Farvardin 1 to 1 Farvardin `year` under the 33-year rule: year k is leap when
/// (25k + 11) mod 33 < 8, and floor((8n + 29) / 33) counts those among years 1..n.
long days_before_jalali_year(int year) {
    long y = year - 1;
    return 365 * y + floor_div(8 * y + 29, 33) - floor_div(29, 33);
}

}  // namespace

long days_from_gregorian(CivilDate date) noexcept {
    // Howard Hinnant's days_from_civil.
    long y = date.year - (date.month <= 2 ? 1 : 0);
    long era = floor_div(y, 400);
    long yoe = y - era * 400;
    long mp = (date.month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + date.day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate gregorian_from_days(long days) noexcept {
    long z = days + 719468;
    long era = floor_div(z, 146097);
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    return CivilDate{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m),
                     static_cast<int>(d)};
}

bool is_jalali_leap_year(int year) noexcept {
    return days_before_jalali_year(year + 1) - days_before_jalali_year(year) == 366;
}

int jalali_month_days(int year, int month) noexcept {
    if (month < 1 || month > 12) {
        return 0;
    }
    if (month <= 6) {
        return 31;
    }
    if (month <= 11) {
        return 30;
    }
    return is_jalali_leap_year(year) ? 30 : 29;
}

CivilDate gregorian_from_jalali(CivilDate jalali) noexcept {
    long day_of_year = jalali.month <= 7 ? (jalali.month - 1) * 31 : 186 + (jalali.month - 7) * 30;
    long days =
        kJalaliEpochDay + days_before_jalali_year(jalali.year) + day_of_year + jalali.day - 1;
    return gregorian_from_days(days);
}

CivilDate jalali_from_gregorian(CivilDate gregorian) noexcept {
    long days = days_from_gregorian(gregorian) - kJalaliEpochDay;  // since 1 Farvardin 1
    // Estimate the year, then correct by at most one either way.
    int year = static_cast<int>(floor_div(33 * days, 12053)) + 1;
    while (days_before_jalali_year(year) > days) {
        --year;
    }
    while (days_before_jalali_year(year + 1) <= days) {
        ++year;
    }
    long day_of_year = days - days_before_jalali_year(year);
    int month = day_of_year < 186 ? static_cast<int>(day_of_year / 31) + 1
                                  : static_cast<int>((day_of_year - 186) / 30) + 7;
    long first = month <= 7 ? (month - 1) * 31 : 186 + (month - 7) * 30;
    return CivilDate{year, month, static_cast<int>(day_of_year - first) + 1};
}

bool is_valid_gregorian(CivilDate date) noexcept {
    if (date.month < 1 || date.month > 12 || date.day < 1) {
        return false;
    }
    return gregorian_from_days(days_from_gregorian(date)) == date;
}

bool is_valid_jalali(CivilDate date) noexcept {
    return date.day >= 1 && date.day <= jalali_month_days(date.year, date.month);
}

std::optional<CivilDate> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    auto number = [&](std::size_t from, std::size_t length, int& field) {
        auto part = text.substr(from, length);
        auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), field);
        return ec == std::errc{} && ptr == part.data() + part.size();
    };
    CivilDate date;
    if (!number(0, 4, date.year) || !number(5, 2, date.month) || !number(8, 2, date.day)) {
        return std::nullopt;
    }
    return date;
}

}  // namespace markaz::ivr
