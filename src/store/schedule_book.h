#pragma once

// Report schedules and their sends (api::ReportSchedules) on the store's SQLite file, on a
// connection of its own. Every change is committed before it returns, so a planned send
// survives kill -9 and goes out after the restart.

#include <memory>
#include <mutex>

#include "api/report_schedules.h"
#include "store/sqlite_db.h"

namespace markaz::store {

class ScheduleBook final : public api::ReportSchedules {
public:
    /// Opens the database at `path`, bringing its schema up to date.
    [[nodiscard]] static Result<std::unique_ptr<ScheduleBook>> open(const std::string& path);

    Result<std::vector<api::ReportSchedule>> schedules() override;
    Result<std::optional<api::ReportSchedule>> schedule(std::int64_t id) override;
    Result<api::ReportSchedule> add_schedule(api::ReportSchedule schedule) override;
    Result<bool> replace_schedule(const api::ReportSchedule& schedule) override;
    Result<bool> remove_schedule(std::int64_t id) override;

    Result<void> plan_sends(std::int64_t schedule, const std::vector<api::ReportSend>& sends,
                            WallTime planned_until, WallTime next_due) override;
    Result<api::ReportSend> add_send(api::ReportSend send) override;
    Result<std::optional<api::ReportSend>> send(std::int64_t id) override;
    Result<std::vector<api::ReportSend>> sends(std::int64_t schedule, int limit) override;
    Result<std::vector<api::ReportSend>> sends_due(WallTime now) override;
    Result<std::optional<WallTime>> next_try() override;
    Result<void> update_send(const api::ReportSend& send) override;

private:
    explicit ScheduleBook(SqliteDb db) : db_(std::move(db)) {}
    Result<std::vector<api::ReportSchedule>> read_schedules(std::string_view where,
                                                            std::optional<std::int64_t> id);
    Result<std::vector<api::ReportSend>> read_sends(std::string_view rest, std::int64_t first,
                                                    std::int64_t second);
    Result<std::int64_t> insert_send(const api::ReportSend& send);

    std::mutex mutex_;  ///< one statement at a time on the connection
    SqliteDb db_;
};

}  // namespace markaz::store
