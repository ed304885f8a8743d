#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "common/result.h"
#include "media/codec.h"
#include "media/media_engine.h"
#include "media/mixer.h"
#include "media/wav_recorder.h"

namespace markaz::media {

/// Channels of one worker that hear each other by hearing sets (Mixer): a two-party call, a
/// supervisor listening (hears both, heard by none), whispering (heard by the agent only),
/// barging in or a conference (everyone hears everyone) — the same room with other sets. Its
/// recording keeps the first member (the caller) left and everyone else mixed right, so QA
/// still gets a stereo file of caller and centre when a third party joins.
/// Thread: the worker owning its channels. mix() never allocates.
class Room {
public:
    static constexpr std::size_t kMaxMembers = 16;

    /// A room of `first` alone (the recording's left channel).
    explicit Room(ChannelId first);

    bool has(ChannelId channel) const noexcept;
    /// The channel the room was made with (the recording's left channel), even after it left.
    ChannelId first() const noexcept { return first_; }
    std::size_t size() const noexcept { return members_.size(); }
    const std::vector<ChannelId>& members() const noexcept { return members_; }

    /// Adds `channel`, hearing `hears` and heard by `heard_by` (members of the room).
    /// Conflict when it is a member already, NotFound for a source that is not, Unavailable
    /// when the room is full; on an error nothing changes.
    Result<void> join(ChannelId channel, std::span<const ChannelId> hears,
                      std::span<const ChannelId> heard_by);
    /// Takes `channel` out: nobody hears it any more. NotFound when it is not a member.
    Result<void> leave(ChannelId channel);
    /// `listener` starts or stops hearing `source` (whisper, barge-in, back to listening).
    Result<void> set_hearing(ChannelId listener, ChannelId source, bool hears);

    /// Records the room into `recorder` from the next mix().
    void record(WavRecorder recorder);
    bool recording() const noexcept { return recorder_.has_value(); }
    /// While paused, silence is written: the file keeps the call's timeline (card numbers).
    void pause_recording(bool paused) noexcept { recording_paused_ = paused; }
    /// Completes the recording, if any.
    void close_recording();

    /// One tick: `input(channel)` is each member's decoded frame (kFrameSamples), or an empty
    /// span when it sent nothing; then output() has what each member hears.
    template <class Input>
    void mix(Input&& input) {
        left_.fill(0);
        right_.fill(0);
        for (std::size_t i = 0; i < members_.size(); ++i) {
            std::span<const std::int16_t> frame = input(members_[i]);
            if (frame.size() == kFrameSamples) {
                mixer_.put(ids_[i], frame);
                accumulate(i == 0 && members_[0] == first_ ? left_ : right_, frame);
            }
        }
        mixer_.mix();
        write_recording();
    }
    /// What `channel` hears after the last mix(); empty for one that is not a member.
    std::span<const std::int16_t> output(ChannelId channel) const noexcept;

private:
    using Sum = std::array<std::int32_t, kFrameSamples>;
    static void accumulate(Sum& sum, std::span<const std::int16_t> frame) noexcept;
    std::optional<ParticipantId> id_of(ChannelId channel) const noexcept;
    void write_recording() noexcept;

    ChannelId first_;
    std::vector<ChannelId> members_;
    std::vector<ParticipantId> ids_;  ///< the mixer's id of members_[i]
    std::uint32_t next_id_ = 0;
    Mixer mixer_{kMaxMembers};
    std::optional<WavRecorder> recorder_;
    bool recording_paused_ = false;
    Sum left_{};
    Sum right_{};
};

}  // namespace markaz::media
