#pragma once

// The canonical 44-byte header of a 16-bit PCM WAV file (RIFF, a 16-byte "fmt " chunk, "data"),
// which the recorder writes and the sealed-recording reader puts in front of decrypted audio.

#include <array>
#include <cstdint>

namespace markaz::media {

inline constexpr std::size_t kWavHeaderBytes = 44;
// The RIFF size field is 32 bits and counts everything after the first 8 bytes.
inline constexpr std::uint64_t kMaxWavDataBytes = 0xFFFFFFFFull - (kWavHeaderBytes - 8);

std::array<std::uint8_t, kWavHeaderBytes> wav_header(std::uint32_t data_bytes,
                                                     std::uint32_t sample_rate,
                                                     std::uint16_t channels);

}  // namespace markaz::media
