#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace markaz::cli {

/// The `--name value` and `--flag` options of one command line.
struct Options {
    std::map<std::string, std::string> values;  ///< option -> its text
    std::set<std::string> flags;                ///< flags given
    bool has(const std::string& option) const { return values.contains(option); }
};

/// Reads `args` as options only: each of `value_options` takes the next argument as its
/// value, each of `flag_options` stands alone. Errors name the option: unknown, given twice,
/// missing its value, or a stray argument.
Result<Options> read_options(const std::vector<std::string>& args,
                             const std::vector<std::string_view>& value_options,
                             const std::vector<std::string_view>& flag_options);

// Option values, with errors that name the option and quote what was given:
// "--rate: expected a number like 100, got 'fast'".

/// A finite number.
Result<double> number_option(const std::string& option, const std::string& text);
/// A whole number in [min, max].
Result<long> whole_option(const std::string& option, const std::string& text, long min, long max);
/// A duration like 180s, 30m, 1h.
Result<Duration> duration_option(const std::string& option, const std::string& text);

}  // namespace markaz::cli
