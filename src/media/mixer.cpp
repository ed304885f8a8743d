#include "media/mixer.h"

#include <algorithm>
#include <limits>
#include <string>

#include "common/check.h"

namespace markaz::media {
namespace {

std::string name(ParticipantId id) {
    return "participant " + std::to_string(static_cast<std::uint32_t>(id));
}

std::uint64_t bit(int slot) {
    return std::uint64_t{1} << slot;
}

}  // namespace

Mixer::Mixer(std::size_t capacity) : slots_(capacity) {
    MARKAZ_CHECK(capacity >= 1 && capacity <= kMaxParticipants, "mixer capacity must be 1..64");
}

int Mixer::find(ParticipantId id) const noexcept {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        if (slots_[i].used && slots_[i].id == id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

Result<int> Mixer::find_or_fail(ParticipantId id) const {
    const int slot = find(id);
    if (slot < 0) {
        return fail(Errc::NotFound, name(id) + " is not in the mix");
    }
    return slot;
}

bool Mixer::contains(ParticipantId id) const noexcept {
    return find(id) >= 0;
}

std::size_t Mixer::size() const noexcept {
    return static_cast<std::size_t>(
        std::count_if(slots_.begin(), slots_.end(), [](const Slot& s) { return s.used; }));
}

Result<void> Mixer::add(ParticipantId id) {
    if (contains(id)) {
        return fail(Errc::Conflict, name(id) + " is already in the mix");
    }
    const auto free =
        std::find_if(slots_.begin(), slots_.end(), [](const Slot& s) { return !s.used; });
    if (free == slots_.end()) {
        return fail(Errc::Unavailable,
                    "mix is full (" + std::to_string(slots_.size()) + " participants)");
    }
    *free = Slot{};
    free->id = id;
    free->used = true;
    return {};
}

Result<void> Mixer::remove(ParticipantId id) {
    const auto slot = find_or_fail(id);
    if (!slot) {
        return fail(slot.error());
    }
    slots_[*slot].used = false;
    for (auto& s : slots_) {
        s.hears &= ~bit(*slot);  // a later participant in this slot must not inherit listeners
    }
    return {};
}

Result<void> Mixer::set_hears(ParticipantId listener, std::span<const ParticipantId> sources) {
    const auto slot = find_or_fail(listener);
    if (!slot) {
        return fail(slot.error());
    }
    std::uint64_t hears = 0;
    for (const ParticipantId source : sources) {
        const auto source_slot = find_or_fail(source);
        if (!source_slot) {
            return fail(source_slot.error());
        }
        if (*source_slot == *slot) {
            return fail(Errc::InvalidArgument, name(listener) + " cannot hear itself");
        }
        hears |= bit(*source_slot);
    }
    slots_[*slot].hears = hears;
    return {};
}

Result<void> Mixer::set_hearing(ParticipantId listener, ParticipantId source, bool hears) {
    const auto slot = find_or_fail(listener);
    if (!slot) {
        return fail(slot.error());
    }
    const auto source_slot = find_or_fail(source);
    if (!source_slot) {
        return fail(source_slot.error());
    }
    if (*source_slot == *slot) {
        return fail(Errc::InvalidArgument, name(listener) + " cannot hear itself");
    }
    if (hears) {
        slots_[*slot].hears |= bit(*source_slot);
    } else {
        slots_[*slot].hears &= ~bit(*source_slot);
    }
    return {};
}

bool Mixer::hears(ParticipantId listener, ParticipantId source) const noexcept {
    const int slot = find(listener);
    const int source_slot = find(source);
    return slot >= 0 && source_slot >= 0 && (slots_[slot].hears & bit(source_slot)) != 0;
}

bool Mixer::put(ParticipantId id, std::span<const std::int16_t> frame) noexcept {
    const int slot = find(id);
    if (slot < 0 || frame.size() != kFrameSamples) {
        return false;
    }
    std::copy(frame.begin(), frame.end(), slots_[slot].input.begin());
    slots_[slot].has_input = true;
    return true;
}

void Mixer::mix() noexcept {
    constexpr int kLow = std::numeric_limits<std::int16_t>::min();
    constexpr int kHigh = std::numeric_limits<std::int16_t>::max();
    std::array<std::int32_t, kFrameSamples> sum;
    for (auto& listener : slots_) {
        if (!listener.used) {
            continue;
        }
        sum.fill(0);
        for (std::size_t s = 0; s < slots_.size(); ++s) {
            const Slot& source = slots_[s];
            if ((listener.hears & bit(static_cast<int>(s))) == 0 || !source.has_input) {
                continue;
            }
            for (std::size_t i = 0; i < kFrameSamples; ++i) {
                sum[i] += source.input[i];
            }
        }
        for (std::size_t i = 0; i < kFrameSamples; ++i) {
            listener.output[i] = static_cast<std::int16_t>(std::clamp(sum[i], kLow, kHigh));
        }
    }
    for (auto& slot : slots_) {
        slot.has_input = false;
    }
}

std::span<const std::int16_t> Mixer::output(ParticipantId id) const noexcept {
    const int slot = find(id);
    if (slot < 0) {
        return {};
    }
    return slots_[slot].output;
}

}  // namespace markaz::media
