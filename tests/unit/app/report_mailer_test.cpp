// The report mailer stepped on a test clock over a real store: sends missed while the server
// was down are planned when it starts (each its own day), a failed try waits 1, 5, 30 and 120
// minutes before the next and then the send is failed, a start tries every pending send at
// once, and a schedule whose owner is gone fails at once. The printing here fails as it does
// on a server without Chromium; the mail that goes out is tested end to end with a real SMTP
// server (tests/integration/report_mail_test.cpp).

#include "app/report_mailer.h"

#include <gtest/gtest.h>

#include "store/report_book.h"
#include "store/schedule_book.h"
#include "unit/store/store_test_support.h"

namespace markaz::app {
namespace {

using namespace std::chrono;

WallTime at_utc(int y, int m, int d, int h = 0, int min = 0) {
    return WallTime{sys_days{year{y} / m / d} + hours{h} + minutes{min}};
}

class ReportMailerTest : public ::testing::Test {
protected:
    void SetUp() override {
        const std::string path = dir.file("markaz.db");
        schedules = std::move(*store::ScheduleBook::open(path));
        reports = std::move(*store::ReportBook::open(path));
        acd::QueueConfig sales;
        sales.id = QueueId{"sales"};
        routing.queues = {sales};
        boss.username = "boss";
        boss.role = api::Role::Manager;
    }

    ReportMailerDeps deps() {
        ReportMailerDeps d{.schedules = *schedules, .reports = *reports};
        d.zone = reports::ZoneOffsets(minutes{210});  // Tehran
        d.router_config = [this] { return routing; };
        d.owner = [this](const std::string& name) {
            return owner_exists && name == boss.username ? std::optional<api::User>(boss)
                                                         : std::nullopt;
        };
        d.render_pdf = [](const std::string&) -> Result<std::string> {
            return fail(Errc::Unavailable, "pdf: cannot run chromium: No such file or directory");
        };
        d.render_png = [](const std::string&, int, int) -> Result<std::string> {
            return fail(Errc::Unavailable, "pdf: cannot run chromium: No such file or directory");
        };
        d.from = "markaz@centre.example";
        d.send = [](const mail::MailMessage&, WallTime, const std::string&) -> Result<void> {
            ADD_FAILURE() << "nothing is mailed without its PDF";
            return {};
        };
        d.log = [this](const std::string& line) { logged += line + "\n"; };
        return d;
    }

    /// Daily at 07:30 in Tehran, in Persian, made at 10:00 on 5 December.
    api::ReportSchedule add_daily() {
        api::ReportSchedule s;
        s.name = "sales daily";
        s.owner = "boss";
        s.scope_kind = "queue";
        s.scope_id = "sales";
        s.at = minutes{450};
        s.language = api::Language::Fa;
        s.recipients = {"boss@centre.example"};
        s.created = s.planned_until = at_utc(2026, 12, 5, 6, 30);
        s.next_due =
            reports::next_due(s.timing(), s.created, reports::ZoneOffsets(minutes{210})).due;
        return *schedules->add_schedule(s);
    }

    std::vector<api::ReportSend> sends(std::int64_t schedule) {
        auto out = *schedules->sends(schedule, 100);
        std::reverse(out.begin(), out.end());  // oldest first
        return out;
    }

