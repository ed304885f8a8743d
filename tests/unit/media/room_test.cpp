// Rooms of N channels: who hears whom as a supervisor listens, whispers and barges in, and
// what the recording keeps (the caller left, everyone else right).

#include "media/room.h"

#include <array>
#include <map>

#include <gtest/gtest.h>

#include "unit/media/test_files.h"

namespace markaz::media {
namespace {

const ChannelId kCaller{1};
const ChannelId kAgent{2};
const ChannelId kSupervisor{3};

using Frame = std::array<std::int16_t, kFrameSamples>;

Frame constant(std::int16_t value) {
    Frame f;
    f.fill(value);
    return f;
}

/// One tick with each channel sending a constant (caller 100, agent 20, supervisor 3), so a
/// mix says by its value who is heard.
void tick(Room& room) {
    static const std::map<ChannelId, Frame> kSent{
        {kCaller, constant(100)}, {kAgent, constant(20)}, {kSupervisor, constant(3)}};
    room.mix([](ChannelId id) { return std::span<const std::int16_t>(kSent.at(id)); });
}

std::int16_t heard(const Room& room, ChannelId who) {
    auto out = room.output(who);
    return out.empty() ? -1 : out[0];
}

Room two_party() {
    Room room{kCaller};
    const std::array<ChannelId, 1> caller{kCaller};
    EXPECT_TRUE(room.join(kAgent, caller, caller));
    return room;
}

TEST(Room, ListenWhisperAndBargeAreHearingSets) {
    Room room = two_party();
    const std::array<ChannelId, 2> both{kCaller, kAgent};
    ASSERT_TRUE(room.join(kSupervisor, both, {}));  // listen
    tick(room);
    EXPECT_EQ(heard(room, kCaller), 20);
    EXPECT_EQ(heard(room, kAgent), 100);
    EXPECT_EQ(heard(room, kSupervisor), 120);

    ASSERT_TRUE(room.set_hearing(kAgent, kSupervisor, true));  // whisper: the agent only
    tick(room);
    EXPECT_EQ(heard(room, kCaller), 20);
    EXPECT_EQ(heard(room, kAgent), 103);

    ASSERT_TRUE(room.set_hearing(kCaller, kSupervisor, true));  // barge: everyone
    tick(room);
    EXPECT_EQ(heard(room, kCaller), 23);
    EXPECT_EQ(heard(room, kAgent), 103);
    EXPECT_EQ(heard(room, kSupervisor), 120);

    ASSERT_TRUE(room.leave(kSupervisor));  // the supervisor hangs up; the call goes on
    tick(room);
    EXPECT_EQ(heard(room, kCaller), 20);
    EXPECT_EQ(heard(room, kAgent), 100);
    EXPECT_EQ(heard(room, kSupervisor), -1);
}

TEST(Room, WrongChangesAreRefusedAndChangeNothing) {
    Room room = two_party();
    const std::array<ChannelId, 1> stranger{ChannelId{9}};
    EXPECT_EQ(room.join(kSupervisor, stranger, {}).error().code, Errc::NotFound);
    EXPECT_FALSE(room.has(kSupervisor));
    const std::array<ChannelId, 1> caller{kCaller};
    EXPECT_EQ(room.join(kAgent, caller, caller).error().code, Errc::Conflict);
    EXPECT_EQ(room.set_hearing(kCaller, ChannelId{9}, true).error().code, Errc::NotFound);
    EXPECT_EQ(room.leave(ChannelId{9}).error().code, Errc::NotFound);
    EXPECT_EQ(room.size(), 2u);
    tick(room);
    EXPECT_EQ(heard(room, kCaller), 20);
}

TEST(Room, TheRecordingKeepsTheCallerLeftAndEveryoneElseRight) {
    test::TempDir dir;
    const std::string path = dir.file("room.wav");
    Room room = two_party();
    auto recorder = WavRecorder::create(path);
    ASSERT_TRUE(recorder) << recorder.error().message;
    room.record(std::move(*recorder));
    tick(room);
    const std::array<ChannelId, 2> both{kCaller, kAgent};
    ASSERT_TRUE(room.join(kSupervisor, both, {}));
    tick(room);
    room.pause_recording(true);
    tick(room);
    room.close_recording();

    test::SoundFile file = test::read_sound_file(path);
    ASSERT_TRUE(file.opened);
    ASSERT_EQ(file.info.channels, 2);
    ASSERT_EQ(file.info.frames, static_cast<sf_count_t>(3 * kFrameSamples));
    auto at = [&](std::size_t tick_index) {
        std::size_t frame = tick_index * kFrameSamples;
        return std::pair{file.at(frame, 0), file.at(frame, 1)};
    };
    EXPECT_EQ(at(0), (std::pair<std::int16_t, std::int16_t>{100, 20}));
    EXPECT_EQ(at(1), (std::pair<std::int16_t, std::int16_t>{100, 23}));  // agent + supervisor
    EXPECT_EQ(at(2), (std::pair<std::int16_t, std::int16_t>{0, 0}));     // paused: silence
}

}  // namespace
}  // namespace markaz::media
