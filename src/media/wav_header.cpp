#include "media/wav_header.h"

#include <cstring>

namespace markaz::media {
namespace {

void put16(std::uint8_t* p, std::uint16_t v) {
    p[0] = static_cast<std::uint8_t>(v);
    p[1] = static_cast<std::uint8_t>(v >> 8);
}

void put32(std::uint8_t* p, std::uint32_t v) {
    put16(p, static_cast<std::uint16_t>(v));
    put16(p + 2, static_cast<std::uint16_t>(v >> 16));
}

}  // namespace

std::array<std::uint8_t, kWavHeaderBytes> wav_header(std::uint32_t data_bytes,
                                                     std::uint32_t sample_rate,
                                                     std::uint16_t channels) {
    constexpr std::uint16_t kBitsPerSample = 16;
    const auto frame_bytes = static_cast<std::uint16_t>(channels * kBitsPerSample / 8);
    std::array<std::uint8_t, kWavHeaderBytes> h{};
    std::memcpy(h.data(), "RIFF", 4);
    put32(h.data() + 4, static_cast<std::uint32_t>(kWavHeaderBytes - 8) + data_bytes);
    std::memcpy(h.data() + 8, "WAVEfmt ", 8);
    put32(h.data() + 16, 16);  // fmt chunk size
    put16(h.data() + 20, 1);   // WAVE_FORMAT_PCM
    put16(h.data() + 22, channels);
    put32(h.data() + 24, sample_rate);
    put32(h.data() + 28, sample_rate * frame_bytes);
    put16(h.data() + 32, frame_bytes);
    put16(h.data() + 34, kBitsPerSample);
    std::memcpy(h.data() + 36, "data", 4);
    put32(h.data() + 40, data_bytes);
    return h;
}

}  // namespace markaz::media
