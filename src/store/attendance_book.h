#pragma once

// Attendance (api::AttendanceSource) on the store's SQLite file, on a connection of its own:
// the sessions and state spans SqliteStore::append writes with the events, and the
// corrections, each committed before it returns.

#include <memory>
#include <mutex>

#include "api/attendance_source.h"
#include "store/sqlite_db.h"

namespace markaz::store {

class AttendanceBook final : public api::AttendanceSource {
public:
    /// The store at `path`, its schema brought up to date.
    [[nodiscard]] static Result<std::unique_ptr<AttendanceBook>> open(const std::string& path);

    Result<std::vector<reports::SessionSpan>> sessions(const std::string& agent, WallTime from,
                                                       WallTime to) override;
    Result<std::vector<reports::StateSpan>> state_spans(const std::string& agent, WallTime from,
                                                        WallTime to) override;
    Result<std::vector<reports::Correction>> corrections(const std::string& agent, WallTime from,
                                                         WallTime to) override;
    Result<void> correct(const std::string& agent, const reports::Correction& correction) override;

private:
    explicit AttendanceBook(SqliteDb db) : db_(std::move(db)) {}
    std::mutex mutex_;
    SqliteDb db_;
};

}  // namespace markaz::store
