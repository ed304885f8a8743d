#include "cli/options.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "config/duration.h"

namespace markaz::cli {

Result<Options> read_options(const std::vector<std::string>& args,
                             const std::vector<std::string_view>& value_options,
                             const std::vector<std::string_view>& flag_options) {
    auto listed = [](const std::vector<std::string_view>& list, const std::string& arg) {
        return std::find(list.begin(), list.end(), arg) != list.end();
    };
    Options out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (!arg.starts_with("--")) {
            return fail(Errc::InvalidArgument, "unexpected argument '" + arg + "'");
        }
        if (out.values.contains(arg) || out.flags.contains(arg)) {
            return fail(Errc::InvalidArgument, arg + ": given twice");
        }
        if (listed(flag_options, arg)) {
            out.flags.insert(arg);
            continue;
        }
        if (!listed(value_options, arg)) {
            return fail(Errc::InvalidArgument, "unknown option '" + arg + "'");
        }
        if (i + 1 == args.size()) {
            return fail(Errc::InvalidArgument, arg + ": missing value");
        }
        out.values[arg] = args[++i];
    }
    return out;
}

Result<double> number_option(const std::string& option, const std::string& text) {
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || !std::isfinite(value)) {
        return fail(Errc::InvalidArgument,
                    option + ": expected a number like 100, got '" + text + "'");
    }
    return value;
}

Result<long> whole_option(const std::string& option, const std::string& text, long min, long max) {
    long value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value < min || value > max) {
        return fail(Errc::InvalidArgument,
                    fmt::format("{}: expected a whole number from {} to {}, got '{}'", option, min,
                                max, text));
    }
    return value;
}

Result<Duration> duration_option(const std::string& option, const std::string& text) {
    auto value = config::parse_duration(text);
    if (!value) {
        return fail(Errc::InvalidArgument,
                    option + ": expected a duration like 180s, got '" + text + "'");
    }
    return *value;
}

}  // namespace markaz::cli
