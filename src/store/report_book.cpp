#include "store/report_book.h"

#include "store/rollup_rows.h"

namespace markaz::store {
namespace {

/// Hands each row of `stmt` to `take`.
template <class Take>
Result<void> each_row(SqliteDb& db, SqliteStatement& stmt, Take take) {
    for (;;) {
        auto row = stmt.step();
        if (!row) {
            return db.context(row.error(), "cannot read the reports' rollups");
        }
        if (!*row) {
            return {};
        }
        take(stmt);
    }
}

}  // namespace

Result<std::unique_ptr<ReportBook>> ReportBook::open(const std::string& path) {
    auto db = SqliteDb::open(path);
    if (!db) {
        return fail(db.error());
    }
    return std::unique_ptr<ReportBook>(new ReportBook(std::move(*db)));
}

Result<std::vector<reports::Rollup>> ReportBook::rollups(const std::string& scope, WallTime from,
                                                         WallTime to) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare("SELECT slot_ms, " + kRollupColumns +
                            " FROM report_rollups WHERE scope = ?1 AND slot_ms >= ?2 AND "
                            "slot_ms < ?3 ORDER BY slot_ms");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot read the reports' rollups");
    }
    stmt->bind(1, std::string_view(scope))
        .bind(2, std::int64_t{from.time_since_epoch().count()})
        .bind(3, std::int64_t{to.time_since_epoch().count()});
    std::vector<reports::Rollup> out;
    auto read = each_row(db_, *stmt, [&out](const SqliteStatement& row) {
        out.push_back({WallTime{Duration{row.int64(0)}}, counters_from(row, 1)});
    });
    if (!read) {
        return fail(read.error());
    }
    return out;
}

Result<std::map<std::string, stats::KpiCounters>> ReportBook::totals(const std::string& prefix,
                                                                     WallTime from, WallTime to) {
    std::lock_guard lock(mutex_);
    // Scopes with the prefix sort together: a range of the primary key, not a scan.
    auto stmt = db_.prepare("SELECT scope, " + kRollupSums +
                            " FROM report_rollups WHERE scope >= ?1 AND scope < ?2 AND "
                            "slot_ms >= ?3 AND slot_ms < ?4 GROUP BY scope");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot read the reports' rollups");
    }
    std::string after = prefix;
    after.back() = static_cast<char>(after.back() + 1);  // "q:" .. "q;"
    stmt->bind(1, std::string_view(prefix))
        .bind(2, std::string_view(after))
        .bind(3, std::int64_t{from.time_since_epoch().count()})
        .bind(4, std::int64_t{to.time_since_epoch().count()});
    std::map<std::string, stats::KpiCounters> out;
    auto read = each_row(db_, *stmt, [&out](const SqliteStatement& row) {
        out.emplace(row.text(0), counters_from(row, 1, WaitCurve::Without));
    });
    if (!read) {
        return fail(read.error());
    }
    return out;
}

}  // namespace markaz::store
