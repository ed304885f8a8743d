#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/result.h"
#include "media/codec.h"

namespace markaz::media {

/// Names a participant of one Mixer; the engine picks it (e.g. the leg's slot in the worker).
enum class ParticipantId : std::uint32_t {};

/// An N-party mix in which each participant has a "hears" set: the participants whose audio
/// is summed into what it hears. The usual contact-center topologies are the same mechanism
/// with different sets, so no special cases exist for them:
///
///   | topology        | caller hears | agent hears       | supervisor hears |
///   | two-party       | agent        | caller            | -                |
///   | silent listen   | agent        | caller            | caller, agent    |
///   | whisper (coach) | agent        | caller, supervisor| caller, agent    |
///   | barge-in        | agent, sup.  | caller, supervisor| caller, agent    |
///   | conference      | everyone else, for every participant                   |
///
/// A participant never hears itself (that would be echo). Each tick the engine put()s every
/// participant's decoded 160-sample frame, calls mix(), then reads output() for each to encode.
/// Sums are taken in 32 bits and saturated to int16 once, so loud inputs clip instead of
/// wrapping around.
///
/// All buffers are allocated by the constructor; put/mix/output never allocate or lock.
/// Thread: the worker owning the call; hears-set changes are posted to that worker.
class Mixer {
public:
    static constexpr std::size_t kMaxParticipants = 64;  // a hears set is one 64-bit mask

    /// Room for `capacity` participants (1..64).
    explicit Mixer(std::size_t capacity = 8);

    /// Adds a participant that hears nobody and is heard by nobody.
    /// Conflict if it is already there, Unavailable when the mixer is full.
    Result<void> add(ParticipantId id);
    /// Removes a participant and takes it out of every hears set. NotFound if absent.
    Result<void> remove(ParticipantId id);
    bool contains(ParticipantId id) const noexcept;
    std::size_t size() const noexcept;

    /// Replaces what `listener` hears. Every source must be a participant other than the
    /// listener; on an error nothing changes.
    Result<void> set_hears(ParticipantId listener, std::span<const ParticipantId> sources);
    /// Adds or removes one source in `listener`'s set, with the same checks.
    Result<void> set_hearing(ParticipantId listener, ParticipantId source, bool hears);
    bool hears(ParticipantId listener, ParticipantId source) const noexcept;

    /// This tick's audio from `id`: exactly kFrameSamples samples. False (and nothing stored)
    /// for an unknown participant or a wrong size. A participant that puts nothing in a tick is
    /// silent in that tick's mix.
    bool put(ParticipantId id, std::span<const std::int16_t> frame) noexcept;
    /// Computes every participant's output from this tick's inputs, then clears the inputs.
    void mix() noexcept;
    /// What `id` hears after the last mix(); empty for an unknown participant.
    std::span<const std::int16_t> output(ParticipantId id) const noexcept;

private:
    using Frame = std::array<std::int16_t, kFrameSamples>;
    struct Slot {
        ParticipantId id{};
        bool used = false;
        bool has_input = false;
        std::uint64_t hears = 0;  // bit i: hears slot i
        Frame input{};
        Frame output{};
    };

    int find(ParticipantId id) const noexcept;  // slot index or -1
    Result<int> find_or_fail(ParticipantId id) const;

    std::vector<Slot> slots_;
};

}  // namespace markaz::media
