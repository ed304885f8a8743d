#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace markaz::loadgen {

// The load generator numbers every 20 ms frame it sends *inside the audio*, so that the far
// side can tell which frames came through Markaz (jitter buffer, decode, mix, encode) and
// which were lost anywhere on the way. Markaz re-encodes what it forwards with its own RTP
// sequence numbers, so those cannot show loss inside the switch; the audio can, because
// G.711 μ-law decode-then-encode gives back every code except 0x7F, and a two-party mix
// passes one side's samples through unchanged.

inline constexpr std::size_t kStampBytes = 10;

/// Writes `frame` number into the first kStampBytes of a μ-law payload (a marker, eight
/// nibbles and a check nibble, all codes that survive decode/encode); the rest of the payload
/// is left as it is (a tone, so the stream is audio like any other).
void stamp_frame(std::uint32_t frame, std::span<std::uint8_t> payload) noexcept;

/// Where a stamp may start in a received payload: Markaz plays audio out in 10 ms slices
/// (media/inbound_audio.h), and its jitter buffer may settle its delay by one slice, so a
/// frame's stamp arrives at the start of a packet or at any 10 ms (80 bytes) into it.
inline constexpr std::size_t kStampSliceBytes = 80;

/// The number stamped in a received μ-law payload (at a kStampSliceBytes boundary); nullopt
/// when there is none (silence, Markaz's concealment of a lost frame, a prompt, or a damaged
/// frame).
std::optional<std::uint32_t> read_stamp(std::span<const std::uint8_t> payload) noexcept;

}  // namespace markaz::loadgen
