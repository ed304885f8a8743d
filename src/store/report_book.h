#pragma once

// The API's reading side of the reports' rollups (api/report_source.h): its own connection to
// the store, one statement at a time.

#include <memory>
#include <mutex>

#include "api/report_source.h"
#include "store/sqlite_db.h"

namespace markaz::store {

class ReportBook final : public api::ReportSource {
public:
    /// The store at `path`, its schema already current (SqliteStore::open first).
    [[nodiscard]] static Result<std::unique_ptr<ReportBook>> open(const std::string& path);

    Result<std::vector<reports::Rollup>> rollups(const std::string& scope, WallTime from,
                                                 WallTime to) override;
    Result<std::map<std::string, stats::KpiCounters>> totals(const std::string& prefix,
                                                             WallTime from, WallTime to) override;

private:
    explicit ReportBook(SqliteDb db) : db_(std::move(db)) {}
    std::mutex mutex_;
    SqliteDb db_;
};

}  // namespace markaz::store
