#include "loadgen/frame_stamp.h"

namespace markaz::loadgen {

namespace {

constexpr std::uint8_t kMarker = 0x5A;
// μ-law codes 0x20-0x2F: mid-range samples, all of which round-trip through decode/encode.
constexpr std::uint8_t kNibbleBase = 0x20;

}  // namespace

void stamp_frame(std::uint32_t frame, std::span<std::uint8_t> payload) noexcept {
    if (payload.size() < kStampBytes) {
        return;
    }
    payload[0] = kMarker;
    std::uint8_t check = 0;
    for (int i = 0; i < 8; ++i) {
        auto nibble = static_cast<std::uint8_t>((frame >> (28 - 4 * i)) & 0xF);
        check ^= nibble;
        payload[1 + i] = static_cast<std::uint8_t>(kNibbleBase + nibble);
    }
    payload[9] = static_cast<std::uint8_t>(kNibbleBase + check);
}

namespace {

std::optional<std::uint32_t> stamp_at_start(std::span<const std::uint8_t> payload) noexcept {
    if (payload.size() < kStampBytes || payload[0] != kMarker) {
        return std::nullopt;
    }
    std::uint32_t frame = 0;
    std::uint8_t check = 0;
    for (int i = 0; i < 9; ++i) {
        std::uint8_t code = payload[1 + i];
        if (code < kNibbleBase || code > kNibbleBase + 0xF) {
            return std::nullopt;
        }
        auto nibble = static_cast<std::uint8_t>(code - kNibbleBase);
        if (i < 8) {
            frame = (frame << 4) | nibble;
            check ^= nibble;
        } else if (nibble != check) {
            return std::nullopt;
        }
    }
    return frame;
}

}  // namespace

std::optional<std::uint32_t> read_stamp(std::span<const std::uint8_t> payload) noexcept {
    for (std::size_t at = 0; at + kStampBytes <= payload.size(); at += kStampSliceBytes) {
        if (auto frame = stamp_at_start(payload.subspan(at))) {
            return frame;
        }
    }
    return std::nullopt;
}

}  // namespace markaz::loadgen
