#include <gtest/gtest.h>

#include "sip/ban_list.h"
#include "sip/location_service.h"

namespace markaz::sip {
namespace {

using namespace std::chrono_literals;

const SteadyTime t0{1h};

TEST(BanList, BansAfterTooManyFailuresInTheWindowAndLiftsTheBan) {
    BanList bans{{.max_failures = 3, .window = 1min, .ban_time = 10min}};
    EXPECT_FALSE(bans.record_failure("10.0.0.9", t0));
    EXPECT_FALSE(bans.record_failure("10.0.0.9", t0 + 10s));
    EXPECT_FALSE(bans.is_banned("10.0.0.9", t0 + 10s));
    EXPECT_TRUE(bans.record_failure("10.0.0.9", t0 + 20s));
    EXPECT_TRUE(bans.is_banned("10.0.0.9", t0 + 21s));
    EXPECT_FALSE(bans.is_banned("10.0.0.8", t0 + 21s));
    ASSERT_EQ(bans.bans(t0 + 21s).size(), 1u);
    EXPECT_EQ(bans.bans(t0 + 21s)[0].failures, 3);
    EXPECT_FALSE(bans.is_banned("10.0.0.9", t0 + 20s + 10min));
}

TEST(BanList, FailuresOutsideTheWindowAndSuccessesDoNotAddUp) {
    BanList bans{{.max_failures = 2, .window = 1min, .ban_time = 10min}};
    EXPECT_FALSE(bans.record_failure("a", t0));
    EXPECT_FALSE(bans.record_failure("a", t0 + 61s));  // the first is out of the window
    bans.record_success("a");
    EXPECT_FALSE(bans.record_failure("a", t0 + 62s));
    EXPECT_TRUE(bans.record_failure("a", t0 + 63s));
    bans.expire(t0 + 1h);
    EXPECT_TRUE(bans.bans(t0 + 1h).empty());
}

LocationService::Binding binding(std::string contact, std::string call_id, std::uint32_t cseq) {
    return {std::move(contact), {}, std::move(call_id), cseq, "udp:127.0.0.1:5062"};
}

TEST(LocationService, SeveralContactsRefreshExpireAndRemove) {
    LocationService location{{}};
    ASSERT_TRUE(location.bind("1001", binding("sip:1001@127.0.0.1:5062", "a", 1), 120s, t0));
    ASSERT_TRUE(location.bind("1001", binding("sip:1001@127.0.0.1:5064", "b", 1), 60s, t0));
    EXPECT_EQ(location.lookup("1001", t0 + 1s).size(), 2u);
    EXPECT_EQ(location.lookup("1001", t0 + 61s).size(), 1u);
    // Refresh with a higher CSeq extends the binding.
    ASSERT_TRUE(location.bind("1001", binding("sip:1001@127.0.0.1:5062", "a", 2), 120s, t0 + 100s));
    EXPECT_EQ(location.lookup("1001", t0 + 200s).size(), 1u);
    // Expires 0 removes it.
    ASSERT_TRUE(location.bind("1001", binding("sip:1001@127.0.0.1:5062", "a", 3), 0s, t0 + 201s));
    EXPECT_TRUE(location.lookup("1001", t0 + 201s).empty());
    EXPECT_TRUE(location.registered(t0 + 201s).empty());
}

TEST(LocationService, OutOfOrderRegisterIsRefusedAndChangesNothing) {
    LocationService location{{}};
    ASSERT_TRUE(location.bind("1001", binding("sip:1001@h", "a", 5), 120s, t0));
    auto stale = location.bind("1001", binding("sip:1001@h", "a", 5), 0s, t0 + 1s);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, Errc::Conflict);
    EXPECT_EQ(location.lookup("1001", t0 + 1s).size(), 1u);
}

TEST(LocationService, ExpiryIsClampedAndTooBriefRefused) {
    LocationService location{{.min_expires = 60s, .max_expires = 1h, .max_contacts = 2}};
    EXPECT_EQ(*location.grant(0s), 0s);
    EXPECT_EQ(*location.grant(3600s * 5), 1h);
    EXPECT_EQ(*location.grant(300s), 300s);
    EXPECT_FALSE(location.grant(10s));
}

TEST(LocationService, TheOldestBindingMakesRoomAndStarRemovesAll) {
    LocationService location{{.min_expires = 60s, .max_expires = 1h, .max_contacts = 2}};
    ASSERT_TRUE(location.bind("1002", binding("sip:a", "1", 1), 100s, t0));
    ASSERT_TRUE(location.bind("1002", binding("sip:b", "2", 1), 200s, t0));
    ASSERT_TRUE(location.bind("1002", binding("sip:c", "3", 1), 300s, t0));
    auto now = location.lookup("1002", t0);
    ASSERT_EQ(now.size(), 2u);
    EXPECT_EQ(now[0].contact, "sip:b");
    EXPECT_EQ(now[1].contact, "sip:c");
    location.unbind_all("1002");
    EXPECT_TRUE(location.lookup("1002", t0).empty());
}

}  // namespace
}  // namespace markaz::sip
