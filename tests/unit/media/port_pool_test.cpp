#include "media/port_pool.h"

#include <set>
#include <vector>

#include <gtest/gtest.h>

namespace markaz::media {
namespace {

TEST(PortPool, HandsOutEvenPortsOnceAndReusesReleasedOnesLast) {
    PortPool pool{20001, 20009};  // 20002, 20004, 20006, 20008 (20009 is 20008's RTCP)
    EXPECT_EQ(pool.available(), 4u);
    std::set<std::uint16_t> taken;
    for (int i = 0; i < 4; ++i) {
        auto port = pool.acquire();
        ASSERT_TRUE(port);
        EXPECT_EQ(*port % 2, 0);
        EXPECT_TRUE(taken.insert(*port).second);
    }
    EXPECT_FALSE(pool.acquire()) << "an exhausted range says so";
    pool.release(20004);
    pool.release(20002);
    EXPECT_EQ(pool.acquire(), 20004);  // of two free ports, the one released last waits
    EXPECT_EQ(pool.acquire(), 20002);
}

TEST(PortPool, PortsAreDrawnAtRandomSoTheNextCallsPortCannotBeGuessed) {
    // An attacker who sees one call's port must not know where the next call's audio is.
    PortPool first{30000, 31999};
    PortPool second{30000, 31999};
    std::vector<std::uint16_t> a;
    std::vector<std::uint16_t> b;
    for (int i = 0; i < 16; ++i) {
        a.push_back(*first.acquire());
        b.push_back(*second.acquire());
    }
    EXPECT_NE(a, b) << "two servers draw different ports (a chance of 1 in 1000^16 to fail)";
    int steps_of_two = 0;
    for (std::size_t i = 1; i < a.size(); ++i) {
        steps_of_two += a[i] - a[i - 1] == 2 ? 1 : 0;
    }
    EXPECT_LT(steps_of_two, 4) << "not handed out in order";
    std::set<std::uint16_t> distinct(a.begin(), a.end());
    EXPECT_EQ(distinct.size(), a.size());
}

TEST(PortPool, APortJustReleasedIsHandedOutLast) {
    PortPool pool{32000, 32019};  // ten ports
    std::vector<std::uint16_t> taken;
    while (auto port = pool.acquire()) {
        taken.push_back(*port);
    }
    ASSERT_EQ(taken.size(), 10u);
    for (std::uint16_t port : taken) {
        pool.release(port);
    }
    std::set<std::uint16_t> reused;
    for (int i = 0; i < 9; ++i) {
        reused.insert(*pool.acquire());
    }
    EXPECT_FALSE(reused.contains(taken.back())) << "late packets of its call may still come";
    EXPECT_EQ(pool.acquire(), taken.back());
}

TEST(PortPool, AnEmptyRangeHasNothing) {
    PortPool pool{30000, 30000};
    EXPECT_EQ(pool.available(), 0u);
    EXPECT_FALSE(pool.acquire());
}

}  // namespace
}  // namespace markaz::media
