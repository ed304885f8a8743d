#include "config/duration.h"

#include <charconv>
#include <cmath>
#include <string>

namespace markaz::config {
namespace {

Result<double> parse_number(std::string_view text, std::string_view what) {
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || !std::isfinite(value)) {
        return fail(Errc::InvalidArgument,
                    "'" + std::string(text) + "' is not a " + std::string(what));
    }
    return value;
}

}  // namespace

Result<Duration> parse_duration(std::string_view text) {
    struct Unit {
        std::string_view suffix;
        double ms;
    };
    // "ms" is tried before "m" and "s" so that "250ms" is not read as 250 m + garbage.
    static constexpr Unit kUnits[] = {
        {"ms", 1.0}, {"s", 1000.0}, {"m", 60'000.0}, {"h", 3'600'000.0}, {"d", 86'400'000.0}};
    double scale = 1000.0;
    std::string_view number = text;
    for (const auto& unit : kUnits) {
        if (text.size() > unit.suffix.size() && text.ends_with(unit.suffix)) {
            number = text.substr(0, text.size() - unit.suffix.size());
            scale = unit.ms;
            break;
        }
    }
    auto value = parse_number(number, "duration (like 20s, 30m, 8h)");
    if (!value) {
        return fail(Errc::InvalidArgument,
                    "'" + std::string(text) + "' is not a duration (like 250ms, 20s, 30m, 8h)");
    }
    if (*value < 0) {
        return fail(Errc::InvalidArgument, "'" + std::string(text) + "' is negative");
    }
    return Duration{static_cast<Duration::rep>(std::llround(*value * scale))};
}

Result<double> parse_fraction(std::string_view text) {
    bool percent = text.ends_with('%');
    auto value = parse_number(percent ? text.substr(0, text.size() - 1) : text,
                              "fraction (like 80% or 0.8)");
    if (!value) {
        return fail(Errc::InvalidArgument,
                    "'" + std::string(text) + "' is not a fraction (like 80% or 0.8)");
    }
    double fraction = percent ? *value / 100.0 : *value;
    if (fraction < 0 || fraction > 1) {
        return fail(Errc::InvalidArgument, "'" + std::string(text) + "' is outside 0%..100%");
    }
    return fraction;
}

}  // namespace markaz::config
