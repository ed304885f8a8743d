// `markaz export calls|queue-log --store FILE [--from DATE] [--to DATE]`: the call records as
// CSV, or the events as an Asterisk queue_log, for spreadsheets and for tools that read
// Asterisk's queue logs.

#include <filesystem>
#include <ostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "ivr/civil_date.h"
#include "store/call_exports.h"
#include "store/call_log.h"
#include "store/sqlite_store.h"

namespace markaz::cli {

namespace {

constexpr const char* kExportUsage =
    "usage: markaz export calls|queue-log --store FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
    "  calls      one CSV row per call (records of calls started in [from, to))\n"
    "  queue-log  the events of [from, to) in Asterisk's queue_log format\n"
    "  dates are UTC days; --to is exclusive; without them, everything\n";

Result<WallTime> day_option(const std::string& option, const std::string& text) {
    auto date = ivr::parse_iso_date(text);
    if (!date || !ivr::is_valid_gregorian(*date)) {
        return fail(Errc::InvalidArgument,
                    option + ": expected a date like 2026-11-23, got '" + text + "'");
    }
    return WallTime{
        std::chrono::duration_cast<Duration>(std::chrono::days{ivr::days_from_gregorian(*date)})};
}

}  // namespace

int run_export(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty()) {
        err << "markaz export: say what to export: calls or queue-log\n" << kExportUsage;
        return 2;
    }
    if (args[0] != "calls" && args[0] != "queue-log") {
        err << "markaz export: cannot export '" << args[0] << "': calls or queue-log\n"
            << kExportUsage;
        return 2;
    }
    auto options = read_options({args.begin() + 1, args.end()}, {"--store", "--from", "--to"}, {});
    if (!options) {
        err << "markaz export: " << options.error().message << '\n' << kExportUsage;
        return 2;
    }
    if (!options->has("--store")) {
        err << "markaz export: --store FILE is required\n" << kExportUsage;
        return 2;
    }
    WallTime from{};
    WallTime to = WallTime::max();
    for (auto [option, field] : {std::pair{"--from", &from}, std::pair{"--to", &to}}) {
        if (options->has(option)) {
            auto day = day_option(option, options->values.at(option));
            if (!day) {
                err << "markaz export: " << day.error().message << '\n';
                return 2;
            }
            *field = *day;
        }
    }
    if (from > to) {
        err << "markaz export: --from is after --to\n";
        return 2;
    }
    const std::string& path = options->values.at("--store");
    // Opening would create a missing file: a mistyped path must not look like an empty centre.
    if (std::error_code ec; !std::filesystem::is_regular_file(path, ec)) {
        err << "markaz export: no store at " << path << '\n';
        return 1;
    }
    if (args[0] == "calls") {
        auto log = store::CallLog::open(path);
        auto records = log ? log->records_between(from, to)
                           : Result<std::vector<store::CallRecord>>(fail(log.error()));
        if (!records) {
            err << "markaz export: " << records.error().message << '\n';
            return 1;
        }
        out << store::call_records_csv(*records);
        return 0;
    }
    auto db = store::SqliteStore::open(path);
    auto events =
        db ? db->events_between(from, to) : Result<std::vector<acd::Event>>(fail(db.error()));
    if (!events) {
        err << "markaz export: " << events.error().message << '\n';
        return 1;
    }
    out << store::queue_log(*events);
    return 0;
}

}  // namespace markaz::cli
