#include "config/time_zone.h"

#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

namespace markaz::config {
namespace {

using namespace std::chrono;

WallTime utc(int y, int m, int d, int h = 0, int min = 0) {
    return WallTime{sys_days{year{y} / m / d} + hours{h} + minutes{min}};
}

TEST(TimeZone, TehranKeptSummerTimeUntil2022) {
    auto tehran = load_time_zone("Asia/Tehran");
    ASSERT_TRUE(tehran) << tehran.error().message;
    EXPECT_EQ(tehran->offset_at(utc(2021, 1, 15)), minutes{210});
    EXPECT_EQ(tehran->offset_at(utc(2021, 6, 15)), minutes{270}) << "summer 1400";
    EXPECT_EQ(tehran->offset_at(utc(2021, 3, 21, 20, 29)), minutes{210});
    EXPECT_EQ(tehran->offset_at(utc(2021, 3, 21, 20, 30)), minutes{270}) << "00:00 on 22 March";
    EXPECT_EQ(tehran->offset_at(utc(2023, 6, 15)), minutes{210}) << "none since 2022";
    EXPECT_EQ(tehran->offset_at(utc(2026, 12, 6)), minutes{210});
}

TEST(TimeZone, LondonAndUtc) {
    auto london = load_time_zone("Europe/London");
    ASSERT_TRUE(london);
    EXPECT_EQ(london->offset_at(utc(2026, 7, 1)), minutes{60});
    EXPECT_EQ(london->offset_at(utc(2026, 12, 1)), minutes{0});
    EXPECT_EQ(london->offset_at(utc(2026, 3, 29, 0, 59)), minutes{0});
    EXPECT_EQ(london->offset_at(utc(2026, 3, 29, 1, 0)), minutes{60});
    auto universal = load_time_zone("UTC");
    ASSERT_TRUE(universal);
    EXPECT_EQ(universal->offset_at(utc(2026, 7, 1)), minutes{0});
}

TEST(TimeZone, WrongNamesAndFilesAreNamed) {
    const std::string expected = "(expected an IANA name like Asia/Tehran)";
    for (const char* name : {"Asia/Tehrn", "../../etc/passwd", "/etc/passwd", "", "Asia/Teh ran"}) {
        auto zone = load_time_zone(name);
        ASSERT_FALSE(zone) << name;
        EXPECT_EQ(zone.error().message,
                  "unknown time zone '" + std::string(name) + "' " + expected);
    }
    EXPECT_EQ(parse_tzif("TZif").error().message, "not a TZif file of version 2 or later");
    std::ifstream in("/usr/share/zoneinfo/Asia/Tehran", std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    ASSERT_TRUE(parse_tzif(bytes));
    EXPECT_EQ(parse_tzif(bytes.substr(0, bytes.size() / 2)).error().message,
              "a TZif file cut short");
    std::string version1 = bytes;
    version1[4] = '\0';
    EXPECT_FALSE(parse_tzif(version1));
}

}  // namespace
}  // namespace markaz::config