    store::testing::TempDir dir;
    std::unique_ptr<store::ScheduleBook> schedules;
    std::unique_ptr<store::ReportBook> reports;
    acd::RouterConfig routing;
    api::User boss;
    bool owner_exists = true;
    std::string logged;
};

TEST_F(ReportMailerTest, SendsMissedWhileDownArePlannedAndRetriedUntilTheyFail) {
    const api::ReportSchedule s = add_daily();
    EXPECT_EQ(s.next_due, at_utc(2026, 12, 6, 4));
    ReportMailer mailer(deps(), false);
    // Started again at 09:00 on the 8th: the 6th's, 7th's and 8th's sends were missed.
    const WallTime start = at_utc(2026, 12, 8, 5, 30);
    mailer.step(start, true);
    auto planned = sends(s.id);
    ASSERT_EQ(planned.size(), 3U) << logged;
    EXPECT_EQ(planned[0].period.due, at_utc(2026, 12, 6, 4));
    EXPECT_EQ(planned[0].period.from, at_utc(2026, 12, 4, 20, 30)) << "the 5th, Tehran's day";
    EXPECT_EQ(planned[2].period.to, at_utc(2026, 12, 7, 20, 30));
    for (const api::ReportSend& send : planned) {
        EXPECT_EQ(send.status, api::SendStatus::Pending);
        EXPECT_EQ(send.attempts, 1);
        EXPECT_EQ(send.next_try, start + minutes{1});
        EXPECT_EQ(send.last_error, "pdf: cannot run chromium: No such file or directory");
    }
    const api::ReportSchedule after = **schedules->schedule(s.id);
    EXPECT_EQ(after.planned_until, start);
    EXPECT_EQ(after.next_due, at_utc(2026, 12, 9, 4));

    mailer.step(start + std::chrono::seconds{30});
    EXPECT_EQ(sends(s.id)[0].attempts, 1) << "not before its next try";
    // Tries 2..5 after 1, 5, 30 and 120 minutes; the fifth failure is final.
    WallTime now = start;
    const std::array<minutes, 4> waits{minutes{1}, minutes{5}, minutes{30}, minutes{120}};
    for (std::size_t i = 0; i < waits.size(); ++i) {
        now += waits[i];
        mailer.step(now);
        const api::ReportSend first = sends(s.id)[0];
        EXPECT_EQ(first.attempts, static_cast<int>(i) + 2);
        if (i + 1 < waits.size()) {
            EXPECT_EQ(first.status, api::SendStatus::Pending);
            EXPECT_EQ(first.next_try, now + waits[i + 1]);
        }
    }
    for (const api::ReportSend& send : sends(s.id)) {
        EXPECT_EQ(send.status, api::SendStatus::Failed);
        EXPECT_EQ(send.attempts, 5);
        EXPECT_FALSE(send.sent_at);
    }
    EXPECT_NE(logged.find(" of schedule " + std::to_string(s.id) + ": failed (pdf: cannot run"),
              std::string::npos)
        << logged;
    mailer.step(now + hours{10});
    EXPECT_EQ(sends(s.id)[0].attempts, 5) << "a failed send waits for a retry by hand";
}

TEST_F(ReportMailerTest, AStartTriesEveryPendingSendAtOnce) {
    const api::ReportSchedule s = add_daily();
    ReportMailer mailer(deps(), false);
    const WallTime now = at_utc(2026, 12, 6, 4, 10);
    mailer.step(now);
    ASSERT_EQ(sends(s.id).size(), 1U);
    ASSERT_EQ(sends(s.id)[0].next_try, now + minutes{1});
    ReportMailer restarted(deps(), false);
    restarted.step(now + std::chrono::seconds{5}, true);
    EXPECT_EQ(sends(s.id)[0].attempts, 2);
    EXPECT_EQ(sends(s.id).size(), 1U) << "nothing planned twice";
}

TEST_F(ReportMailerTest, AScheduleWhoseOwnerIsGoneOrThatIsOffSendsNothing) {
    const api::ReportSchedule s = add_daily();
    owner_exists = false;
    ReportMailer mailer(deps(), false);
    mailer.step(at_utc(2026, 12, 6, 4, 10));
    ASSERT_EQ(sends(s.id).size(), 1U);
    EXPECT_EQ(sends(s.id)[0].status, api::SendStatus::Failed) << "no retries: it cannot mend";
    EXPECT_EQ(sends(s.id)[0].last_error, "its owner 'boss' no longer exists");

    api::ReportSchedule off = s;
    off.enabled = false;
    ASSERT_TRUE(*schedules->replace_schedule(off));
    mailer.step(at_utc(2026, 12, 9, 4, 10));
    EXPECT_EQ(sends(s.id).size(), 1U) << "a schedule that is off plans nothing";
}

TEST_F(ReportMailerTest, WithoutAMailServerASendSaysSo) {
    const api::ReportSchedule s = add_daily();
    ReportMailerDeps d = deps();
    d.send = nullptr;
    ReportMailer mailer(std::move(d), false);
    mailer.step(at_utc(2026, 12, 6, 4, 10));
    ASSERT_EQ(sends(s.id).size(), 1U);
    EXPECT_EQ(sends(s.id)[0].last_error,
              "no mail server is configured (mail: in the configuration)");
    EXPECT_EQ(sends(s.id)[0].status, api::SendStatus::Pending);
}

}  // namespace
}  // namespace markaz::app
