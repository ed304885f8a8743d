// Report schedules and their sends on the store: kept across a reopen (what a kill -9 leaves),
// planned in one step with the schedule's progress, pending ones found when due, and a
// schedule's sends removed with it.

#include "store/schedule_book.h"

#include <gtest/gtest.h>

#include "unit/store/store_test_support.h"

namespace markaz::store {
namespace {

using namespace std::chrono_literals;

const WallTime kMorning{std::chrono::seconds{1'796'626'800}};  // 2026-12-07 07:00Z

api::ReportSchedule daily(const std::string& name) {
    api::ReportSchedule s;
    s.name = name;
    s.owner = "manager";
    s.scope_kind = "queue";
    s.scope_id = "sales";
    s.frequency = reports::Frequency::Daily;
    s.at = 450min;
    s.language = api::Language::Fa;
    s.recipients = {"boss@centre.example", "مدیر@centre.example"};
    s.created = s.planned_until = kMorning;
    s.next_due = kMorning + 30min;
    return s;
}

api::ReportSend send_of(std::int64_t schedule, WallTime due) {
    api::ReportSend s;
    s.schedule_id = schedule;
    s.period = {due, due - 24h - 30min, due - 30min};
    s.next_try = due;
    return s;
}

TEST(ScheduleBook, SchedulesAndSendsSurviveAReopen) {
    testing::TempDir dir;
    const std::string path = dir.file("markaz.db");
    std::int64_t id = 0;
    {
        auto book = ScheduleBook::open(path);
        ASSERT_TRUE(book) << book.error().message;
        auto added = (*book)->add_schedule(daily("Sales daily"));
        ASSERT_TRUE(added) << added.error().message;
        id = added->id;
        EXPECT_GT(id, 0);
        ASSERT_TRUE((*book)->plan_sends(id, {send_of(id, kMorning + 30min)}, kMorning + 1h,
                                        kMorning + 24h + 30min));
    }
    auto book = ScheduleBook::open(path);
    ASSERT_TRUE(book);
    auto found = (*book)->schedule(id);
    ASSERT_TRUE(found && *found);
    const api::ReportSchedule& s = **found;
    EXPECT_EQ(s.name, "Sales daily");
    EXPECT_EQ(s.scope_kind, "queue");
    EXPECT_EQ(s.scope_id, "sales");
    EXPECT_EQ(s.at, 450min);
    EXPECT_EQ(s.language, api::Language::Fa);
    EXPECT_EQ(s.timing().calendar, reports::Calendar::Jalali);
    EXPECT_EQ(s.recipients, daily("").recipients);
    EXPECT_EQ(s.planned_until, kMorning + 1h);
    EXPECT_EQ(s.next_due, kMorning + 24h + 30min);

    auto due = (*book)->sends_due(kMorning + 1h);
    ASSERT_TRUE(due);
    ASSERT_EQ(due->size(), 1U);
    EXPECT_EQ((*due)[0].status, api::SendStatus::Pending);
    EXPECT_EQ((*due)[0].period, send_of(id, kMorning + 30min).period);
    EXPECT_TRUE((*book)->sends_due(kMorning)->empty()) << "not due before its time";
    EXPECT_EQ(*(*book)->next_try(), kMorning + 30min);

    api::ReportSend sent = (*due)[0];
    sent.status = api::SendStatus::Sent;
    sent.attempts = 2;
    sent.last_error = "";
    sent.sent_at = kMorning + 40min;
    ASSERT_TRUE((*book)->update_send(sent));
    EXPECT_TRUE((*book)->sends_due(kMorning + 2h)->empty());
    EXPECT_FALSE(*(*book)->next_try());
    auto again = (*book)->send(sent.id);
    ASSERT_TRUE(again && *again);
    EXPECT_EQ((*again)->attempts, 2);
    EXPECT_EQ((*again)->sent_at, kMorning + 40min);
}

TEST(ScheduleBook, ListsByNameAndRemovesASchedulesSendsWithIt) {
    testing::TempDir dir;
    auto book = ScheduleBook::open(dir.file("markaz.db"));
    ASSERT_TRUE(book);
    auto b = (*book)->add_schedule(daily("B weekly"));
    auto a = (*book)->add_schedule(daily("A daily"));
    ASSERT_TRUE(a && b);
    ASSERT_TRUE((*book)->add_send(send_of(b->id, kMorning)));
    ASSERT_TRUE((*book)->add_send(send_of(b->id, kMorning + 24h)));
    auto listed = (*book)->schedules();
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 2U);
    EXPECT_EQ((*listed)[0].name, "A daily");
    auto sends = (*book)->sends(b->id, 10);
    ASSERT_EQ(sends->size(), 2U);
    EXPECT_EQ((*sends)[0].period.due, kMorning + 24h) << "the latest first";
    EXPECT_EQ((*book)->sends(b->id, 1)->size(), 1U);

    api::ReportSchedule changed = *b;
    changed.enabled = false;
    EXPECT_TRUE(*(*book)->replace_schedule(changed));
    EXPECT_FALSE((*(*book)->schedule(b->id))->enabled);
    changed.id = 999;
    EXPECT_FALSE(*(*book)->replace_schedule(changed));

    EXPECT_TRUE(*(*book)->remove_schedule(b->id));
    EXPECT_FALSE(*(*book)->remove_schedule(b->id));
    EXPECT_TRUE((*book)->sends(b->id, 10)->empty());
    EXPECT_TRUE((*book)->sends_due(kMorning + 48h)->empty());
}

TEST(ScheduleBook, ASendForNoScheduleIsRefusedAndNothingIsPlanned) {
    testing::TempDir dir;
    auto book = ScheduleBook::open(dir.file("markaz.db"));
    ASSERT_TRUE(book);
    auto a = (*book)->add_schedule(daily("A"));
    ASSERT_TRUE(a);
    // One send of the batch names a schedule that does not exist: the whole step is undone.
    auto planned = (*book)->plan_sends(a->id, {send_of(a->id, kMorning), send_of(77, kMorning)},
                                       kMorning + 1h, kMorning + 2h);
    ASSERT_FALSE(planned);
    EXPECT_NE(planned.error().message.find("report send"), std::string::npos)
        << planned.error().message;
    EXPECT_TRUE((*book)->sends(a->id, 10)->empty());
    EXPECT_EQ((*(*book)->schedule(a->id))->planned_until, kMorning);
}

}  // namespace
}  // namespace markaz::store
