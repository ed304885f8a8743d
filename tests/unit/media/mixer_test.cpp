// The hears matrix on synthetic PCM. Each participant speaks a constant whose decimal digits
// do not overlap (caller 1, agent 10, supervisor 100, fourth 1000), so every output value says
// exactly which participants were summed into it.

#include "media/mixer.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace markaz::media {
namespace {

using testing::Each;

constexpr ParticipantId kCaller{1};
constexpr ParticipantId kAgent{2};
constexpr ParticipantId kSupervisor{3};
constexpr ParticipantId kFourth{4};

std::array<std::int16_t, kFrameSamples> constant(int value) {
    std::array<std::int16_t, kFrameSamples> frame;
    frame.fill(static_cast<std::int16_t>(value));
    return frame;
}

int voice(ParticipantId id) {
    switch (static_cast<std::uint32_t>(id)) {
        case 1:
            return 1;
        case 2:
            return 10;
        case 3:
            return 100;
        default:
            return 1000;
    }
}

/// The one value every sample of `id`'s output has; -1 when the samples differ.
int heard(const Mixer& mixer, ParticipantId id) {
    const auto out = mixer.output(id);
    if (out.size() != kFrameSamples) {
        return -2;
    }
    for (const auto sample : out) {
        if (sample != out[0]) {
            return -1;
        }
    }
    return out[0];
}

/// Everyone in `ids` speaks their constant, then the mixer mixes.
void speak_and_mix(Mixer& mixer, const std::vector<ParticipantId>& ids) {
    for (const auto id : ids) {
        ASSERT_TRUE(mixer.put(id, constant(voice(id))));
    }
    mixer.mix();
}

void set(Mixer& mixer, ParticipantId listener, std::vector<ParticipantId> sources) {
    const auto result = mixer.set_hears(listener, sources);
    ASSERT_TRUE(result) << result.error().message;
}

Mixer three_parties() {
    Mixer mixer;
    for (const auto id : {kCaller, kAgent, kSupervisor}) {
        EXPECT_TRUE(mixer.add(id));
    }
    return mixer;
}

/// One row of the header's table: who hears whom, and what each must hear.
struct Topology {
    std::string name;
    std::vector<ParticipantId> caller_hears, agent_hears, supervisor_hears;
    int caller_gets, agent_gets, supervisor_gets;
};

class MixerTopology : public testing::TestWithParam<Topology> {};

TEST_P(MixerTopology, EachParticipantHearsExactlyItsSet) {
    const Topology& t = GetParam();
    Mixer mixer = three_parties();
    set(mixer, kCaller, t.caller_hears);
    set(mixer, kAgent, t.agent_hears);
    set(mixer, kSupervisor, t.supervisor_hears);
    speak_and_mix(mixer, {kCaller, kAgent, kSupervisor});
    EXPECT_EQ(heard(mixer, kCaller), t.caller_gets);
    EXPECT_EQ(heard(mixer, kAgent), t.agent_gets);
    EXPECT_EQ(heard(mixer, kSupervisor), t.supervisor_gets);
}

INSTANTIATE_TEST_SUITE_P(
    ContactCenter, MixerTopology,
    testing::Values(
        // Caller and agent talk; the supervisor is in the mixer but connected to nobody.
        Topology{"TwoPartyBridge", {kAgent}, {kCaller}, {}, 10, 1, 0},
        // Hears both, heard by none: neither caller nor agent gets the supervisor's 100.
        Topology{"SilentListener", {kAgent}, {kCaller}, {kCaller, kAgent}, 10, 1, 11},
        // Heard by the agent only: the agent gets caller + supervisor, the caller agent only.
        Topology{"Whisper", {kAgent}, {kCaller, kSupervisor}, {kCaller, kAgent}, 10, 101, 11},
        // Heard by all.
        Topology{"BargeIn",
                 {kAgent, kSupervisor},
                 {kCaller, kSupervisor},
                 {kCaller, kAgent},
                 110,
                 101,
                 11},
        // Nobody hears anybody (everyone on hold): silence, not stale audio.
        Topology{"Isolated", {}, {}, {}, 0, 0, 0}),
    [](const testing::TestParamInfo<Topology>& info) { return info.param.name; });

TEST(Mixer, ThreeAndFourWayConference) {
    Mixer mixer = three_parties();
    set(mixer, kCaller, {kAgent, kSupervisor});
    set(mixer, kAgent, {kCaller, kSupervisor});
    set(mixer, kSupervisor, {kCaller, kAgent});
    speak_and_mix(mixer, {kCaller, kAgent, kSupervisor});
    EXPECT_EQ(heard(mixer, kCaller), 110);
    EXPECT_EQ(heard(mixer, kAgent), 101);
    EXPECT_EQ(heard(mixer, kSupervisor), 11);

    ASSERT_TRUE(mixer.add(kFourth));
    for (const auto id : {kCaller, kAgent, kSupervisor}) {
        ASSERT_TRUE(mixer.set_hearing(id, kFourth, true));
    }
    set(mixer, kFourth, {kCaller, kAgent, kSupervisor});
    speak_and_mix(mixer, {kCaller, kAgent, kSupervisor, kFourth});
    EXPECT_EQ(heard(mixer, kCaller), 1110);
    EXPECT_EQ(heard(mixer, kAgent), 1101);
    EXPECT_EQ(heard(mixer, kSupervisor), 1011);
    EXPECT_EQ(heard(mixer, kFourth), 111);
}

TEST(Mixer, SupervisorMovesFromListenToWhisperToBargeAndLeaves) {
    // The same call, changing only sets between ticks, as the core would post them.
    Mixer mixer = three_parties();
    set(mixer, kCaller, {kAgent});
    set(mixer, kAgent, {kCaller});
    set(mixer, kSupervisor, {kCaller, kAgent});
    speak_and_mix(mixer, {kCaller, kAgent, kSupervisor});
    EXPECT_EQ(heard(mixer, kAgent), 1);  // listening

    ASSERT_TRUE(mixer.set_hearing(kAgent, kSupervisor, true));  // whisper
    speak_and_mix(mixer, {kCaller, kAgent, kSupervisor});
    EXPECT_EQ(heard(mixer, kAgent), 101);
    EXPECT_EQ(heard(mixer, kCaller), 10);

    ASSERT_TRUE(mixer.set_hearing(kCaller, kSupervisor, true));  // barge
    speak_and_mix(mixer, {kCaller, kAgent, kSupervisor});
    EXPECT_EQ(heard(mixer, kCaller), 110);

    ASSERT_TRUE(mixer.remove(kSupervisor));
    EXPECT_FALSE(mixer.hears(kCaller, kSupervisor));
    speak_and_mix(mixer, {kCaller, kAgent});
    EXPECT_EQ(heard(mixer, kCaller), 10);
    EXPECT_EQ(heard(mixer, kAgent), 1);
}

TEST(Mixer, MixesSampleBySample) {
    Mixer mixer;
    ASSERT_TRUE(mixer.add(kCaller));
    ASSERT_TRUE(mixer.add(kAgent));
    ASSERT_TRUE(mixer.add(kSupervisor));
    set(mixer, kSupervisor, {kCaller, kAgent});
    std::array<std::int16_t, kFrameSamples> ramp_up;
    std::array<std::int16_t, kFrameSamples> ramp_down;
    for (std::size_t i = 0; i < kFrameSamples; ++i) {
        ramp_up[i] = static_cast<std::int16_t>(i * 3);
        ramp_down[i] = static_cast<std::int16_t>(-static_cast<int>(i) * 2);
    }
    ASSERT_TRUE(mixer.put(kCaller, ramp_up));
    ASSERT_TRUE(mixer.put(kAgent, ramp_down));
    mixer.mix();
    const auto out = mixer.output(kSupervisor);
    ASSERT_EQ(out.size(), kFrameSamples);
    for (std::size_t i = 0; i < kFrameSamples; ++i) {
        EXPECT_EQ(out[i], static_cast<int>(i)) << i;
    }
}

TEST(Mixer, SaturatesInsteadOfWrapping) {
    Mixer mixer = three_parties();
    set(mixer, kSupervisor, {kCaller, kAgent});
    ASSERT_TRUE(mixer.put(kCaller, constant(30000)));
    ASSERT_TRUE(mixer.put(kAgent, constant(30000)));
    mixer.mix();
    EXPECT_EQ(heard(mixer, kSupervisor), 32767);

    ASSERT_TRUE(mixer.put(kCaller, constant(-30000)));
    ASSERT_TRUE(mixer.put(kAgent, constant(-32768)));
    mixer.mix();
    EXPECT_EQ(heard(mixer, kSupervisor), -32768);

    // Clipping happens once, on the sum: loud opposite signals cancel exactly.
    ASSERT_TRUE(mixer.add(kFourth));
    set(mixer, kSupervisor, {kCaller, kAgent, kFourth});
    ASSERT_TRUE(mixer.put(kCaller, constant(30000)));
    ASSERT_TRUE(mixer.put(kAgent, constant(30000)));
    ASSERT_TRUE(mixer.put(kFourth, constant(-30000)));
    mixer.mix();
    EXPECT_EQ(heard(mixer, kSupervisor), 30000);
}

TEST(Mixer, MissingInputIsSilenceAndInputsLastOneTick) {
    Mixer mixer = three_parties();
    set(mixer, kAgent, {kCaller, kSupervisor});
    speak_and_mix(mixer, {kCaller, kSupervisor});
    EXPECT_EQ(heard(mixer, kAgent), 101);
    speak_and_mix(mixer, {kSupervisor});  // the caller's packet was lost this tick
    EXPECT_EQ(heard(mixer, kAgent), 100);
    mixer.mix();  // nobody spoke
    EXPECT_THAT(mixer.output(kAgent), Each(0));
}

TEST(Mixer, NobodyHearsThemself) {
    Mixer mixer = three_parties();
    set(mixer, kCaller, {kAgent});
    const auto result = mixer.set_hears(kCaller, std::vector{kAgent, kCaller});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::InvalidArgument);
    EXPECT_EQ(result.error().message, "participant 1 cannot hear itself");
    EXPECT_TRUE(mixer.hears(kCaller, kAgent));  // unchanged
    EXPECT_FALSE(mixer.set_hearing(kAgent, kAgent, true));
    EXPECT_FALSE(mixer.hears(kAgent, kAgent));
}

