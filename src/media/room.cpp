#include "media/room.h"

#include <algorithm>

namespace markaz::media {

namespace {

std::int16_t saturate(std::int32_t sample) {
    return static_cast<std::int16_t>(std::clamp<std::int32_t>(sample, INT16_MIN, INT16_MAX));
}

}  // namespace

Room::Room(ChannelId first) : first_(first) {
    members_.reserve(kMaxMembers);
    ids_.reserve(kMaxMembers);
    members_.push_back(first);
    ids_.push_back(ParticipantId{next_id_++});
    (void)mixer_.add(ids_.back());
}

bool Room::has(ChannelId channel) const noexcept {
    return id_of(channel).has_value();
}

std::optional<ParticipantId> Room::id_of(ChannelId channel) const noexcept {
    for (std::size_t i = 0; i < members_.size(); ++i) {
        if (members_[i] == channel) {
            return ids_[i];
        }
    }
    return std::nullopt;
}

Result<void> Room::join(ChannelId channel, std::span<const ChannelId> hears,
                        std::span<const ChannelId> heard_by) {
    if (has(channel)) {
        return fail(Errc::Conflict, "room: the channel is in the room already");
    }
    if (members_.size() >= kMaxMembers) {
        return fail(Errc::Unavailable, "room: full");
    }
    for (auto list : {hears, heard_by}) {
        for (ChannelId other : list) {
            if (!has(other)) {
                return fail(Errc::NotFound,
                            "room: a channel it should hear or be heard by is "
                            "not in the room");
            }
        }
    }
    ParticipantId id{next_id_++};
    if (auto added = mixer_.add(id); !added) {
        return added;
    }
    members_.push_back(channel);
    ids_.push_back(id);
    for (ChannelId source : hears) {
        (void)mixer_.set_hearing(id, *id_of(source), true);
    }
    for (ChannelId listener : heard_by) {
        (void)mixer_.set_hearing(*id_of(listener), id, true);
    }
    return {};
}

Result<void> Room::leave(ChannelId channel) {
    for (std::size_t i = 0; i < members_.size(); ++i) {
        if (members_[i] == channel) {
            (void)mixer_.remove(ids_[i]);
            members_.erase(members_.begin() + static_cast<std::ptrdiff_t>(i));
            ids_.erase(ids_.begin() + static_cast<std::ptrdiff_t>(i));
            return {};
        }
    }
    return fail(Errc::NotFound, "room: the channel is not in the room");
}

Result<void> Room::set_hearing(ChannelId listener, ChannelId source, bool hears) {
    auto l = id_of(listener);
    auto s = id_of(source);
    if (!l || !s) {
        return fail(Errc::NotFound, "room: the channel is not in the room");
    }
    return mixer_.set_hearing(*l, *s, hears);
}

void Room::record(WavRecorder recorder) {
    recorder_.emplace(std::move(recorder));
}

void Room::close_recording() {
    if (recorder_) {
        (void)recorder_->close();
        recorder_.reset();
    }
}

std::span<const std::int16_t> Room::output(ChannelId channel) const noexcept {
    auto id = id_of(channel);
    return id ? mixer_.output(*id) : std::span<const std::int16_t>{};
}

void Room::accumulate(Sum& sum, std::span<const std::int16_t> frame) noexcept {
    for (std::size_t s = 0; s < kFrameSamples; ++s) {
        sum[s] += frame[s];
    }
}

void Room::write_recording() noexcept {
    if (!recorder_) {
        return;
    }
    std::array<std::int16_t, kFrameSamples> left{};
    std::array<std::int16_t, kFrameSamples> right{};
    if (!recording_paused_) {
        for (std::size_t s = 0; s < kFrameSamples; ++s) {
            left[s] = saturate(left_[s]);
            right[s] = saturate(right_[s]);
        }
    }
    (void)recorder_->write(left, right);
}

}  // namespace markaz::media
