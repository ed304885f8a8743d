#include "media/g711.h"

#include <array>

namespace markaz::media {
namespace {

// The tables are computed at compile time from the ITU reference algorithm, so the code that
// runs per sample is one lookup and the algorithm stays readable here.

constexpr std::int16_t ulaw_decode_reference(std::uint8_t code) {
    // G.711 §2: codes are sent inverted; segment in bits 4..6, mantissa in bits 0..3.
    const int u = static_cast<std::uint8_t>(~code);
    const int bias = 0x84;  // 33 on the 14-bit scale, shifted to 16 bits
    int t = ((u & 0x0F) << 3) + bias;
    t <<= (u & 0x70) >> 4;
    return static_cast<std::int16_t>((u & 0x80) ? (bias - t) : (t - bias));
}

constexpr std::int16_t alaw_decode_reference(std::uint8_t code) {
    // G.711 §3: even bits are inverted (xor 0x55); sign bit set means positive.
    const int a = code ^ 0x55;
    int t = (a & 0x0F) << 4;
    const int segment = (a & 0x70) >> 4;
    if (segment == 0) {
        t += 8;
    } else {
        t += 0x108;
        t <<= segment - 1;
    }
    return static_cast<std::int16_t>((a & 0x80) ? t : -t);
}

/// μ-law from a 14-bit sample (the 16-bit sample shifted right by 2).
/// Negative samples take the one's complement, as ITU-T G.191's g711.c does, so -1..-4 encode
/// to negative zero (0x7F) just as 0..3 encode to positive zero (0xFF). (Sun's g711.c negates
/// instead, which moves every negative sample one 14-bit step away from zero.)
constexpr std::uint8_t ulaw_encode_reference(int sample14) {
    constexpr int kClip = 8159;  // largest 14-bit magnitude μ-law represents
    int mask = 0xFF;
    if (sample14 < 0) {
        sample14 = -sample14 - 1;
        mask = 0x7F;
    }
    if (sample14 > kClip) {
        sample14 = kClip;
    }
    sample14 += 0x84 >> 2;
    int segment = 0;  // first segment whose end (0x3F, 0x7F, ... 0x1FFF) holds the sample
    while (segment < 8 && sample14 > (0x40 << segment) - 1) {
        ++segment;
    }
    if (segment >= 8) {
        return static_cast<std::uint8_t>(0x7F ^ mask);
    }
    const int code = (segment << 4) | ((sample14 >> (segment + 1)) & 0x0F);
    return static_cast<std::uint8_t>(code ^ mask);
}

/// A-law from a 13-bit sample (the 16-bit sample shifted right by 3); negative samples take
/// the one's complement (G.191).
constexpr std::uint8_t alaw_encode_reference(int sample13) {
    int mask = 0xD5;
    if (sample13 < 0) {
        mask = 0x55;
        sample13 = -sample13 - 1;
    }
    int segment = 0;  // first segment whose end (0x1F, 0x3F, ... 0xFFF) holds the sample
    while (segment < 8 && sample13 > (0x20 << segment) - 1) {
        ++segment;
    }
    if (segment >= 8) {
        return static_cast<std::uint8_t>(0x7F ^ mask);
    }
    int code = segment << 4;
    code |= (sample13 >> (segment < 2 ? 1 : segment)) & 0x0F;
    return static_cast<std::uint8_t>(code ^ mask);
}

constexpr auto kUlawDecode = [] {
    std::array<std::int16_t, 256> table{};
    for (int code = 0; code < 256; ++code) {
        table[code] = ulaw_decode_reference(static_cast<std::uint8_t>(code));
    }
    return table;
}();

constexpr auto kAlawDecode = [] {
    std::array<std::int16_t, 256> table{};
    for (int code = 0; code < 256; ++code) {
        table[code] = alaw_decode_reference(static_cast<std::uint8_t>(code));
    }
    return table;
}();

// Encoding depends only on the top 14 (μ) or 13 (A) bits, so 16 KiB and 8 KiB tables cover
// every int16 sample; index = (sample >> shift) + offset.
constexpr auto kUlawEncode = [] {
    std::array<std::uint8_t, 1 << 14> table{};
    for (int i = 0; i < (1 << 14); ++i) {
        table[i] = ulaw_encode_reference(i - (1 << 13));
    }
    return table;
}();

constexpr auto kAlawEncode = [] {
    std::array<std::uint8_t, 1 << 13> table{};
    for (int i = 0; i < (1 << 13); ++i) {
        table[i] = alaw_encode_reference(i - (1 << 12));
    }
    return table;
}();

}  // namespace

std::uint8_t ulaw_encode(std::int16_t sample) noexcept {
    return kUlawEncode[(sample >> 2) + (1 << 13)];
}

std::int16_t ulaw_decode(std::uint8_t code) noexcept {
    return kUlawDecode[code];
}

std::uint8_t alaw_encode(std::int16_t sample) noexcept {
    return kAlawEncode[(sample >> 3) + (1 << 12)];
}

std::int16_t alaw_decode(std::uint8_t code) noexcept {
    return kAlawDecode[code];
}

void ulaw_encode(std::span<const std::int16_t> in, std::span<std::uint8_t> out) noexcept {
    for (std::size_t i = 0; i < in.size() && i < out.size(); ++i) {
        out[i] = ulaw_encode(in[i]);
    }
}

void ulaw_decode(std::span<const std::uint8_t> in, std::span<std::int16_t> out) noexcept {
    for (std::size_t i = 0; i < in.size() && i < out.size(); ++i) {
        out[i] = ulaw_decode(in[i]);
    }
}

void alaw_encode(std::span<const std::int16_t> in, std::span<std::uint8_t> out) noexcept {
    for (std::size_t i = 0; i < in.size() && i < out.size(); ++i) {
        out[i] = alaw_encode(in[i]);
    }
}

void alaw_decode(std::span<const std::uint8_t> in, std::span<std::int16_t> out) noexcept {
    for (std::size_t i = 0; i < in.size() && i < out.size(); ++i) {
        out[i] = alaw_decode(in[i]);
    }
}

std::size_t G711Codec::encode(std::span<const std::int16_t> pcm,
                              std::span<std::uint8_t> out) noexcept {
    if (pcm.empty() || pcm.size() % slice_bytes() != 0 || out.size() < pcm.size()) {
        return 0;
    }
    if (law_ == Law::Mu) {
        ulaw_encode(pcm, out);
    } else {
        alaw_encode(pcm, out);
    }
    return pcm.size();
}

std::size_t G711Codec::decode(std::span<const std::uint8_t> payload,
                              std::span<std::int16_t> out) noexcept {
    if (out.size() < payload.size()) {
        return 0;
    }
    if (law_ == Law::Mu) {
        ulaw_decode(payload, out);
    } else {
        alaw_decode(payload, out);
    }
    return payload.size();
}

}  // namespace markaz::media
