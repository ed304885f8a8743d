// Range headers for the recordings: one range in its three forms, clipped to the file and to
// the part size; what the RFC lets a server ignore gives the whole file; a start past the end
// is 416.

#include "api/byte_range.h"

#include <gtest/gtest.h>

namespace markaz::api {
namespace {

using Kind = ByteRangeAnswer::Kind;

void expect_part(std::string_view header, std::uint64_t first, std::uint64_t last) {
    const ByteRangeAnswer a = answer_range(header, 1000, 300);
    EXPECT_EQ(a.kind, Kind::Part) << header;
    EXPECT_EQ(a.first, first) << header;
    EXPECT_EQ(a.last, last) << header;
}

TEST(ByteRange, OneRangeInEachForm) {
    expect_part("bytes=0-99", 0, 99);
    expect_part("bytes=950-", 950, 999);
    expect_part("bytes=-10", 990, 999);
    expect_part("bytes=990-5000", 990, 999);  // clipped to the file
    expect_part("bytes=0-", 0, 299);          // at most one part: the client asks again
    expect_part("bytes=-2000", 0, 299);
}

TEST(ByteRange, WhatTheRfcLetsUsIgnoreGivesTheWholeFile) {
    for (std::string_view header :
         {"", "items=0-1", "bytes=", "bytes=5", "bytes=a-b", "bytes=0-1,5-6", "bytes=9-3",
          "bytes=--1", "bytes=-", "bytes=1-2-3", "bytes=18446744073709551616-"}) {
        EXPECT_EQ(answer_range(header, 1000, 300).kind, Kind::Whole) << header;
    }
}

TEST(ByteRange, AStartPastTheEndCannotBeSatisfied) {
    EXPECT_EQ(answer_range("bytes=1000-", 1000, 300).kind, Kind::Unsatisfiable);
    EXPECT_EQ(answer_range("bytes=-0", 1000, 300).kind, Kind::Unsatisfiable);
    EXPECT_EQ(answer_range("bytes=0-", 0, 300).kind, Kind::Unsatisfiable);
}

}  // namespace
}  // namespace markaz::api
