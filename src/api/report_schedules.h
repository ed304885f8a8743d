#pragma once

// Reports mailed on a schedule (docs/reports.md "Scheduled reports"): the schedules managers
// and supervisors set, and each send — kept before it is tried, so one due while the server
// was down goes out after it starts, and a failure stays visible. Implemented on the store
// (store::ScheduleBook); read and changed by the API and by the mailer (app/report_mailer.h).
// Thread: any; implementations synchronise.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/users.h"
#include "common/result.h"
#include "reports/report_schedule.h"

namespace markaz::api {

struct ReportSchedule {
    std::int64_t id = 0;
    std::string name;
    std::string owner;       ///< the username who made it; the report is made as they see it
    std::string scope_kind;  ///< "centre", "queue", "agent", "team"
    std::string scope_id;
    reports::Frequency frequency = reports::Frequency::Daily;
    std::chrono::minutes at{0};  ///< the time of day, in the centre's zone
    Language language = Language::En;
    std::vector<std::string> recipients;
    bool enabled = true;
    WallTime created;
    /// Every send due up to here has been planned; the next one is due at `next_due`.
    WallTime planned_until;
    WallTime next_due;

    /// The calendar follows the language: Jalali for Persian.
    reports::ScheduleTiming timing() const {
        return {
            frequency, at,
            language == Language::Fa ? reports::Calendar::Jalali : reports::Calendar::Gregorian};
    }
};

enum class SendStatus { Pending, Sent, Failed };
inline constexpr EnumTable<SendStatus, 3> kSendStatusNames{{{
    {SendStatus::Pending, "pending"},
    {SendStatus::Sent, "sent"},
    {SendStatus::Failed, "failed"},
}}};

struct ReportSend {
    std::int64_t id = 0;
    std::int64_t schedule_id = 0;
    reports::DueSend period;  ///< when due, and the range it reports
    SendStatus status = SendStatus::Pending;
    int attempts = 0;
    WallTime next_try;
    std::string last_error;
    std::optional<WallTime> sent_at;
};

class ReportSchedules {
public:
    virtual ~ReportSchedules() = default;

    /// Every schedule, by name.
    virtual Result<std::vector<ReportSchedule>> schedules() = 0;
    virtual Result<std::optional<ReportSchedule>> schedule(std::int64_t id) = 0;
    /// Stored with a new id, which the answer carries.
    virtual Result<ReportSchedule> add_schedule(ReportSchedule schedule) = 0;
    /// False when there is no such schedule.
    virtual Result<bool> replace_schedule(const ReportSchedule& schedule) = 0;
    /// False when there is no such schedule; its sends go with it.
    virtual Result<bool> remove_schedule(std::int64_t id) = 0;

    /// The mailer's step, in one transaction: `sends` stored and the schedule's
    /// planned_until and next_due moved on.
    virtual Result<void> plan_sends(std::int64_t schedule, const std::vector<ReportSend>& sends,
                                    WallTime planned_until, WallTime next_due) = 0;
    /// Stored with a new id (a send made by hand).
    virtual Result<ReportSend> add_send(ReportSend send) = 0;
    virtual Result<std::optional<ReportSend>> send(std::int64_t id) = 0;
    /// A schedule's sends, the latest first.
    virtual Result<std::vector<ReportSend>> sends(std::int64_t schedule, int limit) = 0;
    /// The pending sends whose next try is at or before `now`, oldest first.
    virtual Result<std::vector<ReportSend>> sends_due(WallTime now) = 0;
    /// The earliest next try of any pending send.
    virtual Result<std::optional<WallTime>> next_try() = 0;
    virtual Result<void> update_send(const ReportSend& send) = 0;
};

}  // namespace markaz::api