TEST(Mixer, UnknownParticipantsAreErrorsThatChangeNothing) {
    Mixer mixer = three_parties();
    set(mixer, kCaller, {kAgent});
    const auto result = mixer.set_hears(kCaller, std::vector{kSupervisor, kFourth});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::NotFound);
    EXPECT_EQ(result.error().message, "participant 4 is not in the mix");
    EXPECT_TRUE(mixer.hears(kCaller, kAgent));
    EXPECT_FALSE(mixer.hears(kCaller, kSupervisor));

    EXPECT_FALSE(mixer.remove(kFourth));
    EXPECT_FALSE(mixer.set_hearing(kFourth, kCaller, true));
    EXPECT_FALSE(mixer.put(kFourth, constant(1)));
    EXPECT_TRUE(mixer.output(kFourth).empty());
}

TEST(Mixer, RejectsWrongFrameSizes) {
    Mixer mixer = three_parties();
    std::array<std::int16_t, 80> half{};
    EXPECT_FALSE(mixer.put(kCaller, half));
}

TEST(Mixer, AddRemoveAndCapacity) {
    Mixer mixer(2);
    ASSERT_TRUE(mixer.add(kCaller));
    const auto again = mixer.add(kCaller);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::Conflict);
    ASSERT_TRUE(mixer.add(kAgent));
    const auto full = mixer.add(kSupervisor);
    ASSERT_FALSE(full);
    EXPECT_EQ(full.error().code, Errc::Unavailable);
    EXPECT_EQ(full.error().message, "mix is full (2 participants)");
    EXPECT_EQ(mixer.size(), 2u);

    set(mixer, kCaller, {kAgent});
    ASSERT_TRUE(mixer.remove(kAgent));
    EXPECT_FALSE(mixer.contains(kAgent));
    // The newcomer takes the freed slot but not the old participant's listeners.
    ASSERT_TRUE(mixer.add(kSupervisor));
    EXPECT_FALSE(mixer.hears(kCaller, kSupervisor));
    speak_and_mix(mixer, {kCaller, kSupervisor});
    EXPECT_EQ(heard(mixer, kCaller), 0);
    EXPECT_EQ(heard(mixer, kSupervisor), 0);
}

TEST(Mixer, SixtyFourParticipantConference) {
    Mixer mixer(Mixer::kMaxParticipants);
    std::vector<ParticipantId> ids;
    for (std::uint32_t i = 0; i < Mixer::kMaxParticipants; ++i) {
        ids.push_back(ParticipantId{100 + i});
        ASSERT_TRUE(mixer.add(ids.back()));
    }
    for (const auto id : ids) {
        std::vector<ParticipantId> others;
        for (const auto other : ids) {
            if (other != id) {
                others.push_back(other);
            }
        }
        set(mixer, id, others);
        ASSERT_TRUE(mixer.put(id, constant(static_cast<int>(id) - 100)));
    }
    mixer.mix();
    const int total = 63 * 64 / 2;  // 0 + 1 + ... + 63
    for (const auto id : ids) {
        EXPECT_EQ(heard(mixer, id), total - (static_cast<int>(id) - 100));
    }
}

}  // namespace
}  // namespace markaz::media
