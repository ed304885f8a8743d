#include "media/port_pool.h"

#include <set>

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
    EXPECT_EQ(pool.acquire(), 20004);  // first released, first reused
    EXPECT_EQ(pool.acquire(), 20002);
}

TEST(PortPool, AnEmptyRangeHasNothing) {
    PortPool pool{30000, 30000};
    EXPECT_EQ(pool.available(), 0u);
    EXPECT_FALSE(pool.acquire());
}

}  // namespace
}  // namespace markaz::media
