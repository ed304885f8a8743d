#include "cli/options.h"

#include <algorithm>

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

}  // namespace markaz::cli
