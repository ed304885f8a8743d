// A trunk's state from its answers to OPTIONS pings (sip/trunk_probes.h): the first result is
// told, a failure alone is not, `failures` in a row are, and one answer brings it back.

#include "sip/trunk_probes.h"

#include <gtest/gtest.h>

namespace markaz::sip {
namespace {

TEST(ProbeState, FailuresInARowMakeATrunkUnreachableAndOneAnswerBringsItBack) {
    ProbeState s;
    EXPECT_EQ(s.record(true, 2), std::optional<bool>(true)) << "the first result is told";
    EXPECT_EQ(s.record(true, 2), std::nullopt);
    EXPECT_EQ(s.record(false, 2), std::nullopt) << "one lost ping is not an outage";
    EXPECT_EQ(s.record(true, 2), std::nullopt) << "and the count starts again";
    EXPECT_EQ(s.record(false, 2), std::nullopt);
    EXPECT_EQ(s.record(false, 2), std::optional<bool>(false));
    EXPECT_EQ(s.record(false, 2), std::nullopt) << "told once";
    EXPECT_EQ(s.record(true, 2), std::optional<bool>(true));
}

TEST(ProbeState, ATrunkDownFromTheStartIsToldOnceItsFailuresAddUp) {
    ProbeState s;
    EXPECT_EQ(s.record(false, 3), std::nullopt);
    EXPECT_EQ(s.record(false, 3), std::nullopt);
    EXPECT_EQ(s.record(false, 3), std::optional<bool>(false));
}

}  // namespace
}  // namespace markaz::sip
